import Testing
@testable import Zy

/// Julia behaviours a newcomer reaches for early: the candidate list under a
/// `MethodError`, typed matrix literals, `permutedims` with a permutation.
@Suite struct LanguageGapTests {
    // MARK: MethodError candidates

    @Test func candidatesMarkTheParametersTheCallMisses() throws {
        let run = SessionRun("f(x::Float64, y::Float64) = x + y\nf(2.0, 3)")
        let text = try #require(run.errorText)
        #expect(text.contains("""
            MethodError: no method matching f(::Float64, ::Int64)
               2 | f(2.0, 3)
                 | ^~~~~~~~~

            Closest candidates are:
              f(::Float64, !Matched::Float64)
               @ Main test.zy:1

            Stacktrace:
            """), "\(text)")
    }

    @Test func noCandidatesWhenNoArgumentOfSeveralMatches() throws {
        let run = SessionRun("f(x::Float64, y::Float64) = x + y\nf(\"a\", \"b\")")
        let text = try #require(run.errorText)
        #expect(text.contains("no method matching f(::String, ::String)"))
        #expect(!text.contains("Closest candidates"), "\(text)")
    }

    @Test func builtinsStayOneLine() throws {
        let text = try #require(SessionRun("sin(\"x\")").errorText)
        #expect(text.hasPrefix("test.zy:1:1: error: MethodError: no method matching sin(::String)\n"))
        #expect(!text.contains("Closest candidates"), "\(text)")
    }

    @Test func closestFirstAtMostThree() throws {
        let source = """
            h(a::String, b::String, c::String) = 1
            h(a::Int, b::Int, c::String) = 2
            h(a::Int, b::String, c::String) = 3
            h(a::Int, b::Int, c::Int, d::Int) = 4
            try; h(1, 2, 3); catch e; showerror(stdout, e); end
            """
        let run = SessionRun(source)
        #expect(run.output == """
            MethodError: no method matching h(::Int64, ::Int64, ::Int64)

            Closest candidates are:
              h(::Int64, ::Int64, ::Int64, !Matched::Int64)
               @ Main test.zy:4
              h(::Int64, ::Int64, !Matched::String)
               @ Main test.zy:2
              h(::Int64, !Matched::String, !Matched::String)
               @ Main test.zy:3

            """, "\(run.output)")
    }

    @Test func keywordsAndVarargsAndUntypedParameters() throws {
        let source = """
            k(x::Int, y; scale = 1) = x
            v(xs::Float64...) = 0
            try; k("a"); catch e; showerror(stdout, e); end
            try; v(1.0, 2); catch e; showerror(stdout, e); end
            """
        let run = SessionRun(source)
        #expect(run.output.contains("  k(!Matched::Int64, !Matched::Any; scale)\n   @ Main test.zy:1\n"), "\(run.output)")
        #expect(run.output.contains("  v(!Matched::Float64...)\n   @ Main test.zy:2\n"), "\(run.output)")
    }

    @Test(arguments: [
        ("[1, 2] + 1", "+(::Vector{Int64}, ::Int64)\nFor element-wise addition, use broadcasting with dot syntax: array .+ scalar"),
        ("2.0 + [1.0]", "+(::Float64, ::Vector{Float64})\nFor element-wise addition, use broadcasting with dot syntax: scalar .+ array"),
        ("\"a\" + \"b\"", "+(::String, ::String)\nString concatenation is performed with * (See also: https://docs.julialang.org/en/v1/manual/strings/#man-concatenation)."),
        ("(1:3) - 1", "-(::UnitRange{Int64}, ::Int64)\nFor element-wise subtraction, use broadcasting with dot syntax: array .- scalar"),
    ])
    func broadcastingHint(_ source: String, _ expected: String) throws {
        let text = try #require(SessionRun(source).errorText)
        #expect(text.hasPrefix("test.zy:1:1: error: MethodError: no method matching " + expected + "\n"), "\(text)")
    }

    @Test func noHintForOtherOperators() throws {
        let text = try #require(SessionRun("[1, 2] * \"a\"").errorText)
        #expect(!text.contains("For element-wise"), "\(text)")
    }

    // MARK: Keywords a method does not declare

    @Test func unsupportedKeywordIsAMethodError() throws {
        let text = try #require(SessionRun("f(x; a = 1) = x\nf(1, b = 2, c = 3)").errorText)
        #expect(text.hasPrefix("test.zy:2:1: error: MethodError: no method matching f(::Int64; b::Int64, c::Int64)\n"), "\(text)")
        #expect(text.contains("  f(::Any; a) got unsupported keyword arguments \"b\", \"c\"\n   @ Main test.zy:1\n"), "\(text)")
    }

    @Test(arguments: [
        ("f(x; a = 1) = x + a\nf(1, a = 2)", "3"),
        ("f(x; k...) = k\nf(1, b = 2)", "(b = 2,)"),
        ("f(xs...; a = 0) = sum(xs) + a\nf(1, 2; a = 3)", "6"),
        ("f(x; a) = x - a\ntry; f(1, a = 1, z = 0); catch e; typeof(e); end", "MethodError"),
        ("f(x; a) = x - a\ntry; f(1, a = 1, z = 0); catch e; e.f === f; end", "false"),
    ])
    func declaredKeywordsStillWork(_ source: String, _ expected: String) {
        let run = SessionRun(source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? "")")
    }

    // MARK: Typed matrix literals

    @Test func typedLiteralsParse() {
        #expect(SExpression.parse("Float64[1 2; 3 4]").0 == "(typed-matrix Float64 (row 1 2) (row 3 4))")
        #expect(SExpression.parse("Float64[1 2 3]").0 == "(typed-matrix Float64 (row 1 2 3))")
        #expect(SExpression.parse("Int[1; 2]").0 == "(typed-matrix Int (row 1) (row 2))")
        #expect(SExpression.parse("x[1 2]").1.diagnostics.count == 1)
    }

    @Test(arguments: [
        ("Float64[1 2; 3 4]", "[1.0 2.0; 3.0 4.0]"),
        ("Float64[1 2 3]", "[1.0 2.0 3.0]"),
        ("Int[1; 2]", "[1, 2]"),
        ("Any[1 2.0]", "Any[1 2.0]"),
        ("Float64[[1, 2] [3, 4]]", "[1.0 3.0; 2.0 4.0]"),
        ("Float64[[1, 2]; [3, 4]]", "[1.0, 2.0, 3.0, 4.0]"),
        ("typeof(Int[1 2; 3 4])", "Matrix{Int64}"),
    ])
    func typedLiteralsEvaluate(_ source: String, _ expected: String) {
        #expect(SessionRun(source).repr == expected, "\(source)")
    }

    @Test func typedLiteralConvertsEachElement() throws {
        let text = try #require(SessionRun("Int[1.5 2]").errorText)
        #expect(text.contains("InexactError: Int64(1.5)"), "\(text)")
    }

    // MARK: permutedims

    @Test(arguments: [
        ("size(permutedims(reshape(collect(1:24), 2, 3, 4), (3, 1, 2)))", "(4, 2, 3)"),
        ("permutedims(reshape(collect(1:24), 2, 3, 4), (3, 1, 2))[:, 2, 3]", "[6, 12, 18, 24]"),
        ("permutedims(reshape(collect(1.0:8.0), 2, 2, 2), [2, 1, 3])[:, :, 2]", "[5.0 6.0; 7.0 8.0]"),
        ("permutedims([1 2 3; 4 5 6], (2, 1))", "[1 4; 2 5; 3 6]"),
        ("permutedims([1 2 3; 4 5 6], (1, 2))", "[1 2 3; 4 5 6]"),
        ("permutedims([1, 2])", "[1 2]"),
        ("invperm([3, 1, 2])", "[2, 3, 1]"),
        ("invperm((2, 3, 1))", "(3, 1, 2)"),
        ("isperm([2, 2])", "false"),
        ("isperm(Int[])", "true"),
    ])
    func permutations(_ source: String, _ expected: String) {
        #expect(SessionRun(source).repr == expected, "\(source)")
    }

    @Test(arguments: ["permutedims(ones(2, 2, 2), (1, 2))", "permutedims(ones(2, 2), (1, 1))",
                      "permutedims(ones(2, 2), (0, 2))"])
    func invalidPermutations(_ source: String) throws {
        let text = try #require(SessionRun(source).errorText)
        #expect(text.contains("ArgumentError: no valid permutation of dimensions"), "\(text)")
    }

    @Test func oneArgumentFormIsForVectorsAndMatricesOnly() throws {
        let text = try #require(SessionRun("permutedims(ones(2, 2, 2))").errorText)
        #expect(text.contains("MethodError: no method matching permutedims(::Array{Float64, 3})"), "\(text)")
    }
}
