import Foundation
import Testing
@testable import Zy

/// The scalar rules added beside ScalarRuleTests' table, against central
/// finite differences; and the conventions at branch edges, where finite
/// differences are meaningless and Zygote's (ChainRules') choices apply.
@Suite struct RulesScalarTableTests {
    static let cases: [(String, [Double])] = [
        ("x -> deg2rad(x) + rad2deg(x)", [-30.0, 0.0, 200.0]),
        ("x -> asinh(x) + atanh(x / 3)", [-1.0, 0.0, 2.0]),
        ("x -> acosh(x)", [1.5, 4.0]),
        ("x -> exp10(x)", [-1.0, 0.5]),
        ("x -> mod(x, 2.0) + mod(7.0, x)", [2.5, 3.7, -1.3]),
        ("x -> rem(x, 2.0) + x % 1.5 + rem(7.0, x)", [2.5, 3.7, -1.3]),
        ("x -> inv(x)", [-2.0, 0.5]),
        ("x -> muladd(x, 3.0, x) + fma(2.0, x, x^2)", [-1.0, 0.7]),
        ("x -> softplus(x) + logistic(x) + sigmoid(2x)", [-3.0, 0.0, 1.5]),
        ("x -> sin(deg2rad(x)) * cos(deg2rad(2x))", [10.0, 95.0]),
        ("x -> atan(x, -1.0)", [0.3, -0.3]),
        ("x -> hypot(x, x^2)", [0.5, -2.0]),
        ("x -> x^2.4 + cbrt(x)", [0.1, 1.7]),
        ("x -> min(x, 1.0) * max(2x, 1.0)", [0.3, 0.8, 1.3]),
        ("x -> clamp(x^2, 0.5, 2.0)", [0.5, 1.0, 1.6]),
        ("x -> relu(x - 1) + abs(x - 2)", [0.5, 1.5, 2.5]),
        ("x -> floor(x) * x + round(2x)", [0.3, 1.4]),
    ]

    @Test func matchesFiniteDifferences() {
        for (f, points) in Self.cases {
            for x in points {
                let run = ADRun("""
                f = \(f)
                x = \(x)
                h = 1e-6
                (gradient(f, x)[1], (f(x + h) - f(x - h)) / (2h))
                """)
                guard case .tuple(let pair)? = run.value, pair.count == 2,
                      case .float(let g) = pair[0], case .float(let fd) = pair[1] else {
                    Issue.record("\(f) at \(x): \(run.errorText ?? run.repr ?? "no value")")
                    continue
                }
                #expect(abs(g - fd) <= 1e-5 * max(1, abs(fd)), "\(f) at \(x): gradient \(g), finite difference \(fd)")
            }
        }
    }

    /// Edge conventions (ChainRules/Zygote): abs'(0) = sign(0) = 0;
    /// relu'(0) = 0 (x > 0); clamp at a bound passes the gradient to x
    /// (x̄ when lo ≤ x ≤ hi); sqrt'(0) = Inf. min/max ties: Julia's min/max
    /// return the first argument, and the whole gradient goes to it (ChainRules
    /// 1.x splits ties ½ / ½ instead; we keep the value actually returned).
    @Test(arguments: [
        ("gradient(abs, 0.0)", "(0.0,)"),
        ("gradient(abs, -0.0)", "(-0.0,)"),
        ("gradient(abs, -2.0)", "(-1.0,)"),
        ("gradient(relu, 0.0)", "(0.0,)"),
        ("gradient(relu, 1e-300)", "(1.0,)"),
        ("gradient(x -> clamp(x, 0.0, 1.0), 0.0)", "(1.0,)"),
        ("gradient(x -> clamp(x, 0.0, 1.0), 1.0)", "(1.0,)"),
        ("gradient(x -> clamp(x, 0.0, 1.0), 1.5)", "(0.0,)"),
        ("gradient((x, lo) -> clamp(x, lo, 1.0), -1.0, 0.0)", "(0.0, 1.0)"),
        ("gradient(max, 1.0, 1.0)", "(1.0, 0.0)"),
        ("gradient(min, 1.0, 1.0)", "(1.0, 0.0)"),
        ("gradient(max, 1.0, 2.0)", "(0.0, 1.0)"),
        ("gradient(sqrt, 0.0)", "(Inf,)"),
        ("gradient(x -> x < 1.0 ? 2x : 3x, 1.0)", "(3.0,)"),
        ("gradient(x -> isnan(x) ? 0.0 : x, 2.0)", "(1.0,)"),
        ("gradient(x -> maximum([x, x, 0.0]), 1.0)", "(1.0,)"),
    ])
    func edgeConventions(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? run.repr ?? "no value")")
    }
}
