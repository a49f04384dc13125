import Testing
@testable import Zy

/// Values stored into typed slots convert as Julia's `convert` does:
/// struct construction, `setproperty!` on mutable structs, typed array
/// elements; plus `convert`, the integer constructors and rounding to `Int`.
@Suite struct FieldConversionTests {
    typealias Case = NumberCollectionTests.Case

    static let definitions = """
        struct P; x::Int; end
        struct Q; a::Float64; b::String; end
        mutable struct M; x::Int; y::Float64; v::Vector{Float64}; end
        struct W; x::Int; W(s::String) = new(s); end

        """

    static let values: [Case] = [
        Case("P(2.0)", "P(2)"),
        Case("P(true)", "P(1)"),
        Case("Q(1, \"s\")", "Q(1.0, \"s\")"),
        Case("m = M(1, 2, [1.0]); m.x = 3.0; m", "M(3, 2.0, [1.0])"),
        Case("m = M(1, 2, [1.0]); m.y = 1//2; m", "M(1, 0.5, [1.0])"),
        Case("m = M(1, 2, [1.0]); m.x = 4//1; m", "M(4, 2.0, [1.0])"),
        Case("m = M(1, 2, [1.0]); m.v = [1, 2]; m", "M(1, 2.0, [1.0, 2.0])"),
        Case("m = M(1, 2, [1.0]); (m.x = 2.0)", "2.0"),  // an assignment is worth its right side
        Case("a = Int[1]; a[1] = 2.0; a", "[2]"),
        Case("a = [1, 2]; a[2] = 3//1; a", "[1, 3]"),
        Case("convert(Int, 2.0)", "2"),
        Case("convert(Float64, 1)", "1.0"),
        Case("Int(2.0)", "2"),
        Case("round(Int, 2.5), round(Int, 3.5), round(Int, -2.5)", "(2, 4, -2)"),
        Case("trunc(Int, 2.7), trunc(Int, -2.7)", "(2, -2)"),
        Case("floor(Int, -2.5), ceil(Int, 2.1)", "(-3, 3)"),
        Case("floor(Int, 3), round(Int, 5//2)", "(3, 2)"),
        Case("round(Int, 2.5, RoundUp), round(Int, -2.5, RoundToZero), round(Int, 2.5, RoundNearest)", "(3, -2, 2)"),
        Case("round(Float64, 2.5, RoundDown), round(Int, 5//2, RoundUp)", "(2.0, 3)"),
    ]

    @Test(arguments: values)
    func converts(_ c: Case) throws {
        let run = SessionRun(Self.definitions + c.source)
        #expect(run.error == nil, "\(run.errorText ?? "")")
        #expect(run.repr == c.expected)
    }

    static let errors: [Case] = [
        Case("P(2.5)", "InexactError: Int64(2.5)"),
        Case("P(1//2)", "InexactError: Int64(1//2)"),
        Case("P(\"a\")", "MethodError: Cannot `convert` an object of type String to an object of type Int64"),
        Case("Q(1, :s)", "MethodError: Cannot `convert` an object of type Symbol to an object of type String"),
        Case("Q(\"x\", :s)", "MethodError: Cannot `convert` an object of type String to an object of type Float64"),
        // `new` converts too.
        Case("W(\"a\")", "MethodError: Cannot `convert` an object of type String to an object of type Int64"),
        // Wrong arity is the constructor's own MethodError.
        Case("P(1, 2)", "MethodError: no method matching P(::Int64, ::Int64)"),
        Case("m = M(1, 2, [1.0]); m.x = 3.5", "InexactError: Int64(3.5)"),
        Case("m = M(1, 2, [1.0]); m.x = \"a\"", "MethodError: Cannot `convert` an object of type String to an object of type Int64"),
        Case("m = M(1, 2, [1.0]); m.v = [\"a\"]", "MethodError: Cannot `convert` an object of type String to an object of type Float64"),
        Case("Float64[1.0][1] = \"a\"", "MethodError: Cannot `convert` an object of type String to an object of type Float64"),
        Case("Int[1][1] = 2.5", "InexactError: Int64(2.5)"),
        Case("[true][1] = 2", "InexactError: Bool(2)"),
        Case("convert(Int, 2.5)", "InexactError: Int64(2.5)"),
        Case("convert(Int, \"a\")", "MethodError: Cannot `convert` an object of type String to an object of type Int64"),
        Case("Int(2.5)", "InexactError: Int64(2.5)"),
        Case("round(Int, NaN)", "InexactError: trunc(Int64, NaN)"),
        Case("ceil(Int, 1e30)", "InexactError: trunc(Int64, 1.0e30)"),
        Case("round(Int, Inf, RoundUp)", "InexactError: trunc(Int64, Inf)"),
    ]

    @Test(arguments: errors)
    func fails(_ c: Case) throws {
        let run = SessionRun(Self.definitions + c.source)
        let exception = try #require(run.zyException, "no error from \(c.source)")
        #expect(Show.errorMessage(exception.value) == c.expected)
    }

    @Test func theErrorValueIsConvertsOwn() throws {
        let run = SessionRun(Self.definitions + "try; P(\"a\"); catch e; (e.f, e.args); end")
        #expect(run.repr == "(convert, (Int64, \"a\"))")
    }
}
