import Testing
@testable import Zy

/// Third (and fourth) derivatives through each structural construct, each
/// against its exact value and, one order down, against finite
/// differences (`gradcheck` of the second derivative). Every function is
/// x³ (or 2.25x³, 9x³) written through the construct: the third derivative
/// is a constant, so the expected values are exact in Float64.
@Suite struct NestingStructuralTests {
    static let prelude = """
    D(f) = x -> gradient(f, x)[1]
    D2(f, x) = D(D(f))(x)
    D3(f, x) = D(D(D(f)))(x)
    D4(f, x) = D(D(D(D(f))))(x)
    struct S; a; b; end
    mutable struct M; a; b; end
    g(args...) = args[1] * args[2]
    k(x; p = 3) = x^p

    """

    @Test(arguments: [
        ("tuple", "x -> (x, 2x)[1]^3", "6.0"),
        ("tuple product", "x -> (t = (x, x^2); t[1] * t[2])", "6.0"),
        ("destructuring", "x -> ((a, b) = (x, x^2); a * b)", "6.0"),
        ("named tuple", "x -> (a = x, b = 2.0).a^3", "6.0"),
        ("struct", "x -> S(x, 1.0).a^3", "6.0"),
        ("mutable struct", "x -> M(x, 1.0).a^3", "6.0"),
        ("mutable struct write", "x -> (m = M(1.0, 1.0); m.a = x; m.a^3)", "6.0"),
        ("Dict", "x -> Dict(:a => x)[:a]^3", "6.0"),
        ("Dict two keys", "x -> (d = Dict(:a => x, :b => x^2); d[:a] * d[:b])", "6.0"),
        ("Dict get", "x -> get(Dict(:a => x), :a, 0.0)^3", "6.0"),
        ("Dict setindex!", "x -> (d = Dict{Symbol,Float64}(); d[:a] = x; d[:a]^3)", "6.0"),
        ("vect", "x -> [x, 2x][1]^3", "6.0"),
        ("vect sum", "x -> sum([x, x^2, x^3])", "6.0"),
        ("array setindex!", "x -> (v = [0.0, 0.0]; v[1] = x; v[1]^3)", "6.0"),
        ("broadcast", "x -> sum([x, 2x] .^ 3)", "54.0"),
        ("map", "x -> sum(map(y -> y^3, [x, 2x]))", "54.0"),
        ("sum(f, xs)", "x -> sum(y -> y^3, [x, 2x])", "54.0"),
        ("varargs", "x -> g(x, x^2)", "6.0"),
        ("splat", "x -> g((x, x^2)...)", "6.0"),
        ("closure", "x -> (y -> x * y^2)(x)", "6.0"),
        ("keyword", "x -> k(x; p = 3)", "6.0"),
        ("keyword default", "x -> k(x)", "6.0"),
        ("compose", "x -> ((y -> y^2) ∘ (y -> y * 1.5))(x) * x", "13.5"),
        ("foldl", "x -> foldl(*, [x, x, x])", "6.0"),
        ("loop", "x -> (s = 1.0; for i in 1:3; s *= x; end; s)", "6.0"),
        ("push!", "x -> (v = Float64[]; push!(v, x); push!(v, x^2); v[1] * v[2])", "6.0"),
        ("append!", "x -> (v = [1.0]; append!(v, [x]); v[2]^3)", "6.0"),
        ("pop!", "x -> (v = [x, 1.0]; pop!(v); v[1]^3)", "6.0"),
        ("comprehension", "x -> sum([y^3 for y in [x, 2x]])", "54.0"),
        ("Dict iteration", "x -> sum(v^3 for (k, v) in Dict(:a => x))", "6.0"),
        ("zip", "x -> sum(a * b for (a, b) in zip([x, x], [x^2, 1.0]))", "6.0"),
        ("enumerate", "x -> sum(i * v^3 for (i, v) in enumerate([x]))", "6.0"),
        ("reverse", "x -> reverse([x^3, 1.0])[2]", "6.0"),
        ("+ of three", "x -> +(x, x^2, x^3)", "6.0"),
        ("* of three", "x -> *(x, x^2, 2.0)", "12.0"),
    ])
    func thirdDerivative(_ name: String, _ f: String, _ expected: String) {
        let run = ADRun(Self.prelude + "f = \(f)\n(D3(f, 2.0), gradcheck(x -> D2(f, x), 2.0))")
        #expect(run.repr == "(\(expected), true)", "\(name): \(run.errorText ?? "")")
    }

