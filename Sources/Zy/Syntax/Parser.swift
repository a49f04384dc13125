import SourceMap

/// Parses Zy source into an AST, recovering from syntax errors so one run
/// reports several of them.
///
/// Shapes worth knowing beyond AST.swift's comments:
/// - `f(x) = …`, `a::Real * b::Real = …` and `Base.:+(a, b) = …` are
///   `.function` (named "f", "*", "+"); a return type `f(x)::T = …` is
///   accepted and dropped; `where` names land in the signature.
/// - `-2` is the literal -2, but `-2^2` is `-(2^2)`; `2x` is `2 * x`.
/// - `T[a, b]` is `.typedVect` only when `T` is a known type name
///   (`Float64`, `Int`, …) or a curly type; otherwise it is `.index`.
/// - `x .= v` is `.updateAssign(op: ".")`; a keyword splat is
///   `.keyword("...", kw)`; `→` is read as `->` (the talk's ligature).
/// - The anonymous parameter `::T` has a nil name; outside a parameter
///   list it is `.typeAssert(.identifier(""), T)`.
/// - Diagnostics are sorted by position; `isIncomplete` is set when the
///   input ends inside an open block, bracket, string or expression.
public struct Parser {
    public static func parse(_ file: SourceFile) -> ParsedFile {
        let lexed = Lexer.tokenize(file)
        let state = ParserState(file: file, tokens: lexed.tokens)
        state.diagnostics = lexed.diagnostics
        state.isIncomplete = lexed.isIncomplete
        let statements = state.parseTopLevel()
        return ParsedFile(file: file, statements: statements,
                          diagnostics: state.diagnostics.sorted { $0.span.start < $1.span.start },
                          isIncomplete: state.isIncomplete)
    }
}

/// One element of a parenthesised or call argument list, kept raw until we
/// know whether the list is a call, a tuple, or a parameter list.
struct RawArg {
    var expr: Expr
    /// `expr = value` (keyword argument, named-tuple field or default).
    var value: Expr?
    var isSplat = false
    var afterSemicolon = false
    var span: Span
}

/// Mutable parsing state: the token cursor, context flags and diagnostics.
/// A class so the many parsing functions share it without `inout` plumbing.
final class ParserState {
    let file: SourceFile
    let tokens: [Token]
    var pos = 0
    /// End offset of the last consumed token (for node spans).
    var lastEnd = 0
    var diagnostics: [Diagnostic] = []
    var isIncomplete = false

    // Context (Julia's parser has the same flags).
    /// Inside `(`…`)`, `{`…`}`: newlines are plain whitespace.
    var ignoreNewlines = false
    /// Inside `[`…`]` and macro arguments: `a -b` is two expressions.
    var spaceSensitive = false
    /// Inside indexing brackets: `end` is `lastindex`.
    var endIsIndex = false
    /// Off in the middle of `a ? b : c`, so `:` is not a range.
    var rangeColonEnabled = true
    var whereEnabled = true

    /// While true, further diagnostics are suppressed: the statement being
    /// parsed already has an error and will be resynchronised.
    var recovering = false
    var depth = 0
    /// Nesting limit in parse-function levels (a parenthesis costs about
    /// three). Debug builds overflow an 8 MB stack near 3000; this leaves
    /// room for smaller thread stacks.
    static let maxDepth = 300
    var tooDeepReported = false
    /// Blocks closed so far: opener, its `end`, the opener's keyword (for
    /// telling which `end` went astray when one is missing).
    var closedBlocks: [(opener: Span, end: Span, what: String)] = []

    /// Raw argument lists of calls and parenthesised lists, by node span,
    /// for turning them into signatures when a definition is recognised.
    var rawArgs: [Span: [RawArg]] = [:]
    /// `where` type-variable names attached to a signature, by node span.
    var whereNames: [Span: [String]] = [:]

    init(file: SourceFile, tokens: [Token]) {
        self.file = file
        self.tokens = tokens.isEmpty ? [Token(.eof, start: 0, end: 0, spaceBefore: false)] : tokens
    }

