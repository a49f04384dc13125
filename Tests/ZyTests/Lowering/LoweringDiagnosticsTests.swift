import SourceMap
import Testing
@testable import Zy
import TestSupport

@Suite struct LoweringDiagnosticsTests {
    /// (source, expected message fragment, expected 1-based line:column).
    @Test(arguments: [
        ("break", "break or continue outside loop", "1:1"),
        ("function f(x)\n  continue\nend", "break or continue outside loop", "2:3"),
        ("@foo 1", "UndefVarError: `@foo` not defined", "1:1"),
        ("@adjoint 1 + 2", "`@adjoint` expects a method definition", "1:1"),
        ("function g()\n  @adjoint f(x) = x, y -> (y,)\nend", "`@adjoint` must be at top level", "2:3"),
        ("x = @code_adjoint 1", "`@code_adjoint` expects a function call", "1:5"),
        ("Zygote.@profile f(1)", "`@profile` is not available yet", "1:1"),
        ("function f()\n  const c = 1\nend", "unsupported `const` declaration on local variable", "2:3"),
        ("function f()\n  struct S; a; end\nend", "\"struct\" expression not at top level", "2:3"),
        ("x, 2 = t", "invalid assignment location", "1:4"),
        ("function f(x)\n  function g end\nend", "\"function g end\" is only supported at top level", "2:3"),
        ("let\n  function g end\nend", "\"function g end\" is only supported at top level", "2:3"),
        ("function f(x)\n  function g(y::Int) y end\n  function g(y) 0 end\n  g(x)\nend",
         "local function g has several methods; define it at top level", "3:3"),
        ("function f(x)\n  g(y::Int) = y\n  if x > 0\n    g(y) = 0\n  end\n  g(x)\nend",
         "local function g has several methods; define it at top level", "4:5"),
    ])
    func reportsLoweringErrors(_ source: String, _ message: String, _ location: String) {
        let parsed = Parser.parse(SourceFile(name: "d.zy", text: source))
        let diagnostics = Lowerer.lower(parsed).flatMap { $0.diagnostics } + parsed.diagnostics
        let found = diagnostics.first { $0.message.contains(message) }
        #expect(found != nil, "\(diagnostics.map { $0.message })")
        if let found { #expect(found.span.startLocation?.description == location) }
    }

    @Test func endOutsideBracketsIsAnError() {
        let r = LoweringTest.lower(A.assign("y", Expr(.endIndex, A.s)))
        #expect(r.diagnostics.map { $0.message } == ["`end` used outside of indexing brackets"])
    }

    @Test func topLevelReturnEndsTheThunk() {
        let r = LoweringTest.lowerSource("return 5")
        #expect(r.first?.diagnostics.isEmpty == true)
        #expect(r.first.map { IRPrinter.print($0.function) } == "1:\n  return 5\n")
    }

    @Test func expressionValueIsReturnedByTheThunk() {
        let r = LoweringTest.lowerSource("1 + 2 * 3")
        #expect(r.first.map { IRPrinter.print($0.function) } == "1:\n  %2 = 2 * 3\n  %3 = 1 + %2\n  return %3\n")
    }
}

@Suite struct LoweringSpanTests {
    static let pow = SeedSource.pow

    @Test func powStatementsCarryTheirSourceSpans() throws {
        let r = try #require(LoweringTest.lowerSource(Self.pow).first)
        let body = try #require(LoweringTest.nested(r.function, "pow"))
        let file = try #require(body.span.file)
        func text(_ s: Span) -> String { file.text(of: s) }
        let header = body.blocks[1]
        #expect(text(header.statements[0].span) == "n > 0")
        #expect(text(header.branches[0].span) == "n > 0")
        #expect(text(body.blocks[2].statements[0].span) == "n -= 1")
        #expect(text(body.blocks[2].statements[1].span) == "r *= x")
        #expect(text(body.blocks[3].branches[0].span) == "return r")
        #expect(IRPrinter(annotateSource: true).print(body).contains("%6 = %4 > 0  # t.zy:3"))
    }

    @Test func callSpansCoverTheWholeCall() throws {
        let r = try #require(LoweringTest.lowerSource("y = f(1, g(2))").first)
        let file = try #require(r.function.span.file)
        let spans = r.function.blocks[0].statements.compactMap { s -> String? in
            if case .call = s.instruction { return file.text(of: s.span) }
            return nil
        }
        #expect(spans == ["g(2)", "f(1, g(2))"])
    }
}

@Suite struct VariableNameTests {
    @Test func localsParametersAndCapturesAreNamed() throws {
        let r = try #require(LoweringTest.lowerSource("""
        function f(x)
            c = 0
            g = () -> (c += x)
            g()
            c
        end
        """).first)
        let f = try #require(LoweringTest.nested(r.function, "f"))
        let g = try #require(LoweringTest.nested(r.function, "#1"))
        #expect(f.variableNames[2] == "x")
        #expect(Set(f.variableNames.values).isSuperset(of: ["x", "g", "c"]))
        #expect(Set(g.variableNames.values).isSuperset(of: ["c", "x"]))
    }
}

@Suite struct CaptureOrderTests {
    /// Julia orders closure fields by the enclosing function's declaration
    /// order, which shows in gradients of closures: `(W = …, b = …, σ = …)`.
    @Test func capturesFollowDeclarationOrder() throws {
        let r = try #require(LoweringTest.lowerSource("dense(W, b, σ = identity) = x -> σ.(W * x .+ b)").first)
        let lambda = try #require(LoweringTest.nested(r.function, "#1"))
        #expect(lambda.captureNames == ["W", "b", "σ"])
    }
}

/// `@adjoint` defines a method of the rule table `Core.adjoint.f`;
/// `@code_adjoint f(a)` calls `Core.code_adjoint(f, a)`.
@Suite struct AdjointMacroLoweringTests {
    @Test func adjointDefinesAMethodOfTheRuleTable() {
        let parsed = Parser.parse(SourceFile(name: "a.zy", text: "@adjoint Base.sin(x::Real) = sin(x), ȳ -> (ȳ,)"))
        let lowered = Lowerer.lower(parsed)
        #expect(lowered.flatMap { $0.diagnostics }.isEmpty)
        let defines = lowered.flatMap { $0.function.blocks.flatMap(\.statements) }.compactMap { s -> String? in
            if case .defineMethod(let name, _, let sig) = s.instruction { return name + "/\(sig.count)" }
            return nil
        }
        #expect(defines == ["Core.adjoint.sin/1"])
    }

    @Test func codeAdjointCallsTheRuntime() {
        let parsed = Parser.parse(SourceFile(name: "a.zy", text: "@code_adjoint pow(5, 3)"))
        let text = Lowerer.lower(parsed).map { IRPrinter.print($0.function) }.joined()
        #expect(text.contains("Core.code_adjoint(pow, 5, 3)"), "\(text)")
    }
}
