import Testing
@testable import Zy

/// The printed type of array gradients (LANGUAGE.md: an array's gradient is
/// an array of the same shape; numbers keep their kind). As Zygote: the
/// tightest element type of what the array holds (`Vector{Vector{Float64}}`,
/// not `Vector{Any}`), zeros where no gradient reached a number element,
/// `nothing` where none reached any other element (Zygote's
/// `Union{Nothing, T}` arrays, which Zy spells `Any`), and the shadows of
/// Dicts and mutable structs inside containers at their places.
@Suite struct GradientTypeTests {
    static let prelude = """
    struct S; a; b; end
    struct H; d; end
    mutable struct M; a; end

    """

    @Test(arguments: [
        // the issue's example: Σ‖x‖² per element, 2x each
        ("xs -> sum(x -> sum(x .^ 2), xs)", "[[1.0, 2.0], [3.0]]", "([[2.0, 4.0], [6.0]],)"),
        ("xs -> sum(map(x -> x[1]^2, xs))", "[[1.0], [2.0]]", "([[2.0], [4.0]],)"),
        ("xs -> sum(xs[1] .* xs[2])", "[[1.0, 2.0], [3.0, 4.0]]", "([[3.0, 4.0], [1.0, 2.0]],)"),
        ("xs -> xs[1][1]", "[[1.0], [2.0]]", "(Any[[1.0], nothing],)"),
        // Int stays Int; a Float64 gradient makes Float64 zeros
        ("x -> sum(x .* 2)", "[1, 2]", "([2, 2],)"),
        ("xs -> xs[1] * 2", "[1, 2]", "([2, 0],)"),
        ("xs -> xs[1] * 2.5", "[1, 2]", "([2.5, 0.0],)"),
        ("xs -> sum(x -> x^2, xs)", "[1, 2]", "([2, 4],)"),
        ("xs -> sum(xs .* xs)", "[1 2; 3 4]", "([2 4; 6 8],)"),
        ("xs -> xs[1] * xs[2]", "[1//2, 3//4]", "(Rational{Int64}[3//4, 1//2],)"),
        ("x -> sum(x)", "1:3", "([1, 1, 1],)"),
        ("xs -> sum(abs2, xs)", "[1 + 2im, 3im]", "(Complex{Int64}[2 + 4im, 0 + 6im],)"),
        ("xs -> sum(x -> x[2]^2, xs)", "[(1, 2.0), (3, 4.0)]", "([(nothing, 4.0), (nothing, 8.0)],)"),
        ("xs -> xs[1][1] * 1.5", "[[1, 2], [3]]", "(Any[[1.5, 0.0], nothing],)"),
        // tuples, named tuples, structs
        ("xs -> sum(x -> x[1] * x[2], xs)", "[(1.0, 2.0), (3.0, 4.0)]", "([(2.0, 1.0), (4.0, 3.0)],)"),
        ("xs -> sum(x -> x[1] * x[2], xs)", "[(1, 2), (3, 4)]", "([(2, 1), (4, 3)],)"),
        ("xs -> xs[1][1]", "[(1.0, 2.0), (3.0, 4.0)]", "(Any[(1.0, nothing), nothing],)"),
        ("xs -> sum(x -> x.a * x.b, xs)", "[(a = 1.0, b = 2.0), (a = 3.0, b = 4.0)]", "([(a = 2.0, b = 1.0), (a = 4.0, b = 3.0)],)"),
        ("xs -> sum(p -> p.a * p.b, xs)", "[S(1.0, 2.0), S(3.0, 4.0)]", "([(a = 2.0, b = 1.0), (a = 4.0, b = 3.0)],)"),
        ("xs -> xs[2].a", "[S(1.0, 2.0), S(3.0, 4.0)]", "(Any[nothing, (a = 1.0, b = nothing)],)"),
        // Dicts and mutable structs inside containers: their shadows
        ("xs -> xs[1][:a] * 2", "[Dict(:a => 1.0), Dict(:a => 2.0)]", "(Any[Dict(:a => 2.0), nothing],)"),
        ("xs -> sum(d -> d[:a], xs)", "[Dict(:a => 1.0), Dict(:a => 2.0)]",
         "(Dict{Symbol, Float64}[Dict(:a => 1.0), Dict(:a => 1.0)],)"),
        ("h -> h.d[:a] * 3", "H(Dict(:a => 2.0))", "((d = Dict(:a => 3.0),),)"),
        ("t -> t[1].a * 2", "(M(1.0), M(2.0))", "(((a = 2.0,), nothing),)"),
        ("xs -> sum(x -> x.a, xs)", "[M(1.0), M(2.0)]", "([(a = 1.0,), (a = 1.0,)],)"),
        // a matrix of vectors keeps its shape
        ("m -> sum(m[1, 2])", "reshape([[1.0], [2.0, 3.0], [4.0], [5.0]], 2, 2)", "(Any[nothing [1.0]; nothing nothing],)"),
        ("m -> sum(x -> sum(x), m)", "reshape([[1.0], [2.0, 3.0], [4.0], [5.0]], 2, 2)", "([[1.0] [1.0]; [1.0, 1.0] [1.0]],)"),
        // mixed contents
        ("xs -> xs[1] + xs[2][1]", "Any[1.0, [2.0]]", "(Any[1.0, [1.0]],)"),
        ("xs -> xs[1] * 2.0", "Any[1.0, nothing]", "(Any[2.0, nothing],)"),
    ])
    func arrayGradient(_ f: String, _ x: String, _ expected: String) {
        let run = ADRun(Self.prelude + "gradient(\(f), \(x))")
        #expect(run.repr == expected, "\(f): \(run.errorText ?? "")")
    }

