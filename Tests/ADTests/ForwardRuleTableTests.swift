import Foundation
import Testing
import SourceMap
import AD
@testable import Zy

/// Every forward rule (dual method) against central finite differences:
/// `derivative(f, x)` runs f on a dual, so each case exercises the rules of
/// the functions it calls, in both argument positions for binary ones.
@Suite struct ForwardRuleTableTests {
    static let cases: [(String, [Double])] = [
        ("x -> +x - (-x) + x * 3 - x / 4 + 2 \\ x", [-1.5, 0.7]),
        ("x -> 3.0 - x + 2 * x - 5 / x", [0.5, -2.0]),
        ("x -> x^3 + x^2.5 + 2.0^x + x^x", [0.6, 1.9]),
        ("x -> sin(x) + cos(2x) + tan(x / 2)", [-0.8, 0.3]),
        ("x -> exp(x) + log(x) + sqrt(x) + cbrt(x)", [0.4, 2.2]),
        ("x -> abs(x) + abs2(x) + tanh(x)", [-1.2, 0.9]),
        ("x -> exp2(x) + expm1(x) + log2(x) + log10(x) + log1p(x)", [0.3, 3.1]),
        ("x -> sec(x) + csc(x) + cot(x)", [0.4, 1.1]),
        ("x -> asin(x) + acos(x / 2) + atan(x)", [-0.5, 0.6]),
        ("x -> sinh(x) + cosh(x) + asinh(x) + atanh(x / 3)", [-1.0, 0.8]),
        ("x -> acosh(x) + exp10(x / 4)", [1.5, 3.0]),
        ("x -> σ(x) + relu(x) + softplus(x) + logistic(x) + sigmoid(2x)", [-1.3, 0.6]),
        ("x -> inv(x) + deg2rad(x) + rad2deg(x)", [-2.0, 0.5]),
        ("x -> atan(x, 2.0) + atan(-1.0, x) + hypot(x, 3.0) + hypot(2.0, x)", [0.7, -1.4]),
        ("x -> min(x, 1.0) * max(2x, 1.0) + min(0.2, x) + max(3.0, x)", [0.3, 0.8, 1.3]),
        ("x -> mod(x, 2.0) + mod(7.0, x) + rem(x, 2.0) + x % 1.5 + rem(7.0, x)", [2.5, 3.7]),
        ("x -> clamp(x^2, 0.5, 2.0) + clamp(1.0, x, 3.0) + clamp(2.0, 0.0, x)", [0.5, 1.2, 1.6]),
        ("x -> muladd(x, 3.0, x) + fma(2.0, x, x^2) + muladd(1.5, 2.0, x)", [-1.0, 0.7]),
        ("x -> floor(x) * x + round(2x) + ceil(x) - trunc(x) + sign(x) * x", [0.3, 1.4]),
        ("x -> x > 1 ? x^2 : (x < 0 || isnan(x) ? -x : 3x) + float(x) + real(x) + conj(x)", [-0.5, 0.5, 2.0]),
        // forward-only rules (the reverse mode has none for log(b, x))
        ("x -> log(2.0, x) + log(x, 3.0)", [1.5, 2.5]),
        ("x -> div(x, 2.0) * x + (x ÷ 3) * x + angle(x)", [2.5, 7.3]),
        // array functions computed in Swift, rerun on duals
        ("x -> logsumexp([x, 2x, 1.0]) + softmax([x, 1.0, 2x])[3] + norm([x, 3x])", [-0.4, 0.5]),
    ]

    @Test func matchesFiniteDifferences() {
        for (f, points) in Self.cases {
            for x in points {
                let run = ADRun("""
                f = \(f)
                x = \(x)
                h = 1e-6
                g = try gradient(f, x)[1] catch; nothing; end
                (derivative(f, x), (f(x + h) - f(x - h)) / (2h), g)
                """)
                guard case .tuple(let t)? = run.value, t.count == 3,
                      case .float(let d) = t[0], case .float(let fd) = t[1] else {
                    Issue.record("\(f) at \(x): \(run.errorText ?? run.repr ?? "no value")")
                    continue
                }
                #expect(abs(d - fd) <= 1e-5 * max(1, abs(fd)), "\(f) at \(x): derivative \(d), finite difference \(fd)")
                // forward and reverse mode agree (the same derivative knowledge)
                if case .float(let g) = t[2] {
                    #expect(abs(d - g) <= 1e-12 * max(1, abs(g)), "\(f) at \(x): derivative \(d), gradient \(g)")
                }
            }
        }
    }

    /// Dual arithmetic is built-in methods added before any user code: it
    /// must not mark `+`, `*`, `<`… as redefined, which would deoptimise
    /// every compiled function (the interpreter's inline Int/Float64 paths).
    @Test func dualMethodsKeepTheFastPaths() throws {
        let session = Session(output: { _ in }, input: { nil })
        ADRuntime.install(into: session)
        let v = try session.evaluate(file: SourceFile(name: "t.zy", text: "derivative(x -> x * x + x - 1 < 2 ? x : 0.0, 1.0)"))
        #expect(v.map(Show.repr) == "1.0")
        #expect(session.interpreter.hot.pointee.overriddenOperators == 0)
    }

    /// Comparisons and tests look at the primal part only.
    @Test(arguments: [
        ("d = Dual(2.0, 5.0); (d == 2.0, d < 3, 1 < d, d >= d, isnan(d), isinf(d), isfinite(d), iszero(d))",
         "(true, true, true, true, false, false, true, false)"),
        ("(zero(Dual(2.0, 5.0)), one(Dual(2.0, 5.0)), floor(Dual(2.5, 1.0)), round(Int, Dual(2.5, 1.0)))",
         "(0.0, 1.0, 2.0, 2)"),
        ("Dual(1.0, 2.0) * Dual(3.0, 4.0) + 1", "Dual{Nothing}(4.0,10.0)"),
        ("(Dual(1.0, 2.0), [Dual(1, 0)], Dual(1.0, 2.0).partials)", "(Dual{Nothing}(1.0,2.0), Dual[Dual{Nothing}(1,0)], 2.0)"),
    ])
    func primalOperations(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }
}
