import Foundation
import Testing
@testable import Zy

/// Folds with `init`, block matrices, N-d reshapes and the rest of the
/// standard library's rules: hand-derived exact values, and every rule
/// against central finite differences at several points.
@Suite struct RuleLibraryTests {
    @Test(arguments: [
        // foldl(op, [a, b, c]; init = i) = op(op(op(i, a), b), c)
        ("gradient((x, i) -> foldl(-, x; init = i), [1.0, 2.0, 3.0], 10.0)", "([-1.0, -1.0, -1.0], 1.0)"),
        ("gradient((x, i) -> foldl(*, x; init = i), [1.0, 2.0, 3.0], 2.0)", "([12.0, 6.0, 4.0], 6.0)"),
        // foldr(op, [a, b]; init = i) = op(a, op(b, i))
        ("gradient((x, i) -> foldr(-, x; init = i), [1.0, 2.0], 10.0)", "([1.0, -1.0], 1.0)"),
        ("gradient((x, i) -> foldr((a, b) -> a * b^2, x; init = i), [2.0, 3.0], 1.0)", "([9.0, 12.0], 72.0)"),
        ("gradient((x, i) -> reduce(+, x; init = i), [1.0, 2.0], 0.5)", "([1.0, 1.0], 1.0)"),
        // mapreduce(f, op, xs; init) = op(op(init, f(a)), f(b))
        ("gradient((x, i) -> mapreduce(abs2, +, x; init = i), [1.0, -2.0], 3.0)", "([2.0, -4.0], 1.0)"),
        ("gradient((x, i) -> mapreduce(y -> 2y, *, x; init = i), [1.0, 3.0], 2.0)", "([24.0, 8.0], 12.0)"),
        // empty collections: init passes through; no init, no gradient
        ("gradient(i -> foldl(+, Float64[]; init = i), 2.0)", "(1.0,)"),
        ("gradient(i -> foldr(*, Float64[]; init = i) * 3, 2.0)", "(3.0,)"),
        ("gradient(i -> mapreduce(sin, +, Float64[]; init = i), 2.0)", "(1.0,)"),
        ("gradient(x -> x + reduce(+, Float64[]), 2.0)", "(1.0,)"),
        ("gradient(x -> x * foldl(*, Int[]), 2.0)", "(1.0,)"),
        ("gradient(x -> x + mapreduce(abs, +, Float64[]), 2.0)", "(1.0,)"),
        // closures capturing variables, and keyword functions
        ("gradient(a -> foldl((s, x) -> s + a * x, [1.0, 2.0, 3.0]; init = 0.0), 2.0)", "(6.0,)"),
        ("gradient(a -> mapreduce(x -> a * x^2, +, [1.0, 2.0]; init = a), 3.0)", "(6.0,)"),
        ("gradient(a -> foldr((x, s) -> x * s, [a, 2.0]; init = a), 3.0)", "(12.0,)"),
        ("gradient(a -> reduce(+, [a, 2a, 3a]), 1.5)", "(6.0,)"),
        ("h(x; k = 2.0) = x * k\ngradient((x, k) -> h(x; k = k), 3.0, 5.0)", "(5.0, 3.0)"),
        ("h(x; k = 2.0) = x * k\ngradient(x -> h(x), 3.0)", "(2.0,)"),
        ("h(x; kw...) = x * kw[:k]\ngradient(k -> h(2.0; k = k), 3.0)", "(2.0,)"),
        ("f(xs...; k = 1.0) = k * sum(xs)\ngradient((a, b, k) -> f(a, b; k = k), 1.0, 2.0, 3.0)", "(3.0, 3.0, 3.0)"),
        ("g(x, ys...; s = 2.0) = x * s + sum(ys)\ngradient((x, s) -> g(x, 1.0, 2.0; s = s), 3.0, 4.0)", "(4.0, 3.0)"),
    ])
    func folds(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? run.repr ?? "no value")")
    }

    @Test(arguments: [
        // [A b; c d e]: each block gets its slice of ȳ = W, shaped like it
        ("gradient((A, b, c) -> sum([A b; c 7.0 8.0] .* [1.0 2.0 3.0; 4.0 5.0 6.0; 7.0 8.0 9.0]), [1.0 2.0; 3.0 4.0], [5.0, 6.0], 2.0)",
         "([1.0 2.0; 4.0 5.0], [3.0, 6.0], 7.0)"),
        ("gradient((A, b) -> sum([A b; b' 1.0] .* [1.0 2.0 3.0; 4.0 5.0 6.0; 7.0 8.0 9.0]), [1.0 2.0; 3.0 4.0], [5.0, 6.0])",
         "([1.0 2.0; 4.0 5.0], [10.0, 14.0])"),
        ("gradient((A, B) -> sum([A B; B A] .^ 2), [1.0 2.0; 3.0 4.0], [1.0 0.0; 0.0 1.0])", "([4.0 8.0; 12.0 16.0], [4.0 0.0; 0.0 4.0])"),
        ("gradient(r -> sum([r; r] * [1.0, 2.0]), [1.0 2.0])", "([2.0 4.0],)"),
        ("gradient((a, b) -> sum(vcat(a, b, a, b, a) .^ 2), [1.0, 2.0], 3.0)", "([6.0, 12.0], 12.0)"),
        ("gradient(x -> sum(hcat(x, x, x, x, x, x) * collect(1.0:6.0)), [1.0, 2.0])", "([21.0, 21.0],)"),
        ("gradient((a, v) -> sum([a v'; v v v] .* [1.0 2.0 3.0; 4.0 5.0 6.0; 7.0 8.0 9.0]), 1.0, [0.5, 0.5])",
         "(1.0, [17.0, 27.0])"),
        // second order through the block gradient: d²/dy² of Σ[y 2y; 3y y²] = 2
        ("gradient(x -> gradient(y -> sum([y 2y; 3y y^2]), x)[1], 3.0)", "(2.0,)"),
        ("gradient(x -> gradient(y -> sum([[y, 2y] [y^2, 1.0]]), x)[1], 3.0)", "(2.0,)"),
    ])
    func blockMatrices(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? run.repr ?? "no value")")
    }

    @Test(arguments: [
        ("gradient(v -> sum(reshape(v, 2, 2, 2) .^ 2), collect(1.0:8.0))", "([2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0],)"),
        ("gradient(v -> reshape(v, (2, 1, 2))[2, 1, 2], [1.0, 2.0, 3.0, 4.0])", "([0.0, 0.0, 0.0, 1.0],)"),
        ("gradient(x -> x[2, 1, 2] * x[1, 2, 1], reshape(collect(1.0:8.0), 2, 2, 2))", "([0.0 6.0; 0.0 0.0;;; 0.0 0.0; 3.0 0.0],)"),
        ("gradient(x -> sum(reshape(x, 4, 2)[:, 2]), reshape(collect(1.0:8.0), 2, 2, 2))", "([0.0 0.0; 0.0 0.0;;; 1.0 1.0; 1.0 1.0],)"),
        ("gradient(m -> sum(reshape(m, 1, 2, 2) .* 3), [1.0 2.0; 3.0 4.0])", "([3.0 3.0; 3.0 3.0],)"),
        ("gradient(v -> sum(reshape(v, 2, 1, 1, 2)), [1.0, 2.0, 3.0, 4.0])", "([1.0, 1.0, 1.0, 1.0],)"),
    ])
    func reshapes(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? run.repr ?? "no value")")
    }

    /// Array functions: `f` of an array, its gradient against central
    /// differences in every component (`x` may be a matrix).
    static let arrayCases: [(String, [String])] = [
        ("x -> foldl((a, b) -> a * b + sin(b), x; init = 0.5)", ["[1.0, 2.0, -0.5]", "[0.1, 0.0, 3.0]"]),
        ("x -> foldr((a, b) -> a * b^2, x; init = 1.5)", ["[1.0, 2.0, -0.5]", "[0.3, -1.0]"]),
        ("x -> mapreduce(exp, *, x; init = 2.0)", ["[0.1, -0.2]", "[1.0]"]),
        ("x -> reduce((a, b) -> a / b, x; init = 3.0)", ["[1.5, -2.0]"]),
        ("x -> sum([x[1] x[2]; x[3] x[1]^2] * [1.0, 2.0])", ["[1.0, 2.0, 3.0]", "[-1.0, 0.0, 0.5]"]),
        ("x -> sum([reshape(x, 2, 2) x[1:2]; x[3:4]' 1.0] .^ 2)", ["[1.0, 2.0, 3.0, 4.0]"]),
        ("x -> sum(sin.(reshape(x, 2, 1, 2)))", ["[1.0, 2.0, 3.0, 4.0]"]),
        ("x -> prod(x) + maximum(x) * minimum(x)", ["[1.0, -2.0, 3.0]", "[0.5, 0.25, 4.0]"]),
        ("x -> mean(x .^ 2) + mean(abs2, x)", ["[1.0, -2.0, 3.0]"]),
        ("x -> dot(x, [1.0, 2.0, 3.0]) * norm(x)", ["[1.0, -2.0, 3.0]"]),
        ("x -> norm(x, 1) + norm(x, 3) + norm(x, Inf)", ["[1.0, -2.0, 3.0]", "[0.5, 0.25, -4.0]"]),
        ("x -> softmax(x)[2] + logsumexp(x)", ["[1.0, -2.0, 3.0]", "[0.0, 0.0, 0.0]"]),
        ("x -> sum(sort(x) .* [1.0, 2.0, 3.0])", ["[3.0, -2.0, 1.0]"]),
        ("x -> sum(sort(x; rev = true) .* [1.0, 2.0, 3.0])", ["[3.0, -2.0, 1.0]"]),
        ("x -> sum(reverse(x) .* [1.0, 2.0, 3.0]) + first(x) * last(x)", ["[3.0, -2.0, 1.0]"]),
        ("x -> sum(filter(a -> a > 0, x) .^ 2)", ["[3.0, -2.0, 1.0]"]),
        ("x -> sum(collect(x) .* 2) + sum(transpose(x) * x)", ["[3.0, -2.0, 1.0]"]),
        ("x -> (y = similar(x); map!(a -> a^3, y, x); sum(y))", ["[3.0, -2.0, 1.0]"]),
        ("x -> sum(map((a, b) -> a * b, x, reverse(x)))", ["[3.0, -2.0, 1.0]"]),
        ("x -> sum(x .* x') + sum(adjoint(x) * [1.0, 2.0, 3.0])", ["[3.0, -2.0, 1.0]"]),
        ("x -> sum([2.0 1.0; 1.0 3.0] \\ x)", ["[1.0, 2.0]"]),
        ("x -> sum(reshape(x, 2, 2) \\ [1.0, 2.0])", ["[2.0, 1.0, 1.0, 3.0]"]),
        ("x -> sum(inv(reshape(x, 2, 2)))", ["[2.0, 1.0, 1.0, 3.0]"]),
        ("x -> det(reshape(x, 2, 2)) + det(reshape(x .^ 2, 2, 2))", ["[2.0, 1.0, 1.0, 3.0]", "[1.0, -2.0, 0.5, 4.0]"]),
        ("x -> sum([1.0 2.0] / reshape(x, 2, 2)) + sum(reshape(x, 1, 4) / 2.0)", ["[2.0, 1.0, 1.0, 3.0]"]),
        ("x -> sum(sum(reshape(x, 2, 2); dims = 1) .^ 2) + sum(mean(reshape(x, 2, 2); dims = 2) .^ 3)", ["[2.0, 1.0, -1.0, 3.0]"]),
        ("x -> sum(maximum(reshape(x, 2, 2); dims = 1) .^ 2) + sum(minimum(reshape(x, 2, 2); dims = 2))", ["[2.0, 1.0, -1.0, 3.0]"]),
        ("x -> sum(exp.(x .- maximum(x; dims = 1)))", ["[2.0, 1.0, -1.0, 3.0]"]),
        ("x -> (y = copy(x); push!(y, x[1]); append!(y, [x[2]]); p = pop!(y); sum(y .^ 2) + p)", ["[2.0, 1.0, -1.0]"]),
        // a broadcast reads y, then pop! shrinks it: the read elements keep their gradients
        ("x -> (y = copy(x); push!(y, x[1]); append!(y, [x[2]]); sum(y .^ 2) + pop!(y))", ["[2.0, 1.0, -1.0]"]),
        ("x -> sum(vcat(x, x[1:2]) .^ 2) + sum(hcat(x, 2x) * [1.0, -1.0])", ["[2.0, 1.0, -1.0]"]),
        ("x -> sum(a * b for (a, b) in zip(x, reverse(x))) + sum(i * a^2 for (i, a) in enumerate(x))", ["[2.0, 1.0, -1.0]"]),
        ("x -> sum(σ.(x)) + sum(relu.(x)) + sum(abs2, x) + sum(tanh, x)", ["[2.0, 1.0, -1.0]", "[0.1, -0.1, 5.0]"]),
        ("x -> sum(fill(x[1], 2) .* x[2:3]) + sum(zeros(3) .+ x .* ones(3))", ["[2.0, 1.0, -1.0]"]),
        ("x -> get(Dict(:a => x[1]), :a, 0.0) * x[2] + get(Dict(:a => x[1]), :b, x[3])", ["[2.0, 1.0, -1.0]"]),
        ("x -> mapreduce((a, b) -> a * b, +, x, [1.0, 2.0, 3.0])", ["[2.0, 1.0, -1.0]"]),
        ("x -> (d = Dict(:a => x[1], :b => x[2]); delete!(d, :a); d[:b] * x[3])", ["[2.0, 1.0, -1.0]"]),
    ]

    @Test func arraysMatchFiniteDifferences() {
        for (f, points) in Self.arrayCases {
            for x in points {
                let run = ADRun("""
                f = \(f)
                x = \(x)
                g = gradient(f, x)[1]
                h = 1e-6
                fd = map(1:length(x)) do i
                    e = zeros(size(x))
                    e[i] = h
                    (f(x .+ e) - f(x .- e)) / (2h)
                end
                (maximum(abs.(vec(g) .- fd)), maximum(abs.(fd)))
                """)
                guard case .tuple(let pair)? = run.value, pair.count == 2,
                      case .float(let err) = pair[0], case .float(let scale) = pair[1] else {
                    Issue.record("\(f) at \(x): \(run.errorText ?? run.repr ?? "no value")")
                    continue
                }
                #expect(err <= 1e-5 * max(1, scale), "\(f) at \(x): gradient differs from finite differences by \(err)")
            }
        }
    }

    /// Complex inputs: the gradient of a real function f(z) is
    /// ∂f/∂re + i ∂f/∂im (Zygote's convention), by differences in both.
    static let complexCases: [(String, [String])] = [
        ("z -> abs(z)", ["3.0 + 4.0im", "-1.0 + 0.5im"]),
        ("z -> real(z)^2 + imag(z)^3", ["3.0 + 4.0im", "-1.0 + 0.5im"]),
        ("z -> real(conj(z) * im) + abs2(z)", ["3.0 + 4.0im"]),
        ("z -> angle(z)", ["1.0 + 1.0im", "-1.0 + 0.5im", "-2.0 - 0.1im"]),
        ("z -> real(exp(z)) + imag(sin(z))", ["1.0 + 1.0im", "0.3 - 0.2im"]),
        ("z -> abs(z * z + 1)", ["1.0 + 2.0im"]),
        ("z -> abs2(z / (2.0 - 1.0im)) + abs2((1.0 + 2.0im) / z)", ["2.0 - 1.0im", "0.5 + 0.5im"]),
    ]

    @Test func complexMatchesFiniteDifferences() {
        for (f, points) in Self.complexCases {
            for z in points {
                let run = ADRun("""
                f = \(f)
                z = \(z)
                g = gradient(f, z)[1]
                h = 1e-6
                fd = (f(z + h) - f(z - h)) / (2h) + im * (f(z + h * im) - f(z - h * im)) / (2h)
                abs(g - fd)
                """)
                guard let err = run.number else {
                    Issue.record("\(f) at \(z): \(run.errorText ?? run.repr ?? "no value")")
                    continue
                }
                #expect(err <= 1e-5, "\(f) at \(z): gradient differs from finite differences by \(err)")
            }
        }
    }

    /// Exact values of the new scalar rules, and their edges.
    @Test(arguments: [
        ("gradient(real, 3.0 + 4.0im)", "(1.0,)"),
        ("gradient(imag, 3.0 + 4.0im)", "(0.0 + 1.0im,)"),
        ("gradient(abs, 3.0 + 4.0im)", "(0.6 + 0.8im,)"),
        ("gradient(angle, 1.0 + 1.0im)", "(-0.5 + 0.5im,)"),
        // a real input's gradient is real (ChainRules' projection); abs
        // and abs2 pull back only the real part of their sensitivity
        ("gradient(x -> real(x * (1.0 + 1.0im)), 1.0)", "(1.0,)"),
        ("gradient(x -> sum(real.(x .* (1.0 + 2.0im))), [1.0, 2.0])", "([1.0, 1.0],)"),
        ("gradient(z -> real(abs(z) * (1.0 + 1.0im)), 3.0 + 4.0im)", "(0.6 + 0.8im,)"),
        ("gradient(z -> real(abs2(z) * (1.0 + 1.0im)), 1.0 + 1.0im)", "(2.0 + 2.0im,)"),
        // angle of a real is constant (0 or π): nothing, as ChainRules' zero
        ("gradient(angle, -1.5)", "(nothing,)"),
        ("gradient(x -> x // 2, 3)", "(1//2,)"),
        ("gradient((a, b) -> a // b, 1, 4)", "(1//4, -1//16)"),
        ("gradient(x -> 2.0 \\ x, 3.0)", "(0.5,)"),
        ("gradient(a -> a \\ 3.0, 2.0)", "(-0.75,)"),
        ("gradient(x -> Int(x) * 1.0, 2.0)", "(1.0,)"),
        ("gradient(x -> round(Int, x) * x, 2.4)", "(2.0,)"),
        ("gradient(x -> x |> sin |> (y -> 2y), 0.0)", "(2.0,)"),
        // tuples: indexing by a vector, filter, map and sum with a function
        ("gradient(t -> sum(t[[1, 3, 1]]), (1.0, 2.0, 3.0))", "((2.0, nothing, 1.0),)"),
        ("gradient(t -> sum(abs2, filter(x -> x > 1, t)), (1.0, 2.0, 3.0))", "((nothing, 4.0, 6.0),)"),
        ("gradient(t -> sum(map(x -> x^3, t)) + sum(abs2, t), (1.0, 2.0))", "((5.0, 16.0),)"),
        ("gradient((x, i) -> sum(x; init = i) * 2, [1.0, 2.0], 0.5)", "([2.0, 2.0], 2.0)"),
        ("gradient(m -> sum(maximum(m; dims = 1)), [1.0 5.0; 3.0 2.0])", "([0.0 1.0; 1.0 0.0],)"),
        ("gradient(m -> sum(minimum(m; dims = 2) .* [1.0, 2.0]), [1.0 5.0; 3.0 2.0])", "([1.0 0.0; 0.0 2.0],)"),
        ("gradient(x -> sum(abs2, x; dims = 1)[2], [1.0 2.0; 3.0 4.0])", "([0.0 4.0; 0.0 8.0],)"),
        ("gradient(x -> norm([x, 0.0], 1), 0.0)", "(0.0,)"),
        ("gradient(d -> get!(d, :a, 0.0) * 2, Dict(:a => 1.5))", "(Dict(:a => 2.0),)"),
        ("gradient(x -> (d = Dict{Symbol,Float64}(); get!(d, :a, x) * 2 + get!(d, :a, 0.0)), 1.5)", "(3.0,)"),
        ("gradient(x -> sum(collect((x, 2x))), 1.0)", "(3.0,)"),
        ("gradient(x -> sum(filter(a -> a > 5, x)), [1.0, 2.0])", "(nothing,)"),
        // range: yᵢ = a + (b - a)(i - 1)/(n - 1), or a + (i - 1) step
        ("gradient((a, b) -> sum(range(a, b; length = 3) .* [1.0, 2.0, 3.0]), 1.0, 2.0)", "(2.0, 4.0)"),
        ("gradient((a, s) -> sum(range(a; step = s, length = 3) .^ 2), 1.0, 0.5)", "(9.0, 11.0)"),
        ("gradient((a, s) -> sum(range(a, 3.0; step = s)), 1.0, 0.5)", "(5.0, 10.0)"),
    ])
    func scalarEdges(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? run.repr ?? "no value")")
    }

    /// Functions without a derivative: `nothing` when no gradient reaches
    /// them; a gradient that does names the function and the user's line.
    @Test(arguments: [
        ("gradient(x -> argmax([x, 2x]) * x, 3.0)", "(2.0,)"),
        ("gradient(x -> length(string(x)) * x, 3.0)", "(3.0,)"),
        ("gradient(x -> findfirst(a -> a > 1, [x, 2.0]) * x, 3.0)", "(1.0,)"),
        ("gradient(x -> any(a -> a > 2, [x]) ? x^2 : x, 3.0)", "(6.0,)"),
        ("gradient(x -> dropgrad(parse(Float64, string(x))) * x, 3.0)", "(3.0,)"),
        ("gradient(x -> (sortperm([x, 1.0])[1] == 2 ? 1.0 : 0.0), 3.0)", "(nothing,)"),
    ])
    func nonDifferentiable(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? run.repr ?? "no value")")
    }

    /// An inline rule's recorded array is a snapshot taken where it ran: an
    /// array changed in place afterwards (push!, pop!, x[i] = v) does not
    /// change the gradient (more in `RecordSnapshotTests`).
    @Test func rulesReadingAnArrayMutatedLater() {
        let run = ADRun("""
        x = [2.0, 1.0, -1.0]
        (gradient(x -> (y = copy(x); s = prod(y); push!(y, 5.0); s + y[end]), x),
         gradient(x -> (y = copy(x); s = sum(y); pop!(y); s), x))
        """)
        #expect(run.repr == "(([-1.0, -2.0, 2.0],), ([1.0, 1.0, 1.0],))", "\(run.errorText ?? run.repr ?? "")")
    }

    @Test(arguments: [
        ("f(x) = cumprod([x, 2.0])[2]\ngradient(f, 1.0)", "cumprod", "test.zy:1"),
        ("g(x) = x +\n  cumprod([x, 2x])[2]\ngradient(g, 1.0)", "cumprod", "test.zy:2"),
        ("gradient(x -> var([x, 2x]), 1.0)", "var", "test.zy:1"),
        ("gradient(x -> parse(Float64, string(x)), 3.0)", "parse", "test.zy:1"),
    ])
    func missingRuleNamesFunctionAndLine(_ source: String, _ name: String, _ line: String) {
        let run = ADRun(source)
        let text = run.errorText ?? ""
        #expect(text.contains("no derivative rule for \(name)(") && text.contains(line), "\(source): \(text.isEmpty ? run.repr ?? "" : text)")
    }
}
