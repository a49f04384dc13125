import Testing
import SourceMap
@testable import Zy

@Suite struct LexerTests {
    func lex(_ s: String) -> [Token] {
        Lexer.tokenize(SourceFile(name: "t.zy", text: s)).tokens
    }

    func kinds(_ s: String) -> [TokenKind] {
        lex(s).map(\.kind).filter { $0 != .eof }
    }

    @Test func offsetsAreUTF8Bytes() {
        let toks = lex("σ = x̄ + 1")
        #expect(toks.map(\.start) == [0, 3, 5, 9, 11, 12])
        #expect(toks.map(\.end) == [2, 4, 8, 10, 12, 12])
        #expect(toks[0].kind == .identifier("σ"))
        #expect(toks[2].kind == .identifier("x̄"))
        #expect(toks[2].spaceBefore)
    }

    @Test(arguments: [
        ("σ", "σ"), ("η", "η"), ("∇f", "∇f"), ("ā", "ā"), ("m̃", "m̃"), ("x̄", "x̄"), ("Δ", "Δ"),
        ("x₁", "x₁"), ("x′", "x′"), ("push!", "push!"), ("_tmp2", "_tmp2"), ("ȳ", "ȳ"), ("x²", "x²"),
    ])
    func unicodeIdentifiers(_ src: String, _ name: String) {
        #expect(kinds(src) == [.identifier(name)])
    }

    @Test func bangBeforeEqualsIsAnOperator() {
        #expect(kinds("x!=y") == [.identifier("x"), .op("!="), .identifier("y")])
    }

    @Test(arguments: ["∘", "≈", "≤", "≥", "≠", "÷", "∈", "⊗", "√", "⊻", "⋅"])
    func unicodeOperators(_ op: String) {
        #expect(kinds("a \(op) b")[1] == .op(op))
    }

    @Test func ligatureArrowIsTheLambdaArrow() {
        #expect(kinds("x → x") == [.identifier("x"), .op("->"), .identifier("x")])
    }

