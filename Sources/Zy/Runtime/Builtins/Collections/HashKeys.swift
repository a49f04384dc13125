/// The `HashKey` of a value: equal exactly when Julia's `isequal` holds,
/// so `1`, `1.0`, `true` and `1//1` are one key, `NaN` is one key, and
/// `-0.0` is a different key from `0.0`.
extension CollectionSupport {
    private static let nanKey = HashKey.tuple([.nothing, .symbol(.named("#NaN"))])
    private static let negativeZeroKey = HashKey.tuple([.nothing, .symbol(.named("#-0.0"))])

    static func hashKey(_ v: Value) -> HashKey {
        switch v {
        case .nothing: return .nothing
        case .bool(let b): return .number(b ? 1 : 0, 0)
        case .int(let i): return intKey(i)
        case .float(let d): return floatKey(d)
        case .rational(let n, let d):
            if d == 1 { return intKey(n) }
            if d > 0, d & (d - 1) == 0, n.magnitude < (1 << 53) { return .number(Double(n) / Double(d), 0) }
            return .rational(n, d)
        case .complex(let re, let im):
            let imKey = hashKey(im)
            if imKey == .number(0, 0) { return hashKey(re) }
            return .tuple([.symbol(.named("#complex")), hashKey(re), imKey])
        case .char(let c): return .char(c)
        case .string(let s): return .string(s)
        case .symbol(let s): return .symbol(s)
        case .tuple(let vs): return .tuple(vs.map(hashKey))
        case .namedTuple(let nt):
            return .tuple([.symbol(.named("#namedtuple"))] + nt.names.map { .symbol($0) } + nt.values.map(hashKey))
        case .pair(let a, let b): return .tuple([.symbol(.named("#pair")), hashKey(a), hashKey(b)])
        case .range, .array:
            guard let a = arrayLike(v) else { return .nothing }
            return .tuple([.symbol(.named("#array"))] + a.dims.map { .exactInt($0) } + elements(a).map(hashKey))
        case .type(let t): return .tuple([.symbol(.named("#type")), .string(t.description)])
        case .structValue(let s):
            if s.type.isMutable { return .object(ObjectIdentifier(s)) }
            return .tuple([.object(ObjectIdentifier(s.type))] + s.fields.map(hashKey))
        case .dict(let d): return .object(ObjectIdentifier(d))
        case .function(let f): return .object(ObjectIdentifier(f))
        case .closure(let c): return .object(ObjectIdentifier(c))
        case .box(let b): return .object(ObjectIdentifier(b))
        }
    }

    private static func intKey(_ i: Int) -> HashKey {
        i.magnitude <= (1 << 53) ? .number(Double(i), 0) : .exactInt(i)
    }

    private static func floatKey(_ d: Double) -> HashKey {
        if d.isNaN { return nanKey }
        if d == 0 && d.sign == .minus { return negativeZeroKey }
        if d.magnitude > 9007199254740992, let i = Int(exactly: d) { return .exactInt(i) }
        return .number(d, 0)
    }
}
