import Foundation
import Testing
@testable import Zy

/// The `…Imm`, `increment`/`decrement` and back-edge `…BranchImm`
/// instructions (an Int literal operand) on their fast path and on every
/// fallback: Float64, mixed and other numbers, user types, errors, wrapping.
@Suite struct InterpreterImmediateTests {
    static let cases: [(String, String)] = [
        // x + c, c + x, x - c into a new register, on each kind of number.
        ("f(x) = (x + 1, 2 + x, x - 3); (f(1), f(1.5), f(1//2), f(true))",
         "((2, 3, -2), (2.5, 3.5, -1.5), (3//2, 5//2, -5//2), (2, 3, -2))"),
        ("f(x) = x + 1; f(1 + 2im)", "2 + 2im"),
        // In place (a coalesced loop counter), Int and Float64.
        ("function c(n); k = 0; while n > 0; n -= 1; k += 1; end; (n, k); end; (c(3), c(2.5), c(-1))",
         "((0, 3), (-0.5, 3), (-1, 0))"),
        ("function s(x); for i in 1:3; x += 2; end; x; end; (s(1), s(0.5), s(1//3))", "(7, 6.5, 19//3)"),
        // Literals outside Int32 stay ordinary operands.
        ("f(x) = (x + 3_000_000_000, x - (-2147483648), x + 2147483647); f(1)",
         "(3000000001, 2147483649, 2147483648)"),
        // Int arithmetic wraps, as Julia's.
        ("function w(x); x += 1; x; end; (w(typemax(Int)), typemin(Int) - 1)",
         "(-9223372036854775808, 9223372036854775807)"),
        ("function d(x); while x < 0; x -= 1; break; end; x; end; d(typemin(Int))", "9223372036854775807"),
        // Back-edge compares against literals: <, <=, > on Int and Float64.
        ("function u(a); s = 0; while a < 4; a += 1; s += a; end; s; end; (u(0), u(0.5))", "(10, 12.0)"),
        ("function v(t); while t <= 4; t += 2; end; t; end; (v(0), v(3.5), v(9))", "(6, 5.5, 9)"),
        ("function g(t); n = 0; while t > 0; t -= 0.75; n += 1; end; n; end; (g(3), g(3.0), g(0))", "(4, 4, 0)"),
        // Mixed Int/Float64 comparison is exact (through the built-in).
        ("function m(t); n = 0; while t > 9007199254740992; t -= 1; n += 1; end; n; end; m(9007199254740993.0)",
         "0"),
        // In place with a register operand (`s += x`, `r *= x`, `d -= x`):
        // Int, Float64, mixed, other numbers.
        ("function a(xs); s = 0; d = 0; r = 1; for x in xs; s += x; d -= x; r *= x; end; (s, d, r); end; (a([1, 2, 3]), a([0.5, 2.0]), a(Any[1, 0.5]), a([1//2, 2//3]))",
         "((6, -6, 6), (2.5, -2.5, 1.0), (1.5, -1.5, 0.5), (7//6, -7//6, 1//3))"),
        ("function m(x, n); r = x; for i in 1:n; r *= 2; end; r; end; m(typemax(Int), 1)", "-2"),
        ("function sq(n); s = 0.0; for i in 1:n; s += i; end; s; end; sq(4)", "10.0"),
        // Forward compare-and-branch against a literal (`if n < 2`, `x == 0 ? …`).
        ("f(n) = n < 2 ? n : 2n; g(x) = x == 0 ? \"zero\" : x >= 3 ? \"big\" : \"small\"; (f(1), f(5), f(1.5), f(3//2), g(0), g(0.0), g(3), g(2.5), g(1))",
         "(1, 10, 1.5, 3//2, \"zero\", \"zero\", \"big\", \"small\", \"small\")"),
        ("k(x) = x != 1 ? 1 : 0; l(x) = x <= -1 ? 1 : 0; (k(1), k(2), k(1.0), l(-1), l(0), l(-1.5))", "(0, 1, 0, 1, 0, 1)"),
        // User types reach their own methods.
        ("""
         struct W; v::Int; end
         Base.:>(a::W, b::Int) = a.v > b
         Base.:-(a::W, b::Int) = W(a.v - b)
         Base.:+(a::W, b::Int) = W(a.v + b)
         function cw(w); c = 0; while w > 0; w -= 1; c += 1; end; (c, (w + 5).v, (2 + 0)); end
         cw(W(3))
         """, "(3, 5, 2)"),
    ]

