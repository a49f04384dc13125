import Testing
@testable import Zy

/// The language side of the library gaps: folds over empty collections,
/// block-matrix concatenation and its errors, three-dimensional arrays.
@Suite struct LibraryLanguageTests {
    @Test(arguments: [
        ("foldl(-, [1, 2, 3]; init = 10)", "4"),
        ("foldr(-, [1, 2, 3]; init = 10)", "-8"),
        ("mapreduce(x -> x^2, +, [1, 2]; init = 10)", "15"),
        ("reduce(+, Float64[])", "0.0"),
        ("reduce(*, Int[])", "1"),
        ("foldl(+, Bool[])", "0"),
        ("reduce(&, Bool[])", "true"),
        ("reduce(|, Bool[])", "false"),
        ("mapreduce(abs, +, Float64[])", "0.0"),
        ("mapreduce(abs2, max, Int[])", "0"),
        ("foldr(+, Float64[]; init = 1.5)", "1.5"),
        ("foldl((a, b) -> (a, b), 1:3; init = 0)", "(((0, 1), 2), 3)"),
    ])
    func folds(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? run.repr ?? "no value")")
    }

    static let emptyMessage = "reducing over an empty collection is not allowed; consider supplying `init` to the reducer"

    @Test(arguments: [
        ("reduce(max, Float64[])", "ArgumentError: \(emptyMessage)"),
        ("foldl(-, Int[])", "ArgumentError: \(emptyMessage)"),
        ("foldr(-, Int[])", "ArgumentError: \(emptyMessage)"),
        ("mapreduce(x -> 2x, +, Float64[])", "ArgumentError: \(emptyMessage)"),
        ("reduce(+, ())", "ArgumentError: \(emptyMessage)"),
        ("A = [1 2; 3 4]; [A [1, 2, 3]; [5, 6] A]", "DimensionMismatch: mismatched height in block row 1 (expected 2, got 3)"),
        ("A = [1 2; 3 4]; b = [5, 6]; [A b; b b]", "DimensionMismatch: block row 2 has mismatched number of columns (expected 3, got 2)"),
        ("A = [1 2; 3 4]; b = [5, 6]; [A b; b A A]", "DimensionMismatch: block row 2 has mismatched number of columns (expected 3, got 5)"),
        ("A = [1 2; 3 4]; b = [5, 6]; [A b; 1 2]", "DimensionMismatch: number of columns of each array must match (got (3, 2))"),
        ("A = [1 2; 3 4]; [A 1; 2 3]", "DimensionMismatch: mismatch in dimension 1 (expected 2 got 1)"),
        ("[1 2; 3]", "ArgumentError: argument count does not match specified shape (expected 4, got 3)"),
        ("[1 2.0; 3]", "DimensionMismatch: row 2 has mismatched number of columns (expected 2, got 1)"),
        ("hcat([1, 2], [1, 2, 3], [4, 5])", "DimensionMismatch: number of rows of each array must match (got (2, 3, 2))"),
        ("reshape(collect(1:6), 4, :, 2)", "DimensionMismatch: array size 6 must be divisible by the product of the new dimensions (4, Colon(), 2)"),
        ("reshape(1:6, 4, 2, 1)", "DimensionMismatch: new dimensions (4, 2, 1) must be consistent with array size 6"),
    ])
    func errors(_ source: String, _ message: String) {
        let run = ADRun(source)
        #expect(run.errorText?.contains("error: " + message) == true, "\(source): \(run.errorText ?? run.repr ?? "no value")")
    }

    @Test(arguments: [
        ("A = [1 2; 3 4]; b = [5, 6]; [A b; 7 8 9]", "[1 2 5; 3 4 6; 7 8 9]"),
        ("A = [1 2; 3 4]; b = [5, 6]; [1.0 b'; b A]", "[1.0 5.0 6.0; 5.0 1.0 2.0; 6.0 3.0 4.0]"),
        ("b = [5, 6]; [b b; 10 20]", "[5 5; 6 6; 10 20]"),
        ("reshape(1:12, 2, 3, 2)", "[1 3 5; 2 4 6;;; 7 9 11; 8 10 12]"),
        ("zeros(2, 1, 2)", "[0.0; 0.0;;; 0.0; 0.0]"),
        ("reshape(1:4, 2, 2, 1)", "[1 3; 2 4;;;]"),
        ("reshape(1:4, 1, 2, 2)", "[1 2;;; 3 4]"),
        ("reshape(1:16, 2, 2, 2, 2)", "[1 3; 2 4;;; 5 7; 6 8;;;; 9 11; 10 12;;; 13 15; 14 16]"),
        ("x = reshape(collect(1:12), 2, 3, 2); (size(x), ndims(x), x[2, 3, 1], x[1, 2, 2], x[end], x[:, 2, 2])",
         "((2, 3, 2), 3, 6, 9, 12, [9, 10])"),
        ("x = reshape(collect(1.0:8.0), 2, 2, 2); x[1, 2, 2] = 0.0; x[:, :, 2]", "[5.0 0.0; 6.0 8.0]"),
        ("zero([1 2; 3 4])", "[0 0; 0 0]"),
        ("adjoint(2.0 + 1.0im)", "2.0 - 1.0im"),
        ("(4, :, 2)", "(4, Colon(), 2)"),
        ("reshape(collect(1:12), 2, :, 2)", "[1 3 5; 2 4 6;;; 7 9 11; 8 10 12]"),
    ])
    func arrays(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? run.repr ?? "no value")")
    }

    @Test func mapreduceAlternatesFunctionAndOperator() {
        let run = ADRun("""
        mapreduce(x -> (print(x, " "); x), (a, b) -> (print("op "); a + b), [1, 2, 3]) |> println
        mapreduce(x -> (print(x, " "); x), (a, b) -> (print("op "); a + b), [1, 2]; init = 10) |> println
        """)
        #expect(run.output == "1 2 op 3 op 6\n1 op 2 op 13\n", "\(run.errorText ?? run.output)")
    }

    @Test func threeDimensionalDisplay() {
        let run = ADRun("display(reshape(collect(1:12), 2, 3, 2))")
        #expect(run.output == """
        2×3×2 Array{Int64, 3}:
        [:, :, 1] =
         1  3  5
         2  4  6

        [:, :, 2] =
         7   9  11
         8  10  12

        """, "\(run.errorText ?? run.output)")
    }
}