    @Test func elementTypes() {
        let run = ADRun(Self.prelude + """
        g1 = gradient(xs -> sum(x -> sum(x .^ 2), xs), [[1.0, 2.0], [3.0]])[1]
        g2 = gradient(xs -> xs[1] * 2, [1, 2])[1]
        g3 = gradient(xs -> sum(d -> d[:a], xs), [Dict(:a => 1.0)])[1]
        (typeof(g1), typeof(g2), typeof(g3))
        """)
        #expect(run.repr == "(Vector{Vector{Float64}}, Vector{Int64}, Vector{Dict{Symbol, Float64}})", "\(run.errorText ?? "")")
    }

    /// Closures in an array: each one's gradient is a NamedTuple of its
    /// captures (different names: the abstract `NamedTuple`, as Julia).
    @Test func arrayOfClosures() {
        let run = ADRun(Self.prelude + """
        let a = 3.0, b = 2.0
            (gradient(xs -> sum(map(f -> f(2.0), xs)), [x -> a * x^2, x -> b * x]),
             gradient(xs -> xs[1](2.0), [x -> a * x^2, x -> b * x]))
        end
        """)
        #expect(run.repr == "((NamedTuple[(a = 4.0,), (b = 2.0,)],), (Any[(a = 4.0,), nothing],))", "\(run.errorText ?? "")")
    }

    /// `pullback`'s back: a Dict's or mutable struct's gradient is its
    /// shadow, as with `gradient` (was `nothing`).
    @Test func pullbackOfMutableArguments() {
        let run = ADRun(Self.prelude + """
        y, back = pullback((d, x) -> d[:a] * x, Dict(:a => 3.0), 2.0)
        y2, back2 = pullback(m -> m.a^2, M(3.0))
        (back(1.0), back2(2.0), back2(1.0))
        """)
        #expect(run.repr == "((Dict(:a => 2.0), 3.0), ((a = 12.0,),), ((a = 6.0,),))", "\(run.errorText ?? "")")
    }

    /// The values against finite differences: the nested arrays built from
    /// a flat vector, so `gradcheck` perturbs every number.
    @Test func finiteDifferences() {
        let run = ADRun(Self.prelude + """
        f(v) = (xs = [v[1:2], v[3:3]]; sum(x -> sum(x .^ 2), xs))
        t(v) = (xs = [(v[1], v[2]), (v[3], v[4])]; sum(x -> x[1] * x[2], xs))
        d(v) = (xs = [Dict(:a => v[1]), Dict(:a => v[2])]; xs[1][:a] * xs[2][:a]^2)
        (gradient(f, [1.0, 2.0, 3.0]), gradcheck(f, [1.0, 2.0, 3.0]), gradcheck(t, [1.0, 2.0, 3.0, 4.0]), gradcheck(d, [1.5, 2.0]))
        """)
        #expect(run.repr == "(([2.0, 4.0, 6.0],), true, true, true)", "\(run.errorText ?? "")")
    }
}
