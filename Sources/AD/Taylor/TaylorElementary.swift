import Foundation
import Zy

/// Rules of the elementary functions. Each states the relation its
/// recurrence comes from (`b = f(a)`, `'` the series derivative); the
/// recurrences themselves are derived in `TaylorSeries`.
extension TaylorRules {
    typealias S = TaylorSeries

    func installElementary() {
        // b' = b·a'
        unary("exp") { a, b0 in S.exp(a.coefficients, b0) }
        // exp2(a) = exp(a·log 2): b' = log 2 · b·a'
        unary("exp2") { a, b0 in S.exp(S.scale(a.coefficients, M_LN2), b0) }
        unary("exp10") { a, b0 in S.exp(S.scale(a.coefficients, M_LN10), b0) }
        // expm1 = exp − 1: exp's coefficients with b₀ = expm1(a₀), exact near 0.
        unary("expm1") { a, b0 in
            var b = S.exp(a.coefficients, Foundation.exp(a.constantTerm))
            b[0] = b0
            return b
        }
        // a·b' = a'
        unary("log") { a, b0 in S.log(a.coefficients, b0) }
        // log2 = log / log 2, log10 = log / log 10: b' = a'/(a·log 2)
        unary("log2") { a, b0 in S.chain(a.coefficients, b0, derivative: reciprocal(a.coefficients, scale: M_LN2)) }
        unary("log10") { a, b0 in S.chain(a.coefficients, b0, derivative: reciprocal(a.coefficients, scale: M_LN10)) }
        // (1 + a)·b' = a'
        unary("log1p") { a, b0 in S.chain(a.coefficients, b0, derivative: reciprocal(S.shift(a.coefficients, 1))) }
        // b·b = a
        unary("sqrt") { a, b0 in
            try TaylorRules.requireNonzero(a.coefficients, "sqrt(x)")
            return a.constantTerm == 0 ? S.constant(0, count: a.count) : S.sqrt(a.coefficients, b0)
        }
        // b = a^(1/3) with b₀ the real cube root, so negative a₀ works too.
        unary("cbrt") { a, b0 in
            try TaylorRules.requireNonzero(a.coefficients, "cbrt(x)")
            return a.constantTerm == 0 ? S.constant(0, count: a.count) : S.power(a.coefficients, 1.0 / 3, b0)
        }
        // σ' = σ(1 − σ)
        for name in ["σ", "sigmoid", "logistic"] {
            unary(name) { a, b0 in S.sigmoid(a.coefficients, b0) }
        }
        // softplus = log(1 + e^a): b' = σ(a)·a'
        unary("softplus") { a, b0 in
            let s0 = 1 / (1 + Foundation.exp(-a.constantTerm))
            return S.chain(a.coefficients, b0, derivative: S.sigmoid(a.coefficients, s0))
        }
        unary("deg2rad") { a, _ in S.scale(a.coefficients, Double.pi / 180) }
        unary("rad2deg") { a, _ in S.scale(a.coefficients, 180 / Double.pi) }
        installTwoArgument()
    }

    /// `1/(scale·a)` as a series.
    func reciprocal(_ a: Series, scale: Double = 1) -> Series {
        S.div(S.constant(1, count: a.count), S.scale(a, scale))
    }

    func installTrigonometry() {
        // sin' = cos·a', cos' = −sin·a'
        unary("sin") { a, b0 in S.sinCos(a.coefficients, b0, Foundation.cos(a.constantTerm)).0 }
        unary("cos") { a, b0 in S.sinCos(a.coefficients, Foundation.sin(a.constantTerm), b0).1 }
        // tan' = (1 + tan²)·a'
        unary("tan") { a, b0 in S.tan(a.coefficients, b0) }
        unary("sec") { a, _ in reciprocal(S.sinCos(a.coefficients, Foundation.sin(a.constantTerm), Foundation.cos(a.constantTerm)).1) }
        unary("csc") { a, _ in reciprocal(S.sinCos(a.coefficients, Foundation.sin(a.constantTerm), Foundation.cos(a.constantTerm)).0) }
        unary("cot") { a, _ in
            let (s, c) = S.sinCos(a.coefficients, Foundation.sin(a.constantTerm), Foundation.cos(a.constantTerm))
            return S.div(c, s)
        }
        // sinh' = cosh·a', cosh' = sinh·a'
        unary("sinh") { a, b0 in S.sinCos(a.coefficients, b0, Foundation.cosh(a.constantTerm), hyperbolic: true).0 }
        unary("cosh") { a, b0 in S.sinCos(a.coefficients, Foundation.sinh(a.constantTerm), b0, hyperbolic: true).1 }
        // tanh' = (1 − tanh²)·a'
        unary("tanh") { a, b0 in S.tan(a.coefficients, b0, hyperbolic: true) }
        // asin' = (1 − a²)^(−1/2)·a', acos' = −asin', atan' = a'/(1 + a²)
        unary("asin") { a, b0 in S.chain(a.coefficients, b0, derivative: try inverseSqrtOneMinusSquare(a.coefficients, "asin(x)")) }
        unary("acos") { a, b0 in
            S.chain(a.coefficients, b0, derivative: S.scale(try inverseSqrtOneMinusSquare(a.coefficients, "acos(x)"), -1))
        }
        unary("atan") { a, b0 in S.chain(a.coefficients, b0, derivative: reciprocal(S.shift(S.mul(a.coefficients, a.coefficients), 1))) }
    }

    /// `(1 − a²)^(−1/2)`; at `a₀ = ±1` the derivatives are infinite.
    private func inverseSqrtOneMinusSquare(_ a: Series, _ what: String) throws -> Series {
        let u = S.shift(S.scale(S.mul(a, a), -1), 1)
        if u.first == 0, !S.isConstant(a) {
            throw Exceptions.domainError(.float(a.first ?? 0), "\(what) has no Taylor expansion at ±1: "
                + "its derivatives are infinite there.")
        }
        return S.power(u, -0.5, Foundation.pow(u.first ?? 1, -0.5))
    }

    private func installTwoArgument() {
        // atan(y, x): b' = (x·y' − y·x')/(x² + y²), b₀ = atan(y₀, x₀).
        let atan = function("atan")
        binarySeries("atan") { ctx, y, x in
            let b0 = try TaylorRules.primal(ctx, atan, [y.first ?? 0, x.first ?? 0])
            let numerator = S.sub(S.mul(x, S.derivative(y)), S.mul(y, S.derivative(x)))
            let d = S.div(numerator, S.add(S.mul(x, x), S.mul(y, y)))
            return S.integral(d, b0, count: x.count)
        }
        // hypot(a, b) = sqrt(a² + b²)
        let hypot = function("hypot")
        binarySeries("hypot") { ctx, a, b in
            let b0 = try TaylorRules.primal(ctx, hypot, [a.first ?? 0, b.first ?? 0])
            let u = S.add(S.mul(a, a), S.mul(b, b))
            try TaylorRules.requireNonzero(u, "hypot(x, y)")
            return b0 == 0 ? S.constant(0, count: u.count) : S.sqrt(u, b0)
        }
        // log(base, x) = log(x)/log(base)
        let log = function("log")
        binarySeries("log") { ctx, base, x in
            let b0 = try TaylorRules.primal(ctx, log, [base.first ?? 0, x.first ?? 0])
            let logX = S.log(x, try TaylorRules.primal(ctx, log, [x.first ?? 0]))
            let logBase = S.log(base, try TaylorRules.primal(ctx, log, [base.first ?? 0]))
            var b = S.div(logX, logBase)
            if !b.isEmpty { b[0] = b0 }
            return b
        }
    }
}
