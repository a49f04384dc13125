import Foundation

/// Truncated Taylor polynomial arithmetic: a series `a` holds the
/// coefficients `a₀ … a_{n−1}` of `a(t) = Σ a_k t^k`, everything of order
/// `n` and up dropped. Each result coefficient `k` depends only on the
/// operands' coefficients `0 … k`, so truncating before or after an
/// operation gives the same numbers.
///
/// Two recurrences do most of the work (`a'` is the series derivative,
/// `(a')_m = (m+1) a_{m+1}`):
/// - chain: `b = f(a)` with `f'` known as a series `g = f'(a)` (computed
///   from `a` alone): `b' = g·a'`, so `b_k = (1/k) Σ_{j=1..k} j a_j g_{k−j}`.
/// - self-referential: `f' = φ(f)` (exp, tan, tanh, σ): the same sum with
///   `g = φ(b)`, whose coefficient `k−j < k` needs only `b₀ … b_{k−1}`.
enum TaylorSeries {
    typealias Series = [Double]

    static func constant(_ c: Double, count n: Int) -> Series {
        var s = Series(repeating: 0, count: n)
        if n > 0 { s[0] = c }
        return s
    }

    static func add(_ a: Series, _ b: Series) -> Series { zip(a, b).map { $0 + $1 } }
    static func sub(_ a: Series, _ b: Series) -> Series { zip(a, b).map { $0 - $1 } }
    static func scale(_ a: Series, _ c: Double) -> Series { a.map { $0 * c } }
    static func shift(_ a: Series, _ c: Double) -> Series {
        var s = a
        if !s.isEmpty { s[0] += c }
        return s
    }

    /// Cauchy product: `c_k = Σ_{j=0..k} a_j b_{k−j}`.
    static func mul(_ a: Series, _ b: Series) -> Series {
        let n = min(a.count, b.count)
        var c = Series(repeating: 0, count: n)
        for k in 0..<n {
            var s = 0.0
            for j in 0...k { s += a[j] * b[k - j] }
            c[k] = s
        }
        return c
    }

    /// `c = a/b` from `c·b = a`: `b₀ c_k = a_k − Σ_{j=1..k} b_j c_{k−j}`.
    /// A zero `b₀` divides by zero as Float64 does (±Inf, NaN).
    static func div(_ a: Series, _ b: Series) -> Series {
        let n = min(a.count, b.count)
        var c = Series(repeating: 0, count: n)
        for k in 0..<n {
            var s = a[k]
            if k > 0 { for j in 1...k { s -= b[j] * c[k - j] } }
            c[k] = s / b[0]
        }
        return c
    }

    /// `b' = g·a'` integrated with `b(0) = b₀`: `b_k = (1/k) Σ_{j=1..k} j a_j g_{k−j}`.
    static func chain(_ a: Series, _ b0: Double, derivative g: Series) -> Series {
        var b = constant(b0, count: a.count)
        for k in 1..<max(a.count, 1) {
            var s = 0.0
            for j in 1...k { s += Double(j) * a[j] * g[k - j] }
            b[k] = s / Double(k)
        }
        return b
    }

    /// `b' = φ(b)·a'`: `φ(b)_m` is computed by `phi(b, m)` from `b₀ … b_m`.
    static func selfReferential(_ a: Series, _ b0: Double, _ phi: (Series, Int) -> Double) -> Series {
        var b = constant(b0, count: a.count)
        var g = Series(repeating: 0, count: a.count)
        for k in 1..<max(a.count, 1) {
            g[k - 1] = phi(b, k - 1)
            var s = 0.0
            for j in 1...k { s += Double(j) * a[j] * g[k - j] }
            b[k] = s / Double(k)
        }
        return b
    }

    /// Coefficient `m` of `b·b`, from `b₀ … b_m`.
    static func square(_ b: Series, _ m: Int) -> Double {
        var s = 0.0
        for i in 0...m { s += b[i] * b[m - i] }
        return s
    }

    /// exp: `b' = b·a'`, so `k b_k = Σ_{j=1..k} j a_j b_{k−j}`. `b₀` is given
    /// (`exp(a₀)`, or `exp2(a₀)` with `a` scaled by log 2).
    static func exp(_ a: Series, _ b0: Double) -> Series {
        selfReferential(a, b0) { b, m in b[m] }
    }

