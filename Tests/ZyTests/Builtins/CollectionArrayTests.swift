import Testing
@testable import Zy

/// Array literals, construction, indexing (with exact `BoundsError`
/// contents), shape, mutation and searching.
@Suite struct CollectionArrayTests {
    struct Case: CustomStringConvertible {
        let description: String
        let run: (CollectionTestContext) -> String
        let expected: String
        init(_ d: String, _ expected: String, _ run: @escaping (CollectionTestContext) -> String) {
            description = d; self.expected = expected; self.run = run
        }
    }

    static let literals: [Case] = [
        Case("[1, 2.0] promotes", "Vector{Float64}[1.0, 2.0]") { $0.run("Core.vect", .int(1), .float(2)) },
        Case("[1, 2] stays Int", "Vector{Int64}[1, 2]") { $0.run("Core.vect", .int(1), .int(2)) },
        Case("[1, :a] is Any", "Vector{Any}[1, :a]") { $0.run("Core.vect", .int(1), sym("a")) },
        Case("[] is Any", "Vector{Any}[]") { $0.run("Core.vect") },
        Case("[true, 2] promotes Bool", "Vector{Int64}[1, 2]") { $0.run("Core.vect", .bool(true), .int(2)) },
        Case("Float64[1, 2]", "Vector{Float64}[1.0, 2.0]") { $0.run("Core.typed_vect", .type(.float64), .int(1), .int(2)) },
        Case("Int[1.5] inexact", "throws InexactError(:Int64, Int64, 1.5)") { $0.run("Core.typed_vect", .type(.int64), .float(1.5)) },
        Case("[1 2; 3 4]", "Matrix{Int64}[1 2; 3 4]") {
            $0.run("Core.hvcat", .tuple([.int(2), .int(2)]), .int(1), .int(2), .int(3), .int(4))
        },
        Case("[1 2; 3.0 4]", "Matrix{Float64}[1.0 2.0; 3.0 4.0]") {
            $0.run("Core.hvcat", .tuple([.int(2), .int(2)]), .int(1), .int(2), .float(3), .int(4))
        },
        Case("hvcat count mismatch", "throws ArgumentError(\"argument count does not match specified shape (expected 4, got 3)\")") {
            $0.run("Core.hvcat", .tuple([.int(2), .int(2)]), .int(1), .int(2), .int(3))
        },
        // one element type: Julia's hvcat(rows, xs::T...) checks the count first
        Case("[1 2; 3] rows mismatch", "throws ArgumentError(\"argument count does not match specified shape (expected 4, got 3)\")") {
            $0.run("Core.hvcat", .tuple([.int(2), .int(1)]), .int(1), .int(2), .int(3))
        },
        Case("[1 2.0; 3] rows mismatch", "throws DimensionMismatch(\"row 2 has mismatched number of columns (expected 2, got 1)\")") {
            $0.run("Core.hvcat", .tuple([.int(2), .int(1)]), .int(1), .float(2), .int(3))
        },
        Case("hcat of vectors", "Matrix{Int64}[1 3; 2 4]") { $0.run("hcat", ints(1, 2), ints(3, 4)) },
        Case("hcat of scalars", "Matrix{Int64}[1 2 3]") { $0.run("hcat", .int(1), .int(2), .int(3)) },
        Case("vcat of vectors", "Vector{Int64}[1, 2, 3]") { $0.run("vcat", ints(1, 2), .int(3)) },
        Case("vcat of matrices", "Matrix{Float64}[1.0 2.0; 3.0 4.0]") {
            $0.run("vcat", matrix([[1, 2]]), matrix([[3, 4]]))
        },
        Case("hcat rows mismatch", "throws DimensionMismatch(\"number of rows of each array must match (got (2, 3))\")") {
            $0.run("hcat", ints(1, 2), ints(1, 2, 3))
        },
        Case("collect_narrow Int/Float joins to Real", "Vector{Real}[1, 2.0]") {
            $0.run("Core.collect_narrow", .array(ArrayValue(storage: .values([.int(1), .float(2)]), elementType: .any, dims: [2])))
        },
        Case("collect_narrow all Float", "Vector{Float64}[1.0, 2.0]") {
            $0.run("Core.collect_narrow", .array(ArrayValue(storage: .values([.float(1), .float(2)]), elementType: .any, dims: [2])))
        },
        Case("reshape_comprehension", "Matrix{Int64}[1 3 5; 2 4 6]") {
            $0.run("Core.reshape_comprehension", ints(1, 2, 3, 4, 5, 6), .int(2), .int(3))
        },
        Case("reshape_comprehension negative dims", "throws DimensionMismatch(\"new dimensions (-1, -2) must be consistent with array size 2\")") {
            $0.run("Core.reshape_comprehension", ints(1, 2), .int(-1), .int(-2))
        },
        Case("reshape overflow", "throws ArgumentError(\"invalid Array dimensions\")") {
            $0.run("reshape", ints(1, 2), .int(1 << 40), .int(1 << 40))
        },
    ]

