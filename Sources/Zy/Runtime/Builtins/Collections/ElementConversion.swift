/// Element types of containers: Julia's `promote_typejoin` (what `collect`,
/// comprehensions and `broadcast` narrow to) and `convert` to a declared
/// element type (what `setindex!` and `push!` do).
extension CollectionSupport {
    /// `promote_typejoin` over the types of some values: equal types stay,
    /// different types join at their nearest common supertype (`Int64` and
    /// `Float64` give `Real`, as Julia's comprehensions do).
    static func typejoin(_ types: [ZyType]) -> ZyType {
        guard var t = types.first else { return .any }
        for u in types.dropFirst() where u != t {
            t = join(t, u)
            if t == .any { return .any }
        }
        return t
    }

    static func join(_ a: ZyType, _ b: ZyType) -> ZyType {
        if a == b { return a }
        if b.isSubtype(of: a) { return a }
        if a.isSubtype(of: b) { return b }
        if case .tuple(let xs) = a, case .tuple(let ys) = b {
            return xs.count == ys.count ? .tuple(zip(xs, ys).map { join($0, $1) }) : .anyTuple
        }
        if case .pair(let a1?, let a2?) = a, case .pair(let b1?, let b2?) = b {
            return .pair(join(a1, b1), join(a2, b2))
        }
        if case .array(_, let da) = a, case .array(_, let db) = b {
            return da == db ? .array(element: nil, dims: da) : .array(element: nil, dims: nil)
        }
        var p: ZyType? = a.supertype
        while let s = p {
            if b.isSubtype(of: s) { return s }
            p = s.supertype
        }
        return .any
    }

    /// Julia's `convert(T, v)` for a container's element type `T`.
    /// Numbers convert exactly or throw `InexactError`; anything else must
    /// already be a `T`, else `MethodError: Cannot convert…`.
    static func convert(_ v: Value, to t: ZyType, _ g: Globals) throws -> Value {
        switch (t, v) {
        case (.float64, .float): return v
        case (.float64, .int), (.float64, .bool), (.float64, .rational): return .float(asDouble(v))
        case (.int64, .int): return v
        case (.int64, .bool(let b)): return .int(b ? 1 : 0)
        case (.int64, .float(let d)):
            if let i = Int(exactly: d) { return .int(i) }
            throw Exceptions.inexactError("Int64", .int64, v)
        case (.int64, .rational(let n, let d)):
            if d == 1 { return .int(n) }
            throw Exceptions.inexactError("Int64", .int64, v)
        case (.bool, .int(let i)):
            if i == 0 || i == 1 { return .bool(i == 1) }
            throw Exceptions.inexactError("Bool", .bool, v)
        case (.bool, .float(let d)):
            if d == 0 || d == 1 { return .bool(d == 1) }
            throw Exceptions.inexactError("Bool", .bool, v)
        case (.complex(.float64?), .complex(let re, let im)):
            return .complex(.float(asDouble(re)), .float(asDouble(im)))
        case (.complex(.float64?), .int), (.complex(.float64?), .float), (.complex(.float64?), .bool):
            return .complex(.float(asDouble(v)), .float(0))
        case (.complex(.int64?), .int(let i)): return .complex(.int(i), .int(0))
        case (.rational(.int64?), .int(let i)): return .rational(i, 1)
        default: break
        }
        if v.isa(t) { return v }
        if case .array(let e?, let d?) = t, case .array(let a) = v, a.dims.count == d {
            let xs = try elements(a).map { try convert($0, to: e, g) }
            return .array(makeArray(xs, elementType: e, dims: a.dims))
        }
        throw methodError(g, "convert", [.type(t), v])
    }

    /// Converts every value, for a declared element type.
    static func convertAll(_ vs: [Value], to t: ZyType, _ g: Globals) throws -> [Value] {
        if t == .any { return vs }
        return try vs.map { try convert($0, to: t, g) }
    }

    /// The element type after storing values of type `u` into a container
    /// of element type `t` whose type may widen (used by `vcat` and friends,
    /// which promote like array literals).
    static func promoteElement(_ t: ZyType, _ u: ZyType) -> ZyType {
        ZyType.promote(t, u) ?? (u.isSubtype(of: t) ? t : join(t, u))
    }

    /// Julia's `zero(T)` for the element types the runtime can name.
    static func zero(of t: ZyType) -> Value? {
        switch t {
        case .float64: return .float(0)
        case .int64: return .int(0)
        case .bool: return .bool(false)
        case .complex(.float64?): return .complex(.float(0), .float(0))
        case .complex(.int64?): return .complex(.int(0), .int(0))
        case .rational: return .rational(0, 1)
        default: return nil
        }
    }

    static func one(of t: ZyType) -> Value? {
        switch t {
        case .float64: return .float(1)
        case .int64: return .int(1)
        case .bool: return .bool(true)
        case .complex(.float64?): return .complex(.float(1), .float(0))
        case .complex(.int64?): return .complex(.int(1), .int(0))
        case .rational: return .rational(1, 1)
        default: return nil
        }
    }
}
