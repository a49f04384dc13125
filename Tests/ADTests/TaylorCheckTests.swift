import AD
import Foundation
import SourceMap
import Testing
import TestSupport
@testable import Zy

/// `taylor` against the other ways of getting derivatives (nested
/// reverse-mode `gradient`, finite differences), against identities at high
/// order, through user code (loops, branches, closures), and its errors.
@Suite struct TaylorCheckTests {
    typealias K = TaylorKit

    static let functions = [
        "sin", "exp", "log", "sqrt", "tanh", "atan", "σ", "x -> x^3 / (1 + x^2)",
        "x -> exp(-x^2) * cos(3x)", "x -> log1p(x^2) - cbrt(x)", "x -> asin(x / 4) + sec(x / 3)",
    ]
    static let points = ["0.3", "1.1", "2.5"]

    /// c₁, c₂, c₃ equal f', f''/2, f'''/6 from nested reverse mode.
    @Test(arguments: functions, points)
    func matchesNestedGradient(_ f: String, _ x: String) {
        let source = """
            f = \(f)
            d1(x) = gradient(f, x)[1]
            d2(x) = gradient(d1, x)[1]
            d3(x) = gradient(d2, x)[1]
            c = taylor(f, \(x), 4)
            (c[1], c[2], c[3], c[4], f(\(x)), d1(\(x)), d2(\(x)) / 2, d3(\(x)) / 6)
            """
        let (values, run) = K.coefficients(source)
        guard let v = values, v.count == 8 else {
            Issue.record("\(run.errorText ?? run.repr ?? "")")
            return
        }
        #expect(K.close(Array(v[0..<4]), Array(v[4..<8]), tolerance: 1e-10), "taylor \(v[0..<4]) vs gradients \(v[4..<8])")
    }

    /// c₁ and c₂ against central differences of f (step 1e-4: error ~1e-8).
    @Test(arguments: functions, points)
    func matchesFiniteDifferences(_ f: String, _ x: String) {
        let source = """
            f = \(f)
            x = \(x); h = 1e-4
            c = taylor(f, x, 3)
            (c[2], c[3], (f(x + h) - f(x - h)) / 2h, (f(x + h) - 2f(x) + f(x - h)) / h^2 / 2)
            """
        let (values, run) = K.coefficients(source)
        guard let v = values, v.count == 4 else {
            Issue.record("\(run.errorText ?? run.repr ?? "")")
            return
        }
        #expect(abs(v[0] - v[2]) <= 1e-6 * max(1, abs(v[0])), "c₁ \(v[0]) vs \(v[2])")
        #expect(abs(v[1] - v[3]) <= 1e-4 * max(1, abs(v[1])), "c₂ \(v[1]) vs \(v[3])")
    }

    /// Identities whose two sides take different recurrences, to order 9.
    @Test(arguments: [
        ("x -> sin(x)^2 + cos(x)^2", "0.8", [1.0]),
        ("x -> log(exp(x))", "0.6", [0.6, 1]),
        ("x -> exp(log(x))", "1.7", [1.7, 1]),
        ("x -> sqrt(x)^2", "2.3", [2.3, 1]),
        ("x -> cbrt(x)^3", "-2.3", [-2.3, 1]),
        ("x -> asin(sin(x))", "0.4", [0.4, 1]),
        ("x -> tan(atan(x))", "1.4", [1.4, 1]),
        ("x -> tan(x) * cos(x) / sin(x)", "0.9", [1.0]),
        ("x -> tanh(x) * (exp(2x) + 1) / (exp(2x) - 1)", "0.5", [1.0]),
        ("x -> σ(x) * (1 + exp(-x))", "-0.7", [1.0]),
        ("x -> x^2.5 / exp(2.5 * log(x))", "1.9", [1.0]),
        ("x -> log10(x) * log(10) / log(x)", "3.1", [1.0]),
        ("x -> expm1(x) - exp(x)", "0.2", [-1.0]),
        ("x -> hypot(x, 2x) / sqrt(5x^2)", "0.7", [1.0]),
        ("x -> cosh(x)^2 - sinh(x)^2", "1.2", [1.0]),
        ("x -> acos(x) + asin(x)", "0.3", [Double.pi / 2]),
        ("x -> exp2(x) / 2^x", "0.3", [1.0]),
        ("x -> log2(x) * log(2) - log(x)", "5.0", [0.0]),
    ])
    func identity(_ f: String, _ x: String, _ leading: [Double]) {
        let n = 10
        let (values, run) = K.coefficients("taylor(\(f), \(x), \(n))")
        guard let values else {
            Issue.record("\(run.errorText ?? "")")
            return
        }
        let expected = leading + [Double](repeating: 0, count: n - leading.count)
        #expect(K.close(values, expected, tolerance: 1e-9), "got \(values)")
    }

