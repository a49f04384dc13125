import Foundation

/// Array arithmetic and linear algebra: `+`/`-` of equal shapes, scaling
/// by a number, matrix products, `\` (LU with partial pivoting), `inv`,
/// `det`, `dot`, `norm`. Float64 data is computed directly, in the naive
/// summation order (Julia calls BLAS for large products, which may use
/// FMA, so results can differ in the last bits there); other element types
/// go through the Zy operators.
enum LinearAlgebraBuiltins {
    typealias S = CollectionSupport
    static let singularExceptionType = StructType(name: "SingularException", isMutable: false,
                                                  fieldNames: [Symbol.named("info")], fieldTypes: [.int64],
                                                  supertype: .exception)

    static func install(into g: Globals) {
        let aa = S.anyArray
        for op in [S.Op.add, .sub] {
            g.defineBuiltin(op.rawValue, [aa, aa]) { ctx, args, _ in try elementwise(op, args[0], args[1], g, ctx) }
        }
        g.defineBuiltin("-", [aa]) { ctx, args, _ in try scale(args[0], .int(-1), g, ctx, negate: true) }
        g.defineBuiltin("*", [.number, aa]) { ctx, args, _ in try scale(args[1], args[0], g, ctx, left: true) }
        g.defineBuiltin("*", [aa, .number]) { ctx, args, _ in try scale(args[0], args[1], g, ctx) }
        g.defineBuiltin("/", [aa, .number]) { ctx, args, _ in try scale(args[0], args[1], g, ctx, divide: true) }
        g.defineBuiltin("*", [aa, aa]) { ctx, args, _ in try MatrixProduct.multiply(args[0], args[1], g, ctx) }
        g.defineBuiltin("\\", [aa, aa]) { _, args, _ in try solve(args[0], args[1], g) }
        // A / B = (B' \ A')'
        g.defineBuiltin("/", [aa, S.matrix]) { ctx, args, _ in
            guard let adjoint = g["adjoint"] else { throw Exceptions.undefVarError("adjoint") }
            let x = try solve(try ctx.call(adjoint, [args[1]]), try ctx.call(adjoint, [args[0]]), g)
            return try ctx.call(adjoint, [x])
        }
        g.defineBuiltin("inv", [S.matrix]) { _, args, _ in try inverse(args[0], g) }
        g.defineBuiltin("det", [S.matrix]) { _, args, _ in try determinant(args[0], g) }
        g.defineBuiltin("dot", [aa, aa]) { ctx, args, _ in try MatrixProduct.dot(args[0], args[1], g, ctx) }
        g.defineBuiltin("norm", [aa]) { ctx, args, _ in try norm(args[0], 2, g, ctx) }
        g.defineBuiltin("norm", [aa, .real]) { ctx, args, _ in try norm(args[0], S.asDouble(args[1]), g, ctx) }
    }

    static func dimsText(_ d: [Int]) -> String { "(" + d.map { "Base.OneTo(\($0))" }.joined(separator: ", ") + (d.count == 1 ? ",)" : ")") }

