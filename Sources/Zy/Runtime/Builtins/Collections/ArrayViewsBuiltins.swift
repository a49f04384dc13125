/// Slices and small helpers commonly used with arrays: `eachrow`,
/// `eachcol`, `diag`, `tr`, `median`, and `Ref(x)`.
///
/// Slices are copies (there are no views). `Ref(x)` is a 0-dimensional
/// array holding `x`: it broadcasts as a scalar container and `r[]` reads
/// it, as Julia's `Ref` does, though its type prints as `Array{T, 0}`.
enum ArrayViewsBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        g.defineBuiltin("eachcol", [S.anyArray]) { _, args, _ in try slices(args[0], columns: true, g) }
        g.defineBuiltin("eachrow", [S.anyArray]) { _, args, _ in try slices(args[0], columns: false, g) }
        g.defineBuiltin("diag", [S.anyArray]) { _, args, _ in
            guard let a = S.arrayLike(args[0]), a.dims.count == 2 else { throw S.methodError(g, "diag", args) }
            let n = min(a.dims[0], a.dims[1])
            let xs = (0..<n).map { S.element(a, $0 * a.dims[0] + $0) }
            return .array(S.makeArray(xs, elementType: a.elementType, dims: [n]))
        }
        g.defineBuiltin("tr", [S.anyArray]) { ctx, args, _ in
            guard let a = S.arrayLike(args[0]), a.dims.count == 2 else { throw S.methodError(g, "tr", args) }
            guard a.dims[0] == a.dims[1] else {
                throw Exceptions.dimensionMismatch("matrix is not square: dimensions are \(ArrayLiteralBuiltins.tupleText(a.dims))")
            }
            let xs = (0..<a.dims[0]).map { S.element(a, $0 * a.dims[0] + $0) }
            return try ReductionBuiltins.reduceList(.add, xs, initial: nil, elementType: a.elementType, g, ctx)
        }
        g.defineBuiltin("median", [.any]) { ctx, args, _ in try median(try S.iterate(args[0], g, ctx), g, ctx) }
        g.defineBuiltin("Ref", [.any]) { _, args, _ in
            .array(S.makeArray([args[0]], elementType: args[0].type, dims: []))
        }
    }

    static func slices(_ v: Value, columns: Bool, _ g: Globals) throws -> Value {
        guard let a = S.arrayLike(v), (1...2).contains(a.dims.count) else {
            throw S.methodError(g, columns ? "eachcol" : "eachrow", [v])
        }
        let m = a.dims[0], n = a.dims.count == 2 ? a.dims[1] : 1
        let xs = S.elements(a)
        let parts: [Value] = columns
            ? (0..<n).map { j in .array(S.makeArray(Array(xs[(j * m)..<((j + 1) * m)]), elementType: a.elementType, dims: [m])) }
            : (0..<m).map { i in .array(S.makeArray((0..<n).map { xs[$0 * m + i] }, elementType: a.elementType, dims: [n])) }
        return .array(S.makeArray(parts, elementType: .array(element: a.elementType, dims: 1), dims: [parts.count]))
    }

    /// Statistics' `median`: the middle element, or `middle` (`a/2 + b/2`)
    /// of the two middle elements; NaN anywhere gives NaN.
    static func median(_ xs: [Value], _ g: Globals, _ ctx: CallContext) throws -> Value {
        guard !xs.isEmpty else { throw Exceptions.argumentError("median of an empty array is undefined") }
        if xs.contains(where: S.isNaN) { return .float(.nan) }
        let perm = try SortingBuiltins.permutation(xs, [], g, ctx)
        let n = xs.count
        let hi = xs[perm[n / 2]]
        if n % 2 == 1 { return try S.arith(.div, hi, .int(1), g, ctx) }
        let lo = xs[perm[n / 2 - 1]]
        return try S.arith(.add, try S.arith(.div, lo, .int(2), g, ctx), try S.arith(.div, hi, .int(2), g, ctx), g, ctx)
    }
}