    /// The seed's `pow` (a while loop on an Int accumulator), a Horner loop
    /// over an array, a branch, a closure capturing a plain number.
    @Test(arguments: [
        (SeedSource.pow + "\ntaylor(x -> pow(x, 3), 2.0, 4)", [8.0, 12, 6, 1]),
        (SeedSource.pow + "\ntaylor(x -> pow(x, 3), 2, 5)", [8.0, 12, 6, 1, 0]),
        ("""
         function horner(cs, x)
             s = zero(x)
             for c in reverse(cs)
                 s = s * x + c
             end
             s
         end
         taylor(x -> horner([1.0, 2.0, 3.0], x), 1.0, 4)
         """, [6.0, 8, 3, 0]),
        ("""
         f(x) = x < 0 ? -x^3 : x^2
         (taylor(f, -1.0, 3)..., taylor(f, 2.0, 3)...)
         """, [1.0, -3, 3, 4, 4, 1]),
        ("""
         function newton_sqrt(a)
             y = a
             for i in 1:30
                 y = (y + a / y) / 2
             end
             y
         end
         taylor(newton_sqrt, 4.0, 3)
         """, K.power(0.5, at: 4, count: 3)),
        ("k = 3.0; g = x -> k * sin(x); taylor(g, 0.0, 4)", [0.0, 3, 0, -0.5]),
        ("taylor(x -> sum(t -> t^2, [x, 2x]), 1.0, 3)", [5.0, 10, 5]),
    ])
    func throughUserCode(_ source: String, _ expected: [Double]) {
        let (values, run) = K.coefficients(source)
        guard let values else {
            Issue.record("\(run.errorText ?? run.repr ?? "")")
            return
        }
        #expect(K.close(values, expected, tolerance: 1e-10), "got \(values)")
    }

    /// Errors name the function (or the argument) at the user's line.
    @Test(arguments: [
        ("f(x) = 2x\ng(x) = Int(f(x))\ntaylor(g, 0.5, 3)",
         ["test.zy:2:8", "MethodError: no method matching Int64(::TaylorScalar)"]),
        ("taylor(x -> nextfloat(x), 0.5, 3)", ["test.zy:1:13", "no method matching nextfloat(::TaylorScalar)"]),
        ("taylor(x -> x + 1im, 1.0, 2)", ["test.zy:1:13", "no method matching +(::TaylorScalar, ::Complex{Int64})"]),
        ("taylor(sin, 0.5, 0)", ["test.zy:1:1", "n (the number of coefficients) must be at least 1, got 0"]),
        ("taylor(sin, 0.5, 2.5)", ["n (the number of coefficients) must be an Int, got Float64"]),
        ("taylor(sin, [1.0], 2)", ["x must be a real number, got a Vector{Float64}"]),
        ("taylor(x -> [x], 1.0, 2)", ["f must return a real number"]),
        ("taylor(sqrt, 0.0, 3)", ["DomainError with 0.0", "sqrt(x) has no Taylor expansion"]),
        ("taylor(x -> x^0.5, 0.0, 2)", ["test.zy:1:13", "x^0.5 has no Taylor expansion"]),
        ("taylor(log, -1.0, 2)", ["DomainError with -1.0", "log was called with a negative real argument"]),
        ("taylor(x -> taylor(y -> x * y, 1.0, 2)[2], 1.0, 2)", ["test.zy:1:25", "nested Taylor mode is not supported"]),
        // A series emptied or built by hand is refused, never read out of range.
        ("taylor(x -> (empty!(x.coeffs); x + 1), 1.0, 2)", ["no method matching +(::TaylorScalar, ::Int64)"]),
        ("taylor(x -> sin(typeof(x)(Float64[], 1)), 1.0, 2)", ["no method matching sin(::TaylorScalar)"]),
    ])
    func errors(_ source: String, _ fragments: [String]) {
        let run = ADRun(source)
        let text = run.errorText ?? "no error: \(run.repr ?? "")"
        for fragment in fragments { #expect(text.contains(fragment), "\(text)") }
    }

    /// Taylor mode adds built-in methods, it does not redefine operators:
    /// no compiled function is deoptimised by installing or using it.
    @Test func leavesInlineArithmeticAlone() throws {
        let session = Session(output: { _ in }, input: { nil })
        ADRuntime.install(into: session)
        let value = try session.evaluate(file: SourceFile(name: "t.zy", text: """
            s(n) = (t = 0; for i in 1:n; t += i * i; end; t)
            (s(10), taylor(x -> x * x + s(3), 1.0, 3))
            """))
        #expect(value.map(Show.repr) == "(385, [15.0, 2.0, 1.0])")
        #expect(session.interpreter.hot.pointee.overriddenOperators == 0)
    }
}
