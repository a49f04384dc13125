/// Equality, ordering and hashing of values inside collections. Common
/// scalars are compared here directly; anything else calls the Zy generic
/// function (`==`, `isless`), so user methods take part.
extension CollectionSupport {
    /// Julia's `==`: numbers by value across types, containers elementwise.
    static func equal(_ a: Value, _ b: Value, _ g: Globals, _ ctx: CallContext) throws -> Bool {
        if let r = numericCompare(a, b) { return r == 0 }
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.symbol(let x), .symbol(let y)): return x === y
        case (.char(let x), .char(let y)): return x == y
        case (.nothing, .nothing): return true
        case (.tuple(let xs), .tuple(let ys)): return try equalLists(xs, ys, g, ctx)
        case (.pair(let a1, let a2), .pair(let b1, let b2)):
            if !(try equal(a1, b1, g, ctx)) { return false }
            return try equal(a2, b2, g, ctx)
        case (.namedTuple(let x), .namedTuple(let y)):
            if x.names != y.names { return false }
            return try equalLists(x.values, y.values, g, ctx)
        case (.array, _), (.range, _), (_, .array), (_, .range):
            guard let x = arrayLike(a), let y = arrayLike(b) else { return false }
            if x.dims != y.dims { return false }
            if case .float(let xs) = x.storage, case .float(let ys) = y.storage { return xs == ys }
            return try equalLists(elements(x), elements(y), g, ctx)
        case (.dict(let x), .dict(let y)):
            if x.keys.count != y.keys.count { return false }
            for (k, v) in zip(x.keys, x.values) {
                guard let j = y.index[hashKey(k)] else { return false }
                if !(try equal(v, y.values[j], g, ctx)) { return false }
            }
            return true
        default: break
        }
        let r = try call(g, "==", [a, b], ctx)
        if case .bool(let t) = r { return t }
        return false
    }

    static func equalLists(_ xs: [Value], _ ys: [Value], _ g: Globals, _ ctx: CallContext) throws -> Bool {
        guard xs.count == ys.count else { return false }
        for (x, y) in zip(xs, ys) where !(try equal(x, y, g, ctx)) { return false }
        return true
    }

    /// Julia's `isequal`: like `==` but `NaN` equals itself and `-0.0`
    /// differs from `0.0`; this is exactly equality of hash keys for the
    /// values hash keys distinguish.
    static func isEqual(_ a: Value, _ b: Value, _ g: Globals, _ ctx: CallContext) throws -> Bool {
        switch (a, b) {
        case (.tuple(let xs), .tuple(let ys)):
            guard xs.count == ys.count else { return false }
            for (x, y) in zip(xs, ys) where !(try isEqual(x, y, g, ctx)) { return false }
            return true
        case (.array, _), (.range, _), (_, .array), (_, .range):
            guard let x = arrayLike(a), let y = arrayLike(b), x.dims == y.dims else { return false }
            let xs = elements(x), ys = elements(y)
            for (p, q) in zip(xs, ys) where !(try isEqual(p, q, g, ctx)) { return false }
            return true
        case (.structValue, _), (_, .structValue), (.dict, _):
            return try equal(a, b, g, ctx)
        default:
            return hashKey(a) == hashKey(b)
        }
    }

    /// -1, 0, 1 for two real numbers (NaN compares unordered: nil), nil
    /// when either is not a real number the runtime stores inline.
    static func numericCompare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.float(let x), .float(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.int, .float), (.float, .int), (.bool, _), (_, .bool), (.rational, _), (_, .rational):
            guard isReal(a), isReal(b) else { return nil }
            if case .rational(let n1, let d1) = a, case .rational(let n2, let d2) = b {
                let l = n1.multipliedFullWidth(by: d2), r = n2.multipliedFullWidth(by: d1)
                return (l.high, l.low) < (r.high, r.low) ? -1 : ((l.high == r.high && l.low == r.low) ? 0 : 1)
            }
            let x = asDouble(a), y = asDouble(b)
            if x.isNaN || y.isNaN { return nil }
            if case .int(let i) = a, case .float(let d) = b { return -compareIntDouble(i, d) }
            if case .float(let d) = a, case .int(let i) = b { return compareIntDouble(i, d) }
            return x < y ? -1 : (x == y ? 0 : 1)
        default: return nil
        }
    }

    /// Exact comparison of an Int with a Double (`2^53 + 1 != 2.0^53`): the
    /// sign of `d - i`.
    static func compareIntDouble(_ i: Int, _ d: Double) -> Int {
        if d >= 9.3e18 { return 1 }
        if d <= -9.3e18 { return -1 }
        let t = d.rounded(.towardZero)
        guard let ti = Int(exactly: t) else { return d > 0 ? 1 : -1 }
        if ti != i { return ti < i ? -1 : 1 }
        return d > t ? 1 : (d < t ? -1 : 0)
    }

    static func isReal(_ v: Value) -> Bool {
        switch v {
        case .int, .float, .bool, .rational: return true
        default: return false
        }
    }

    /// Julia's `isless` (the default sort order): numbers by value with NaN
    /// last and `-0.0 < 0.0`, strings and symbols lexicographically by code
    /// point, tuples lexicographically.
    static func isLess(_ a: Value, _ b: Value, _ g: Globals, _ ctx: CallContext) throws -> Bool {
        switch (a, b) {
        case (.float(let x), .float(let y)):
            if x.isNaN || y.isNaN { return !x.isNaN && y.isNaN }
            if x == 0 && y == 0 { return x.sign == .minus && y.sign == .plus }
            return x < y
        case (.float(let x), _) where x.isNaN && isReal(b): return false
        case (_, .float(let y)) where y.isNaN && isReal(a): return true
        case (.string(let x), .string(let y)): return Array(x.unicodeScalars.map(\.value)).lexicographicallyPrecedes(y.unicodeScalars.map(\.value))
        case (.symbol(let x), .symbol(let y)): return Array(x.name.unicodeScalars.map(\.value)).lexicographicallyPrecedes(y.name.unicodeScalars.map(\.value))
        case (.char(let x), .char(let y)): return x.unicodeScalars.map(\.value).lexicographicallyPrecedes(y.unicodeScalars.map(\.value))
        case (.tuple(let xs), .tuple(let ys)):
            for (x, y) in zip(xs, ys) {
                if try isLess(x, y, g, ctx) { return true }
                if try isLess(y, x, g, ctx) { return false }
            }
            return xs.count < ys.count
        default:
            if let c = numericCompare(a, b) { return c < 0 }
        }
        let r = try call(g, "isless", [a, b], ctx)
        if case .bool(let t) = r { return t }
        throw Exceptions.typeError("if", expected: .bool, got: r)
    }
}
