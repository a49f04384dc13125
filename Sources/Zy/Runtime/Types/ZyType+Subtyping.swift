/// Julia's subtype relation on the types Zy has, and `isa`.
extension ZyType {
    /// `self <: other`.
    public func isSubtype(of other: ZyType) -> Bool {
        if self == other { return true }
        switch other {
        case .any: return true
        case .typeOf: return false
        default: break
        }
        // Parametric families: a fully or partly unconstrained pattern.
        switch (self, other) {
        case (.complex, .complex(nil)), (.rational, .rational(nil)): return true
        case (.pair(let a?, let b?), .pair(let pa, let pb)):
            return (pa == nil || pa == a) && (pb == nil || pb == b)
        case (.dict, .dict(nil, nil)): return true
        case (.dict(let k, let v), .dict(let pk, let pv)):
            return (pk == nil || pk == k) && (pv == nil || pv == v)
        case (.array(let e, let d), .array(let pe, let pd)):
            return (pe == nil || pe == e) && (pd == nil || pd == d)
        case (.array(let e, let d), .abstractArray(let pe, let pd)):
            return (pe == nil || pe == e) && (pd == nil || pd == d)
        case (.unitRange, .abstractArray(let pe, let pd)), (.stepRange, .abstractArray(let pe, let pd)):
            return (pe == nil || pe == .int64) && (pd == nil || pd == 1)
        case (.abstractArray(let e, let d), .abstractArray(let pe, let pd)):
            return (pe == nil || pe == e) && (pd == nil || pd == d)
        case (.tuple(let ts), .tuple(let ps)):
            // Tuples are covariant.
            return ts.count == ps.count && zip(ts, ps).allSatisfy { $0.isSubtype(of: $1) }
        case (.tuple, .anyTuple), (.namedTuple, .anyNamedTuple): return true
        default: break
        }
        guard let parent = supertype else { return false }
        return parent.isSubtype(of: other)
    }

    /// The declared supertype (Julia's `supertype`); nil only for `Any`.
    public var supertype: ZyType? {
        switch self {
        case .any: return nil
        case .number, .function, .exception, .abstractString, .abstractDict,
             .anyTuple, .anyNamedTuple, .nothing, .symbol, .char, .dataType, .box, .typeOf:
            return .any
        case .real, .complex: return .number
        case .integer, .abstractFloat, .rational: return .real
        case .signed, .bool: return .integer
        case .int64: return .signed
        case .float64: return .abstractFloat
        case .string: return .abstractString
        case .abstractArray(let e, let d):
            if e != nil { return .abstractArray(element: nil, dims: d) }
            if d != nil { return .abstractArray(element: nil, dims: nil) }
            return .any
        case .abstractRange: return .abstractArray(element: nil, dims: 1)
        case .unitRange, .stepRange: return .abstractRange
        case .array(let e, let d): return .abstractArray(element: e, dims: d)
        case .dict: return .abstractDict
        case .tuple: return .anyTuple
        case .namedTuple: return .anyNamedTuple
        case .pair: return .any
        case .functionType, .closureType: return .function
        case .structType(let ref): return ref.type.supertype
        }
    }

    /// True for types that have no instances of their own.
    public var isAbstract: Bool {
        switch self {
        case .any, .number, .real, .integer, .signed, .abstractFloat, .abstractString,
             .function, .exception, .abstractArray, .abstractDict, .abstractRange,
             .anyTuple, .anyNamedTuple:
            return true
        case .complex(let t), .rational(let t): return t == nil
        case .pair(let a, let b): return a == nil || b == nil
        case .array(let e, let d): return e == nil || d == nil
        case .dict(let k, let v): return k == nil || v == nil
        default: return false
        }
    }
}

extension Value {
    /// Julia's `typeof`.
    public var type: ZyType {
        switch self {
        case .nothing: return .nothing
        case .bool: return .bool
        case .int: return .int64
        case .float: return .float64
        case .complex(let re, _): return .complex(re.type)
        case .rational: return .rational(.int64)
        case .char: return .char
        case .string: return .string
        case .symbol: return .symbol
        case .tuple(let vs): return .tuple(vs.map(\.type))
        case .namedTuple(let nt): return .namedTuple(names: nt.names.map(\.name), types: nt.values.map(\.type))
        case .pair(let a, let b): return .pair(a.type, b.type)
        case .range(let r): return r.isUnit ? .unitRange : .stepRange
        case .array(let a): return .array(element: a.elementType, dims: a.dims.count)
        case .dict(let d): return .dict(key: d.keyType, value: d.valueType)
        case .function(let f): return .functionType(f.name)
        case .closure(let c): return .closureType(c.body.name)
        case .structValue(let s): return .structType(StructTypeRef(s.type))
        case .type: return .dataType
        case .box: return .box
        }
    }

    /// Julia's `isa`. `Type{T}` matches exactly the type value `T`.
    public func isa(_ t: ZyType) -> Bool {
        if case .typeOf(let expected) = t {
            if case .type(let actual) = self { return actual == expected }
            return false
        }
        return type.isSubtype(of: t)
    }
}
