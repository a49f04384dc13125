import Foundation
import Testing
@testable import Zy

/// Gradients of code that takes gradients: the forward IR of an inner
/// pullback is transformed again, to any depth.
@Suite struct NestingTests {
    @Test(arguments: [
        ("D(x -> D(sin, x), 1.0)", -sin(1.0)),
        ("D(x -> D(y -> D(sin, y), x), 1.0)", -cos(1.0)),
        ("D(x -> D(y -> x * y^3, x), 2.0)", 36.0),
        ("D(x -> D(exp, x) * x, 0.5)", exp(0.5) * 1.5),
        ("D(x -> D(y -> D(z -> z^4, y), x), 2.0)", 48.0),
        ("D(x -> x * D(y -> x * y, 3.0), 2.0)", 4.0),
    ])
    func nested(_ expression: String, _ expected: Double) {
        let run = ADRun("D(f, x) = gradient(f, x)[1]\n" + expression)
        guard let g = run.number else {
            Issue.record("\(expression): \(run.errorText ?? run.repr ?? "no value")")
            return
        }
        #expect(abs(g - expected) <= 1e-9 * max(1, abs(expected)), "\(expression) = \(g), expected \(expected)")
    }

    static let pow = """
    function pow(x, n)
      r = 1
      while n > 0
        n -= 1
        r *= x
      end
      return r
    end
    D(f, x) = gradient(f, x)[1]
    """

    /// Second order through a loop: the tape's pushes and reads have rules.
    @Test(arguments: [
        ("D(x -> D(y -> pow(y, 3), x), 2.0)", 12.0),
        ("D(x -> x * D(y -> pow(y, 3) * x, x), 2.0)", 96.0),
    ])
    func nestedThroughLoops(_ expression: String, _ expected: Double) {
        let run = ADRun(NestingTests.pow + "\n" + expression)
        #expect(run.number == expected, "\(run.errorText ?? run.repr ?? "")")
    }

    @Test func nestlevelCountsLevels() {
        let run = ADRun("""
        function f(x)
            println(nestlevel(), " levels of nesting")
            return x
        end
        grad(f, x) = gradient(f, x)[1]
        f(1); grad(f, 1); grad(x -> x * grad(f, x), 1);
        """)
        #expect(run.output == "0 levels of nesting\n1 levels of nesting\n2 levels of nesting\n", "\(run.errorText ?? "")")
    }
}
