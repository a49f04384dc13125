import Testing
import SourceMap
@testable import Zy

/// Interpreter semantics on Zy source, through parser, lowering and Session.
@Suite struct SessionSemanticsTests {
    static let cases: [(String, String)] = [
        // Closures capture by reference; a counter keeps its state.
        ("c = let n = 0; () -> (n += 1); end; c(); c(); c()", "3"),
        ("function mk(); x = 1; f = () -> x; x = 5; f; end; mk()()", "5"),
        // Block arguments are a parallel copy.
        ("function sw(a, b); for i in 1:3; a, b = b, a; end; (a, b); end; sw(1, 2)", "(2, 1)"),
        ("function fib(n); n < 2 ? n : fib(n - 1) + fib(n - 2); end; fib(15)", "610"),
        ("function outer(x); inner(y) = y * x; inner(3) + inner(4); end; outer(2)", "14"),
        ("h(x; scale = 2) = x * scale; (h(3), h(3; scale = 10))", "(6, 30)"),
        ("k(a, b = 10) = a + b; (k(1), k(1, 2))", "(11, 3)"),
        ("g(xs...) = xs; (g(), g(1, 2), g((3, 4)...), g(1:3...))", "((), (1, 2), (3, 4), (1, 2, 3))"),
        ("v(a, rest...) = (a, rest); v(1, 2, 3)", "(1, (2, 3))"),
        ("struct P; x::Float64; y; end; p = P(1, 2); (p.x, p.y, p)", "(1.0, 2, P(1.0, 2))"),
        ("mutable struct M; x::Float64; end; m = M(1); m.x = 3; m.x", "3.0"),
        ("struct Q; a; end; Q(x, y) = Q(x + y); Q(1, 2)", "Q(3)"),
        ("f(x::Int) = 1; f(x::Real) = 2; f(x::Number) = 3; f(x) = 4; (f(1), f(1.5), f(2im), f(\"s\"))", "(1, 2, 3, 4)"),
        ("f(x, y) = 1; f(x::Int, y...) = 2; f(x::Int, y::Int) = 3; (f(1, 2), f(1, 2.0), f(1.0, 2))", "(3, 2, 1)"),
        ("r = try; throw(7); catch e; e + 1; end; r", "8"),
        ("function t(); acc = (); try; acc = (acc..., 1); throw(0); catch; acc = (acc..., 2); finally; acc = (acc..., 3); end; acc; end; t()", "(1, 2, 3)"),
        ("function rt(); try; try; throw(1); catch e; rethrow(); end; catch e2; e2 * 10; end; end; rt()", "10"),
        ("x = 1; while x < 100; x *= 2; end; x", "128"),
        ("a = (1, 2); (typeof(a), isa(1, Integer), Int <: Real, 1 === 1, [1] === [1])", "(Tuple{Int64, Int64}, true, true, true, false)"),
        ("s = 0; for i in 1:10; i == 5 && continue; i == 8 && break; s += i; end; s", "23"),
        ("1 + 2.5, 7 / 2, 3 * 4, 2 - 5, 1 < 2.0", "(3.5, 3.5, 12, -3, true)"),
        ("typemax(Int) + 1 == typemin(Int)", "true"),
        ("req(; k) = k; req(k = 4)", "4"),
        ("kw(a; b = a * 2, c...) = (a, b, c); kw(1; d = 4)", "(1, 2, (d = 4,))"),
        ("f(; kw...) = kw; nt = (x = 1,); f(; nt..., y = 2, x = 3)", "(x = 3, y = 2)"),
        ("struct P2; x; P2(x) = new(2x); end; P2(3)", "P2(6)"),
        ("import Base: +; struct V; x; end; +(a::V, b::V) = V(a.x + b.x); V(1) + V(2)", "V(3)"),
        ("(1 + 2, 3 + 4)", "(3, 7)"),
        ("function acc(); total = 0; add = x -> (total += x); add(2); add(3); total; end; acc()", "5"),
        ("fs = [x -> x + i for i in 1:3]; (fs[1](10), fs[3](10))", "(11, 13)"),
        ("compose = (sin ∘ cos); compose(0.0) == sin(cos(0.0))", "true"),
        ("f(xs...) = +(xs...); f(1, 2, 3)", "6"),
        ("nt = (a = 1, b = 2.0); (nt.a, nt.b, getfield(nt, 2))", "(1, 2.0, 2.0)"),
        ("applicable(+, 1, 2), applicable(sin, \"s\")", "(true, false)"),
        ("Vector{Float64}(undef, 2) isa Vector{Float64}", "true"),
        ("function cnt(); n = 0; while true; n += 1; n >= 1000 && break; end; n; end; cnt()", "1000"),
        // Back-edge register sharing: `m` must not overwrite `n` while `n` is still read.
        ("function g(n); r = 0; while n > 0; m = n - 1; r = r * 10 + n; n = m; end; r; end; g(3)", "321"),
        ("function p(x, n); r = 1; while n > 0; n -= 1; r *= x; end; r; end; (p(2, 10), p(0.5, 3), p(2, 70))",
         "(1024, 0.125, 0)"),
        ("function q(n); s = 0; while n > 0.5; s += n; n -= 1; end; (s, n); end; q(3)", "(6, 0)"),
    ]

