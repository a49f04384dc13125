import Foundation
import Testing
@testable import Zy

/// `@code_adjoint debuginfo=:source`: the same listing as the plain form,
/// each statement annotated with its line and each adjoint statement with
/// the primal statement it differentiates.
@Suite struct AnnotatedListingTests {
    static let sources = [
        """
        function pow(x, n)
          r = 1
          while n > 0
            n -= 1
            r *= x
          end
          return r
        end
        """,
        "f(x) = x > 0 ? sin(x) * x : exp(x)",
        """
        bar(x) = x * x
        function foo(xs)
          s = 0.0
          for x in xs
            s += bar(x)
          end
          return sin(s)
        end
        """,
    ]
    static let calls = ["pow(5, 3)", "f(1.0)", "foo([1.0, 2.0])"]

    @Test(arguments: zip(sources, calls))
    func annotationsOnlyAddComments(_ source: String, _ call: String) throws {
        let plain = ADRun(source + "\n@code_adjoint " + call)
        let annotated = ADRun(source + "\n@code_adjoint debuginfo=:source " + call)
        #expect(plain.error == nil && annotated.error == nil, "\(annotated.errorText ?? "")")
        var lines = annotated.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("# ") == true && lines.first?.contains(" @ test.zy:") == true)
        lines.removeFirst()
        let stripped = lines.map { line -> String in
            guard let hash = line.range(of: "  # ") else { return line }
            var code = String(line[..<hash.lowerBound])
            while code.last == " " { code.removeLast() }
            return code
        }
        #expect(stripped.joined(separator: "\n") == plain.output)
    }

    /// Every `∂ …` note quotes a statement of the primal listing above it,
    /// and every adjoint statement from a differentiated call has one.
    @Test(arguments: zip(sources, calls))
    func notesQuotePrimalStatements(_ source: String, _ call: String) throws {
        let out = ADRun(source + "\n@code_adjoint debuginfo=:source " + call).output
        let parts = out.components(separatedBy: "\nAdjoint\n")
        try #require(parts.count == 2)
        let primal = Set(parts[0].split(separator: "\n").map { line -> String in
            let code = line.components(separatedBy: "  # ")[0]
            return code.trimmingCharacters(in: .whitespaces)
        })
        var notes = 0
        for line in parts[1].split(separator: "\n") where line.contains("∂ ") {
            let note = line.components(separatedBy: "∂ ")[1].components(separatedBy: "  ")[0]
            #expect(primal.contains(note), "\(note) is not a primal statement")
            notes += 1
        }
        #expect(notes > 0)
    }

    @Test func powAdjointPointsAtRTimesX() {
        let out = ADRun(Self.sources[0] + "\n@code_adjoint debuginfo=:source pow(5, 3)").output
        #expect(out.contains("  %13 = %10 * @2                  # test.zy:5  ∂ %8 = %5 * %2  r *= x\n"), "\(out)")
        #expect(out.contains("  %14 = @5 * %10                  # test.zy:5  ∂ %8 = %5 * %2\n"))
    }
}
