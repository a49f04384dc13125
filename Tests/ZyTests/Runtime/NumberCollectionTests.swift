import Testing
@testable import Zy

/// Numbers as 0-dimensional collections of themselves (Julia's
/// `base/number.jl`), and the 0-dimensional array `collect` makes of one.
@Suite struct NumberCollectionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let source: String
        let expected: String
        init(_ source: String, _ expected: String) {
            self.source = source
            self.expected = expected
        }
        var testDescription: String { source }
    }

    static let values: [Case] = [
        Case("length(3.0)", "1"),
        Case("length(true)", "1"),
        Case("size(3.0)", "()"),
        Case("size(3.0, 1)", "1"),
        Case("size(3, 5)", "1"),
        Case("axes(2)", "()"),
        Case("ndims(3)", "0"),
        Case("ndims(Float64)", "0"),
        Case("eltype(3.0)", "Float64"),
        Case("first(3.0)", "3.0"),
        Case("last(2)", "2"),
        Case("sum(3.0)", "3.0"),
        Case("prod(4)", "4"),
        Case("maximum(1//2)", "1//2"),
        Case("iterate(3.0)", "(3.0, nothing)"),
        Case("iterate(3.0, nothing)", "nothing"),
        Case("isempty(1)", "false"),
        Case("firstindex(5), lastindex(5)", "(1, 1)"),
        Case("keys(5)", "1:1"),
        Case("[x * i for i in eachindex(2.0) for x in 2.0]", "[2.0]"),
        Case("getindex(3.0)", "3.0"),
        Case("3.0[]", "3.0"),
        Case("3.0[1]", "3.0"),
        Case("(2 + 3im)[1, 1]", "2 + 3im"),
        Case("x = 7; x[end]", "7"),
        Case("get(2, 1, 0), get(2, 3, 0)", "(2, 0)"),
        Case("map(sin, 0.0)", "0.0"),
        Case("map(+, 1, 2.5)", "3.5"),
        Case("map(x -> 2x, [1, 2])", "[2, 4]"),
        Case("1 in 1.0, 2 in 1", "(true, false)"),
        Case("s = 0.0; for x in 2.5; s += x; end; s", "2.5"),
        Case("n = 0; for x in 4; n += 1; end; n", "1"),
        Case("[x for x in 3]", "[3]"),
        Case("collect(2.0)", "fill(2.0)"),
        Case("typeof(collect(2))", "Array{Int64, 0}"),
        Case("a = collect(2.0); (a[], size(a), length(a), ndims(a))", "(2.0, (), 1, 0)"),
        Case("[collect(1), collect(2)]", "[fill(1), fill(2)]"),
    ]

    @Test(arguments: values)
    func value(_ c: Case) throws {
        let run = SessionRun(c.source)
        #expect(run.error == nil, "\(run.errorText ?? "")")
        #expect(run.repr == c.expected)
    }

    static let errors: [Case] = [
        Case("3.0[2]", "BoundsError: attempt to access Float64 at index [2]"),
        Case("3[1, 2]", "BoundsError: attempt to access Int64 at index [1, 2]"),
        Case("size(3.0, 0)", "BoundsError"),
        Case("3.0[1.0]", "MethodError: no method matching getindex(::Float64, ::Float64)"),
        // Julia has no reverse(::Number) either.
        Case("reverse(1)", "MethodError: no method matching reverse(::Int64)"),
        Case("collect(2.0)[2]", "BoundsError: attempt to access 0-dimensional Array{Float64, 0} at index [2]"),
    ]

    @Test(arguments: errors)
    func error(_ c: Case) throws {
        let run = SessionRun(c.source)
        let exception = try #require(run.zyException, "no error from \(c.source)")
        #expect(Show.errorMessage(exception.value) == c.expected)
    }

    @Test func boundsErrorValueKeepsASingleIndexBare() throws {
        let run = SessionRun("try; 3.0[2]; catch e; e; end")
        #expect(run.repr == "BoundsError(3.0, 2)")
    }

    @Test func zeroDimensionalArrayDisplay() throws {
        let run = SessionRun("display(collect(2.5)); print(collect(1))")
        #expect(run.output == "0-dimensional Array{Float64, 0}:\n2.5\nfill(1)")
    }
}
