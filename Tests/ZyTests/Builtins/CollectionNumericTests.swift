import Testing
@testable import Zy

/// Broadcasting shapes, reductions, ranges, linear algebra and softmax.
@Suite struct CollectionNumericTests {
    typealias Case = CollectionArrayTests.Case

    static let broadcasting: [Case] = [
        Case("[1.0, 2.0] .+ 1", "Vector{Float64}[2.0, 3.0]") { $0.run("broadcast", $0.fn("+"), floats(1, 2), .int(1)) },
        Case("[1, 2] .+ 1 (generic path)", "Vector{Int64}[2, 3]") { $0.run("broadcast", $0.fn("+"), ints(1, 2), .int(1)) },
        Case("column .+ row", "Matrix{Float64}[11.0 21.0; 12.0 22.0]") {
            $0.run("broadcast", $0.fn("+"), floats(1, 2), matrix([[10, 20]]))
        },
        Case("matrix .* column", "Matrix{Float64}[1.0 2.0; 6.0 8.0]") {
            $0.run("broadcast", $0.fn("*"), matrix([[1, 2], [3, 4]]), floats(1, 2))
        },
        Case("mismatch", "throws DimensionMismatch(\"arrays could not be broadcast to a common size; got a dimension with lengths 2 and 3\")") {
            $0.run("broadcast", $0.fn("+"), floats(1, 2), floats(1, 2, 3))
        },
        Case("tuple .+ tuple", "(4, 6)") { $0.run("broadcast", $0.fn("+"), .tuple([.int(1), .int(2)]), .tuple([.int(3), .int(4)])) },
        Case("tuple .+ vector gives vector", "Vector{Int64}[4, 6]") {
            $0.run("broadcast", $0.fn("+"), .tuple([.int(1), .int(2)]), ints(3, 4))
        },
        Case("scalars only", "3") { $0.run("broadcast", $0.fn("+"), .int(1), .int(2)) },
        Case("range .* 2", "Vector{Int64}[2, 4, 6]") { $0.run("broadcast", $0.fn("*"), range(1, 3), .int(2)) },
        Case("abs.(v) narrows", "Vector{Int64}[1, 2]") { $0.run("broadcast", $0.fn("abs"), ints(-1, 2)) },
        Case("f.(x) mixed results join", "Vector{Real}[1, 2.0]") {
            $0.run("broadcast", $0.fn("max"), .tuple([.int(1), .float(2)]) , ints(0, 0))
        },
        Case("unary minus fast path", "Vector{Float64}[-1.0, 2.0]") { $0.run("broadcast", $0.fn("-"), floats(1, -2)) },
        Case("x .^ 2 fast path", "Vector{Float64}[9.0, 0.25]") { $0.run("broadcast", $0.fn("^"), floats(3, 0.5), .int(2)) },
    ]

