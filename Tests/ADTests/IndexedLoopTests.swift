import Testing
@testable import Zy

/// Arrays indexed inside a loop route each read's gradient into one slot of
/// their shadow (linear time) instead of summing a dense one-hot array per
/// read (quadratic, Zygote's cost for scalar indexing). Values hand-derived.
@Suite struct IndexedLoopTests {
    static let weighted = """
        function f(x)
            s = 0.0
            for i in 1:length(x)
                s += x[i]^2 * i
            end
            s
        end
        """

    @Test(arguments: [
        // f = Σ i xᵢ²: ∂f/∂xᵢ = 2i xᵢ
        ("gradient(f, [1.0, 2.0, 3.0])", "([2.0, 8.0, 18.0],)"),
        // the argument also read outside the loop: 2i xᵢ plus 1 at x₁
        ("gradient(x -> f(x) + x[1], [1.0, 2.0])", "([3.0, 8.0],)"),
        // second order: ∂f/∂x₂ at [t, 2t, 3t] is 8t
        ("gradient(t -> gradient(f, [t, 2t, 3t])[1][2], 1.0)", "(8.0,)"),
        // f([t, t²]) = t² + 2t⁴: 2t + 8t³ = 68 at t = 2
        ("gradient(t -> f([t, t^2]), 2.0)", "(68.0,)"),
        // a long vector: ∂f/∂x₁₀₀₀ = 2·1000·1
        ("gradient(f, ones(2000))[1][1000]", "2000.0"),
        ("gradcheck(f, [0.5, -1.5, 2.0])", "true"),
    ])
    func indexedReads(_ call: String, _ expected: String) {
        let run = ADRun(IndexedLoopTests.weighted + "\n" + call)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    /// An element that is itself an array keeps its own route (the rule
    /// does not apply to containers of arrays).
    @Test func arrayOfArrays() {
        let run = ADRun("""
            function g(vs)
                s = 0.0
                for i in 1:length(vs)
                    v = vs[i]
                    s += v[1] * v[2]
                end
                s
            end
            ḡ = gradient(g, [[1.0, 2.0], [3.0, 4.0]])[1]
            (ḡ[1], ḡ[2])
            """)
        #expect(run.repr == "([2.0, 1.0], [4.0, 3.0])", "\(run.errorText ?? "")")
    }
}
