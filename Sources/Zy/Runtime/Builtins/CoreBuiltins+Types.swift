/// Type names as global constants and `Core.apply_type` (`Vector{Float64}`).
extension CoreBuiltins {
    static let typeNames: [(String, ZyType)] = [
        ("Any", .any), ("Number", .number), ("Real", .real), ("Integer", .integer),
        ("Signed", .signed), ("AbstractFloat", .abstractFloat), ("AbstractString", .abstractString),
        ("Function", .function), ("Exception", .exception),
        ("AbstractArray", .abstractArray(element: nil, dims: nil)),
        ("AbstractVector", .abstractArray(element: nil, dims: 1)),
        ("AbstractMatrix", .abstractArray(element: nil, dims: 2)),
        ("AbstractDict", .abstractDict), ("AbstractRange", .abstractRange),
        ("Tuple", .anyTuple), ("NamedTuple", .anyNamedTuple),
        ("Nothing", .nothing), ("Bool", .bool), ("Int", .int64), ("Int64", .int64),
        ("Float64", .float64), ("Char", .char), ("String", .string), ("Symbol", .symbol),
        ("Complex", .complex(nil)), ("Rational", .rational(nil)), ("Pair", .pair(nil, nil)),
        ("UnitRange", .unitRange), ("StepRange", .stepRange),
        ("Array", .array(element: nil, dims: nil)), ("Vector", .array(element: nil, dims: 1)),
        ("Matrix", .array(element: nil, dims: 2)), ("Dict", .dict(key: nil, value: nil)),
        ("DataType", .dataType), ("Type", .typeOf(.any)),
    ]

    /// Binds type names that no other group has bound yet.
    static func installTypeNames(_ g: Globals) {
        for (name, t) in typeNames where g[name] == nil { g.defineConstant(name, .type(t)) }
        for e in Exceptions.all where g[e.name] == nil {
            g.defineConstant(e.name, .type(.structType(StructTypeRef(e))))
        }
    }

    /// `T{P1, P2}` for the parametric families Zy has.
    static func applyType(_ args: [Value]) throws -> Value {
        guard let head = args.first else { throw Exceptions.error("Core.apply_type: no type") }
        let base = try Interpreter.typeOperand(head, context: "apply_type")
        let params = Array(args.dropFirst())
        func type(_ i: Int) throws -> ZyType {
            guard i < params.count else { throw invalid(base, params) }
            return try Interpreter.typeOperand(params[i], context: "apply_type")
        }
        func dims(_ i: Int) throws -> Int {
            guard i < params.count, case .int(let d) = params[i], d >= 0 else { throw invalid(base, params) }
            return d
        }
        switch base {
        case .array(nil, let d):
            if params.count == 1 { return .type(.array(element: try type(0), dims: d)) }
            if params.count == 2, d == nil { return .type(.array(element: try type(0), dims: try dims(1))) }
        case .abstractArray(nil, let d):
            if params.count == 1 { return .type(.abstractArray(element: try type(0), dims: d)) }
            if params.count == 2, d == nil { return .type(.abstractArray(element: try type(0), dims: try dims(1))) }
        case .dict(nil, nil) where params.count == 2:
            return .type(.dict(key: try type(0), value: try type(1)))
        case .pair(nil, nil) where params.count == 2:
            return .type(.pair(try type(0), try type(1)))
        case .complex(nil) where params.count == 1:
            return .type(.complex(try type(0)))
        case .rational(nil) where params.count == 1:
            return .type(.rational(try type(0)))
        case .anyTuple:
            return .type(.tuple(try params.indices.map(type)))
        case .typeOf(.any) where params.count == 1:
            return .type(.typeOf(try type(0)))
        case .unitRange, .stepRange:
            return .type(base)
        default:
            break
        }
        throw invalid(base, params)
    }

    static func invalid(_ base: ZyType, _ params: [Value]) -> ZyException {
        Exceptions.error("invalid type application \(base){…} with \(params.count) parameter(s)")
    }
}
