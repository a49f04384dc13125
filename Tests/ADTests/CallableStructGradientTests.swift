import Testing
@testable import Zy

/// Gradients through callable structs (`(m::Dense)(x) = …`): the method
/// runs with the object as `%1`, like a closure, so the object's gradient
/// is a named tuple of its fields' (Zygote's `((W = …, b = …),)`), nested
/// for structs of structs. Values derived by hand; `gradcheck` compares
/// with central finite differences.
@Suite struct CallableStructGradientTests {
    static let prelude = """
        struct Dense; W; b; σ; end
        Dense(W, b) = Dense(W, b, identity)
        (m::Dense)(x) = m.σ.(m.W * x .+ m.b)
        struct Chain; layers; end
        (c::Chain)(x) = foldl((x, l) -> l(x), c.layers; init = x)
        struct Loop; layers; end
        function (c::Loop)(x)
            for l in c.layers
                x = l(x)
            end
            x
        end
        mutable struct Lin; W; end
        (m::Lin)(x) = m.W * x
        struct Scale; k; end
        (s::Scale)(x, y = 10.0; shift = 0.0) = s.k * (x + y) + shift
        struct Twice; f; end
        (t::Twice)(x) = t.f(t.f(x))
        twice(w) = Twice(x -> w * x)
        d = Dense([1.0 2.0; 3.0 4.0], [0.5, -0.5])
        x = [1.0, -1.0]
        W1 = [1.0 2.0; 3.0 4.0]; b1 = [0.5, -0.5]; W2 = [1.0 -1.0]; b2 = [2.0]

        """

    @Test(arguments: [
        // sum(W x + b): ∂W = 1 xᵀ, ∂b = 1, ∂x = Wᵀ 1
        ("gradient(m -> sum(m(x)), d)", "((W = [1.0 -1.0; 1.0 -1.0], b = [1.0, 1.0], σ = nothing),)"),
        ("gradient(x -> sum(d(x)), x)", "([4.0, 6.0],)"),
        ("gradient((m, x) -> sum(m(x)), d, x)", "((W = [1.0 -1.0; 1.0 -1.0], b = [1.0, 1.0], σ = nothing), [4.0, 6.0])"),
        // two layers: h = W₁x + b₁ = [-0.5, -1.5], y = W₂h + b₂; ∂W₂ = hᵀ,
        // ∂h = W₂ᵀ = [1, -1], ∂W₁ = ∂h xᵀ, ∂b₁ = ∂h
        ("gradient(m -> sum(m(x)), Chain((Dense(W1, b1), Dense(W2, b2))))",
         "((layers = ((W = [1.0 -1.0; -1.0 1.0], b = [1.0, -1.0], σ = nothing), "
            + "(W = [-0.5 -1.5], b = [1.0], σ = nothing)),),)"),
        ("gradient(m -> sum(m(x)), Loop((Dense(W1, b1), Dense(W2, b2))))",
         "((layers = ((W = [1.0 -1.0; -1.0 1.0], b = [1.0, -1.0], σ = nothing), "
            + "(W = [-0.5 -1.5], b = [1.0], σ = nothing)),),)"),
        // broadcasting and map over a scalar layer 2x + 1 at [1, -1] and [1, 2]
        ("gradient(m -> sum(m.(x)), Dense(2.0, 1.0))", "((W = 0.0, b = 2.0, σ = nothing),)"),
        ("gradient(m -> sum(map(m, [1.0, 2.0])), Dense(2.0, 1.0))", "((W = 3.0, b = 2.0, σ = nothing),)"),
        // a mutable struct
        ("gradient(m -> m(3.0), Lin(2.0))", "((W = 3.0,),)"),
        ("withgradient(m -> m(2.0), Lin(2.0))", "(val = 4.0, grad = ((W = 2.0,),))"),
        // defaults and keywords: k (x + y) + shift
        ("gradient(s -> s(1.0; shift = 2.0), Scale(3.0))", "((k = 11.0,),)"),
        ("gradient((s, x) -> s(x, 2.0), Scale(3.0), 1.0)", "((k = 3.0,), 3.0)"),
        ("gradient(x -> Scale(3.0)(x), 1.0)", "(3.0,)"),
        // a closure in a field: w (w x), ∂w = 2wx = 12 at w = 3, x = 2
        ("gradient(w -> twice(w)(2.0), 3.0)", "(12.0,)"),
        ("gradient(t -> t(2.0), twice(3.0))", "((f = (w = 12.0,),),)"),
        // second order: (2y + 1)² has second derivative 8
        ("gradient(x -> gradient(y -> Dense(2.0, 1.0)(y)^2, x)[1], 1.0)", "(8.0,)"),
        ("pullback(m -> m(2.0), Dense(0.5, 0.1))[2](1.0)", "((W = 2.0, b = 1.0, σ = nothing),)"),
    ])
    func exactValues(_ source: String, _ expected: String) {
        let run = ADRun(Self.prelude + source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? "")")
    }

