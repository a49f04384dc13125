import Testing
import SourceMap
@testable import Zy

/// Syntax errors: message, position, recovery, and `isIncomplete`.
@Suite struct ParserDiagnosticsTests {
    func diagnostics(_ source: String, name: String = "t.zy") -> (ParsedFile, [String]) {
        let parsed = Parser.parse(SourceFile(name: name, text: source))
        return (parsed, parsed.diagnostics.map { "\($0.span.shortDescription): \($0.message)" })
    }

    static let errors: [(String, [String])] = [
        ("end", ["t.zy:1:1: unexpected \"end\""]),
        ("x = )", ["t.zy:1:5: unexpected \")\""]),
        ("x = 1 2", ["t.zy:1:7: extra token \"2\" after end of expression"]),
        ("f(a b)", ["t.zy:1:5: expected \",\" or \")\", found \"b\""]),
        ("(a b)", ["t.zy:1:4: expected \",\" or \")\", found \"b\""]),
        ("x = 1.2.3", ["t.zy:1:5: invalid numeric literal \"1.2.3\""]),
        ("x = 99999999999999999999", ["t.zy:1:5: integer literal \"99999999999999999999\" is too large for Int64"]),
        ("x = 'ab'", ["t.zy:1:5: invalid character literal"]),
        ("[x for x in a for 1 in b]", ["t.zy:1:19: invalid iteration specification"]),
        ("x = 1e400", ["t.zy:1:5: overflow in numeric literal \"1e400\""]),
        ("x = 0x", ["t.zy:1:5: invalid numeric literal \"0x\""]),
        ("x = \"\\q\"", ["t.zy:1:6: invalid escape sequence \"\\q\""]),
        ("x = €", ["t.zy:1:5: unexpected character \"€\""]),
        ("  y = 2 +* 3", ["t.zy:1:10: unexpected \"*\""]),
        ("else", ["t.zy:1:1: unexpected \"else\""]),
        ("f = ((a, 1),) -> a", ["t.zy:1:6: invalid function parameter \"(a, 1)\""]),
        ("function k\n 1\nend", ["t.zy:1:10: function \"k\" needs a parameter list (\"function k() … end\")"]),
        ("for 1 in xs end", ["t.zy:1:5: invalid iteration specification"]),
        ("struct S\n  x = 1\nend", ["t.zy:2:3: invalid struct field \"x = 1\""]),
        ("module M end", ["t.zy:1:1: \"module\" is not supported in Zy"]),
        ("x = :(a + b)", ["t.zy:1:5: quoted expressions \":(…)\" are not supported in Zy"]),
        ("abstract type Shape end\nx = 1", ["t.zy:1:1: \"abstract type\" definitions are not supported in Zy"]),
        ("x = [1 2, 3]", ["t.zy:1:9: unexpected \",\" in matrix expression"]),
        ("a.1", ["t.zy:1:2: expected a name after \".\", found \"1\""]),
        ("struct A{T} x end", ["t.zy:1:9: parametric struct definitions are not supported in Zy"]),
    ]

    @Test(arguments: errors)
    func errorMessagesAndPositions(_ source: String, _ expected: [String]) {
        let (parsed, ds) = diagnostics(source)
        #expect(ds == expected, "\(source)")
        #expect(!parsed.isIncomplete, "\(source)")
    }

    @Test func missingEndNamesTheOpener() {
        let (parsed, ds) = diagnostics("function pow(x, n)\n  r = 1\n", name: "pow.zy")
        // At the end of the file the error points at the opener.
        #expect(ds == ["pow.zy:1:1: \"function\" has no matching \"end\""])
        #expect(parsed.diagnostics.first?.notes.isEmpty == true)
        #expect(parsed.isIncomplete)
        // The function is still produced, so later stages can see it.
        #expect(SExpression.render(parsed.statements[0]) == "(function pow (x n) (block (= r 1)))")
    }

