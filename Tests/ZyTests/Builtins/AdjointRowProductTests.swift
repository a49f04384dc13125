import Testing
@testable import Zy

/// Products with an adjoint row `x'`: a row times a matrix stays a row
/// (Julia's `Adjoint`), so a quadratic form `x' * A * x` is a number.
@Suite struct AdjointRowProductTests {
    static let cases: [(String, String)] = [
        // Ax = [4, 9]: xᵀAx = 1·4 + 2·9
        ("x = [1.0, 2.0]; A = [2.0 1.0; 1.0 4.0]; x' * A * x", "22.0"),
        ("x = [1, 2]; A = [2 1; 1 4]; x' * A * x", "22"),
        // xᵀA = [1·2 + 2·1, 1·1 + 2·4]
        ("x = [1.0, 2.0]; A = [2.0 1.0; 1.0 4.0]; r = x' * A; (r, size(r), r * x, r')", "([4.0 9.0], (1, 2), 22.0, [4.0, 9.0])"),
        // xᵀB = [1, 2, 4]
        ("x = [1.0, 2.0]; B = [1.0 0.0 2.0; 0.0 1.0 1.0]; x' * B * [1.0, 1.0, 1.0]", "7.0"),
        // a row times two matrices is still a row: (Ax)ᵀ(Ax) = 4² + 9² for symmetric A
        ("x = [1, 2]; A = [2 1; 1 4]; x' * A * A * x", "97"),
        // a plain 1×n matrix is not a row: its product with a vector is a vector
        ("[1.0 2.0] * [3.0, 4.0]", "[11.0]"),
        ("[1.0, 2.0] * [3.0, 4.0]'", "[3.0 4.0; 6.0 8.0]"),
    ]

    @Test(arguments: 0..<cases.count)
    func evaluates(_ i: Int) {
        let (source, expected) = Self.cases[i]
        let run = SessionRun(source)
        #expect(run.error == nil, "\(source): \(run.errorText ?? "")")
        #expect(run.repr == expected, "\(source)")
    }
}
