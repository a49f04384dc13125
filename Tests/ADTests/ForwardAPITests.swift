import Testing
@testable import Zy

/// derivative, pushforward, jacobian, hessian and forwarddiff: exact
/// values derived by hand, nesting without perturbation confusion, duals
/// through loops, arrays and broadcasting, and the errors.
@Suite struct ForwardAPITests {
    static let rosenbrock = "rosen(x) = (1 - x[1])^2 + 100 * (x[2] - x[1]^2)^2\n"

    @Test(arguments: [
        // d/dx (x² + 3x) = 2x + 3; an Int x keeps Int
        ("derivative(x -> x^2 + 3x, 2.0)", "7.0"),
        ("derivative(x -> x^2 + 3x, 2)", "7"),
        // Int arithmetic inside the rules: x / 2 is Float64, x * x stays Int
        ("derivative(x -> x / 2 + x * x, 3)", "6.5"),
        ("derivative(x -> x * x - 2x, 3)", "4"),
        // a constant function: zero of the output's kind
        ("derivative(x -> 5.0, 1.0)", "0.0"),
        // vector output: elementwise derivative
        ("derivative(t -> [t^2, sin(0.0) + 3t], 2.0)", "[4.0, 3.0]"),
        // directional derivative of (x₁², x₁x₂) along (1, 1) at (1, 2): (2, 3)
        ("pushforward(x -> [x[1]^2, x[1]*x[2]], [1.0, 2.0], [1.0, 1.0])", "[2.0, 3.0]"),
        ("pushforward(x -> x^3, 2.0, 0.5)", "6.0"),
        // Zygote's documented shapes
        ("jacobian(x -> [x[1]^2, x[1]*x[2]], [1.0, 2.0])", "([2.0 0.0; 2.0 1.0],)"),
        ("jacobian((a, x) -> a .^ 2 .* x, [1, 2, 3], 1)", "([2 0 0; 0 4 0; 0 0 6], [1, 4, 9])"),
        ("jacobian(x -> sum(x .^ 2), [1.0, 2.0])", "([2.0 4.0],)"),
        ("jacobian(x -> x^2, 3.0)", "([6.0],)"),
        ("jacobian((x, s) -> x .* 2, [1.0], \"s\")", "([2.0;;], nothing)"),
        // Rosenbrock: H = [2 - 400(x₂ - 3x₁²) + ..., -400x₁; -400x₁, 200] = [802 -400; -400 200] at (1, 1)
        (rosenbrock + "hessian(rosen, [1.0, 1.0])", "[802.0 -400.0; -400.0 200.0]"),
        // at (0, 0): [2 - 400(x₂ - 3x₁²), -400x₁; -400x₁, 200] = [2 0; 0 200]
        (rosenbrock + "hessian(rosen, [0.0, 0.0])", "[2.0 0.0; 0.0 200.0]"),
        ("hessian(x -> x^3, 2.0)", "12.0"),
        ("hessian(sin, pi / 2)", "-1.0"),
        // a loop in the function: f = x₁x₂ + x₁², summed 3 times → H = 3[2 1; 1 0]
        ("hessian(x -> begin s = 0.0; for i in 1:3; s += x[1] * x[2] + x[1]^2; end; s end, [1.0, 2.0])",
         "[6.0 3.0; 3.0 0.0]"),
    ])
    func exactValues(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    /// Nested derivatives with tags: the inner ε and the outer ε never mix.
    @Test(arguments: [
        // d/dx [x · d/dy (x y)] = d/dx x² = 2x = 2 at 1 (confusion would give 1)
        ("derivative(x -> x * derivative(y -> x * y, 2.0), 1.0)", "2.0"),
        // Siskind & Pearlmutter: d/dx [x · d/dy (x + y)] = d/dx x = 1
        ("derivative(x -> x * derivative(y -> x + y, 1.0), 1.0)", "1.0"),
        // second derivative: d²/dx² x³ = 6x
        ("derivative(x -> derivative(y -> y^3, x), 2.0)", "12.0"),
        ("derivative(x -> derivative(y -> derivative(z -> z^4, y), x), 1.0)", "24.0"),
        ("derivative(x -> derivative(y -> x * y^2, x), 3.0)", "12.0"),
        // forward over reverse over forward-style mixing
        ("derivative(x -> gradient(y -> x * y^2, x)[1], 3.0)", "12.0"),
    ])
    func nesting(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    /// forwarddiff inside a reverse-mode gradient: the Jacobian from forward
    /// mode, multiplied into the pullback.
    @Test(arguments: [
        ("gradient(x -> forwarddiff(z -> 3z^2, x), 2.0)", "(12.0,)"),
        // Σᵢ i x²: d/dx = 2x (1 + 2 + 3) = 24 at 2
        ("gradient(x -> begin s = 0.0; for i in 1:3; s += forwarddiff(z -> z^2 * i, x); end; s end, 2.0)", "(24.0,)"),
        // vector x, vector y: x̄ = Jᵀ ȳ; y = (x₁x₂, x₂²), ȳ = (1, 1) → (x₂, x₁ + 2x₂) = (2, 5)
        ("gradient(x -> sum(forwarddiff(z -> [z[1] * z[2], z[2]^2], x)), [1.0, 2.0])", "([2.0, 5.0],)"),
        // vector x, scalar y inside more reverse-mode code
        ("gradient(x -> 2 * forwarddiff(z -> z[1]^3 + z[2], x) + x[2], [1.0, 4.0])", "([6.0, 3.0],)"),
        // outside a gradient it is just f(x)
        ("forwarddiff(z -> z^2, 3.0)", "9.0"),
    ])
    func forwarddiffInsideGradient(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    /// Duals through user code: loops, branches, arrays, broadcasting,
    /// reductions, matrices and user functions typed `::Real`.
    @Test(arguments: [
        ("function p(x, n); r = one(x); for i in 1:n; r *= x; end; r; end; derivative(x -> p(x, 4), 2.0)", "32.0"),
        ("derivative(t -> sum([1.0, 2.0, 3.0] .* t .^ 2), 2.0)", "24.0"),
        ("derivative(t -> prod([t, t, 2.0]) + maximum([t, 2t]), 3.0)", "14.0"),
        ("derivative(t -> sum(map(v -> v * t, [1.0, 2.0, 3.0])), 1.0)", "6.0"),
        ("derivative(t -> [t t; 1.0 t] * [1.0, t], 2.0)", "[5.0, 4.0]"),
        ("g(x::Real) = x > 0 ? 2x : -x; derivative(g, 1.0) + derivative(g, -1.0)", "1.0"),
        ("derivative(t -> (t, 2t), 1.0)", "(1.0, 2.0)"),
        ("derivative(t -> sum(sincos(2t)), 0.0)", "2.0"),
        ("function w(t); v = zeros(2) .+ t; v[1] = v[1] * t; sum(v); end; derivative(w, 3.0)", "7.0"),
    ])
    func dualsThroughCode(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    /// A program may define its own `Dual` (Julia has none without
    /// ForwardDiff); forward mode keeps working beside it.
    @Test func programsOwnDual() {
        let run = ADRun("""
        struct Dual
            v::Float64
            d::Float64
        end
        Base.:+(a::Dual, b::Dual) = Dual(a.v + b.v, a.d + b.d)
        (Dual(1.0, 2.0) + Dual(3.0, 4.0), derivative(x -> x^2, 3.0))
        """)
        #expect(run.repr == "(Dual(4.0, 6.0), 6.0)", "\(run.errorText ?? "")")
    }

    @Test func hessianMatchesFiniteDifferencesOfGradient() {
        let run = ADRun("""
        f(x) = sin(x[1]) * x[2]^2 + exp(x[1] * x[2])
        x = [0.3, -0.7]
        H = hessian(f, x)
        h = 1e-6
        fd = zeros(2, 2)
        for j in 1:2
            e = zeros(2); e[j] = h
            fd[:, j] = (gradient(f, x .+ e)[1] .- gradient(f, x .- e)[1]) ./ (2h)
        end
        maximum(abs.(H .- fd))
        """)
        guard let err = run.number else { Issue.record("\(run.errorText ?? run.repr ?? "")"); return }
        #expect(err < 1e-6)
    }

    @Test(arguments: [
        ("derivative(x -> x^2, [1.0])", "derivative(f, x) takes a real number x; got a Vector{Float64}"),
        ("g(x) = copysign(x, 1.0) + 1\nderivative(g, 1.0)", "no forward-mode rule for copysign(::Dual, ::Float64)"),
        ("derivative(x -> minmax([x, 1.0]...)[1], 1.0)", "no forward-mode rule for minmax(::Dual, ::Float64)"),
        ("derivative(x -> \"s\", 1.0)", "derivative: the function returned a String"),
        ("pushforward(x -> x, [1.0, 2.0], [1.0])", "DimensionMismatch"),
        ("pushforward(x -> x, [1.0], \"a\")", "pushforward(f, x, ẋ) takes real numbers, or arrays of the same size"),
        ("derivative(x -> Float64(x), 1.0)", "no forward-mode rule for Float64(::Dual)"),
    ])
    func errors(_ source: String, _ message: String) {
        let run = ADRun(source)
        let text = run.errorText ?? ""
        #expect(text.contains(message), "\(text)")
        // at the user's line
        #expect(text.contains("test.zy:"), "\(text)")
    }
}
