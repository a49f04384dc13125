import Foundation
import Testing

/// `taylor(f, x, n)` against exact series: one row per primitive (and
/// operator form), coefficients derived by hand from the known expansions
/// (closed forms in `TaylorKit`, literals otherwise).
@Suite struct TaylorSeriesTests {
    typealias K = TaylorKit

    struct Case: CustomTestStringConvertible, Sendable {
        let f: String
        let x: String
        let expected: [Double]
        var testDescription: String { "taylor(\(f), \(x), \(expected.count))" }
        init(_ f: String, _ x: String, _ expected: [Double]) {
            self.f = f
            self.x = x
            self.expected = expected
        }
    }

    static let ln2 = Foundation.log(2.0)
    static let e = Foundation.exp(1.0)

    static let elementary: [Case] = [
        Case("exp", "0.0", (0..<7).map { 1 / K.factorial($0) }),
        Case("exp", "1.0", (0..<6).map { e / K.factorial($0) }),
        Case("exp2", "0.0", (0..<6).map { Foundation.pow(ln2, Double($0)) / K.factorial($0) }),
        Case("exp10", "0.0", (0..<5).map { Foundation.pow(Foundation.log(10.0), Double($0)) / K.factorial($0) }),
        Case("expm1", "0.0", (0..<6).map { $0 == 0 ? 0 : 1 / K.factorial($0) }),
        Case("log", "2.0", K.logarithm(at: 2, count: 6)),
        Case("log", "1", K.logarithm(at: 1, count: 6)),
        Case("log2", "3.0", K.logarithm(at: 3, count: 5, scale: ln2)),
        Case("log10", "0.5", K.logarithm(at: 0.5, count: 5, scale: Foundation.log(10.0))),
        Case("log1p", "0.0", [0, 1, -1.0 / 2, 1.0 / 3, -1.0 / 4, 1.0 / 5]),
        Case("x -> log(1 + x)", "0.0", [0, 1, -1.0 / 2, 1.0 / 3, -1.0 / 4, 1.0 / 5]),
        Case("sqrt", "4.0", K.power(0.5, at: 4, count: 6)),
        Case("cbrt", "8.0", K.power(1.0 / 3, at: 8, count: 5)),
        // cbrt(−8 + h) = −cbrt(8 − h): the odd extension.
        Case("cbrt", "-8.0", K.power(1.0 / 3, at: 8, count: 5).enumerated().map { $0.offset % 2 == 0 ? -$0.element : $0.element }),
        Case("σ", "0.0", [0.5, 0.25, 0, -1.0 / 48, 0, 1.0 / 480]),
        Case("x -> 1 / (1 + exp(-x))", "0.0", [0.5, 0.25, 0, -1.0 / 48, 0, 1.0 / 480]),
        Case("deg2rad", "90.0", [Double.pi / 2, Double.pi / 180, 0]),
    ]

    static let trigonometric: [Case] = [
        Case("sin", "0.0", [0, 1, 0, -1.0 / 6, 0, 1.0 / 120, 0]),
        Case("sin", "0.7", K.sinusoid(at: 0.7, phase: 0, count: 7)),
        Case("cos", "0.0", [1, 0, -1.0 / 2, 0, 1.0 / 24, 0]),
        Case("cos", "-1.3", K.sinusoid(at: -1.3, phase: 1, count: 7)),
        Case("tan", "0.0", [0, 1, 0, 1.0 / 3, 0, 2.0 / 15, 0, 17.0 / 315]),
        Case("sec", "0.0", [1, 0, 1.0 / 2, 0, 5.0 / 24]),
        // csc(π/2 + h) = sec(h); cot(π/2 + h) = −tan(h)
        Case("csc", "pi / 2", [1, 0, 1.0 / 2, 0, 5.0 / 24]),
        Case("cot", "pi / 2", [0, -1, 0, -1.0 / 3, 0]),
        Case("sinh", "0.0", [0, 1, 0, 1.0 / 6, 0, 1.0 / 120]),
        Case("cosh", "0.0", [1, 0, 1.0 / 2, 0, 1.0 / 24, 0]),
        Case("sinh", "0.5", (0..<6).map { ($0 % 2 == 0 ? Foundation.sinh(0.5) : Foundation.cosh(0.5)) / K.factorial($0) }),
        Case("tanh", "0.0", [0, 1, 0, -1.0 / 3, 0, 2.0 / 15, 0, -17.0 / 315]),
        Case("asin", "0.0", [0, 1, 0, 1.0 / 6, 0, 3.0 / 40, 0]),
        Case("acos", "0.0", [Double.pi / 2, -1, 0, -1.0 / 6, 0, -3.0 / 40]),
        Case("atan", "0.0", [0, 1, 0, -1.0 / 3, 0, 1.0 / 5, 0]),
        // atan at 1: 1/(1+x²) = 1/2, its derivatives −1/2, 1/2 → π/4, 1/2, −1/4, 1/12.
        Case("atan", "1.0", [Double.pi / 4, 1.0 / 2, -1.0 / 4, 1.0 / 12]),
        Case("x -> atan(x, 1.0)", "0.0", [0, 1, 0, -1.0 / 3, 0, 1.0 / 5]),
        // atan(1, x) = π/2 − atan(x) for x > 0.
        Case("x -> atan(1, x)", "1.0", [Double.pi / 4, -1.0 / 2, 1.0 / 4, -1.0 / 12]),
        Case("x -> hypot(x, 1.0)", "0.0", [1, 0, 1.0 / 2, 0, -1.0 / 8]),
        // sqrt(9 + x²) at 4: 5, x/5 = 4/5, 9/(9 + x²)^(3/2)/2 = 9/250.
        Case("x -> hypot(3.0, x)", "4.0", [5, 0.8, 9.0 / 250]),
    ]

