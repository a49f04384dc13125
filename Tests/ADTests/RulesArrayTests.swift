import Foundation
import Testing
@testable import Zy

/// Rules for arrays, reductions, dictionaries and shape functions: exact
/// values (hand-derived), and finite differences for the nonlinear ones.
@Suite struct RulesArrayTests {
    @Test(arguments: [
        ("gradient(x -> foldr(-, x), [1.0, 2.0, 3.0])", "([1.0, -1.0, 1.0],)"),
        ("gradient(x -> mapreduce(y -> y^2, +, x), [1.0, 2.0])", "([2.0, 4.0],)"),
        ("gradient(x -> prod(x), [1.0, 2.0, 3.0])", "([6.0, 3.0, 2.0],)"),
        ("gradient(x -> sum(cumsum(x) .^ 2), [1.0, 2.0, 3.0])", "([20.0, 18.0, 12.0],)"),
        ("gradient(x -> maximum(x) + minimum(x), [1.0, 5.0, 3.0])", "([1.0, 1.0, 0.0],)"),
        ("gradient((s, v) -> sum(s .+ v), 2.0, [1.0, 2.0])", "(2.0, [1.0, 1.0])"),
        ("gradient((v, r) -> sum(v .* r), [1.0, 2.0], [1.0 2.0 3.0])", "([6.0, 6.0], [3.0 3.0 3.0])"),
        ("gradient((m, c) -> sum(m .* c), [1.0 2.0; 3.0 4.0], [1.0, 2.0])", "([1.0 1.0; 2.0 2.0], [3.0, 7.0])"),
        ("gradient((m, r) -> sum((m .- r) .^ 2), [1.0 2.0; 3.0 4.0], [1.0 1.0])", "([0.0 2.0; 4.0 6.0], [-4.0 -8.0])"),
        ("gradient(m -> sum(transpose(m) * [1.0, 2.0]), [1.0 2.0; 3.0 4.0])", "([1.0 1.0; 2.0 2.0],)"),
        ("gradient(m -> sum(m' * [1.0, 2.0]), [1.0 2.0; 3.0 4.0])", "([1.0 1.0; 2.0 2.0],)"),
        ("gradient(v -> sum(v' * [1.0 2.0; 3.0 4.0]), [1.0, 2.0])", "([3.0, 7.0],)"),
        ("gradient(v -> sum(reshape(v, 2, 2) * [1.0, 2.0]), [1.0, 2.0, 3.0, 4.0])", "([1.0, 1.0, 2.0, 2.0],)"),
        ("gradient((a, b) -> sum(vcat(a, b) .^ 2), [1.0, 2.0], [3.0])", "([2.0, 4.0], [6.0])"),
        ("gradient((a, b) -> sum(hcat(a, b) * [1.0, 2.0]), [1.0, 2.0], [3.0, 4.0])", "([1.0, 1.0], [2.0, 2.0])"),
        ("gradient(x -> sum([x 2x; 3x 4x] * [1.0, 2.0]), 1.0)", "(16.0,)"),
        ("gradient((a, b, c) -> sum(vcat(a, b, c) .^ 2), [1.0], [2.0, 3.0], 4.0)", "([2.0], [4.0, 6.0], 8.0)"),
        ("gradient((a, b, c) -> sum([a b c] * [1.0, 2.0, 3.0]), [1.0, 2.0], [3.0, 4.0], [5.0, 6.0])", "([1.0, 1.0], [2.0, 2.0], [3.0, 3.0])"),
        ("gradient(m -> sum(vcat(m, m) * [1.0, 1.0]), [1.0 2.0; 3.0 4.0])", "([2.0 2.0; 2.0 2.0],)"),
        ("gradient(x -> sum(softmax([x, 0.0]) .* [1.0, 2.0]), 0.5)", "(-0.23500371220159455,)"),
        ("gradient(x -> maximum(abs, x) + 2minimum(abs2, x), [1.0, -2.0])", "([4.0, -1.0],)"),
        ("gradient(x -> prod(abs, x), [2.0, -3.0])", "([3.0, -2.0],)"),
        ("gradient(x -> first(x) + 2last(x), [1.0, 2.0, 3.0])", "([1.0, 0.0, 2.0],)"),
        ("gradient((a, b) -> dot(a, b), [1.0, 2.0], [3.0, 4.0])", "([3.0, 4.0], [1.0, 2.0])"),
        ("gradient(a -> norm(a), [3.0, 4.0])", "([0.6000000000000001, 0.8],)"),
        ("gradient(d -> get(d, :a, 0.0) * 3 + get(d, :z, 1.0), Dict(:a => 1.0))", "(Dict(:a => 3.0),)"),
        ("gradient(d -> haskey(d, :a) ? d[:a] * 2 : 0.0, Dict(:a => 1.0))", "(Dict(:a => 2.0),)"),
        ("gradient(d -> sum(values(d)) * 2, Dict(:a => 1.0))", "(Dict(:a => 2.0),)"),
        ("gradient(x -> length(keys(Dict(:a => x))) * 1.0, 2.0)", "(nothing,)"),
    ])
    func exactValues(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? run.repr ?? "no value")")
    }

    @Test func dictKeysLoop() {
        let run = ADRun("""
        function sk(d)
            s = 0.0
            for k in keys(d)
                s += d[k] * k
            end
            s
        end
        g = gradient(sk, Dict(2.0 => 1.0, 3.0 => 2.0))[1]
        (g[2.0], g[3.0])
        """)
        #expect(run.repr == "(2.0, 3.0)", "\(run.errorText ?? run.repr ?? "")")
    }

    @Test func dictIteration() {
        let source = """
        function sp(d)
            s = 0.0
            for (k, v) in pairs(d)
                s += v^2
            end
            s
        end
        function sd(d)
            s = 0.0
            for (k, v) in d
                s += 3v
            end
            s
        end
        d = Dict(:a => 1.0, :b => 2.0)
        (gradient(sp, d)[1][:a], gradient(sp, d)[1][:b], gradient(sd, d)[1][:a], gradient(sd, d)[1][:b])
        """
        let run = ADRun(source)
        #expect(run.repr == "(2.0, 4.0, 3.0, 3.0)", "\(run.errorText ?? run.repr ?? "")")
    }

    @Test(arguments: [
        "x -> softmax(x)[1] * 2 + softmax(x)[3]",
        "x -> logsumexp(x) * x[2]",
        "x -> sum(softmax(x) .* [1.0, -2.0, 3.0])",
        "x -> logsumexp(x .* 300)",
    ])
    func stableFormsMatchFiniteDifferences(_ f: String) {
        let source = """
        f = \(f)
        x = [0.5, -1.0, 2.0]
        g = gradient(f, x)[1]
        h = 1e-6
        fd = [(f(x .+ h .* [i == j ? 1.0 : 0.0 for j in 1:3]) - f(x .- h .* [i == j ? 1.0 : 0.0 for j in 1:3])) / (2h) for i in 1:3]
        maximum(abs.(g .- fd)) / max(1.0, maximum(abs.(fd)))
        """
        let run = ADRun(source)
        #expect((run.number ?? 1) < 1e-6, "\(f): \(run.errorText ?? run.repr ?? "")")
    }

    /// The @adjoint rules are Zy code, so second derivatives work:
    /// d²/dx² logsumexp([x, 2x]) = eˣ / (1 + eˣ)².
    @Test func nestedThroughRules() {
        let run = ADRun("gradient(x -> gradient(y -> logsumexp([y, 2y]), x)[1], 1.0)[1]")
        #expect(abs((run.number ?? 0) - exp(1.0) / pow(1 + exp(1.0), 2)) < 1e-12, "\(run.errorText ?? run.repr ?? "")")
    }

    @Test(arguments: [
        ("gradient(x -> gradient(y -> foldr(*, [y, y, 2.0]), x)[1], 3.0)", "(4.0,)"),
        ("gradient(x -> gradient(y -> mapreduce(abs2, +, [y, 2y]), x)[1], 3.0)", "(10.0,)"),
        ("gradient(x -> gradient(y -> sum(cumsum([y, y^2])), x)[1], 3.0)", "(2.0,)"),
        ("gradient(x -> gradient(y -> sum(transpose([y 2y])) * y, x)[1], 3.0)", "(6.0,)"),
        ("gradient(x -> gradient(y -> sum([y, y^2]), x)[1], 3.0)", "(2.0,)"),
        ("gradient(x -> gradient(y -> sum([y, 2y] .^ 2), x)[1], 3.0)", "(10.0,)"),
        ("gradient(x -> gradient(y -> sum(map(z -> z^3, [y, 1.0])), x)[1], 2.0)", "(12.0,)"),
        ("gradient(x -> gradient(y -> sum(y .* x), 1.0)[1], 3.0)", "(1.0,)"),
        ("gradient(x -> gradient(y -> sum(softmax([y, 0.0]) .* [1.0, 2.0]), x)[1], 0.5)", "(0.05755679485232077,)"),
    ])
    func secondDerivatives(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? run.repr ?? "no value")")
    }

    /// d²/dy² sum(sin.([y 2y; y y])) = -3 sin y - 4 sin 2y
    @Test func nestedBroadcastOverMatrixLiteral() {
        let run = ADRun("gradient(x -> gradient(y -> sum(sin.([y 2y; y y])), x)[1], 0.5)[1]")
        #expect(abs((run.number ?? 0) - (-3 * sin(0.5) - 4 * sin(1.0))) < 1e-12, "\(run.errorText ?? run.repr ?? "")")
    }

    @Test func roundingGivesZeroNotNothing() {
        #expect(ADRun("gradient(x -> floor(x), 1.3)").repr == "(0.0,)")
        #expect(ADRun("gradient(x -> round(x) * x, 1.3)").repr == "(1.0,)")
        #expect(ADRun("gradient(x -> ceil(x) + trunc(x), -1.3)").repr == "(0.0,)")
        #expect(ADRun("gradient(x -> x^2 + Float64(length(string(x))), 2.0)").repr == "(4.0,)")
        #expect(ADRun("gradient(x -> Float64(x) * 2, 3)").repr == "(2.0,)")
    }

    @Test func missingRuleErrorNamesFunctionAndLine() {
        let run = ADRun("""
        f(x) = x * 2
        g(x) = sum(Core.vect(x))
        h(x) = f(x) + f(3.0)
        gradient(x -> nextfloat(x) * x, 1.0)
        """)
        let text = run.errorText ?? ""
        #expect(text.contains("nextfloat") && text.contains("test.zy:4"), "\(text)")
    }
}
