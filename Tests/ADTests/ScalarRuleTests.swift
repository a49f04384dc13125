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

    @Test func numbersKeepTheirKind() {
        #expect(ADRun("gradient(x -> x * x, 3)").repr == "(6,)")
        #expect(ADRun("gradient(x -> 3x^2 + 2x + 1, 1//4)").repr == "(7//2,)")
        #expect(ADRun("gradient((x, n) -> x^n, 2, 3)").repr == "(12, nothing)")
        #expect(ADRun("gradient(x -> x < 2, 1.0)").repr == "(nothing,)")
        #expect(ADRun("gradient(abs2, 1 + 2im)").repr == "(2 + 4im,)")
        #expect(ADRun("gradient(z -> abs2(z * z), 1.0 + 1.0im)").repr == "(8.0 + 8.0im,)")
    }
}
