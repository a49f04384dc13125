import Testing

/// Second-order gradients through `prod`/`maximum`/`minimum`, struct
/// constructors and `conj` (hand-derived; `D(f, x) = gradient(f, x)[1]`),
/// and a mutable struct constructor's first-order gradient (its field
/// reads go to the shadow).
@Suite struct NestedReductionConstructorTests {
    static let prefix = """
    D(f, x) = gradient(f, x)[1]
    struct P
        a
        b
    end
    mutable struct M
        a
    end

    """

    @Test(arguments: [
        // prod(y, y, 2) = 2y² → 4
        ("D(x -> D(y -> prod([y, y, 2.0]), x), 1.5)", "4.0"),
        // 3xy² → ∂y = 6xy, at y = 2: 12x → 12
        ("D(x -> D(y -> prod([x, y, 3.0]) * y, 2.0), 1.5)", "12.0"),
        // y³ over a tuple → 6y
        ("D(x -> D(y -> prod((y, y, y)), x), 1.5)", "9.0"),
        // 2xy² at y = x: 4x² → 8x
        ("D(x -> D(y -> prod([x y; y 2.0]), x), 1.5)", "12.0"),
        // the maximum is y² (2.25 > 1) → 2
        ("D(x -> D(y -> maximum([y^2, 1.0]), x), 1.5)", "2.0"),
        // the minimum is y³ → 6y
        ("D(x -> D(y -> minimum([y^3, 10.0]), x), 1.5)", "9.0"),
        // x·min(y², 3y) at y = 2 is x y²: ∂y = 4x → 4
        ("D(x -> D(y -> x * minimum([y^2, 3y]), 2.0), 1.5)", "4.0"),
        // P(xy, y): a·b = xy², ∂y at 2 = 4x → 4
        ("D(x -> D(y -> (p = P(x * y, y); p.a * p.b), 2.0), 1.5)", "4.0"),
        ("D(x -> D(y -> (p = P(y, 2.0); p.a^3), x), 1.5)", "9.0"),
        // conj(xy)² = x²y², ∂y at 2 = 4x² → 8x
        ("D(x -> D(y -> (c = conj(x * y); c^2), 2.0), 1.5)", "12.0"),
        // ∂y of x|y|² is 2xy (complex): real part at 1 + 2i is 2x → 2
        ("D(x -> real(D(y -> real(conj(y) * y * x), 1.0 + 2.0im)), 1.5)", "2.0"),
        // x²|y|²: ∂y = 2x²y, real part at 1 + 2i: 2x² → 4x
        ("D(x -> real(D(y -> abs2(conj(y) * x), 1.0 + 2.0im)), 1.5)", "6.0"),
        // x|y|² + re y: ∂y = 2xy + 1, imaginary part 4x → 4
        ("D(x -> imag(D(y -> real(conj(y) * y * x + conj(y)), 1.0 + 2.0im)), 1.5)", "4.0"),
        // re(conj(y)²) = re(y)² − im(y)²: ∂y = 2 conj(y), real part 2x → 2
        ("D(x -> real(D(y -> real(conj(y)^2), x + 0.5im)), 1.5)", "2.0"),
        // Dict: d[:a]·d[:b] = y³ → 6y
        ("D(x -> D(y -> (d = Dict(:a => y, :b => y^2); d[:a] * d[:b]), x), 1.5)", "9.0"),
        // x²y² + y: ∂y at 2 = 4x² + 1 → 8x
        ("D(x -> D(y -> (d = Dict(:a => x*y, :b => y); d[:a]^2 + d[:b]), 2.0), 1.5)", "12.0"),
        // written after construction: x y², ∂y at 2 = 4x → 4
        ("D(x -> D(y -> (d = Dict{Symbol,Float64}(:a => y); d[:a] = d[:a] * y; d[:a] * x), 2.0), 1.5)", "4.0"),
        // mutable struct: m.a·y = y² → 2y at y = x → 2
        ("D(x -> D(y -> (m = M(y); m.a * y), x), 1.5)", "2.0"),
        ("D(x -> D(y -> (m = M(y); m.a = m.a * y; m.a), x), 1.5)", "2.0"),
        ("D(x -> D(y -> (m = M(x); m.a = m.a * y; m.a * y), 2.0), 1.5)", "4.0"),
        // a varargs function: h(y, x) = y x², ∂y = x² → 2x; h(y, y) = y³ → 6y
        ("h(a...) = a[1] * a[2]^2\nD(x -> D(y -> h(y, x), 2.0), 1.5)", "3.0"),
        ("h(a...) = a[1] * a[2]^2\nD(x -> D(y -> h(y, y), x), 1.5)", "9.0"),
        // mutable struct constructor, first order: m.a·y = y² → 2y
        ("gradient(y -> (m = M(y); m.a * y), 1.5)", "(3.0,)"),
        ("gradient(y -> (m = M(y); m.a = m.a * y; m.a), 1.5)", "(3.0,)"),
        ("gradient(y -> (m = M(1.0); m.a = m.a * y; m.a * y), 1.5)", "(3.0,)"),
    ])
    func exact(_ source: String, _ expected: String) {
        let run = ADRun(NestedReductionConstructorTests.prefix + source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? run.repr ?? "")")
    }