    // MARK: Cursor

    /// The current token, skipping newlines where they are whitespace.
    func peek() -> Token {
        if ignoreNewlines {
            while pos < tokens.count - 1 && tokens[pos].isNewline { pos += 1 }
        }
        return tokens[min(pos, tokens.count - 1)]
    }

    /// The token after the current one (newlines count as tokens).
    func peekNext() -> Token {
        _ = peek()
        return tokens[min(pos + 1, tokens.count - 1)]
    }

    @discardableResult
    func advance() -> Token {
        let t = peek()
        if !t.isEOF {
            pos += 1
            lastEnd = t.end
        }
        return t
    }

    /// Consumes the token at `pos` whatever the newline mode.
    func advanceRaw() {
        guard pos < tokens.count - 1 else { return }
        lastEnd = tokens[pos].end
        pos += 1
    }

    func skipNewlines() {
        while peek().isNewline { advance() }
    }

    func span(from start: Int) -> Span {
        Span(file: file, start: start, end: max(start, lastEnd))
    }

    func span(of t: Token) -> Span { Span(file: file, start: t.start, end: t.end) }

    /// Runs `body` with context flags set for a nested construct and restores them.
    func withContext<T>(ignoreNewlines nl: Bool, spaceSensitive ss: Bool, endIsIndex ei: Bool? = nil,
                        _ body: () -> T) -> T {
        let saved = (ignoreNewlines, spaceSensitive, endIsIndex, rangeColonEnabled, whereEnabled)
        ignoreNewlines = nl
        spaceSensitive = ss
        if let ei { endIsIndex = ei }
        rangeColonEnabled = true
        whereEnabled = true
        defer {
            (ignoreNewlines, spaceSensitive, endIsIndex, rangeColonEnabled, whereEnabled) = saved
        }
        return body()
    }

    /// Block bodies (`function … end` inside brackets) use the normal context.
    func withNormalContext<T>(_ body: () -> T) -> T {
        withContext(ignoreNewlines: false, spaceSensitive: false, endIsIndex: false, body)
    }

    // MARK: Diagnostics

    func error(_ message: String, at span: Span, notes: [Diagnostic.Note] = []) {
        if span.end >= file.bytes.count && peek().isEOF && !tooDeepReported { isIncomplete = true }
        guard !recovering else { return }
        recovering = true
        diagnostics.append(.error(message, at: span, notes: notes))
    }

    func error(_ message: String, at t: Token, notes: [Diagnostic.Note] = []) {
        if t.isEOF && !tooDeepReported { isIncomplete = true }
        error(message, at: span(of: t), notes: notes)
    }

    /// Reports regardless of recovery (for checks after a construct parsed).
    func report(_ message: String, at span: Span) {
        diagnostics.append(.error(message, at: span))
    }

    /// `unexpected "x"` for the current token (not consumed).
    func unexpected(_ t: Token) {
        error("unexpected \(describe(t))", at: t)
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "end of input"
        case .newline: return "newline"
        default: return "\"\(file.text(of: span(of: t)))\""
        }
    }

    func errorNode(at t: Token) -> Expr {
        Expr(.error, span(of: t))
    }

    /// Consumes `kind` or reports `expected "x"` (not consuming).
    @discardableResult
    func expect(_ kind: TokenKind, _ text: String) -> Bool {
        let t = peek()
        if t.kind == kind {
            advance()
            return true
        }
        error("expected \"\(text)\", found \(describe(t))", at: t)
        return false
    }

    /// Guards recursion; past the limit, reports once and skips the rest of
    /// the input so every loop ends.
    func enter() -> Bool {
        depth += 1
        if depth > ParserState.maxDepth {
            if !tooDeepReported {
                tooDeepReported = true
                let t = peek()
                recovering = false
                error("expression too deeply nested", at: t)
            }
            pos = tokens.count - 1
            return false
        }
        return true
    }

    func leave() { depth -= 1 }
}