    @Test(arguments: 0..<cases.count)
    func evaluates(_ i: Int) {
        let (source, expected) = Self.cases[i]
        let run = SessionRun(source)
        #expect(run.error == nil, "\(source): \(run.errorText ?? "")")
        #expect(run.repr == expected, "\(source)")
    }

    static let errors: [(String, String)] = [
        ("const c = 1; c = 2", "invalid redefinition of constant c"),
        ("function q(); local y; y; end; q()", "UndefVarError: `y` not defined"),
        ("zzz + 1", "UndefVarError: `zzz` not defined"),
        ("half(x::Int) = x; half(\"four\")", "MethodError: no method matching half(::String)"),
        ("a(x::Int, y) = 1; a(x, y::Int) = 2; a(1, 2)", "MethodError: a(::Int64, ::Int64) is ambiguous."),
        ("x = 3; x(2)", "MethodError: objects of type Int64 are not callable"),
        ("struct S; x; end; s = S(1); s.x = 3", "setfield!: immutable struct of type S cannot be changed"),
        ("struct S2; x; end; S2(1, 2)", "MethodError: no method matching S2(::Int64, ::Int64)"),
        ("h(x) = x; h(1; k = 2)", "MethodError: no method matching h(::Int64)"),
        ("struct R; a; end; struct R; a; b; end", "invalid redefinition of constant R"),
        ("if 1; 2; end", "TypeError: non-boolean (Int64) used in boolean context"),
        ("f(x) = f(x) + 1; f(1)", "StackOverflowError:"),
        ("req(; k) = k; req()", "UndefKeywordError: keyword argument `k` not assigned"),
        ("x = 1; x.y = 2", "type Int64 has no field y"),
        ("f() = 1; f = 2", "invalid redefinition of constant f"),
        ("g = 1; g(x) = x", "cannot define function g; it already has a value"),
        ("1 + \"a\"", "MethodError: no method matching +(::Int64, ::String)"),
    ]

    @Test(arguments: 0..<errors.count)
    func fails(_ i: Int) throws {
        let (source, expected) = Self.errors[i]
        let run = SessionRun(source)
        let ex = try #require(run.zyException, "\(source) should fail")
        #expect(ErrorReporter.errorMessage(ex.value) == expected, "\(source)")
    }

    @Test func identicalStructRedefinitionIsAccepted() {
        #expect(SessionRun("struct R; a; end; struct R; a; end; R(1)").repr == "R(1)")
    }

    @Test func stepLimitStopsInfiniteLoops() throws {
        let run = SessionRun("while true; end", stepLimit: 10_000)
        let ex = try #require(run.zyException)
        guard case .structValue(let s) = ex.value else { Issue.record("not a struct"); return }
        #expect(s.type === Exceptions.stepLimitExceededType)
        // Not catchable by the program.
        let caught = SessionRun("try; while true; end; catch; 1; end", stepLimit: 10_000)
        #expect(caught.zyException != nil)
    }

    @Test func eachRunGetsTheWholeStepBudget() throws {
        let session = Session(output: { _ in }, input: { nil })
        session.stepLimit = 5_000
        #expect(throws: ZyException.self) {
            try session.run(file: SourceFile(name: "a.zy", text: "while true; end"))
        }
        let v = try session.evaluate(file: SourceFile(name: "b.zy", text: "s = 0; for i in 1:100; s += i; end; s"))
        #expect(v.map(Show.repr) == "5050")
    }

    @Test func emptyAndSemicolonInputsHaveNoValue() {
        #expect(SessionRun("").value == nil)
        #expect(SessionRun("x = 1;").value == nil)
        #expect(SessionRun("x = 1 # note").repr == "1")
    }
}
