import Foundation
import Testing
import TestSupport
@testable import Zy

/// `@code_adjoint` listings, golden files under `Golden/` (re-record with
/// ZY_RECORD=1 and review the diff).
@Suite struct ListingTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: [
        ("pow", """
         function pow(x, n)
           r = 1
           while n > 0
             n -= 1
             r *= x
           end
           return r
         end
         @code_adjoint pow(5, 3)
         """),
        ("branch", """
         f(x) = x > 0 ? sin(x) * x : exp(x)
         @code_adjoint f(1.0)
         """),
        ("calls", """
         bar(x) = x * x
         baz(a) = sin(a)
         function foo(x)
           a = bar(x)
           b = baz(a)
           return b
         end
         @code_adjoint foo(1.0)
         """),
    ])
    func listing(_ name: String, _ source: String) {
        let run = ADRun(source)
        #expect(run.error == nil, "\(run.errorText ?? "")")
        let outcome = Golden.compare(run.output, with: ListingTests.directory.appendingPathComponent(name + ".adjoint"))
        #expect(outcome == .matched || outcome == .recorded, "\(outcome)")
    }

    @Test func adjointMacroNeedsADefinition() {
        let run = ADRun("@adjoint 1 + 2")
        #expect(run.errorText?.contains("`@adjoint` expects a method definition") == true)
    }

    @Test func adjointRulesAreMethodsOfTheirTable() {
        let run = ADRun("""
        @adjoint f(x::Float64) = x, ȳ -> (2ȳ,)
        f(x) = x
        (gradient(f, 1.0), gradient(f, 1))
        """)
        #expect(run.repr == "((2.0,), (1,))", "\(run.errorText ?? "")")
    }
}