    static let construction: [Case] = [
        Case("zeros(3)", "Vector{Float64}[0.0, 0.0, 0.0]") { $0.run("zeros", .int(3)) },
        Case("zeros(Int, 2)", "Vector{Int64}[0, 0]") { $0.run("zeros", .type(.int64), .int(2)) },
        Case("ones(2, 2)", "Matrix{Float64}[1.0 1.0; 1.0 1.0]") { $0.run("ones", .int(2), .int(2)) },
        Case("fill(:x, 2)", "Vector{Symbol}[:x, :x]") { $0.run("fill", sym("x"), .int(2)) },
        Case("zeros(-1)", "throws ArgumentError(\"invalid Array dimensions\")") { $0.run("zeros", .int(-1)) },
        Case("Vector{Float64}(undef, 2)", "Vector{Float64}[0.0, 0.0]") { ctx in
            guard let undef = ctx.globals["undef"] else { return "no undef" }
            do { return render(try ctx.call(.type(.array(element: .float64, dims: 1)), [undef, .int(2)])) } catch { return "\(error)" }
        },
        Case("Vector{Int64}()", "Vector{Int64}[]") { ctx in
            (try? ctx.call(.type(.array(element: .int64, dims: 1)), [])).map(render) ?? "error"
        },
        Case("collect(1:3)", "Vector{Int64}[1, 2, 3]") { $0.run("collect", range(1, 3)) },
        Case("collect(\"ab\")", "Vector{Char}['a', 'b']") { $0.run("collect", .string("ab")) },
        Case("collect((1, 2.0))", "Vector{Real}[1, 2.0]") { $0.run("collect", .tuple([.int(1), .float(2)])) },
        Case("similar keeps type", "Vector{Int64}[0, 0]") { $0.run("similar", ints(5, 6)) },
    ]

    static let indexing: [Case] = [
        Case("v[2]", "20") { $0.run("getindex", ints(10, 20, 30), .int(2)) },
        Case("v[5] bounds", "throws BoundsError(Vector{Int64}[10, 20, 30], (5,))") { $0.run("getindex", ints(10, 20, 30), .int(5)) },
        Case("v[0] bounds", "throws BoundsError(Vector{Int64}[10, 20, 30], (0,))") { $0.run("getindex", ints(10, 20, 30), .int(0)) },
        Case("A[2, 1]", "3.0") { $0.run("getindex", matrix([[1, 2], [3, 4]]), .int(2), .int(1)) },
        Case("A[3, 1] bounds", "throws BoundsError(Matrix{Float64}[1.0 2.0; 3.0 4.0], (3, 1))") {
            $0.run("getindex", matrix([[1, 2], [3, 4]]), .int(3), .int(1))
        },
        Case("A[:, 2]", "Vector{Float64}[2.0, 4.0]") { $0.run("getindex", matrix([[1, 2], [3, 4]]), $0.fn(":"), .int(2)) },
        Case("A[1, :]", "Vector{Float64}[1.0, 2.0]") { $0.run("getindex", matrix([[1, 2], [3, 4]]), .int(1), $0.fn(":")) },
        Case("v[2:3]", "Vector{Int64}[20, 30]") { $0.run("getindex", ints(10, 20, 30), range(2, 3)) },
        Case("v[2:4] bounds", "throws BoundsError(Vector{Int64}[10, 20, 30], (2:4,))") { $0.run("getindex", ints(10, 20, 30), range(2, 4)) },
        Case("A[4] linear", "4.0") { $0.run("getindex", matrix([[1, 2], [3, 4]]), .int(4)) },
        Case("v[true] invalid", "throws ArgumentError(\"invalid index: true of type Bool\")") { $0.run("getindex", ints(1), .bool(true)) },
        Case("v[mask]", "Vector{Int64}[10, 30]") {
            $0.run("getindex", ints(10, 20, 30), .array(ArrayValue(storage: .values([.bool(true), .bool(false), .bool(true)]), elementType: .bool, dims: [3])))
        },
        Case("(1:10)[3]", "3") { $0.run("getindex", range(1, 10), .int(3)) },
        Case("(1:10)[2:4]", "2:4") { $0.run("getindex", range(1, 10), range(2, 4)) },
        Case("(1:3)[4] bounds", "throws BoundsError(1:3, (4,))") { $0.run("getindex", range(1, 3), .int(4)) },
    ]

