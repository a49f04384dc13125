import Testing

/// A rule's recorded array is the value it read, not the object: an array
/// changed in place after the read (in this function, by a callee, or by
/// the caller after a callee returned) must not change the gradient.
/// Values derived by hand; each also against finite differences.
@Suite struct RecordSnapshotTests {
    static let clobber = """
    function clobber!(v)
        v[1] = 0.0
        push!(v, 4.0)
        nothing
    end
    clobber_in!(c) = clobber!(c[1])
    function pr2(v)
        p = prod(v)
        for k in 1:1
            p = p * 2.0
        end
        p
    end
    x = [2.0, 1.0, -1.0]

    """

    @Test(arguments: [
        // prod = -2, ∂/∂xᵢ = prod / xᵢ; y[end] is the constant 5 pushed
        ("x -> (y = copy(x); s = prod(y); push!(y, 5.0); s + y[end]), x", "([-1.0, -2.0, 2.0],)"),
        ("x -> (y = copy(x); s = sum(y); pop!(y); s), x", "([1.0, 1.0, 1.0],)"),
        // 2x; y[1] is overwritten by a constant
        ("x -> (y = copy(x); s = sum(abs2, y); y[1] = 10.0; s + y[1]), x", "([4.0, 2.0, -2.0],)"),
        // s·0 + s with s = y·z: ∂/∂x = z, ∂/∂z = x as it was
        ("(x, z) -> (y = copy(x); s = dot(y, z); y[2] = 0.0; s * y[2] + s), x, [1.0, 2.0, 3.0]",
         "([1.0, 2.0, 3.0], [2.0, 1.0, -1.0])"),
        // v = A y: Ā = 1 y' (y before `.= 0`), ȳ = A' 1
        ("(A, x) -> (y = copy(x); v = A * y; y .= 0.0; sum(v)), [1.0 2.0; 3.0 4.0], [1.0, 2.0]",
         "([1.0 2.0; 1.0 2.0], [4.0, 6.0])"),
        ("x -> (y = copy(x); z = y .* y; y[1] = 0.0; sum(z)), x", "([4.0, 2.0, -2.0],)"),
        // s·y[4] = 3 x₂²
        ("x -> (y = copy(x); s = y[2]^2; push!(y, 3.0); s * y[4]), x", "([0.0, 6.0, 0.0],)"),
        // a callee writes into the array after the rule read it
        ("x -> (y = copy(x); s = prod(y); clobber!(y); s), x", "([-1.0, -2.0, 2.0],)"),
        // in a loop: prod(x₁x₂x₃) + prod(1·x₂x₃) + prod(1·1·x₃)
        ("x -> (y = copy(x); s = 0.0; for k in 1:3; s += prod(y); y[k] = 1.0; end; s), x", "([-1.0, -3.0, 4.0],)"),
        // the caller writes after the callee (which recorded its argument) returned
        ("x -> (y = copy(x); s = pr2(y); y[3] = 2.0; push!(y, 1.0); s), x", "([-2.0, -4.0, 4.0],)"),
        // written through an alias held in a container (array, tuple)
        ("x -> (y = copy(x); ys = [y]; s = prod(y); ys[1][1] = 0.0; s), x", "([-1.0, -2.0, 2.0],)"),
        ("x -> (y = copy(x); t = (y, 1); s = prod(y); t[1][2] = 5.0; s), x", "([-1.0, -2.0, 2.0],)"),
        // a callee writes through a container it was handed
        ("x -> (y = copy(x); s = prod(y); clobber!([y][1]); s), x", "([-1.0, -2.0, 2.0],)"),
        ("x -> (y = copy(x); c = (a = y, b = 2.0); s = prod(y); clobber_in!(c); s), x", "([-1.0, -2.0, 2.0],)"),
        ("(c0, x) -> (c = (copy(c0[1]), 0); y = c[1]; s = prod(y) * x; clobber_in!(c); s), ([2.0, 1.0, -1.0], 0), 2.0", "(([-2.0, -4.0, 4.0], nothing), -2.0)"),
        // in a loop, reading and then growing
        ("x -> (y = copy(x); s = 0.0; for k in 1:2; s += sum(abs2, y) * k; push!(y, 1.0); end; s), x", "([12.0, 6.0, -6.0],)"),
    ])
    func writesAfterTheRead(_ f: String, _ expected: String) {
        let run = ADRun(RecordSnapshotTests.clobber + "(gradient(\(f)), gradcheck(\(f)))")
        #expect(run.repr == "(\(expected), true)", "\(f): \(run.errorText ?? run.repr ?? "")")
    }

    /// The same under a second-order gradient (`D(f, x) = gradient(f, x)[1]`).
    @Test(arguments: [
        // prod = x y²: ∂y = 2xy, at y = x: 2x² → 4x
        ("D(x -> D(y -> (v = [y, x, y]; s = prod(v); v[1] = 0.0; push!(v, 3.0); s + v[4]), x), 1.5)", "6.0"),
        // x(y² + 4) + 5x: ∂y at 2 = 4x → 4
        ("D(x -> D(y -> (v = [y, 2.0]; s = 0.0; for k in 1:2; s += sum(abs2, v) * x; v[k] = 1.0; end; s), 2.0), 1.5)", "4.0"),
    ])
    func nested(_ source: String, _ expected: String) {
        let run = ADRun("D(f, x) = gradient(f, x)[1]\n" + source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? run.repr ?? "")")
    }
}