    static let reductions: [Case] = [
        Case("sum ints", "6") { $0.run("sum", ints(1, 2, 3)) },
        Case("sum floats", "0.6000000000000001") { $0.run("sum", floats(0.1, 0.2, 0.3)) },
        Case("sum(1:100) closed form", "5050") { $0.run("sum", range(1, 100)) },
        Case("sum(Int[])", "0") { $0.run("sum", ints()) },
        Case("sum(Any[]) throws", "throws ArgumentError(\"reducing over an empty collection is not allowed; consider supplying `init` to the reducer\")") {
            $0.run("sum", .array(ArrayValue(storage: .values([]), elementType: .any, dims: [0])))
        },
        Case("sum(abs, v)", "6") { $0.run("sum", $0.fn("abs"), ints(-1, 2, -3)) },
        Case("sum bools", "2") { $0.run("sum", .array(ArrayValue(storage: .values([.bool(true), .bool(true)]), elementType: .bool, dims: [2]))) },
        Case("sum(A; dims=1)", "Matrix{Float64}[4.0 6.0]") { $0.run("sum", matrix([[1, 2], [3, 4]]), kw: [("dims", .int(1))]) },
        Case("sum(A; dims=2)", "Matrix{Float64}[3.0; 7.0]") { $0.run("sum", matrix([[1, 2], [3, 4]]), kw: [("dims", .int(2))]) },
        Case("prod", "24") { $0.run("prod", ints(1, 2, 3, 4)) },
        Case("maximum", "3") { $0.run("maximum", ints(1, 3, 2)) },
        Case("maximum NaN", "nan") { $0.run("maximum", floats(1, .nan, 2)) },
        Case("minimum NaN", "nan") { $0.run("minimum", floats(1, .nan, 2)) },
        Case("minimum signed zero", "-0.0") { $0.run("minimum", floats(0, -0.0)) },
        Case("maximum empty", "throws ArgumentError(\"reducing over an empty collection is not allowed; consider supplying `init` to the reducer\")") {
            $0.run("maximum", floats())
        },
        Case("extrema", "(1, 3)") { $0.run("extrema", ints(2, 1, 3)) },
        Case("argmax first of ties", "2") { $0.run("argmax", ints(1, 3, 3)) },
        Case("findmax", "(3, 2)") { $0.run("findmax", ints(1, 3, 2)) },
        Case("findmin", "(1, 1)") { $0.run("findmin", ints(1, 3, 2)) },
        Case("argmax matrix is cartesian", "(1, 2)") { $0.run("argmax", matrix([[1, 5], [3, 4]])) },
        Case("var", "1.0") { $0.run("var", ints(1, 2, 3)) },
        Case("std", "2.0") { $0.run("std", floats(2, 4, 6)) },
        Case("median odd", "2.0") { $0.run("median", ints(3, 1, 2)) },
        Case("median even", "2.5") { $0.run("median", ints(4, 1, 2, 3)) },
        Case("tr", "5.0") { $0.run("tr", matrix([[1, 2], [3, 4]])) },
        Case("diag", "Vector{Float64}[1.0, 4.0]") { $0.run("diag", matrix([[1, 2], [3, 4]])) },
        Case("eachcol", "Vector{Vector{Float64}}[Vector{Float64}[1.0, 3.0], Vector{Float64}[2.0, 4.0]]") { $0.run("eachcol", matrix([[1, 2], [3, 4]])) },
        Case("eachrow", "Vector{Vector{Float64}}[Vector{Float64}[1.0, 2.0], Vector{Float64}[3.0, 4.0]]") { $0.run("eachrow", matrix([[1, 2], [3, 4]])) },
        Case("Ref broadcasts as a scalar", "Vector{Bool}[true, false]") { ctx in
            guard let r = try? ctx.call("Ref", ints(1, 2)) else { return "Ref failed" }
            return ctx.run("broadcast", ctx.fn("in"), ints(1, 3), r)
        },
        Case("broadcast over Ref alone unwraps", "2") { ctx in
            guard let r = try? ctx.call("Ref", ints(1, 2)) else { return "Ref failed" }
            return ctx.run("broadcast", ctx.fn("length"), r)
        },
        Case("mean", "2.0") { $0.run("mean", ints(1, 2, 3)) },
        Case("cumsum", "Vector{Int64}[1, 3, 6]") { $0.run("cumsum", ints(1, 2, 3)) },
        Case("count", "2") { $0.run("count", $0.fn("iseven"), ints(1, 2, 4)) },
        Case("any", "true") { $0.run("any", $0.fn("iseven"), ints(1, 2)) },
        Case("all", "false") { $0.run("all", $0.fn("iseven"), ints(1, 2)) },
        Case("all non-Bool", "throws TypeError(:if, \"\", Bool, 1)") { $0.run("all", ints(1)) },
    ]

    static let ranges: [Case] = [
        Case("1:3", "1:3") { $0.run(":", .int(1), .int(3)) },
        Case("5:3 empty normalised", "5:4") { $0.run(":", .int(5), .int(3)) },
        Case("1:2:10 normalised", "1:2:9") { $0.run(":", .int(1), .int(2), .int(10)) },
        Case("10:-3:1", "10:-3:1") { $0.run(":", .int(10), .int(-3), .int(1)) },
        Case("step zero", "throws ArgumentError(\"step cannot be zero\")") { $0.run(":", .int(1), .int(0), .int(3)) },
        Case("0:0.1:0.3 exact", "Vector{Float64}[0.0, 0.1, 0.2, 0.3]") { $0.run(":", .int(0), .float(0.1), .float(0.3)) },
        Case("range(0, 1; length=5)", "Vector{Float64}[0.0, 0.25, 0.5, 0.75, 1.0]") {
            $0.run("range", .int(0), .int(1), kw: [("length", .int(5))])
        },
        Case("range(1; step=2, stop=9)", "1:2:9") { $0.run("range", .int(1), kw: [("step", .int(2)), ("stop", .int(9))]) },
        Case("range(1; length=3)", "1:3") { $0.run("range", .int(1), kw: [("length", .int(3))]) },
        Case("length(1:2:9)", "5") { $0.run("length", .range(RangeValue(start: 1, step: 2, stop: 9, isUnit: false))) },
        Case("reverse(1:3)", "3:-1:1") { $0.run("reverse", range(1, 3)) },
        Case("last(1:2:9)", "9") { $0.run("last", .range(RangeValue(start: 1, step: 2, stop: 9, isUnit: false))) },
        Case("step", "2") { $0.run("step", .range(RangeValue(start: 1, step: 2, stop: 9, isUnit: false))) },
    ]

