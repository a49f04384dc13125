import Testing
import SourceMap
@testable import Zy

/// Callable structs, Julia's "functors": `(m::Dense)(x) = …` and
/// `function (::Dense)(x) … end` add a method to the struct type, so
/// `Dense(W, b)(x)` runs it with the object bound to `m`.
@Suite struct CallableStructTests {
    static let forms: [(String, String)] = [
        ("(m::Dense)(x) = x", "(function (::Dense) ((callee (:: m Dense)) x) x)"),
        ("(::Dense)(x) = x", "(function (::Dense) ((callee (:: _ Dense)) x) x)"),
        ("function (m::Dense)(x, y = 2; k = 1, kw...)\n  x\nend",
         "(function (::Dense) ((callee (:: m Dense)) x (= y 2) (parameters (= k 1) (... kw))) (block x))"),
        ("function (::Dense)(xs...) end", "(function (::Dense) ((callee (:: _ Dense)) (... xs)) (block))"),
        ("(m::Dense)(x::Vector{Float64})::Vector{Float64} = x",
         "(function (::Dense) ((callee (:: m Dense)) (:: x (curly Vector Float64))) x)"),
        ("(m::Dense{T})(x::T) where T = x", "(function (::Dense{T}) ((callee (:: m (curly Dense T))) (:: x T) (where T)) x)"),
        // Not a definition: calling a type-asserted value.
        ("(f::Function)(3)", "(call (:: f Function) 3)"),
    ]

    @Test(arguments: forms) func parses(_ source: String, _ expected: String) {
        let (s, parsed) = SExpression.parse(source)
        #expect(s == expected, "\(source)")
        #expect(parsed.diagnostics.isEmpty, "\(source): \(parsed.diagnostics.map(\.message))")
    }

    static let prelude = """
        struct Affine; W; b; end
        (m::Affine)(x) = m.W * x .+ m.b
        struct Scale; k; end
        function (s::Scale)(x, y = 10; shift = 0)
            s.k * (x + y) + shift
        end
        struct Tag end
        (::Tag)() = "none"
        (::Tag)(x::Int) = "int"
        (::Tag)(x::Float64) = "float"
        (::Tag)(x, rest...) = 1 + length(rest)
        mutable struct Counter; n::Int; end
        (c::Counter)() = (c.n += 1; c.n)
        struct Twice; f; end
        (t::Twice)(x) = t.f(t.f(x))
        struct Chain; layers; end
        (c::Chain)(x) = foldl((x, l) -> l(x), c.layers; init = x)
        struct Loop; layers; end
        function (c::Loop)(x)
            for l in c.layers
                x = l(x)
            end
            x
        end

        """

    @Test(arguments: [
        ("Affine([1.0 2.0; 3.0 4.0], [0.5, -0.5])([1.0, 1.0])", "[3.5, 6.5]"),
        ("Affine(2, 1)(3)", "7"),
        // defaults and keywords, as for ordinary methods
        ("s = Scale(2); (s(1), s(1, 2), s(1; shift = 5), s(1, 2; shift = 100))", "(22, 6, 27, 106)"),
        // dispatch on the arguments, an anonymous object, varargs
        ("t = Tag(); (t(), t(1), t(1.5), t(\"a\"), t(1.0, 2), t(1, 2, 3))", "(\"none\", \"int\", \"float\", 1, 2, 3)"),
        // a redefinition replaces the method
        ("(::Tag)(x::Int) = \"INT\"; Tag()(1)", "\"INT\""),
        // mutable state
        ("c = Counter(0); c(); c(); c()", "3"),
        // a closure in a field
        ("Twice(x -> x + 3)(1)", "7"),
        ("Twice(Affine(2, 0))(5)", "20"),
        // chains of layers, by a fold and by a loop
        ("Chain((Scale(2), Twice(x -> 10x), Affine(1, -1)))(5)", "2999"),
        ("Loop((Scale(2), Twice(x -> 10x), Affine(1, -1)))(5)", "2999"),
        // higher-order functions and broadcasting take them as functions
        ("map(Scale(2), [1, 2, 3])", "[22, 24, 26]"),
        ("Scale(2).([1, 2, 3])", "[22, 24, 26]"),
        ("Affine(2, 1).([1, 2])", "[3, 5]"),
        ("foldl((x, l) -> l(x), (Affine(2, 0), Affine(1, 1)); init = 3)", "7"),
        ("sum(Affine(1.0, 0.5), [1.0, 2.0])", "4.0"),
        // the definition's value
        ("struct Q end; (q::Q)(x) = x", "nothing"),
    ])
    func calls(_ source: String, _ expected: String) {
        let run = SessionRun(Self.prelude + source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? "")")
    }