    @Test func dottedOperators() {
        #expect(kinds("a .+ b .= c .+= d .^ 2 .== e") == [
            .identifier("a"), .op(".+"), .identifier("b"), .op(".="), .identifier("c"), .op(".+="),
            .identifier("d"), .op(".^"), .int(2), .op(".=="), .identifier("e"),
        ])
        #expect(kinds("f.(x)") == [.identifier("f"), .op("."), .lparen, .identifier("x"), .rparen])
        #expect(kinds("x.^2") == [.identifier("x"), .op(".^"), .int(2)])
    }

    @Test func punctuationOperators() {
        #expect(kinds("-> => :: <: ... ÷= |>") == [.op("->"), .op("=>"), .op("::"), .op("<:"), .op("..."), .op("÷="), .op("|>")])
    }

    @Test(arguments: [
        ("42", TokenKind.int(42)), ("1_000", .int(1000)), ("3.0", .float(3.0)), ("1e-3", .float(0.001)),
        (".5", .float(0.5)), ("0x1f", .int(31)), ("1.5f0", .float(1.5)), ("0b101", .int(5)), ("1.", .float(1.0)),
        ("2.5E2", .float(250)), ("0o17", .int(15)),
    ])
    func numbers(_ src: String, _ kind: TokenKind) {
        #expect(kinds(src) == [kind])
    }

    @Test func juxtapositionIsLeftToTheParser() {
        #expect(kinds("2x") == [.int(2), .identifier("x")])
        #expect(kinds("3im") == [.int(3), .identifier("im")])
        #expect(kinds("2e") == [.int(2), .identifier("e")])
        #expect(kinds("2(x") == [.int(2), .lparen, .identifier("x")])
    }

    @Test func numericErrors() {
        let r = Lexer.tokenize(SourceFile(name: "t.zy", text: "x = 99999999999999999999\ny = 1.2.3"))
        #expect(r.diagnostics.map(\.message) == [
            "integer literal \"99999999999999999999\" is too large for Int64",
            "invalid numeric literal \"1.2.3\"",
        ])
        #expect(r.diagnostics.map { $0.span.shortDescription } == ["t.zy:1:5", "t.zy:2:5"])
    }

    @Test func stringsWithEscapesAndInterpolation() {
        #expect(kinds(#""a\tb\n\"q\" \$ \u2200""#) == [.string([.text("a\tb\n\"q\" $ ∀")])])
        let toks = lex(#""x = $x, y = $(f(y))!""#)
        guard case .string(let segs) = toks[0].kind else { Issue.record("not a string"); return }
        #expect(segs.count == 5)
        #expect(segs[0] == .text("x = "))
        if case .interpolation(let inner, let start, _) = segs[1] {
            #expect(inner.map(\.kind) == [.identifier("x")])
            #expect(start == 6)
        } else { Issue.record("expected $x") }
        if case .interpolation(let inner, _, _) = segs[3] {
            #expect(inner.map(\.kind) == [.identifier("f"), .lparen, .identifier("y"), .rparen])
        } else { Issue.record("expected $(…)") }
        #expect(segs[4] == .text("!"))
    }

    @Test func tripleQuotedStringsDedent() {
        #expect(kinds("\"\"\"\n    a\n      b\n    \"\"\"") == [.string([.text("a\n  b\n")])])
    }

    @Test func unterminatedStringIsIncomplete() {
        let r = Lexer.tokenize(SourceFile(name: "t.zy", text: "x = \"abc"))
        #expect(r.isIncomplete)
        #expect(r.diagnostics.map(\.message) == ["unterminated string literal"])
    }

    @Test func quoteIsAdjointAfterOperands() {
        #expect(kinds("x'") == [.identifier("x"), .op("'")])
        #expect(kinds("A[1]'") == [.identifier("A"), .lbracket, .int(1), .rbracket, .op("'")])
        #expect(kinds("f(x)''") == [.identifier("f"), .lparen, .identifier("x"), .rparen, .op("'"), .op("'")])
        #expect(kinds("J'Δ") == [.identifier("J"), .op("'"), .identifier("Δ")])
        #expect(kinds("'a'") == [.char("a")])
        #expect(kinds("x = 'a'") == [.identifier("x"), .op("="), .char("a")])
        #expect(kinds("f('\\n', '∀')") == [.identifier("f"), .lparen, .char("\n"), .comma, .char("∀"), .rparen])
        #expect(kinds("x 'a'") == [.identifier("x"), .char("a")])
    }

    @Test func colonIsSymbolOrOperator() {
        #expect(kinds(":r") == [.symbol("r")])
        #expect(kinds("a:b") == [.identifier("a"), .op(":"), .identifier("b")])
        #expect(kinds("1:n") == [.int(1), .op(":"), .identifier("n")])
        #expect(kinds("c ? :a : :b") == [.identifier("c"), .op("?"), .symbol("a"), .op(":"), .symbol("b")])
        #expect(kinds("c ? x : y") == [.identifier("c"), .op("?"), .identifier("x"), .op(":"), .identifier("y")])
        #expect(kinds("d[:k]") == [.identifier("d"), .lbracket, .symbol("k"), .rbracket])
        #expect(kinds("x[:, 1]") == [.identifier("x"), .lbracket, .op(":"), .comma, .int(1), .rbracket])
        #expect(kinds("Base.:+") == [.identifier("Base"), .op("."), .symbol("+")])
        #expect(kinds("x[end:-1:1]") == [.identifier("x"), .lbracket, .keyword(.end), .op(":"), .op("-"), .int(1), .op(":"), .int(1), .rbracket])
    }

    @Test func commentsAndNewlines() {
        #expect(kinds("a # c\nb #= x #= y =# z =# c") == [.identifier("a"), .newline, .identifier("b"), .identifier("c")])
        let r = Lexer.tokenize(SourceFile(name: "t.zy", text: "#= open"))
        #expect(r.isIncomplete)
    }

    @Test func replPromptsAreSkipped() {
        #expect(kinds("julia> f(1)\n[julia> g") == [.identifier("f"), .lparen, .int(1), .rparen, .newline, .identifier("g")])
        #expect(kinds("julia>\nx") == [.newline, .identifier("x")])
        #expect(kinds("julia>x") == [.identifier("julia"), .op(">"), .identifier("x")])
        let toks = lex("julia> x")
        #expect(toks[0].start == 7)
    }

    @Test func byteOrderMarkIsSkipped() {
        let toks = lex("\u{FEFF}x")
        #expect(toks.map(\.kind) == [.identifier("x"), .eof])
        #expect(toks[0].start == 3)
    }

    @Test func keywordsAndWordOperators() {
        #expect(kinds("function end in isa where") == [.keyword(.function), .keyword(.end), .op("in"), .op("isa"), .keyword(.where)])
    }

    @Test func macroNames() {
        #expect(kinds("@show x") == [.macroName("show"), .identifier("x")])
        #expect(kinds("@. x") == [.macroName("."), .identifier("x")])
        #expect(kinds("Zygote.@profile f") == [.identifier("Zygote"), .op("."), .macroName("profile"), .identifier("f")])
    }

    @Test func unexpectedCharacter() {
        let r = Lexer.tokenize(SourceFile(name: "t.zy", text: "x = 1 ` 2"))
        #expect(r.diagnostics.map(\.message) == ["unexpected character \"`\""])
        #expect(r.diagnostics.first?.span.shortDescription == "t.zy:1:7")
    }
}
