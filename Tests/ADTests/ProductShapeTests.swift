import Testing
@testable import Zy

/// Gradients of `*` whose operands differ in shape: the number of a
/// number×array product gets a number (Σᵢ ȳᵢ conj(bᵢ)), not the outer
/// product ȳ·b' (which for a square matrix even had a plausible shape).
@Suite struct ProductShapeTests {
    /// `S` sums `sin` over the product so each entry's sensitivity differs;
    /// `fd` is the central difference entry by entry; `check` compares both
    /// gradients' values, types and sizes.
    static let kit = """
    S(y::Number) = sin(y)
    S(y) = sum(sin.(y))
    fd(f, x::Number) = (f(x + 1e-6) - f(x - 1e-6)) / 2e-6
    function fd(f, x)
        g = zero(x)
        for i in 1:length(x)
            e = zero(x)
            e[i] = 1e-6
            g[i] = (f(x + e) - f(x - e)) / 2e-6
        end
        g
    end
    near(g::Number, e::Number) = typeof(g) == typeof(e) && abs(g - e) < 1e-6
    near(g, e) = typeof(g) == typeof(e) && size(g) == size(e) && maximum(abs.(g .- e)) < 1e-6
    function check(f, a, b)
        ga, gb = gradient((a, b) -> S(f(a, b)), a, b)
        (near(ga, fd(a -> S(f(a, b)), a)), near(gb, fd(b -> S(f(a, b)), b)))
    end

    """

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let call: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "number × vector", call: "check(*, 0.7, [0.3, -1.2])"),
        Case(name: "vector × number", call: "check(*, [0.3, -1.2], 0.7)"),
        Case(name: "number × square matrix", call: "check(*, 0.7, [0.3 -1.2; 0.4 2.0])"),
        Case(name: "square matrix × number", call: "check(*, [0.3 -1.2; 0.4 2.0], 0.7)"),
        Case(name: "number × wide matrix", call: "check(*, 0.7, [0.3 -1.2 0.5; 0.4 2.0 -0.1])"),
        Case(name: "matrix × vector", call: "check(*, [0.3 -1.2; 0.4 2.0], [0.5, -1.0])"),
        Case(name: "vector × row", call: "check((a, b) -> a * b', [0.3, -1.2], [0.5, -1.0, 2.0])"),
        Case(name: "row × vector", call: "check((a, b) -> a' * b, [0.3, -1.2], [0.5, -1.0])"),
        Case(name: "square matrix × matrix", call: "check(*, [0.3 -1.2; 0.4 2.0], [0.5 -1.0; 0.1 0.2])"),
        Case(name: "matrix × matrix", call: "check(*, [0.3 -1.2 0.1; 0.4 2.0 0.3], [0.5 -1.0; 0.1 0.2; 0.7 0.9])"),
        Case(name: "row × matrix", call: "check((x, A) -> x' * A, [0.3, -1.2], [0.5 -1.0; 0.1 0.2])"),
        Case(name: "row × matrix × vector", call: "check((x, A) -> x' * A * x, [0.3, -1.2], [0.5 -1.0; 0.1 0.2])"),
        Case(name: "vector / number", call: "check(/, [0.3, -1.2], 0.7)"),
        Case(name: "square matrix / number", call: "check(/, [0.3 -1.2; 0.4 2.0], 0.7)"),
        Case(name: "matrix / matrix", call: "check(/, [0.3 -1.2; 0.4 2.0], [2.0 0.5; -0.3 1.5])"),
    ]

    @Test(arguments: cases)
    func matchesFiniteDifferences(_ c: Case) {
        let run = ADRun(Self.kit + c.call)
        #expect(run.repr == "(true, true)", "\(c.name): \(run.errorText ?? run.repr ?? "no value")")
    }

    @Test func numberTimesArrayIsANumber() {
        #expect(ADRun("gradient(x -> sum(x * [3.0, 1.0]), 2.0)").repr == "(4.0,)")
        #expect(ADRun("gradient(x -> sum([3.0, 1.0] * x), 2.0)").repr == "(4.0,)")
        #expect(ADRun("gradient(b -> sum([1.0 2.0; 3.0 4.0] * b), 2.0)").repr == "(10.0,)")
        #expect(ADRun("gradient(b -> sum(b * [1.0 2.0; 3.0 4.0]), 2.0)").repr == "(10.0,)")
        #expect(ADRun("gradient((a, b) -> sum(a * b), [1.0 2.0; 3.0 4.0], [1.0 0.0; 0.0 2.0])").repr
            == "([1.0 2.0; 1.0 2.0], [4.0 4.0; 6.0 6.0])")
    }

    @Test func intsStayInt() {
        #expect(ADRun("gradient((a, b) -> sum(a * b), 2, [3, 1])").repr == "(4, [2, 2])")
        #expect(ADRun("gradient((a, b) -> sum(a * b), [1, 2], 3)").repr == "([3, 3], 3)")
        #expect(ADRun("gradient((a, b) -> sum(a * b), [1 2; 3 4], 2)").repr == "([2 2; 2 2], 10)")
        #expect(ADRun("gradient((a, b) -> sum(a * b), 3, [1 2; 3 4])").repr == "(10, [3 3; 3 3])")
    }

    /// Zygote's convention: for y = a·b, ā = Σ ȳᵢ conj(bᵢ); |z·b|² summed
    /// is |z|² Σ|bᵢ|², whose gradient is 2z Σ|bᵢ|².
    @Test func complexNumbers() {
        #expect(ADRun("gradient(z -> abs2(sum(z * [1.0+2im, 3.0])), 1.0+1im)").repr == "(40.0 + 40.0im,)")
        #expect(ADRun("gradient(z -> sum(abs2.([1.0 2.0; 0.0 1.0] * z)), 1.0+1im)").repr == "(12.0 + 12.0im,)")
        #expect(ADRun("gradient(v -> sum(abs2.((1+2im) * v)), [1.0+1im, 2.0])").repr
            == "(ComplexF64[10.0 + 10.0im, 20.0 + 0.0im],)")
        #expect(ADRun("gradient(v -> sum(abs2.(v * (1+2im))), [1.0+1im, 2.0])").repr
            == "(ComplexF64[10.0 + 10.0im, 20.0 + 0.0im],)")
        // a real number times complex entries: the real part of the sum
        #expect(ADRun("gradient(x -> real(sum(x * [1.0+2im, 3.0])), 2.0)").repr == "(4.0,)")
    }

    /// v ← a·v three times: sum(a³v), ∂a = 3a²Σv, ∂v = a³; and
    /// s = 3·Σ(v·a)·a: ∂a = 6aΣv, ∂v = 3a².
    @Test func insideLoops() {
        let cube = ADRun("""
        function p(a, v)
            for k in 1:3
                v = a * v
            end
            sum(v)
        end
        gradient(p, 2.0, [1.0, 2.0])
        """)
        #expect(cube.repr == "(36.0, [8.0, 8.0])", "\(cube.errorText ?? "")")
        let accumulated = ADRun("""
        function q(a, v)
            s = 0.0
            for k in 1:3
                s += sum(v * a) * a
            end
            s
        end
        gradient(q, 2.0, [1.0, 2.0])
        """)
        #expect(accumulated.repr == "(36.0, [12.0, 12.0])", "\(accumulated.errorText ?? "")")
    }

    /// sum(y·[3, 1])·y = 4y² (second derivative 8); times y again 4y³
    /// (third derivative 24).
    @Test func higherOrder() {
        #expect(ADRun("gradient(x -> gradient(y -> sum(y * [3.0, 1.0]) * y, x)[1], 2.0)").repr == "(8.0,)")
        #expect(ADRun("gradient(x -> gradient(y -> gradient(z -> sum(z * [3.0, 1.0]) * z * z, y)[1], x)[1], 2.0)").repr
            == "(24.0,)")
    }

    /// ∂/∂a Σᵢ a cos(a vᵢ) = Σᵢ cos(a vᵢ) - a vᵢ sin(a vᵢ), either order of
    /// the product; ∂²/∂b² Σ sin(Mb) = -Σ Mᵢⱼ² sin(Mᵢⱼ b); and the mixed
    /// ∂/∂vⱼ of Σᵢ vᵢ cos(a vᵢ).
    @Test func secondOrderMatchesClosedForms() {
        let kit = "a = 0.5\nnear(x, y) = abs(x - y) < 1e-12\n"
        let exact = "cos(a) - a*sin(a) + cos(2a) - 2a*sin(2a)"
        #expect(ADRun(kit + "near(gradient(a -> sum(gradient(v -> sum(sin.(a * v)), [1.0, 2.0])[1]), a)[1], \(exact))").repr
            == "true")
        #expect(ADRun(kit + "near(gradient(a -> sum(gradient(v -> sum(sin.(v * a)), [1.0, 2.0])[1]), a)[1], \(exact))").repr
            == "true")
        #expect(ADRun(kit + """
        near(gradient(a -> gradient(b -> sum(sin.([1.0 2.0; 3.0 4.0] * b)), a)[1], a)[1],
             -(sin(a) + 4sin(2a) + 9sin(3a) + 16sin(4a)))
        """).repr == "true")
        let mixed = ADRun(kit + "gradient(v -> gradient(a -> sum(sin.(a * v)), a)[1], [1.0, 2.0])[1] .- [cos(a) - a*sin(a), cos(2a) - 2a*sin(2a)]")
        #expect(mixed.repr == "[0.0, 0.0]", "\(mixed.errorText ?? mixed.repr ?? "")")
    }

    /// b̄ of A / b is -Σ Aᵢⱼ / b² (a number, not y'·ā), and its derivative
    /// 2ΣAᵢⱼ / b³; |ΣA / z|² = 100 / |z|² has gradient -200z / |z|⁴.
    @Test func divisionByANumber() {
        #expect(ADRun("gradient(b -> sum([1.0 2.0; 3.0 4.0] / b), 2.0)").repr == "(-2.5,)")
        #expect(ADRun("gradient(b -> sum([1.0, 2.0] / b), 2.0)").repr == "(-0.75,)")
        #expect(ADRun("gradient(c -> gradient(b -> sum([1.0 2.0; 3.0 4.0] / b), c)[1], 2.0)").repr == "(2.5,)")
        #expect(ADRun("gradient(z -> abs2(sum([1.0 2.0; 3.0 4.0] / z)), 1.0 + 1im)").repr == "(-50.0 - 50.0im,)")
    }

    /// ∇ₓ(xᵀAx) = (A + Aᵀ)x = [8, 18] at x = [1, 2], A = [2 1; 1 4]
    /// (Ax = [4, 9]); ∇_A = xxᵀ.
    @Test func quadraticForm() {
        #expect(ADRun("gradient(x -> x' * [2.0 1.0; 1.0 4.0] * x, [1.0, 2.0])").repr == "([8.0, 18.0],)")
        #expect(ADRun("gradient((x, A) -> x' * A * x, [1.0, 2.0], [2.0 1.0; 1.0 4.0])").repr
            == "([8.0, 18.0], [1.0 2.0; 2.0 4.0])")
    }
}
