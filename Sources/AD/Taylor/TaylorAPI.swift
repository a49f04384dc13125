import Zy

/// `taylor(f, x, n)`: the first `n` Taylor coefficients of `f` at `x`,
/// `[c₀, c₁, …, c_{n−1}]` with `c_k = f⁽ᵏ⁾(x)/k!`, as a `Vector{Float64}`,
/// by Taylor mode: `f` runs once on the series `x + t` truncated after
/// `t^{n−1}` (TaylorDiff.jl's `TaylorScalar`, JAX's `jet`). `n` counts
/// coefficients, not the order: `taylor(f, x, 1) == [f(x)]`, and
/// `taylor(x -> pow(x, 3), 2.0, 4) == [8.0, 12.0, 6.0, 1.0]`.
public enum TaylorMode {
    /// Installs `taylor` and the `TaylorScalar` methods into `globals`.
    public static func install(into globals: Globals) {
        TaylorRules(globals: globals).install()
        var calls = 0
        globals.defineBuiltin("taylor", [.any, .any, .any]) { ctx, args, _ in
            let x = try point(args[1])
            let n = try count(args[2])
            calls &+= 1
            var seed = TaylorSeries.constant(x, count: n)
            if n > 1 { seed[1] = 1 }
            let y = try ctx.call(args[0], [TaylorScalar(seed, tag: calls).value])
            return .array(ArrayValue(storage: .float(try coefficients(y, n, tag: calls)), elementType: .float64, dims: [n]))
        }
    }

    /// The expansion point: a real number (a `TaylorScalar` would be
    /// nested Taylor mode).
    static func point(_ v: Value) throws -> Double {
        if let x = TaylorScalar.real(v) { return x }
        if TaylorScalar(v) != nil {
            throw Exceptions.argumentError("taylor: nested Taylor mode is not supported (x is a TaylorScalar)")
        }
        throw Exceptions.argumentError("taylor(f, x, n): x must be a real number, got a \(v.type)")
    }

    /// `n`, the number of coefficients: an integer ≥ 1.
    static func count(_ v: Value) throws -> Int {
        guard case .int(let n) = v else {
            throw Exceptions.argumentError("taylor(f, x, n): n (the number of coefficients) must be an Int, got \(v.type)")
        }
        guard n >= 1 else {
            throw Exceptions.argumentError("taylor(f, x, n): n (the number of coefficients) must be at least 1, got \(n)")
        }
        // Each product is O(n²): far beyond any useful order already.
        guard n <= 10_000 else {
            throw Exceptions.argumentError("taylor(f, x, n): n = \(n) coefficients is more than the 10000 supported")
        }
        return n
    }

    /// The coefficients of `f`'s result: a `TaylorScalar` of this call, or
    /// a plain real (a function constant in `x`).
    static func coefficients(_ y: Value, _ n: Int, tag: Int) throws -> [Double] {
        if let t = TaylorScalar(y) {
            guard t.tag == tag else {
                throw Exceptions.argumentError("taylor: f returned the expansion of another `taylor` call (nested Taylor mode is not supported)")
            }
            return t.coefficients + [Double](repeating: 0, count: max(0, n - t.count))
        }
        if let r = TaylorScalar.real(y) { return TaylorSeries.constant(r, count: n) }
        throw Exceptions.argumentError("taylor(f, x, n): f must return a real number, got a \(y.type)")
    }
}