    static let assignment: [Case] = [
        Case("v[1] = 2.5 into Int", "throws InexactError(:Int64, Int64, 2.5)") { $0.run("setindex!", ints(1, 2), .float(2.5), .int(1)) },
        Case("v[1] = 3 into Float", "Vector{Float64}[3.0, 2.0]") { $0.run("setindex!", floats(1, 2), .int(3), .int(1)) },
        Case("v[1] = :a into Int", "throws MethodError(convert, (Int64, :a))") { $0.run("setindex!", ints(1, 2), sym("a"), .int(1)) },
        Case("A[1, 2] = 9", "Matrix{Float64}[1.0 9.0; 3.0 4.0]") { $0.run("setindex!", matrix([[1, 2], [3, 4]]), .int(9), .int(1), .int(2)) },
        Case("v[3] = 1 bounds", "throws BoundsError(Vector{Int64}[1, 2], (3,))") { $0.run("setindex!", ints(1, 2), .int(1), .int(3)) },
        Case("v[1:2] = [7, 8]", "Vector{Int64}[7, 8, 3]") { $0.run("setindex!", ints(1, 2, 3), ints(7, 8), range(1, 2)) },
        Case("v[1:2] = 0", "throws ArgumentError(\"indexed assignment with a single value to possibly many locations is not supported; perhaps use broadcasting `.=` instead?\")") {
            $0.run("setindex!", ints(1, 2, 3), .int(0), range(1, 2))
        },
    ]

    static let shapeAndMutation: [Case] = [
        Case("size(A)", "(2, 3)") { $0.run("size", matrix([[1, 2, 3], [4, 5, 6]])) },
        Case("size(A, 2)", "3") { $0.run("size", matrix([[1, 2, 3], [4, 5, 6]]), .int(2)) },
        Case("size(A, 3)", "1") { $0.run("size", matrix([[1, 2, 3], [4, 5, 6]]), .int(3)) },
        Case("length(A)", "6") { $0.run("length", matrix([[1, 2, 3], [4, 5, 6]])) },
        Case("ndims(v)", "1") { $0.run("ndims", ints(1)) },
        Case("eltype(v)", "Float64") { $0.run("eltype", floats(1)) },
        Case("lastindex(A, 1)", "2") { $0.run("lastindex", matrix([[1, 2, 3], [4, 5, 6]]), .int(1)) },
        Case("eachindex(v)", "1:3") { $0.run("eachindex", ints(4, 5, 6)) },
        Case("push! converts", "Vector{Float64}[1.0, 2.0]") { $0.run("push!", floats(1), .int(2)) },
        Case("push! inexact", "throws InexactError(:Int64, Int64, 0.5)") { $0.run("push!", ints(1), .float(0.5)) },
        Case("pop!", "3") { $0.run("pop!", ints(1, 2, 3)) },
        Case("pop! empty", "throws ArgumentError(\"array must be non-empty\")") { $0.run("pop!", ints()) },
        Case("pushfirst!", "Vector{Int64}[0, 1]") { $0.run("pushfirst!", ints(1), .int(0)) },
        Case("append!", "Vector{Int64}[1, 2, 3]") { $0.run("append!", ints(1), range(2, 3)) },
        Case("insert!", "Vector{Int64}[1, 9, 2]") { $0.run("insert!", ints(1, 2), .int(2), .int(9)) },
        Case("deleteat!", "Vector{Int64}[1, 3]") { $0.run("deleteat!", ints(1, 2, 3), .int(2)) },
        Case("reshape", "Matrix{Int64}[1 3 5; 2 4 6]") { $0.run("reshape", ints(1, 2, 3, 4, 5, 6), .int(2), .int(3)) },
        Case("reshape mismatch", "throws DimensionMismatch(\"new dimensions (4, 2) must be consistent with array size 6\")") {
            $0.run("reshape", ints(1, 2, 3, 4, 5, 6), .int(4), .int(2))
        },
        Case("transpose", "Matrix{Float64}[1.0 3.0; 2.0 4.0]") { $0.run("transpose", matrix([[1, 2], [3, 4]])) },
        Case("adjoint of vector", "Matrix{Int64}[1 2]") { $0.run("adjoint", ints(1, 2)) },
        Case("vec", "Vector{Float64}[1.0, 3.0, 2.0, 4.0]") { $0.run("vec", matrix([[1, 2], [3, 4]])) },
        Case("reverse", "Vector{Int64}[3, 2, 1]") { $0.run("reverse", ints(1, 2, 3)) },
    ]