    static func elementwise(_ op: S.Op, _ x: Value, _ y: Value, _ g: Globals, _ ctx: CallContext) throws -> Value {
        guard let a = S.arrayLike(x), let b = S.arrayLike(y) else { throw S.methodError(g, op.rawValue, [x, y]) }
        guard a.dims == b.dims else {
            let k = zip(a.dims, b.dims).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.dims.count, b.dims.count)
            throw Exceptions.dimensionMismatch("dimensions must match: a has dims \(dimsText(a.dims)), b has dims \(dimsText(b.dims)), mismatch at \(k + 1)")
        }
        if case .float(let xs) = a.storage, case .float(let ys) = b.storage {
            return .array(S.floatArray(zip(xs, ys).map { S.floatOp(op, $0, $1) }, dims: a.dims))
        }
        let out = try zip(S.elements(a), S.elements(b)).map { try S.arith(op, $0, $1, g, ctx) }
        return .array(S.narrowed(out, dims: a.dims, empty: S.promoteElement(a.elementType, b.elementType)))
    }

    static func scale(_ x: Value, _ s: Value, _ g: Globals, _ ctx: CallContext,
                      left: Bool = false, divide: Bool = false, negate: Bool = false) throws -> Value {
        guard let a = S.arrayLike(x) else { throw S.methodError(g, "*", [x, s]) }
        if case .float(let xs) = a.storage, S.isReal(s) {
            let k = S.asDouble(s)
            let r = S.floatArray(xs.map { divide ? $0 / k : (negate ? -$0 : (left ? k * $0 : $0 * k)) }, dims: a.dims)
            r.isAdjointRow = a.isAdjointRow
            return .array(r)
        }
        let out = try S.elements(a).map { v -> Value in
            if negate { return try S.arith(.sub, try S.zeroLike(v, g, ctx), v, g, ctx) }
            if divide { return try S.arith(.div, v, s, g, ctx) }
            return left ? try S.arith(.mul, s, v, g, ctx) : try S.arith(.mul, v, s, g, ctx)
        }
        let r = S.narrowed(out, dims: a.dims, empty: a.elementType)
        r.isAdjointRow = a.isAdjointRow
        return .array(r)
    }

    /// A square Float64 matrix (row-major copy) and its order.
    static func squareMatrix(_ v: Value, _ g: Globals, _ name: String) throws -> (LU, Int) {
        guard let a = S.arrayLike(v), a.dims.count == 2 else { throw S.methodError(g, name, [v]) }
        let n = a.dims[0]
        guard a.dims[1] == n else {
            throw Exceptions.dimensionMismatch("matrix is not square: dimensions are \(ArrayLiteralBuiltins.tupleText(a.dims))")
        }
        let xs = S.elements(a)
        guard xs.allSatisfy(S.isReal) else { throw S.methodError(g, name, [v]) }
        return (LU(columnMajor: xs.map(S.asDouble), n: n), n)
    }

    static func solve(_ av: Value, _ bv: Value, _ g: Globals) throws -> Value {
        let (lu, n) = try squareMatrix(av, g, "\\")
        guard let b = S.arrayLike(bv), (1...2).contains(b.dims.count), S.elements(b).allSatisfy(S.isReal) else {
            throw S.methodError(g, "\\", [av, bv])
        }
        guard b.dims[0] == n else {
            throw Exceptions.dimensionMismatch("arguments must have the same number of rows")
        }
        if let k = lu.singularColumn { throw singular(k) }
        let cols = b.dims.count == 2 ? b.dims[1] : 1
        let bs = S.elements(b).map(S.asDouble)
        var out: [Double] = []
        for j in 0..<cols { out += lu.solve(Array(bs[(j * n)..<((j + 1) * n)])) }
        return .array(S.floatArray(out, dims: b.dims))
    }

    static func singular(_ k: Int) -> ZyException {
        ZyException(.structValue(StructValue(type: singularExceptionType, fields: [.int(k)])))
    }

    static func inverse(_ av: Value, _ g: Globals) throws -> Value {
        let (lu, n) = try squareMatrix(av, g, "inv")
        if let k = lu.singularColumn { throw singular(k) }
        return .array(S.floatArray(lu.inverse(), dims: [n, n]))
    }

    static func determinant(_ av: Value, _ g: Globals) throws -> Value {
        let (lu, _) = try squareMatrix(av, g, "det")
        return .float(lu.determinant)
    }

    static func norm(_ v: Value, _ p: Double, _ g: Globals, _ ctx: CallContext) throws -> Value {
        let xs = try S.iterate(v, g, ctx)
        let mags: [Double] = try xs.map { x in
            if S.isReal(x) { return Swift.abs(S.asDouble(x)) }
            if case .complex(let re, let im) = x {
                let (a, b) = (S.asDouble(re), S.asDouble(im))
                return (a * a + b * b).squareRoot()
            }
            let r = try S.call(g, "norm", [x], ctx)
            return S.asDouble(r)
        }
        if mags.isEmpty { return .float(0) }
        if p == 2 { return .float(mags.reduce(0) { $0 + $1 * $1 }.squareRoot()) }
        if p == 1 { return .float(mags.reduce(0, +)) }
        if p == .infinity { return .float(mags.max() ?? 0) }
        if p == -.infinity { return .float(mags.min() ?? 0) }
        if p == 0 { return .float(Double(mags.filter { $0 != 0 }.count)) }
        return .float(Foundation.pow(mags.reduce(0) { $0 + Foundation.pow($1, p) }, 1 / p))
    }
}