    /// tanh(W x + b) at W = 0.5, b = 0.1, x = 2: ∂b = 1 - tanh(1.1)², ∂W = 2 ∂b.
    @Test func activationInAField() {
        let run = ADRun(Self.prelude + """
            g = gradient(m -> m(2.0), Dense(0.5, 0.1, tanh))[1]
            (g.W == 2 * (1 - tanh(1.1)^2), g.b == 1 - tanh(1.1)^2, g.σ)
            """)
        #expect(run.repr == "(true, true, nothing)", "\(run.errorText ?? "")")
    }

    @Test(arguments: [
        "gradcheck((W1, b1, W2, b2) -> sum(Chain((Dense(W1, b1, tanh), Dense(W2, b2)))(x) .^ 2), W1, b1, W2, b2)",
        "gradcheck(x -> sum(Loop((Dense(W1, b1, tanh), Dense(W2, b2)))(x) .^ 2), x)",
        "gradcheck((k, x) -> Scale(k)(x, 2.0; shift = k * x) ^ 2, 1.5, -0.7)",
        "gradcheck(w -> twice(w)(sin(w)), 0.8)",
    ])
    func finiteDifferences(_ source: String) {
        let run = ADRun(Self.prelude + source)
        #expect(run.repr == "true", "\(source): \(run.errorText ?? "")")
    }

    /// The struct's gradient agrees with differentiating its fields as
    /// plain arguments of the same computation.
    @Test func sameAsFieldsAsArguments() {
        let run = ADRun(Self.prelude + """
            net(W1, b1, W2, b2) = Chain((Dense(W1, b1, tanh), Dense(W2, b2)))
            g = gradient(m -> sum(m(x) .^ 2), net(W1, b1, W2, b2))[1]
            h = gradient((a, b, c, e) -> sum(net(a, b, c, e)(x) .^ 2), W1, b1, W2, b2)
            (g.layers[1].W == h[1], g.layers[1].b == h[2], g.layers[2].W == h[3], g.layers[2].b == h[4])
            """)
        #expect(run.repr == "(true, true, true, true)", "\(run.errorText ?? "")")
    }

    /// `model -= η * grad` builds the updated struct field by field.
    @Test func modelUpdate() {
        let run = ADRun(Self.prelude + """
            model = Chain((Dense(W1, b1), Dense(W2, b2)))
            model -= 0.1 * gradient(m -> sum(m(x)), model)
            (model.layers[1].W, model.layers[1].b, model.layers[2].W, model.layers[2].b)
            """)
        #expect(run.repr == "([0.9 2.1; 3.1 3.9], [0.4, -0.4], [1.05 -0.85], [1.9])", "\(run.errorText ?? "")")
    }

    @Test func codeAdjointOfACall() {
        let run = ADRun(Self.prelude + "@code_adjoint d(x)")
        #expect(run.error == nil, "\(run.errorText ?? "")")
        #expect(run.output.hasPrefix("Primal\n1: (%2)\n  %3 = getproperty(%1, :σ)\n  %4 = getproperty(%1, :W)\n"), "\(run.output)")
        #expect(run.output.contains("Core.∂field!(@1, :W,"), "\(run.output)")
    }
}