    static let searching: [Case] = [
        Case("2 in v", "true") { $0.run("in", .int(2), ints(1, 2)) },
        Case("2.0 in v", "true") { $0.run("in", .float(2), ints(1, 2)) },
        Case("5 ∈ 1:2:9", "true") { $0.run("∈", .int(5), .range(RangeValue(start: 1, step: 2, stop: 9, isUnit: false))) },
        Case("4 ∈ 1:2:9", "false") { $0.run("∈", .int(4), .range(RangeValue(start: 1, step: 2, stop: 9, isUnit: false))) },
        Case("'b' in \"abc\"", "true") { $0.run("in", .char("b"), .string("abc")) },
        Case("isempty([])", "true") { $0.run("isempty", ints()) },
        Case("first(v)", "1") { $0.run("first", ints(1, 2)) },
        Case("first([]) bounds", "throws BoundsError(Vector{Int64}[], (1,))") { $0.run("first", ints()) },
        Case("last(v)", "2") { $0.run("last", ints(1, 2)) },
        Case("unique", "Vector{Int64}[3, 1, 2]") { $0.run("unique", ints(3, 1, 3, 2, 1)) },
        Case("findall(mask)", "Vector{Int64}[1, 3]") {
            $0.run("findall", .array(ArrayValue(storage: .values([.bool(true), .bool(false), .bool(true)]), elementType: .bool, dims: [3])))
        },
        Case("[1, 2] == [1.0, 2.0]", "true") { $0.run("==", ints(1, 2), floats(1, 2)) },
        Case("[1, 2] == 1:2", "true") { $0.run("==", ints(1, 2), range(1, 2)) },
        Case("[1, 2] == [1, 2, 3]", "false") { $0.run("==", ints(1, 2), ints(1, 2, 3)) },
        Case("[NaN] == [NaN]", "false") { $0.run("==", floats(.nan), floats(.nan)) },
        Case("isequal([NaN], [NaN])", "true") { $0.run("isequal", floats(.nan), floats(.nan)) },
        Case("(1, 2) == (1, 2.0)", "true") { $0.run("==", .tuple([.int(1), .int(2)]), .tuple([.int(1), .float(2)])) },
        Case("iszero(zeros(2))", "true") { $0.run("iszero", floats(0, 0)) },
    ]

    @Test(arguments: literals) func arrayLiterals(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }
    @Test(arguments: construction) func arrayConstruction(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }
    @Test(arguments: indexing) func arrayIndexing(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }
    @Test(arguments: assignment) func arrayAssignment(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }
    @Test(arguments: shapeAndMutation) func arrayShapeAndMutation(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }
    @Test(arguments: searching) func arraySearching(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }

    @Test func pushGrowsInPlace() throws {
        let ctx = CollectionTestContext()
        let v = ints(1)
        _ = try ctx.call("push!", v, .int(2), .int(3))
        #expect(render(v) == "Vector{Int64}[1, 2, 3]")
        #expect(render(try ctx.call("size", v)) == "(3,)")
    }
}
