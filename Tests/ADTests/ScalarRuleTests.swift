import Foundation
import Testing
@testable import Zy

/// Every scalar rule against central finite differences, at several points
/// (including points near branch edges of `abs`).
@Suite struct ScalarRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let f: String
        let points: [Double]
        var testDescription: String { f }
    }

    static let cases: [Case] = [
        Case(f: "x -> x + 2x", points: [-1.5, 0.3, 2.0]),
        Case(f: "x -> +x", points: [1.0]),
        Case(f: "x -> 3 - x", points: [-1.0, 4.0]),
        Case(f: "x -> -x", points: [-1.0, 4.0]),
        Case(f: "x -> x * x * 1.5", points: [-2.0, 0.7, 3.0]),
        Case(f: "x -> 1 / x", points: [-2.0, 0.7, 3.0]),
        Case(f: "x -> x / 3", points: [-2.0, 0.7]),
        Case(f: "x -> x^3", points: [-1.3, 0.5, 2.0]),
        Case(f: "x -> x^2.5", points: [0.5, 2.0]),
        Case(f: "x -> 2.0^x", points: [-1.0, 0.5, 3.0]),
        Case(f: "x -> x^x", points: [0.5, 1.7]),
        Case(f: "x -> sin(x)", points: [-1.0, 0.0, 2.5]),
        Case(f: "x -> cos(x)", points: [-1.0, 0.0, 2.5]),
        Case(f: "x -> tan(x)", points: [-1.0, 0.0, 1.2]),
        Case(f: "x -> exp(x)", points: [-1.0, 0.0, 2.5]),
        Case(f: "x -> log(x)", points: [0.1, 1.0, 7.5]),
        Case(f: "x -> sqrt(x)", points: [0.1, 1.0, 7.5]),
        Case(f: "x -> abs(x)", points: [-2.0, -1e-3, 1e-3, 3.0]),
        Case(f: "x -> tanh(x)", points: [-2.0, 0.0, 0.5]),
        Case(f: "x -> identity(x) * 2", points: [1.0]),
        Case(f: "x -> sin(cos(x)) * exp(x / 2)", points: [-1.0, 0.3, 2.0]),
        Case(f: "x -> x > 1 ? x^2 : 3x", points: [0.5, 0.999, 1.001, 2.0]),
        Case(f: "x -> cbrt(x)", points: [0.3, 2.0, -1.5]),
        Case(f: "x -> exp2(x) + expm1(x)", points: [-1.0, 0.5]),
        Case(f: "x -> log2(x) + log10(x) + log1p(x)", points: [0.5, 3.0]),
        Case(f: "x -> sec(x) + csc(x) + cot(x)", points: [0.4, 1.1]),
        Case(f: "x -> asin(x) + acos(x / 2) + atan(x)", points: [-0.5, 0.3]),
        Case(f: "x -> atan(x, 2.0) + atan(1.5, x)", points: [-0.5, 0.7]),
        Case(f: "x -> sinh(x) * cosh(x)", points: [-0.5, 1.2]),
        Case(f: "x -> hypot(x, 3.0) + hypot(2.0, x)", points: [-1.0, 4.0]),
        Case(f: "x -> min(x, 1.0) + 2max(x, 0.5) + 3clamp(x, 0.0, 2.0)", points: [-0.5, 0.7, 1.5, 2.5]),
        Case(f: "x -> float(x) * x", points: [1.5]),
        Case(f: "x -> log(2.0, x) + log(x, 3.0)", points: [0.5, 1.7, 4.0]),
        Case(f: "x -> log(x, x^2 + 1)", points: [0.3, 2.5]),
    ]

    @Test(arguments: cases)
    func matchesFiniteDifferences(_ c: Case) throws {
        for x in c.points {
            let source = """
            f = \(c.f)
            x = \(x)
            h = 1e-6
            (gradient(f, x)[1], (f(x + h) - f(x - h)) / (2h))
            """
            let run = ADRun(source)
            guard case .tuple(let pair)? = run.value, pair.count == 2,
                  case .float(let g) = pair[0], case .float(let fd) = pair[1] else {
                Issue.record("\(c.f) at \(x): \(run.errorText ?? run.repr ?? "no value")")
                continue
            }
            #expect(abs(g - fd) <= 1e-5 * max(1, abs(fd)), "\(c.f) at \(x): gradient \(g), finite difference \(fd)")
        }
    }

    /// log(b, x) = log x / log b: ∂b = -y / (b log b), ∂x = 1 / (x log b);
    /// at (2, 8), y = 3.
    @Test func logWithBase() {
        let run = ADRun("g = gradient((b, x) -> log(b, x), 2, 8); (g[1] ≈ -3 / (2log(2)), g[2] ≈ 1 / (8log(2)), typeof(g[1]))")
        #expect(run.repr == "(true, true, Float64)", "\(run.errorText ?? run.repr ?? "")")
    }

    @Test func numbersKeepTheirKind() {
        #expect(ADRun("gradient(x -> x * x, 3)").repr == "(6,)")
        #expect(ADRun("gradient(x -> 3x^2 + 2x + 1, 1//4)").repr == "(7//2,)")
        #expect(ADRun("gradient((x, n) -> x^n, 2, 3)").repr == "(12, nothing)")
        #expect(ADRun("gradient(x -> x < 2, 1.0)").repr == "(nothing,)")
        #expect(ADRun("gradient(abs2, 1 + 2im)").repr == "(2 + 4im,)")
        #expect(ADRun("gradient(x -> σ(x) + relu(x), 0.5)").repr == "(1.2350037122015944,)")
        #expect(ADRun("gradient(v -> mean(v) + dot(v, v) + norm(v), [3.0, 4.0])").repr == "([7.1, 9.3],)")
        #expect(ADRun("gradient(x -> max(x, 2.0), 1.0)").repr == "(0.0,)")
        #expect(ADRun("gradient(v -> prod(v), [2.0, 3.0, 4.0])").repr == "([12.0, 8.0, 6.0],)")
        #expect(ADRun("gradient(v -> maximum(v) + 2minimum(v), [2.0, 5.0, 1.0])").repr == "([0.0, 1.0, 2.0],)")
        #expect(ADRun("gradient(z -> abs2(z * z), 1.0 + 1.0im)").repr == "(8.0 + 8.0im,)")
    }
}
