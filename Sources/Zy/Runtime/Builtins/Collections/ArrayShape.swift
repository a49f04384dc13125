/// Shape queries (`size`, `length`, `ndims`, `eltype`, `axes`, index
/// ranges) and reshaping (`reshape`, `vec`, `transpose`, `adjoint`,
/// `permutedims`).
enum ArrayShapeBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        installQueries(g)
        installIndexRanges(g)
        installReshaping(g)
        PermutationBuiltins.install(into: g)
    }

    private static func dimsTuple(_ dims: [Int]) -> Value { .tuple(dims.map { .int($0) }) }

    private static func installQueries(_ g: Globals) {
        g.defineBuiltin("size", [S.anyArray]) { _, args, _ in dimsTuple(S.dims(args[0]) ?? []) }
        g.defineBuiltin("size", [S.anyArray, .int64]) { _, args, _ in
            let dims = S.dims(args[0]) ?? []
            let d = try S.int(args[1], g, "size")
            guard d >= 1 else { throw Exceptions.argumentError("dimension out of range") }
            return .int(d <= dims.count ? dims[d - 1] : 1)
        }
        g.defineBuiltin("size", [.anyTuple]) { _, args, _ in dimsTuple(S.dims(args[0]) ?? []) }
        g.defineBuiltin("length", [S.anyArray]) { _, args, _ in .int((S.dims(args[0]) ?? []).reduce(1, *)) }
        g.defineBuiltin("ndims", [S.anyArray]) { _, args, _ in .int((S.dims(args[0]) ?? []).count) }
        g.defineBuiltin("ndims", [.dataType]) { _, args, _ in
            if case .type(.array(_, let d?)) = args[0] { return .int(d) }
            if case .type(.abstractArray(_, let d?)) = args[0] { return .int(d) }
            if case .type(let t) = args[0], t.isSubtype(of: .number) { return .int(0) }
            throw S.methodError(g, "ndims", args)
        }
        g.defineBuiltin("eltype", [.any]) { _, args, _ in .type(elementType(of: args[0])) }
    }

    static func elementType(of v: Value) -> ZyType {
        switch v {
        case .array(let a): return a.elementType
        case .range: return .int64
        case .dict(let d): return .pair(d.keyType, d.valueType)
        case .tuple(let vs): return S.typejoin(vs.map(\.type))
        case .namedTuple(let nt): return S.typejoin(nt.values.map(\.type))
        case .string: return .char
        case .type(let t):
            switch t {
            case .array(let e?, _), .abstractArray(let e?, _): return e
            case .dict(let k?, let v?): return .pair(k, v)
            case .unitRange, .stepRange: return .int64
            case .string: return .char
            default: return t.isSubtype(of: .number) ? t : .any
            }
        case .int, .float, .bool, .complex, .rational: return v.type
        default: return .any
        }
    }

    private static func oneTo(_ n: Int) -> Value {
        .range(RangeValue(start: 1, step: 1, stop: max(n, 0), isUnit: true))
    }

    private static func installIndexRanges(_ g: Globals) {
        g.defineBuiltin("axes", [S.anyArray]) { _, args, _ in .tuple((S.dims(args[0]) ?? []).map(oneTo)) }
        g.defineBuiltin("axes", [S.anyArray, .int64]) { _, args, _ in
            let dims = S.dims(args[0]) ?? []
            let d = try S.int(args[1], g, "axes")
            return oneTo(d >= 1 && d <= dims.count ? dims[d - 1] : 1)
        }
        for t in [S.anyArray, ZyType.anyTuple, .anyNamedTuple] {
            g.defineBuiltin("eachindex", [t]) { _, args, _ in oneTo(count(args[0])) }
            g.defineBuiltin("firstindex", [t]) { _, _, _ in .int(1) }
            g.defineBuiltin("lastindex", [t]) { _, args, _ in .int(count(args[0])) }
        }
        g.defineBuiltin("firstindex", [S.anyArray, .int64]) { _, _, _ in .int(1) }
        g.defineBuiltin("lastindex", [S.anyArray, .int64]) { _, args, _ in
            let dims = S.dims(args[0]) ?? []
            let d = try S.int(args[1], g, "lastindex")
            guard d >= 1 else { throw Exceptions.argumentError("dimension out of range") }
            return .int(d <= dims.count ? dims[d - 1] : 1)
        }
        g.defineBuiltin("keys", [S.anyArray]) { _, args, _ in oneTo(count(args[0])) }
    }

    static func count(_ v: Value) -> Int {
        switch v {
        case .namedTuple(let nt): return nt.values.count
        default: return (S.dims(v) ?? []).reduce(1, *)
        }
    }

    private static func installReshaping(_ g: Globals) {
        g.defineBuiltin("reshape", [S.anyArray, .any], varargs: true) { _, args, _ in
            guard let a = S.arrayLike(args[0]) else { throw S.methodError(g, "reshape", args) }
            return .array(try reshape(a, Array(args.dropFirst()), g))
        }
        g.defineBuiltin("vec", [S.anyArray]) { _, args, _ in
            guard let a = S.arrayLike(args[0]) else { throw S.methodError(g, "vec", args) }
            return .array(ArrayValue(storage: a.storage, elementType: a.elementType, dims: [a.count]))
        }
        g.defineBuiltin("transpose", [S.anyArray]) { _, args, _ in
            guard let a = S.arrayLike(args[0]) else { throw S.methodError(g, "transpose", args) }
            return .array(try transpose(a, asAdjointRow: true))
        }
        g.defineBuiltin("adjoint", [S.anyArray]) { ctx, args, _ in
            guard let a = S.arrayLike(args[0]) else { throw S.methodError(g, "adjoint", args) }
            let t = try transpose(a, asAdjointRow: true)
            if case .values(let vs) = t.storage, t.elementType != .int64, t.elementType != .bool {
                t.storage = .values(try vs.map { try S.conj($0, g, ctx) })
            }
            return .array(t)
        }
        // zero(A): an array of zeros like A (Julia's zero(::AbstractArray))
        g.defineBuiltin("zero", [S.anyArray]) { _, args, _ in
            guard let a = S.arrayLike(args[0]) else { throw S.methodError(g, "zero", args) }
            let zeros = S.elements(a).map { NumericValue.zero(like: $0) }
            let t = a.elementType.isSubtype(of: .number) ? a.elementType : ArrayLiteralBuiltins.literalElementType(zeros.map(\.type))
            return .array(S.makeArray(zeros, elementType: t, dims: a.dims))
        }
        // numbers are their own transpose; x' of a number is conj(x)
        g.defineBuiltin("transpose", [.number]) { _, args, _ in args[0] }
        g.defineBuiltin("adjoint", [.number]) { ctx, args, _ in try S.conj(args[0], g, ctx) }
        g.defineBuiltin("permutedims", [S.anyArray]) { _, args, _ in
            // Julia defines the one-argument form for vectors and matrices only.
            guard let a = S.arrayLike(args[0]), a.dims.count <= 2 else { throw S.methodError(g, "permutedims", args) }
            return .array(try transpose(a, asAdjointRow: false))
        }
    }

    static func reshape(_ a: ArrayValue, _ dimArgs: [Value], _ g: Globals) throws -> ArrayValue {
        var list = dimArgs
        if dimArgs.count == 1, case .tuple(let inner) = dimArgs[0] { list = inner }
        var dims: [Int?] = []
        for v in list {
            if ArrayIndexingBuiltins.isColon(v) { dims.append(nil) } else { dims.append(try S.int(v, g, "reshape")) }
        }
        guard let known = S.product(dims.compactMap { $0 }) else {
            throw Exceptions.argumentError("invalid Array dimensions")
        }
        if dims.filter({ $0 == nil }).count == 1 {
            guard known > 0, a.count % known == 0 else {
                let shown = dims.map { $0.map(String.init) ?? "Colon()" }
                let text = shown.count == 1 ? "(\(shown[0]),)" : "(" + shown.joined(separator: ", ") + ")"
                throw Exceptions.dimensionMismatch("array size \(a.count) must be divisible by the product of the new dimensions \(text)")
            }
            dims = dims.map { $0 ?? a.count / known }
        }
        let resolved = dims.compactMap { $0 }
        guard resolved.count == dims.count, S.product(resolved) == a.count else {
            throw Exceptions.dimensionMismatch("new dimensions \(ArrayLiteralBuiltins.tupleText(resolved)) must be consistent with array size \(a.count)")
        }
        return ArrayValue(storage: a.storage, elementType: a.elementType, dims: resolved)
    }

    /// The transpose of a vector or matrix (a copy). A vector becomes a
    /// 1×n row, marked as an adjoint row when it came from `'`/`transpose`.
    static func transpose(_ a: ArrayValue, asAdjointRow: Bool) throws -> ArrayValue {
        if a.dims.count == 1 {
            let r = ArrayValue(storage: a.storage, elementType: a.elementType, dims: [1, a.count])
            r.isAdjointRow = asAdjointRow
            return r
        }
        guard a.dims.count == 2 else {
            throw Exceptions.argumentError("transpose of an array of \(a.dims.count) dimensions is not supported")
        }
        if a.isAdjointRow && asAdjointRow {
            return ArrayValue(storage: a.storage, elementType: a.elementType, dims: [a.count])
        }
        let m = a.dims[0], n = a.dims[1]
        func permute<T>(_ xs: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(xs.count)
            for i in 0..<m { for j in 0..<n { out.append(xs[j * m + i]) } }
            return out
        }
        switch a.storage {
        case .float(let xs): return S.floatArray(permute(xs), dims: [n, m])
        case .values(let vs): return ArrayValue(storage: .values(permute(vs)), elementType: a.elementType, dims: [n, m])
        }
    }
}
