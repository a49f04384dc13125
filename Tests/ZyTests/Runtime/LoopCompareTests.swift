import Testing
@testable import Zy

/// While loops whose back edge is a specialised compare-branch (`>`, `<`,
/// `<=` with the Bool unused) behave like the plain call on every type.
@Suite struct LoopCompareTests {
    static let cases: [(String, String)] = [
        ("function c(n); k = 0; while n > 0; n -= 1; k += 1; end; k; end; (c(5), c(2.5), c(0))", "(5, 3, 0)"),
        ("function u(a, b); s = 0; while a < b; a += 1; s += a; end; s; end; (u(0, 4), u(0.5, 3))", "(10, 7.5)"),
        ("function v(b); t = 0; while t <= b; t += 2; end; t; end; (v(4), v(3.5))", "(6, 4)"),
        ("""
         struct W; v::Int; end
         Base.:>(a::W, b::Int) = a.v > b
         Base.:-(a::W, b::Int) = W(a.v - b)
         function cw(w); c = 0; while w > 0; w -= 1; c += 1; end; c; end
         cw(W(3))
         """, "3"),
        ("Base.:<(a::Int, b::Int) = false; function f(n); k = 0; while k < n; k += 1; end; k; end; f(5)", "0"),
    ]

    @Test(arguments: 0..<cases.count)
    func loops(_ i: Int) {
        let (source, expected) = Self.cases[i]
        let run = SessionRun(source)
        #expect(run.error == nil, "\(source): \(run.errorText ?? "")")
        #expect(run.repr == expected, "\(source)")
    }

    @Test func nonNumberIsAnErrorAtTheCompare() {
        let run = SessionRun("function b(x); while x > 0; x = \"a\"; end; end\nb(1)")
        #expect(run.errorText?.contains("no method matching isless(::Int64, ::String)") == true, "\(run.errorText ?? "")")
        #expect(run.errorText?.contains("test.zy:1:22") == true, "\(run.errorText ?? "")")
    }

    @Test func backEdgeCountsSteps() {
        let run = SessionRun("function f(); k = 0; while k < 10^9; k += 1; end; k; end; f()", stepLimit: 1000)
        #expect(run.error != nil)
    }
}
