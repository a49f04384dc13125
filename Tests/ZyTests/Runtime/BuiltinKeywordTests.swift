import Testing
@testable import Zy

/// Built-ins accept exactly the keywords they implement: any other is a
/// `MethodError` in Julia's keyword-call form, as for user functions.
@Suite struct BuiltinKeywordTests {
    typealias Case = NumberCollectionTests.Case

    static let rejected: [Case] = [
        Case("sum([1.0]; foo = 1)", "MethodError: no method matching sum(::Vector{Float64}; foo::Int64)"),
        Case("sin(1.0; foo = 2)", "MethodError: no method matching sin(::Float64; foo::Int64)"),
        Case("length([1]; a = 1, b = 2.0)", "MethodError: no method matching length(::Vector{Int64}; a::Int64, b::Float64)"),
        Case("sort([3, 1]; reverse = true)", "MethodError: no method matching sort(::Vector{Int64}; reverse::Bool)"),
        Case("round(2.5; digit = 1)", "MethodError: no method matching round(::Float64; digit::Int64)"),
        Case("isapprox(1.0, 1.0; nans = true)", "MethodError: no method matching isapprox(::Float64, ::Float64; nans::Bool)"),
        Case("reduce(+, [1, 2]; dims = 1)", "MethodError: no method matching reduce(::typeof(+), ::Vector{Int64}; dims::Int64)"),
        Case("range(1, 2, 3; step = 1)", "MethodError: no method matching range(::Int64, ::Int64, ::Int64; step::Int64)"),
        Case("Float64(1; a = 1)", "MethodError: no method matching Float64(::Int64; a::Int64)"),
        Case("parse(Int, \"1\"; bas = 2)", "MethodError: no method matching parse(::Type{Int64}, ::String; bas::Int64)"),
        Case("mean([1.0]; init = 0.0)", "MethodError: no method matching mean(::Vector{Float64}; init::Float64)"),
        // The hot built-ins check inline rather than through the wrapper.
        Case("iterate([1]; a = 1)", "MethodError: no method matching iterate(::Vector{Int64}; a::Int64)"),
        Case("iterate(1:2, 1; a = 1)", "MethodError: no method matching iterate(::UnitRange{Int64}, ::Int64; a::Int64)"),
        Case("getindex((1, 2), 1; a = 1)", "MethodError: no method matching getindex(::Tuple{Int64, Int64}, ::Int64; a::Int64)"),
        Case("getindex([1], 1; a = 1)", "MethodError: no method matching getindex(::Vector{Int64}, ::Int64; a::Int64)"),
        Case("setindex!([1], 2, 1; a = 1)", "MethodError: no method matching setindex!(::Vector{Int64}, ::Int64, ::Int64; a::Int64)"),
        Case("===(1, 1; a = 1)", "MethodError: no method matching ===(::Int64, ::Int64; a::Int64)"),
        Case("typeof(1; a = 1)", "MethodError: no method matching typeof(::Int64; a::Int64)"),
        Case("x = [2, 1]; sort!(x; by = abs, order = 1)", "MethodError: no method matching sort!(::Vector{Int64}; by::typeof(abs), order::Int64)"),
    ]

    @Test(arguments: rejected)
    func rejects(_ c: Case) throws {
        let run = SessionRun(c.source)
        let exception = try #require(run.zyException, "no error from \(c.source)")
        #expect(Show.errorMessage(exception.value) == c.expected)
    }

    static let accepted: [Case] = [
        Case("sum([1.0, 2.0]; init = 10.0)", "13.0"),
        Case("sum([1 2; 3 4]; dims = 2, init = 100)", "[103; 107;;]"),
        Case("sum(abs2, [1 2; 3 4]; dims = 1)", "[10 20]"),
        Case("prod(x -> 2x, [1 2; 3 4]; dims = 2)", "[8; 48;;]"),
        Case("maximum(abs, [1 -5; 3 4]; dims = 1)", "[3 5]"),
        Case("minimum([1 -5; 3 4]; dims = 2, init = 0)", "[-5; 0;;]"),
        Case("mean(abs2, [1 2; 3 4]; dims = 1)", "[5.0 10.0]"),
        Case("var([1.0, 2.0, 3.0]; corrected = false)", "0.6666666666666666"),
        Case("sort([3, 1, 2]; rev = true, by = abs)", "[3, 2, 1]"),
        Case("round(2.567; digits = 2)", "2.57"),
        Case("parse(Int, \"ff\"; base = 16)", "255"),
        Case("split(\"a,b,,c\", \",\"; keepempty = false, limit = 0)", "[\"a\", \"b\", \"c\"]"),
        Case("replace(\"aaa\", \"a\" => \"b\"; count = 2)", "\"bba\""),
        Case("isapprox(1.0, 1.1; atol = 0.2)", "true"),
        Case("range(1; stop = 2, length = 3)", "[1.0, 1.5, 2.0]"),
        Case("foldl(-, [1, 2]; init = 10)", "7"),
        Case("string(255; base = 16, pad = 4)", "\"00ff\""),
        Case("digits(5; base = 2, pad = 4)", "[1, 0, 1, 0]"),
        Case("softmax([0.0, 0.0]; dims = 1)", "[0.5, 0.5]"),
        // Forwarded, not checked here: composition and broadcasting pass
        // keywords on to the function, which checks them.
        Case("f(x; k = 1) = x + k; (f ∘ f)(1.0; k = 2)", "4.0"),
        Case("f(x; k = 1) = x * k; f.([1, 2]; k = 10)", "[10, 20]"),
        Case("f(x; k = 1) = x * k; f.(2.0; k = 3)", "6.0"),
        Case("(; a = 1, b = 2)", "(a = 1, b = 2)"),
    ]

    @Test(arguments: accepted)
    func accepts(_ c: Case) throws {
        let run = SessionRun(c.source)
        #expect(run.error == nil, "\(run.errorText ?? "")")
        #expect(run.repr == c.expected)
    }

    @Test func forwardedKeywordsAreCheckedByTheCallee() throws {
        let run = SessionRun("f(x; k = 1) = x * k\nf.([1, 2]; j = 10)")
        let text = try #require(run.errorText)
        #expect(text.contains("MethodError: no method matching f(::Int64; j::Int64)"), "\(text)")
        #expect(text.contains("f(::Any; k) got unsupported keyword argument \"j\""), "\(text)")
    }

    @Test func extensionsInstalledLaterForwardByDefault() throws {
        let globals = Globals()
        Builtins.installAll(into: globals)
        globals.defineBuiltin("probe", [.any]) { _, _, kw in .int(kw.count) }
        guard case .function(let f)? = globals["probe"], case .builtin(let body) = f.methods[0].body else {
            Issue.record("probe not installed")
            return
        }
        let n = try body(Interpreter(globals: globals, output: { _ in }, input: { nil }), [.int(1)],
                         [(Symbol.named("k"), .int(1))])
        #expect(n.intValue == 1)
    }
}