    @Test(arguments: 0..<cases.count)
    func immediates(_ i: Int) {
        let (source, expected) = Self.cases[i]
        let run = SessionRun(source)
        #expect(run.error == nil, "\(source): \(run.errorText ?? "")")
        #expect(run.repr == expected, "\(source)")
    }

    @Test func nonNumberIsAnErrorAtTheOperator() {
        let run = SessionRun("function b(x)\n    y = x - 1\nend\nb(\"a\")")
        #expect(run.errorText?.contains("no method matching -(::String, ::Int64)") == true, "\(run.errorText ?? "")")
        #expect(run.errorText?.contains("test.zy:2:9") == true, "\(run.errorText ?? "")")
    }

    @Test func nonNumberInPlaceIsAnErrorAtTheOperator() {
        let run = SessionRun("function b(x)\n    while true\n        x += 1\n    end\nend\nb(nothing)")
        #expect(run.errorText?.contains("no method matching +(::Nothing, ::Int64)") == true, "\(run.errorText ?? "")")
        #expect(run.errorText?.contains("test.zy:3:9") == true, "\(run.errorText ?? "")")
    }

    @Test func nonNumberInPlaceWithARegisterIsAnErrorAtTheOperator() {
        let run = SessionRun("function b(xs)\n    s = 0\n    for x in xs\n        s *= x\n    end\nend\nb([1, \"a\"])")
        #expect(run.errorText?.contains("no method matching *(::Int64, ::String)") == true, "\(run.errorText ?? "")")
        #expect(run.errorText?.contains("test.zy:4:9") == true, "\(run.errorText ?? "")")
    }

    @Test func nonNumberIsAnErrorAtTheForwardCompare() {
        let run = SessionRun("h(x) = 1\nh(x::String) = x < 2 ? 1 : 2\nh(\"a\")")
        #expect(run.errorText?.contains("no method matching isless(::String, ::Int64)") == true, "\(run.errorText ?? "")")
        #expect(run.errorText?.contains("test.zy:2:16") == true, "\(run.errorText ?? "")")
    }

    @Test func nonNumberIsAnErrorAtTheLoopTest() {
        let run = SessionRun("function b(x)\n    while x > 0\n        x = \"a\"\n    end\nend\nb(1)")
        #expect(run.errorText?.contains("no method matching isless(::Int64, ::String)") == true, "\(run.errorText ?? "")")
        #expect(run.errorText?.contains("test.zy:2:11") == true, "\(run.errorText ?? "")")
    }

    @Test func literalBackEdgeCountsSteps() {
        let run = SessionRun("function f(); k = 0; while k < 1_000_000_000; k += 1; end; k; end; f()", stepLimit: 1000)
        guard case .structValue(let s)? = run.zyException?.value else {
            Issue.record("expected StepLimitExceeded, got \(run.errorText ?? "no error")")
            return
        }
        #expect(s.type === Exceptions.stepLimitExceededType)
    }

    @Test func literalBackEdgeRunsWithinTheLimit() {
        // 100 iterations take 100 backward steps, plus the call.
        let run = SessionRun("function f(); k = 0; while k < 100; k += 1; end; k; end; f()", stepLimit: 110)
        #expect(run.repr == "100", "\(run.errorText ?? "")")
    }
}