    @Test(arguments: [
        // no call method at all: Julia's "not callable"
        ("struct P; x; end\nP(1)(2)", ":1: error: MethodError: objects of type P are not callable"),
        // call methods, none matching
        ("Affine(1, 2)(1, 2)", "MethodError: no method matching (::Affine)(::Int64, ::Int64)"),
        ("Scale(1)(1; bad = 2)", "MethodError: no method matching (::Scale)(::Int64; bad::Int64)"),
        // only struct types can be made callable
        ("(x::Int)(y) = x * y", "only struct types can be made callable"),
    ])
    func errors(_ source: String, _ expected: String) {
        let run = SessionRun(Self.prelude + source)
        let text = run.errorText ?? run.repr ?? ""
        #expect(text.contains(expected), "\(source): \(text)")
    }

    @Test func noMatchListsCandidates() {
        let run = SessionRun("struct Two end\n(::Two)(x::String, y::String) = 0\nTwo()(\"a\", 1)")
        #expect(run.errorText == """
            test.zy:3:1: error: MethodError: no method matching (::Two)(::String, ::Int64)
               3 | Two()("a", 1)
                 | ^~~~~~~~~~~~~

            Closest candidates are:
              (::Two)(::String, !Matched::String)
               @ Main test.zy:2

            Stacktrace:
             [1] top-level scope at test.zy:3

            """, "\(run.errorText ?? "")")
    }

    @Test func errorsInsideReportTheCallMethodFrame() {
        let run = SessionRun(Self.prelude + "g(y) = Affine([1.0 2.0], [0.5])(y)\ng(\"a\")")
        let text = run.errorText ?? ""
        #expect(text.contains("[1] (::Affine) at test.zy:2"), "\(text)")
        #expect(text.contains("[2] g at test.zy:"), "\(text)")
    }

    @Test func localDefinitionIsALoweringError() {
        let run = SessionRun("struct L end\nfunction build()\n    (l::L)(x) = 2x\nend")
        #expect(run.errorText?.contains("test.zy:3:5: error: global method definition (::L)(…) needs to be placed at the top level") == true,
                "\(run.errorText ?? "")")
    }

    @Test func codeIRShowsTheBodyWithTheObjectAsSelf() {
        let run = SessionRun(Self.prelude + "@code_ir Affine(1, 2)(3)")
        #expect(run.output == """
            1: (%2)
              %3 = getproperty(%1, :W)
              %4 = %3 * %2
              %5 = getproperty(%1, :b)
              %6 = broadcast(+, %4, %5)
              return %6

            """, "\(run.errorText ?? "")")
    }

    @Test func methodListingCountsTheCallableObjectsMethods() throws {
        let run = SessionRun(Self.prelude + "Tag()")
        let tag = try #require(run.value, "\(run.errorText ?? "")")
        let methods = try Session.methodsWithIR(tag, name: .symbol(Symbol.named("t")))
        #expect(methods.count == 4)
        #expect(methods.first?.header.hasPrefix("# 4 methods for callable object:\n\n# (::Tag)() @ test.zy:") == true,
                "\(methods.first?.header ?? "")")
        #expect(methods.allSatisfy { $0.header.contains("# (::Tag)(") })
    }

    /// The definition's IR names the method `(::T)` with the object's type
    /// first, and prints and parses back unchanged.
    @Test func definitionIRRoundTrips() throws {
        let parsed = Parser.parse(SourceFile(name: "test.zy", text: "(m::Affine)(x, y = 2) = m.W * x + y"))
        let statement = try #require(parsed.statements.first)
        let f = Lowerer.lowerTopLevel(statement, file: nil).function
        let text = IRPrinter.print(f)
        #expect(text.contains("method (::Affine)(Affine, Any, Any) = "), "\(text)")
        #expect(text.contains("method (::Affine)(Affine, Any) = "), "\(text)")
        let nested = Dictionary(IRPrinter.nestedFunctions(of: f).map { ($0.key, $0.function) }, uniquingKeysWith: { a, _ in a })
        let reparsed = IRParser.parse(text, nested: nested)
        #expect(reparsed.diagnostics.isEmpty, "\(reparsed.diagnostics.map(\.message))")
        #expect(reparsed.function.map(IRPrinter.print) == text)
    }
}