    @Test func anEndIndentedLikeTheOpenerIsNamedWhenOneIsMissing() {
        let (_, ds) = diagnostics("function f(x)\n    if x\n        1\nend\n", name: "f.zy")
        #expect(ds == ["f.zy:1:1: \"function\" has no matching \"end\""])
        let (parsed, _) = diagnostics("function f(x)\n    if x\n        1\nend\n", name: "f.zy")
        let note = parsed.diagnostics.first?.notes.first
        #expect(note?.span?.shortDescription == "f.zy:4:1")
        #expect(note?.message == "this \"end\" closes the \"if\" of line 2, but is indented like line 1: is an \"end\" missing before it?")
    }

    @Test func threeIndependentErrorsAreAllReported() {
        let source = """
        function f(x)
          y = )
          z = 1 +* 2
        end
        w = [1 2, 3]
        ok = 1
        """
        let (parsed, ds) = diagnostics(source)
        #expect(ds == [
            "t.zy:2:7: unexpected \")\"",
            "t.zy:3:10: unexpected \"*\"",
            "t.zy:5:9: unexpected \",\" in matrix expression",
        ])
        #expect(!parsed.isIncomplete)
        #expect(SExpression.render(parsed.statements.last!) == "(= ok 1)")
    }

    @Test func recoveryKeepsStatementsAfterAnError() {
        let (parsed, ds) = diagnostics("a = 1 )\nb = 2 ]\nc = 3")
        #expect(ds.count == 2)
        #expect(parsed.statements.map(SExpression.render) == ["(= a 1)", "(= b 2)", "(= c 3)"])
    }

    @Test func recoverySkipsABadBlockWhole() {
        let (parsed, ds) = diagnostics("module M\n x = (\nend\ny = 1")
        #expect(ds == ["t.zy:1:1: \"module\" is not supported in Zy"])
        #expect(SExpression.render(parsed.statements.last!) == "(= y 1)")
    }

    @Test func errorInsideNestedBlockDoesNotLoseTheEnd() {
        let (parsed, ds) = diagnostics("function f()\n  if x\n    y = ]\n  end\n  z\nend\nq")
        #expect(ds == ["t.zy:3:9: unexpected \"]\""])
        #expect(parsed.statements.map(SExpression.render) ==
            ["(function f () (block (if x (block (= y (error)))) z))", "q"])
    }

    static let incomplete: [String] = [
        "function f(x)",
        "function f(x)\n  x",
        "if a\n 1\nelse",
        "x = (1 + 2",
        "x = [1, 2",
        "f(x,",
        "x = 1 +",
        "x = \"abc",
        "x = \"\"\"abc\n",
        "#= comment",
        "a ? b",
        "begin",
        "let x = 1",
        "try\n f()\ncatch e",
        "f(x) do y",
        "Dict{:a => ",
        "x = \"abc $(y",
        "struct P",
    ]

    @Test(arguments: incomplete)
    func incompleteInputAsksForMore(_ source: String) {
        let (parsed, ds) = diagnostics(source)
        #expect(parsed.isIncomplete, "\(source)")
        #expect(!ds.isEmpty, "\(source)")
    }

    static let complete: [String] = [
        "function f(x) x end",
        "x = (1 + 2)",
        "x = 1 2",
        "f(x) = x",
        "",
        "# only a comment",
        "end",
    ]

    @Test(arguments: complete)
    func completeInputIsNotIncomplete(_ source: String) {
        #expect(!diagnostics(source).0.isIncomplete, "\(source)")
    }

    @Test func tooDeepNestingIsADiagnosticNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000)
        let (parsed, ds) = diagnostics(deep)
        #expect(ds.count == 1)
        #expect(ds.first?.hasSuffix("expression too deeply nested") == true)
        #expect(!parsed.isIncomplete)
        let unary = String(repeating: "-", count: 5000) + "x"
        #expect(diagnostics(unary).1.count == 1)
        let blocks = String(repeating: "begin\n", count: 2000) + String(repeating: "end\n", count: 2000)
        #expect(diagnostics(blocks).1.count >= 1)
    }

    @Test func moderateNestingIsFine() {
        let nested = String(repeating: "(", count: 40) + "x" + String(repeating: ")", count: 40)
        #expect(diagnostics(nested).1.isEmpty)
        let blocks = String(repeating: "if a\n", count: 30) + String(repeating: "end\n", count: 30)
        #expect(diagnostics(blocks).1.isEmpty)
    }
}