    /// x⁴ through the constructors whose nesting has its own rules:
    /// (x⁴)'''' = 24.
    @Test(arguments: [
        "x -> Dict(:a => x)[:a]^4",
        "x -> S(x, 1.0).a^4",
        "x -> M(x, 1.0).a^4",
        "x -> g((x, x^3)...)",
        "x -> ((y -> y^2) ∘ (y -> y^2))(x)",
        "x -> (a = x^2, b = x).a^2",
        "x -> sum(v^4 for (k, v) in Dict(:a => x))",
        "x -> sum(a * b for (a, b) in zip([x, x], [x^3, 1.0]))",
        "x -> sum([y^4 for y in [x]])",
        "x -> (v = Float64[]; push!(v, x); push!(v, x^3); v[1] * v[2])",
        "x -> *(x, x^2, x)",
    ])
    func fourthDerivative(_ f: String) {
        let run = ADRun(Self.prelude + "D4(\(f), 1.5)")
        #expect(run.repr == "24.0", "\(f): \(run.errorText ?? "")")
    }

    /// Rules met again when adjoints are differentiated: keywords with
    /// varargs, `Float64(x)`, `sign.(x)`, `min`/`clamp`, products of a
    /// number and an array (norm: d³√(x²+1)/dx³ = -3x/(x²+1)^(5/2), -6/5^2.5
    /// at 2), and a
    /// real argument's complex intermediate (Re (x+i)³ = x³ - 3x).
    @Test(arguments: [
        ("vv(x, x; p = 3) / 8", "2.0", "6.0"),
        ("ww(x, x; s = x)", "2.0", "6.0"),
        ("Float64(x)^3", "2.0", "6.0"),
        ("sum(sign.([x, 1.0]) .* [x^3, x])", "2.0", "6.0"),
        ("min(x^3, 100.0)", "2.0", "6.0"),
        ("clamp(x^3, 0.0, 100.0)", "2.0", "6.0"),
        ("real((x + 1.0im)^3)", "2.0", "6.0"),
        ("norm([x, 1.0]) * 5^2.5 / 6", "2.0", "-1.0"),
    ])
    func adjointRulesAgain(_ body: String, _ x: String, _ expected: String) {
        let run = ADRun(Self.prelude + """
        vv(xs...; p = 2) = sum(xs)^p
        ww(xs...; s = 1.0) = s * prod(xs)
        f = x -> \(body)
        v = D3(f, \(x))
        (abs(v - \(expected)) < 1e-9, gradcheck(x -> D2(f, x), \(x)))
        """)
        #expect(run.repr == "(true, true)", "\(body): \(run.errorText ?? run.repr ?? "")")
    }

    /// `pullback` inside differentiated code (had no rule): (x³)'' = 6x,
    /// and norm's second derivative through a user's back, 1/(x²+1)^(3/2).
    @Test func pullbackNested() {
        let run = ADRun(Self.prelude + """
        (gradient(x -> pullback(y -> y^3, x)[2](1.0)[1], 2.0),
         D(x -> pullback(y -> norm([y, 1.0]), x)[2](1.0)[1])(2.0) ≈ 1 / 5^1.5)
        """)
        #expect(run.repr == "((12.0,), true)", "\(run.errorText ?? "")")
    }

    /// The issue's example, and a comprehension at second order (each
    /// item's one-hot gradient is differentiated again): 9x³'' = 54x.
    @Test func dictThirdOrderAndComprehension() {
        let run = ADRun(Self.prelude + """
        d(x) = Dict(:a => x)[:a]^3; g1(x) = gradient(d, x)[1]; g2(x) = gradient(g1, x)[1]
        (gradient(g2, 2.0), D2(x -> sum([y^3 for y in [x, 2x]]), 2.0))
        """)
        #expect(run.repr == "((6.0,), 108.0)", "\(run.errorText ?? "")")
    }
}