    static let linearAlgebra: [Case] = [
        Case("A * B", "Matrix{Float64}[19.0 22.0; 43.0 50.0]") { $0.run("*", matrix([[1, 2], [3, 4]]), matrix([[5, 6], [7, 8]])) },
        Case("A * v", "Vector{Float64}[5.0, 11.0]") { $0.run("*", matrix([[1, 2], [3, 4]]), floats(1, 2)) },
        Case("A * v mismatch", "throws DimensionMismatch(\"matrix A has dimensions (2,2), vector B has length 3\")") {
            $0.run("*", matrix([[1, 2], [3, 4]]), floats(1, 2, 3))
        },
        Case("2 * v", "Vector{Int64}[2, 4]") { $0.run("*", .int(2), ints(1, 2)) },
        Case("v / 2", "Vector{Float64}[0.5, 1.0]") { $0.run("/", ints(1, 2), .int(2)) },
        Case("v' * w is a scalar", "11") { ctx in
            guard let t = try? ctx.call("adjoint", ints(1, 2)) else { return "adjoint failed" }
            return ctx.run("*", t, ints(3, 4))
        },
        Case("v + w", "Vector{Float64}[4.0, 6.0]") { $0.run("+", floats(1, 2), floats(3, 4)) },
        Case("v - w ints", "Vector{Int64}[-2, -2]") { $0.run("-", ints(1, 2), ints(3, 4)) },
        Case("v + w mismatch", "throws DimensionMismatch(\"dimensions must match: a has dims (Base.OneTo(2),), b has dims (Base.OneTo(3),), mismatch at 1\")") {
            $0.run("+", floats(1, 2), floats(1, 2, 3))
        },
        Case("A \\ b", "Vector{Float64}[1.0, 2.0]") { $0.run("\\", matrix([[2, 1], [1, 3]]), floats(4, 7)) },
        Case("pivoting needed", "Vector{Float64}[2.0, 1.0]") { $0.run("\\", matrix([[0, 1], [1, 0]]), floats(1, 2)) },
        Case("singular", "throws SingularException(2)") { $0.run("\\", matrix([[1, 2], [2, 4]]), floats(1, 2)) },
        Case("inv rounds as LAPACK getri", "Matrix{Float64}[-1.9999999999999996 0.9999999999999998; 1.4999999999999998 -0.4999999999999999]") { $0.run("inv", matrix([[1, 2], [3, 4]])) },
        Case("inv 3x3 (signed zeros as LAPACK trti2)", "Matrix{Float64}[0.5 0.0 -0.0; 0.0 0.25 -0.0; 0.0 0.0 1.0]") { $0.run("inv", matrix([[2, 0, 0], [0, 4, 0], [0, 0, 1]])) },
        Case("det", "-2.0") { $0.run("det", matrix([[1, 2], [3, 4]])) },
        Case("dot", "11") { $0.run("dot", ints(1, 2), ints(3, 4)) },
        Case("norm", "5.0") { $0.run("norm", floats(3, 4)) },
        Case("norm 1", "7.0") { $0.run("norm", floats(3, -4), .int(1)) },
        Case("softmax", "Vector{Float64}[0.5, 0.5]") { $0.run("softmax", floats(1000, 1000)) },
        Case("logsumexp stable", "1000.6931471805599") { $0.run("logsumexp", floats(1000, 1000)) },
    ]

    @Test(arguments: broadcasting) func broadcastShapes(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }
    @Test(arguments: reductions) func reductionResults(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }
    @Test(arguments: ranges) func rangeBehaviour(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }
    @Test(arguments: linearAlgebra) func linearAlgebraResults(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }

    @Test func broadcastIntoConvertsAndChecksShape() throws {
        let ctx = CollectionTestContext()
        let dest = floats(0, 0)
        _ = try ctx.call("broadcast!", ctx.fn("identity"), dest, .int(7))
        #expect(render(dest) == "Vector{Float64}[7.0, 7.0]")
        #expect(ctx.run("broadcast!", ctx.fn("identity"), ints(0, 0), floats(0.5, 1)) == "throws InexactError(:Int64, Int64, 0.5)")
        #expect(ctx.run("broadcast!", ctx.fn("+"), dest, floats(1, 2, 3), .int(1)).hasPrefix("throws DimensionMismatch"))
    }

    @Test func indexedBroadcastAssignmentWritesThrough() throws {
        let ctx = CollectionTestContext()
        let x = ints(1, 2, 3, 4)
        _ = try ctx.call("Core.broadcast_setindex!", x, .int(0), range(2, 3))
        #expect(render(x) == "Vector{Int64}[1, 0, 0, 4]")
        let m = matrix([[1, 2], [3, 4]])
        _ = try ctx.call("Core.broadcast_setindex!", m, floats(7, 8), ctx.fn(":"), .int(2))
        #expect(render(m) == "Matrix{Float64}[1.0 7.0; 3.0 8.0]")
        #expect(ctx.run("Core.broadcast_setindex!", x, floats(1, 2, 3), range(1, 2)).hasPrefix("throws DimensionMismatch"))
        #expect(ctx.run("Core.broadcast_setindex!", x, .float(0.5), .int(1)) == "throws InexactError(:Int64, Int64, 0.5)")
    }

    @Test func pairwiseSumMatchesJuliaAssociation() {
        let xs = (0..<3000).map { 1.0 / Double($0 + 1) }
        func seq(_ r: Range<Int>) -> Double { xs[r].dropFirst().reduce(xs[r.lowerBound], +) }
        let expected = (seq(0..<750) + seq(750..<1500)) + (seq(1500..<2250) + seq(2250..<3000))
        #expect(ReductionBuiltins.pairwise(xs, +) == expected)
        #expect(ReductionBuiltins.pairwise(Array(xs[0..<10]), +) == seq(0..<10))
    }
}
