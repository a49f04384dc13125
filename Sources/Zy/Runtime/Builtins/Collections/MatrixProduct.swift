/// Matrix products and `dot`. Vectors act as n×1 columns; an adjoint row
/// (`v'`) times a vector is a scalar, as in Julia.
enum MatrixProduct {
    typealias S = CollectionSupport

    static func multiply(_ x: Value, _ y: Value, _ g: Globals, _ ctx: CallContext) throws -> Value {
        guard let a = S.arrayLike(x), let b = S.arrayLike(y), (1...2).contains(a.dims.count), (1...2).contains(b.dims.count) else {
            throw S.methodError(g, "*", [x, y])
        }
        if a.isAdjointRow, b.dims.count == 1 {
            guard a.count == b.count else {
                throw Exceptions.dimensionMismatch("first array has length \(a.count) which does not match the length of the second, \(b.count).")
            }
            return try plainDot(S.elements(a), S.elements(b), a, b, g, ctx)
        }
        if a.dims.count == 1, b.dims.count == 1 { throw S.methodError(g, "*", [x, y]) }
        let (m, k) = (a.dims[0], a.dims.count == 2 ? a.dims[1] : 1)
        let (k2, n) = (b.dims[0], b.dims.count == 2 ? b.dims[1] : 1)
        guard k == k2 else {
            let bDesc = b.dims.count == 1 ? "vector B has length \(k2)" : "matrix B has dimensions (\(k2),\(n))"
            let aDesc = a.dims.count == 1 ? "vector A has length \(m)" : "matrix A has dimensions (\(m),\(k))"
            throw Exceptions.dimensionMismatch("\(aDesc), \(bDesc)")
        }
        let outDims = b.dims.count == 1 ? [m] : [m, n]
        let product = try matrix(a, b, m: m, k: k, n: n, outDims, g, ctx)
        // a row times a matrix is a row again (Julia's `x' * A`), so that
        // `x' * A * x` is a number
        product.isAdjointRow = a.isAdjointRow && b.dims.count == 2
        return .array(product)
    }

    private static func matrix(_ a: ArrayValue, _ b: ArrayValue, m: Int, k: Int, n: Int, _ outDims: [Int],
                               _ g: Globals, _ ctx: CallContext) throws -> ArrayValue {
        if case .float(let xs) = a.storage, case .float(let ys) = b.storage {
            var out = Array(repeating: 0.0, count: m * n)
            for j in 0..<n {
                for i in 0..<m {
                    var s = 0.0
                    for p in 0..<k { s += xs[p * m + i] * ys[j * k + p] }
                    out[j * m + i] = s
                }
            }
            return S.floatArray(out, dims: outDims)
        }
        let xs = S.elements(a), ys = S.elements(b)
        var out: [Value] = []
        out.reserveCapacity(m * n)
        for j in 0..<n {
            for i in 0..<m {
                var s: Value? = nil
                for p in 0..<k {
                    let t = try S.arith(.mul, xs[p * m + i], ys[j * k + p], g, ctx)
                    s = try s.map { try S.arith(.add, $0, t, g, ctx) } ?? t
                }
                out.append(s ?? (S.zero(of: S.promoteElement(a.elementType, b.elementType)) ?? .int(0)))
            }
        }
        return S.narrowed(out, dims: outDims, empty: S.promoteElement(a.elementType, b.elementType))
    }

    /// `dot(x, y)`: the sum of `conj(x[i]) * y[i]`.
    static func dot(_ x: Value, _ y: Value, _ g: Globals, _ ctx: CallContext) throws -> Value {
        guard let a = S.arrayLike(x), let b = S.arrayLike(y) else { throw S.methodError(g, "dot", [x, y]) }
        guard a.count == b.count else {
            throw Exceptions.dimensionMismatch("first array has length \(a.count) which does not match the length of the second, \(b.count).")
        }
        let xs = try S.elements(a).map { try S.conj($0, g, ctx) }
        return try plainDot(xs, S.elements(b), a, b, g, ctx)
    }

    private static func plainDot(_ xs: [Value], _ ys: [Value], _ a: ArrayValue, _ b: ArrayValue,
                                 _ g: Globals, _ ctx: CallContext) throws -> Value {
        if case .float(let p) = a.storage, case .float(let q) = b.storage {
            var s = 0.0
            for i in p.indices { s += p[i] * q[i] }
            return .float(s)
        }
        var s: Value? = nil
        for (u, v) in zip(xs, ys) {
            let t = try S.arith(.mul, u, v, g, ctx)
            s = try s.map { try S.arith(.add, $0, t, g, ctx) } ?? t
        }
        return s ?? (S.zero(of: S.promoteElement(a.elementType, b.elementType)) ?? .int(0))
    }
}
