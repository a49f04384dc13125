/// Making arrays: type constructors (`Vector{Float64}(undef, n)`), `zeros`,
/// `ones`, `fill`, `similar`, `copy`, `deepcopy`, `collect`.
enum ArrayConstructionBuiltins {
    typealias S = CollectionSupport

    /// Julia's `UndefInitializer`, the type of `undef`.
    static let undefType = StructType(name: "UndefInitializer", isMutable: false, fieldNames: [],
                                      fieldTypes: [], supertype: .any)

    /// Element types given exact constructors. The constructor table is
    /// keyed by type and a constructor body is not told which type was
    /// called, so each parameterisation the runtime can name gets its own.
    static let elementTypes: [ZyType] = [
        .float64, .int64, .bool, .any, .string, .symbol, .char, .number, .real,
        .complex(.float64), .complex(.int64), .rational(.int64),
        .array(element: .float64, dims: 1), .array(element: .int64, dims: 1),
        .array(element: .any, dims: 1), .array(element: .float64, dims: 2),
    ]

    static func install(into g: Globals) {
        g.defineConstant("undef", .structValue(StructValue(type: undefType, fields: [])))
        for t in elementTypes { installConstructors(element: t, g) }
        installFamilyConstructors(g)
        installFill(g)
        installCopies(g)
        g.defineBuiltin("collect", [.any]) { ctx, args, _ in .array(try collect(args[0], g, ctx)) }
        g.defineBuiltin("collect", [.dataType, .any]) { ctx, args, _ in
            guard case .type(let t) = args[0] else { throw S.methodError(g, "collect", args) }
            let xs = try S.convertAll(try S.iterate(args[1], g, ctx), to: t, g)
            return .array(S.makeArray(xs, elementType: t, dims: [xs.count]))
        }
    }

    static func collect(_ v: Value, _ g: Globals, _ ctx: CallContext) throws -> ArrayValue {
        switch v {
        case .array(let a): return ArrayValue(storage: a.storage, elementType: a.elementType, dims: a.dims)
        case .range(let r):
            return ArrayValue(storage: .values(S.rangeElements(r)), elementType: .int64, dims: [S.rangeLength(r)])
        case .dict(let d):
            let xs = zip(d.keys, d.values).map { Value.pair($0, $1) }
            return S.makeArray(xs, elementType: .pair(d.keyType, d.valueType), dims: [xs.count])
        case .string(let s):
            let xs = s.unicodeScalars.map { Value.char(Character($0)) }
            return S.makeArray(xs, elementType: .char, dims: [xs.count])
        default:
            let xs = try S.iterate(v, g, ctx)
            return S.narrowed(xs, dims: [xs.count])
        }
    }

    static func checkedDims(_ vs: [Value], _ g: Globals, _ name: String) throws -> [Int] {
        var list = vs
        if vs.count == 1, case .tuple(let inner) = vs[0] { list = inner }
        let dims = try list.map { try S.int($0, g, name) }
        guard let n = S.product(dims), n <= 1 << 32 else {
            throw Exceptions.argumentError("invalid Array dimensions")
        }
        return dims
    }

    static func filled(_ v: Value, _ t: ZyType, _ dims: [Int]) -> ArrayValue {
        let n = dims.reduce(1, *)
        if t == .float64 { return S.floatArray(Array(repeating: S.asDouble(v), count: n), dims: dims) }
        return ArrayValue(storage: .values(Array(repeating: v, count: n)), elementType: t, dims: dims)
    }

    /// An array of `t` before assignment: zeros for numbers (Julia leaves
    /// bits undefined), `nothing` where Julia would hold `#undef`.
    static func uninitialized(_ t: ZyType, _ dims: [Int]) -> ArrayValue {
        filled(S.zero(of: t) ?? .nothing, t, dims)
    }

    private static func installConstructors(element t: ZyType, _ g: Globals) {
        let undefT = ZyType.structType(StructTypeRef(undefType))
        for (type, d) in [(ZyType.array(element: t, dims: 1), 1), (.array(element: t, dims: 2), 2),
                          (.array(element: t, dims: nil), nil)] {
            g.defineConstructor(type, [undefT, .any], varargs: true) { _, args, _ in
                let dims = try checkedDims(Array(args.dropFirst()), g, "Array")
                if let d, dims.count != d { throw S.methodError(g, type.description, args) }
                return .array(uninitialized(t, dims))
            }
            if d == 1 {
                g.defineConstructor(type, []) { _, _, _ in .array(S.makeArray([], elementType: t, dims: [0])) }
            }
            g.defineConstructor(type, [S.anyArray]) { ctx, args, _ in
                guard let a = S.arrayLike(args[0]), d == nil || a.dims.count == d else {
                    throw S.methodError(g, type.description, args)
                }
                let xs = try S.convertAll(S.elements(a), to: t, g)
                return .array(S.makeArray(xs, elementType: t, dims: a.dims))
            }
        }
    }

