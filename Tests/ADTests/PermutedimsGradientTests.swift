import Testing
@testable import Zy

/// `permutedims(x, perm)` moves each element, so its pullback moves each
/// sensitivity back: x̄ = permutedims(ȳ, invperm(perm)).
@Suite struct PermutedimsGradientTests {
    /// ∂/∂x sum(permutedims(x, p) .* W) = permutedims(W, invperm(p)), exactly.
    @Test func linearFunctionGivesWeightsPermutedBack() {
        let run = ADRun("""
            x = reshape(collect(1.0:24.0), 2, 3, 4)
            W = reshape(collect(101.0:124.0), 4, 2, 3)
            g = gradient(x -> sum(permutedims(x, (3, 1, 2)) .* W), x)[1]
            (size(g), g[2, 3, 4] == W[4, 2, 3], g[1, 2, 3] == W[3, 1, 2], g == permutedims(W, (2, 3, 1)))
            """)
        #expect(run.repr == "((2, 3, 4), true, true, true)", "\(run.errorText ?? run.repr ?? "")")
    }

    /// A nonlinear function against central finite differences, entry by entry.
    @Test func nonlinearFunctionMatchesFiniteDifferences() {
        let run = ADRun("""
            W = reshape(collect(1.0:12.0), 3, 2, 2) ./ 10
            f(x) = sum(sin.(permutedims(x, [2, 3, 1])) .* W)
            x = reshape(collect(0.1:0.1:1.2), 2, 3, 2)
            g = gradient(f, x)[1]
            h = 1e-6
            worst = 0.0
            for k in 1:length(x)
                xp = copy(x); xp[k] += h
                xm = copy(x); xm[k] -= h
                worst = max(worst, abs((f(xp) - f(xm)) / (2h) - g[k]))
            end
            (size(g), worst < 1e-8)
            """)
        #expect(run.repr == "((2, 3, 2), true)", "\(run.errorText ?? run.repr ?? "")")
    }

    @Test func matrixWithTuplePermutation() {
        let run = ADRun("gradient(m -> sum(permutedims(m, (2, 1)) * [1.0, 2.0]), [1.0 2.0; 3.0 4.0])")
        #expect(run.repr == "([1.0 1.0; 2.0 2.0],)", "\(run.errorText ?? run.repr ?? "")")
    }
}