    /// The second derivative against central differences of the first.
    @Test(arguments: [
        "y -> prod([y, sin(y), 2.0, y])",
        "y -> maximum([y^2, 3y, 1.0]) * y",
        "y -> minimum((y^3, exp(y)))",
        "y -> (p = P(y^2, cos(y)); p.a * p.b + p.b)",
        "y -> (d = Dict(:a => sin(y), :b => y^2); d[:a] * d[:b] + d[:a])",
        "y -> (m = M(cos(y)); m.a = m.a * y^2; m.a + m.a * y)",
    ])
    func againstFiniteDifferences(_ f: String) {
        let run = ADRun(NestedReductionConstructorTests.prefix + """
        f = \(f)
        d1(x) = D(f, x)
        pts = [0.7, 1.3, 2.1]
        all(x -> abs(D(d1, x) - (d1(x + 1e-5) - d1(x - 1e-5)) / 2e-5) < 1e-5 * max(1, abs(D(d1, x))), pts)
        """)
        #expect(run.repr == "true", "\(f): \(run.errorText ?? run.repr ?? "")")
    }

    /// Third (and fourth) order through prod and maximum, and through
    /// broadcasting (its nested definitions build with `vcat`, whose rule
    /// is a custom one, and ranges, which have no rule).
    @Test(arguments: [
        // sin z + sin 2z → −cos z − 8 cos 2z
        ("D(x -> D(y -> D(z -> sum(sin.([z, 2z])), y), x), 0.5)", "-cos(0.5) - 8cos(1.0)"),
        ("D(x -> D(y -> D(z -> sum(sin.(z .* [1.0, 2.0])), y), x), 0.5)", "-cos(0.5) - 8cos(1.0)"),
        // prod: z⁴ → 24z; 2z sin z → 2(−3 sin z − z cos z); max: z³ → 6
        ("D(x -> D(y -> D(z -> prod([z, z, z, z]), y), x), 1.5)", "36.0"),
        ("D(w -> D(x -> D(y -> D(z -> prod([z, z, z, z]), y), x), w), 1.5)", "24.0"),
        ("D(x -> D(y -> D(z -> prod((z, 2.0, sin(z))), y), x), 0.7)", "-6sin(0.7) - 2 * 0.7 * cos(0.7)"),
        ("D(x -> D(y -> D(z -> maximum([z^3, 1.0]), y), x), 1.5)", "6.0"),
        // 9z³ → 54
        ("D(x -> D(y -> D(z -> sum([z, 2z] .^ 3), y), x), 0.5)", "54.0"),
        // z²·exp(z) summed twice over a broadcast: (z² + 6z + 6) eᶻ · 2
        ("D(x -> D(y -> D(z -> sum(exp.([z, z]) .* [z, z] .^ 2), y), x), 0.3)", "2 * (0.3^2 + 6 * 0.3 + 6) * exp(0.3)"),
    ])
    func thirdOrder(_ source: String, _ expected: String) {
        let run = ADRun(NestedReductionConstructorTests.prefix + "v = \(source)\nabs(v - (\(expected))) < 1e-9")
        #expect(run.repr == "true", "\(source): \(run.errorText ?? run.repr ?? "")")
    }

    /// Not yet: a third order through a Dict constructor stops with an
    /// error (not a wrong number: once splatted calls nested, it came out
    /// 1.5 times too large; `Core.∂resplat` refuses it).
    @Test func dictThirdOrderIsAnError() {
        let run = ADRun(NestedReductionConstructorTests.prefix + "D(x -> D(y -> D(z -> (d = Dict(:a => z); d[:a]^3), y), x), 1.5)")
        let text = run.errorText ?? ""
        #expect(text.contains("third-order gradients through the constructor Dict are not supported yet") && text.contains("test.zy:"),
                "\(text.isEmpty ? run.repr ?? "" : text)")
    }
}