    /// `Vector(undef, n)` and `Vector()` hold `Any`, as in Julia.
    private static func installFamilyConstructors(_ g: Globals) {
        let undefT = ZyType.structType(StructTypeRef(undefType))
        g.defineConstructor(.array(element: nil, dims: 1), [undefT, .int64]) { _, args, _ in
            .array(uninitialized(.any, try checkedDims([args[1]], g, "Vector")))
        }
        g.defineConstructor(.array(element: nil, dims: 1), []) { _, _, _ in
            .array(S.makeArray([], elementType: .any, dims: [0]))
        }
    }

    private static func installFill(_ g: Globals) {
        for (name, value) in [("zeros", 0), ("ones", 1)] {
            g.defineBuiltin(name, [.any], varargs: true) { _, args, _ in
                var t = ZyType.float64
                var dimArgs = args
                if case .type(let given)? = args.first { t = given; dimArgs.removeFirst() }
                let dims = try checkedDims(dimArgs, g, name)
                guard let v = value == 0 ? S.zero(of: t) : S.one(of: t) else { throw S.methodError(g, name, args) }
                return .array(filled(v, t, dims))
            }
            g.defineBuiltin(name, []) { _, _, _ in .array(filled(.float(Double(value)), .float64, [])) }
        }
        g.defineBuiltin("fill", [.any, .any], varargs: true) { _, args, _ in
            let dims = try checkedDims(Array(args.dropFirst()), g, "fill")
            return .array(filled(args[0], args[0].type, dims))
        }
        g.defineBuiltin("similar", [S.anyArray]) { _, args, _ in
            guard let a = S.arrayLike(args[0]) else { throw S.methodError(g, "similar", args) }
            return .array(uninitialized(a.elementType, a.dims))
        }
        g.defineBuiltin("similar", [S.anyArray, .dataType]) { _, args, _ in
            guard let a = S.arrayLike(args[0]), case .type(let t) = args[1] else { throw S.methodError(g, "similar", args) }
            return .array(uninitialized(t, a.dims))
        }
        g.defineBuiltin("similar", [S.anyArray, .int64, .int64], varargs: true) { _, args, _ in
            guard let a = S.arrayLike(args[0]) else { throw S.methodError(g, "similar", args) }
            return .array(uninitialized(a.elementType, try checkedDims(Array(args.dropFirst()), g, "similar")))
        }
    }

    private static func installCopies(_ g: Globals) {
        g.defineBuiltin("copy", [S.anyArray]) { ctx, args, _ in
            if case .range = args[0] { return args[0] }
            let c = try collect(args[0], g, ctx)
            if case .array(let a) = args[0] { c.isAdjointRow = a.isAdjointRow }
            return .array(c)
        }
        g.defineBuiltin("copy", [S.anyDict]) { _, args, _ in
            guard case .dict(let d) = args[0] else { throw S.methodError(g, "copy", args) }
            return .dict(copyDict(d))
        }
        g.defineBuiltin("copy", [.any]) { _, args, _ in args[0] }
        g.defineBuiltin("deepcopy", [.any]) { _, args, _ in deepcopy(args[0]) }
    }

    static func copyDict(_ d: DictValue) -> DictValue {
        let c = DictValue(keyType: d.keyType, valueType: d.valueType)
        c.keys = d.keys
        c.values = d.values
        c.index = d.index
        return c
    }

    static func deepcopy(_ v: Value) -> Value {
        switch v {
        case .array(let a):
            switch a.storage {
            case .float(let xs): return .array(S.floatArray(xs, dims: a.dims))
            case .values(let vs):
                return .array(ArrayValue(storage: .values(vs.map(deepcopy)), elementType: a.elementType, dims: a.dims))
            }
        case .dict(let d):
            let c = copyDict(d)
            c.keys = d.keys.map(deepcopy)
            c.values = d.values.map(deepcopy)
            return .dict(c)
        case .tuple(let vs): return .tuple(vs.map(deepcopy))
        case .namedTuple(let nt): return .namedTuple(NamedTupleValue(names: nt.names, values: nt.values.map(deepcopy)))
        case .pair(let a, let b): return .pair(deepcopy(a), deepcopy(b))
        case .structValue(let s):
            guard s.type.isMutable || s.fields.contains(where: isMutableContainer) else { return v }
            return .structValue(StructValue(type: s.type, fields: s.fields.map(deepcopy)))
        default: return v
        }
    }

    private static func isMutableContainer(_ v: Value) -> Bool {
        switch v {
        case .array, .dict: return true
        case .structValue(let s): return s.type.isMutable
        default: return false
        }
    }
}