    static let arithmetic: [Case] = [
        Case("x -> x^3", "0.0", [0, 0, 0, 1, 0]),
        Case("x -> x^3", "2", [8, 12, 6, 1]),
        Case("x -> x^-2", "1.0", [1, -2, 3, -4, 5]),
        Case("x -> x^3.0", "0.0", [0, 0, 0, 1]),
        Case("x -> x^2.5", "4.0", K.power(2.5, at: 4, count: 5)),
        Case("x -> x^(1/3)", "8.0", K.power(1.0 / 3, at: 8, count: 4)),
        Case("x -> 2^x", "0.0", (0..<5).map { Foundation.pow(ln2, Double($0)) / K.factorial($0) }),
        // x^x = exp(x log x) at 1: 1 + h + h² + h³/2.
        Case("x -> x^x", "1.0", [1, 1, 1, 0.5]),
        Case("x -> 1 / (1 - x)", "0.0", [1, 1, 1, 1, 1, 1]),
        Case("inv", "2.0", [0.5, -0.25, 0.125, -0.0625]),
        Case("x -> x \\ 1", "2.0", [0.5, -0.25, 0.125, -0.0625]),
        Case("x -> (x + 1) * (x - 1)", "3", [8, 6, 1, 0]),
        Case("x -> 3 - x / 2", "1.0", [2.5, -0.5, 0]),
        Case("x -> -x", "1.5", [-1.5, -1, -0.0]),
        Case("abs2", "3.0", [9, 6, 1]),
        Case("abs", "-2.0", [2, -1, -0.0]),
        Case("abs", "2.0", [2, 1, 0]),
        Case("relu", "1.0", [1, 1, 0]),
        Case("relu", "-1.0", [0, 0, 0]),
        Case("x -> max(x, 1)", "2.0", [2, 1, 0]),
        Case("x -> min(x, 1)", "2.0", [1, 0, 0]),
        Case("x -> clamp(x, 0, 1)", "0.5", [0.5, 1, 0]),
        Case("x -> clamp(x, 0, 1)", "1.5", [1, 0, 0]),
        Case("x -> log(2, x)", "1.0", K.logarithm(at: 1, count: 4, scale: ln2)),
        Case("x -> floor(x) + x", "2.5", [4.5, 1, 0]),
        Case("x -> zero(x) + one(x)", "2.5", [1, 0, 0]),
        Case("x -> 7", "2.5", [7, 0, 0]),
        Case("sin", "1.0", [Foundation.sin(1.0)]),
    ]

    /// Rules decided by constant terms: the series of the piece `c₀` is in.
    static let piecewise: [Case] = [
        Case("x -> rem(x, 1.0)", "2.25", [0.25, 1, 0]),
        Case("x -> x % 1.0", "-2.25", [-0.25, 1, 0]),
        Case("x -> mod(x, 1.0)", "-2.25", [0.75, 1, 0]),
        Case("x -> mod(3.0, x)", "2.0", [1, -1, 0]),
        Case("x -> mod1(x, 1.0)", "2.0", [1, 1, 0]),
        Case("x -> copysign(x, -1.0)", "1.5", [-1.5, -1, 0]),
        Case("x -> copysign(2.0, x)", "-1.5", [-2, 0, 0]),
        Case("x -> muladd(x, x, 1.0)", "2.0", [5, 4, 1]),
        Case("x -> fma(2.0, x, x)", "1.0", [3, 3, 0]),
        // softplus' = σ: log 2, 1/2, 1/8, 0, −1/192
        Case("softplus", "0.0", [Foundation.log(2.0), 0.5, 0.125, 0, -1.0 / 192]),
        Case("x -> minmax(x, 0.5)[2]", "1.0", [1, 1, 0]),
        Case("x -> clamp(0.5, x, 2.0)", "1.0", [1, 1, 0]),
        Case("x -> max(x, 2x)", "1.0", [2, 2, 0]),
        Case("x -> x ÷ 2 + round(Int, x)", "3.4", [4, 0, 0]),
        Case("x -> isapprox(x, 1.0; atol = 0.5) + isreal(x) + isinteger(x)", "1.2", [2, 0]),
        Case("x -> angle(-x)", "1.0", [Double.pi, 0]),
    ]

    @Test(arguments: elementary + trigonometric + arithmetic + piecewise)
    func exactSeries(_ c: Case) {
        let (values, run) = K.coefficients("taylor(\(c.f), \(c.x), \(c.expected.count))")
        guard let values else {
            Issue.record("no coefficients: \(run.errorText ?? run.repr ?? "")")
            return
        }
        #expect(K.close(values, c.expected), "got \(values), expected \(c.expected)")
    }
}