    /// sin and cos together: `s' = c·a'`, `c' = −s·a'`, so
    /// `k s_k = Σ j a_j c_{k−j}` and `k c_k = −Σ j a_j s_{k−j}`.
    /// With `hyperbolic`, sinh and cosh: `c' = +s·a'`.
    static func sinCos(_ a: Series, _ s0: Double, _ c0: Double, hyperbolic: Bool = false) -> (Series, Series) {
        var s = constant(s0, count: a.count), c = constant(c0, count: a.count)
        let sign = hyperbolic ? 1.0 : -1.0
        for k in 1..<max(a.count, 1) {
            var ss = 0.0, cs = 0.0
            for j in 1...k {
                ss += Double(j) * a[j] * c[k - j]
                cs += Double(j) * a[j] * s[k - j]
            }
            s[k] = ss / Double(k)
            c[k] = sign * cs / Double(k)
        }
        return (s, c)
    }

    /// tan: `t' = (1 + t²)·a'`; tanh: `t' = (1 − t²)·a'`.
    static func tan(_ a: Series, _ t0: Double, hyperbolic: Bool = false) -> Series {
        let sign = hyperbolic ? -1.0 : 1.0
        return selfReferential(a, t0) { t, m in (m == 0 ? 1 : 0) + sign * square(t, m) }
    }

    /// The logistic σ: `s' = s(1 − s)·a'`.
    static func sigmoid(_ a: Series, _ s0: Double) -> Series {
        selfReferential(a, s0) { s, m in s[m] - square(s, m) }
    }

    /// log: `a·b' = a'`, that is `g = 1/a` in `chain`.
    static func log(_ a: Series, _ b0: Double) -> Series {
        chain(a, b0, derivative: div(constant(1, count: a.count), a))
    }

    /// `a^p` for an integer `p` by repeated squaring: exact for polynomials
    /// and defined at `a₀ = 0` (`x^3` at 0 is `[0, 0, 0, 1]`).
    static func power(_ a: Series, _ p: Int) -> Series {
        let one = constant(1, count: a.count)
        var result = one, base = a, e = p.magnitude
        while e > 0 {
            if e & 1 == 1 { result = mul(result, base) }
            e >>= 1
            if e > 0 { base = mul(base, base) }
        }
        return p < 0 ? div(one, result) : result
    }

    /// `b = a^p` for a real `p` from `a·b' = p·a'·b`: comparing coefficients,
    /// `k a₀ b_k = Σ_{i=1..k} ((p+1) i − k) a_i b_{k−i}`. Needs `a₀ ≠ 0`
    /// (the caller checks); `b₀ = a₀^p` is given, so `cbrt` can pass the
    /// real cube root of a negative `a₀`.
    static func power(_ a: Series, _ p: Double, _ b0: Double) -> Series {
        var b = constant(b0, count: a.count)
        for k in 1..<max(a.count, 1) {
            var s = 0.0
            for i in 1...k { s += ((p + 1) * Double(i) - Double(k)) * a[i] * b[k - i] }
            b[k] = s / (Double(k) * a[0])
        }
        return b
    }

    /// sqrt from `b·b = a`: `2 b₀ b_k = a_k − Σ_{j=1..k−1} b_j b_{k−j}`.
    static func sqrt(_ a: Series, _ b0: Double) -> Series {
        var b = constant(b0, count: a.count)
        for k in 1..<max(a.count, 1) {
            var s = a[k]
            for j in 1..<k { s -= b[j] * b[k - j] }
            b[k] = s / (2 * b0)
        }
        return b
    }

    /// The series derivative, one coefficient shorter: `(a')_m = (m+1) a_{m+1}`.
    static func derivative(_ a: Series) -> Series {
        a.indices.dropFirst().map { Double($0) * a[$0] }
    }

    /// The series whose derivative is `d` and constant term `b0`, `n` long:
    /// `b_k = d_{k−1}/k`.
    static func integral(_ d: Series, _ b0: Double, count n: Int) -> Series {
        var b = constant(b0, count: n)
        for k in 1..<max(n, 1) where k - 1 < d.count { b[k] = d[k - 1] / Double(k) }
        return b
    }

    /// True when only the constant term is nonzero.
    static func isConstant(_ a: Series) -> Bool { a.dropFirst().allSatisfy { $0 == 0 } }
}
