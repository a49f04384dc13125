import SourceMap

/// Statement sequences, error recovery between statements, and the
/// block-structured control flow (`if`, `while`, `for`, `begin`, `let`,
/// `try`) plus `return`, `const`/`global`/`local` and `using`.
extension ParserState {
    func parseTopLevel() -> [Expr] {
        let statements = parseStatements(until: [])
        while !peek().isEOF {
            // A stray terminator at top level: report, skip, go on.
            unexpected(peek())
            advance()
            recovering = false
            _ = parseStatements(until: [])
        }
        return statements
    }

    /// Statements separated by newlines or `;` until one of `terminators`
    /// (not consumed) or the end of input.
    func parseStatements(until terminators: Set<Keyword>) -> [Expr] {
        withNormalContext {
            var statements: [Expr] = []
            while true {
                while peek().isNewline || peek().kind == .semicolon { advance() }
                let t = peek()
                if t.isEOF { break }
                if let k = t.keyword, terminators.contains(k) { break }
                if isStrayTerminator(t) {
                    unexpected(t)
                    advance()
                    recovering = false
                    continue
                }
                let before = pos
                statements.append(parseEq())
                if !recovering { checkStatementEnd(terminators) }
                if recovering {
                    synchronize()
                    recovering = false
                }
                if pos == before { advanceRaw() }
            }
            return statements
        }
    }

    func isStrayTerminator(_ t: Token) -> Bool {
        switch t.kind {
        case .rparen, .rbracket, .rbrace, .comma: return true
        case .keyword(let k): return [.end, .else, .elseif, .catch, .finally].contains(k)
        default: return false
        }
    }

    func checkStatementEnd(_ terminators: Set<Keyword>) {
        let t = peek()
        switch t.kind {
        case .newline, .semicolon, .eof: return
        case .keyword(let k) where terminators.contains(k) || isStrayTerminator(t): return
        default: error("extra token \(describe(t)) after end of expression", at: t)
        }
    }

    /// Skips the rest of a bad statement: to the next newline or `;` outside
    /// brackets and blocks, leaving an unmatched `end` for the enclosing block.
    func synchronize() {
        var brackets = 0
        var blocks = 0
        while pos < tokens.count - 1 {
            let t = tokens[pos]
            switch t.kind {
            case .newline, .semicolon:
                if brackets == 0 && blocks == 0 { return }
            case .lparen, .lbracket, .lbrace:
                brackets += 1
            case .rparen, .rbracket, .rbrace:
                brackets = max(0, brackets - 1)
            case .keyword(let k):
                if k == .end {
                    if blocks > 0 {
                        // A bracket left open inside a skipped block ends with it.
                        blocks -= 1
                        if blocks == 0 { brackets = 0 }
                    } else if brackets == 0 {
                        return
                    }
                } else if k.opensBlock {
                    blocks += 1
                } else if [.else, .elseif, .catch, .finally].contains(k) && blocks == 0 && brackets == 0 {
                    return
                }
            default:
                break
            }
            advanceRaw()
        }
    }

    /// Statements up to `end` (consumed), as a block.
    func parseBody(opener: Token, _ what: String, extraTerminators: Set<Keyword> = []) -> Expr {
        let start = peek().start
        let statements = parseStatements(until: extraTerminators.union([.end]))
        var s = Span(file: file, start: start, end: start)
        if let first = statements.first, let last = statements.last {
            s = Span(file: file, start: first.span.start, end: last.span.end)
        }
        return Expr(.block(statements), s)
    }

    func expectEnd(opener: Token, _ what: String) {
        let o = span(of: opener)
        if peek().isKeyword(.end) {
            closedBlocks.append((o, span(of: advance()), what))
            return
        }
        if peek().isEOF && diagnostics.isEmpty {
            // The end of the file is no place to show: point at the opener
            // (after another error, the missing `end` is likely its echo, and
            // stays after it).
            if !tooDeepReported { isIncomplete = true }
            error("\"\(what)\" has no matching \"end\"", at: o, notes: endIndentedLike(o).map { [$0] } ?? [])
            return
        }
        error("expected \"end\" to close \"\(what)\" (opened at \(o.shortDescription))",
              at: peek(), notes: [.init(message: "\"\(what)\" opened here", span: o)])
    }

    /// When a block inside `opener`'s lacks its `end`, the `end` meant for
    /// `opener` closed it instead: the first inner `end` indented like
    /// `opener`'s line but not like the block it closed is the likely culprit.
    private func endIndentedLike(_ opener: Span) -> Diagnostic.Note? {
        let column = indentation(of: opener)
        for (inner, end, what) in closedBlocks where inner.start > opener.start {
            guard indentation(of: end) == column, indentation(of: inner) != column,
                  let line = inner.line, let openerLine = opener.line else { continue }
            return .init(message: "this \"end\" closes the \"\(what)\" of line \(line), "
                         + "but is indented like line \(openerLine): is an \"end\" missing before it?", span: end)
        }
        return nil
    }

    /// Leading whitespace of the line `span` starts on, in characters.
    private func indentation(of span: Span) -> Int {
        guard let line = span.line else { return 0 }
        return file.lineText(line).prefix { $0 == " " || $0 == "\t" }.count
    }

    // MARK: Control flow

    /// `if`/`elseif` chains; only the outermost consumes the `end`.
    func parseIf(opener: Token) -> Expr {
        guard enter() else { return Expr(.error, span(from: lastEnd)) }
        defer { leave() }
        let t = advance()
        let cond = parseEqStar()
        let then = parseBody(opener: opener, "if", extraTerminators: [.elseif, .else])
        let next = peek()
        var other: Expr?
        if next.isKeyword(.elseif) {
            other = parseIf(opener: opener)
        } else {
            if next.isKeyword(.else) {
                advance()
                other = parseBody(opener: opener, "if")
            }
            expectEnd(opener: opener, "if")
        }
        return Expr(.ifElse(cond, then: then, else: other), span(from: t.start))
    }

    func parseWhile() -> Expr {
        let t = advance()
        let cond = parseEqStar()
        let body = parseBody(opener: t, "while")
        expectEnd(opener: t, "while")
        return Expr(.whileLoop(cond, body: body), span(from: t.start))
    }

    func parseFor() -> Expr {
        let t = advance()
        let iterations = parseIterations()
        let body = parseBody(opener: t, "for")
        expectEnd(opener: t, "for")
        return Expr(.forLoop(iterations, body: body), span(from: t.start))
    }

    func parseBegin() -> Expr {
        let t = advance()
        let body = parseStatements(until: [.end])
        expectEnd(opener: t, "begin")
        return Expr(.block(body), span(from: t.start))
    }

    /// `let a = 1, b; body end`
    func parseLet() -> Expr {
        let t = advance()
        var bindings: [Expr] = []
        while !peek().isNewline && peek().kind != .semicolon && !peek().isEOF && !peek().isKeyword(.end) {
            let before = pos
            bindings.append(parseEqStar())
            if peek().kind == .comma { advance() } else if pos == before { break } else { break }
        }
        let body = parseBody(opener: t, "let")
        expectEnd(opener: t, "let")
        return Expr(.letBlock(bindings: bindings, body: body), span(from: t.start))
    }

    /// `try … catch [e] … finally … end`
    func parseTry() -> Expr {
        let t = advance()
        let body = parseBody(opener: t, "try", extraTerminators: [.catch, .finally])
        var variable: String?
        var catchBody: Expr?
        var finallyBody: Expr?
        if peek().isKeyword(.catch) {
            advance()
            if case .identifier(let name) = peek().kind, !peek().isNewline {
                let after = peekNext()
                if after.isNewline || after.kind == .semicolon || after.isEOF || after.isKeyword(.end)
                    || after.isKeyword(.finally) {
                    variable = name
                    advance()
                }
            }
            catchBody = parseBody(opener: t, "try", extraTerminators: [.finally])
        }
        if peek().isKeyword(.finally) {
            advance()
            finallyBody = parseBody(opener: t, "try")
        }
        expectEnd(opener: t, "try")
        if catchBody == nil && finallyBody == nil {
            catchBody = Expr(.block([]), span(from: t.start))
        }
        return Expr(.tryCatch(body: body, catchVariable: variable, catchBody: catchBody, finallyBody: finallyBody),
                    span(from: t.start))
    }

    func parseReturn() -> Expr {
        let t = advance()
        let next = peek()
        if isClosing(next) || next.isNewline || next.kind == .semicolon {
            return Expr(.returnStatement(nil), span(of: t))
        }
        let value = parseEq()
        return Expr(.returnStatement(value), span(from: t.start))
    }

    /// `const X = 1`, `global x, y`, `local x = 1`
    func parseScopeDeclaration(_ k: Keyword) -> Expr {
        let t = advance()
        let e = parseEq()
        let s = span(from: t.start)
        if k == .const { return Expr(.const(e), s) }
        var items = [e]
        if case .tuple(let args) = e.kind {
            items = args.compactMap { if case .positional(let x) = $0 { return x } else { return nil } }
        }
        return Expr(k == .global ? .global(items) : .local(items), s)
    }

    /// `using A, B.C`, `import X`, `using A: f, g` (names after `:` ignored).
    func parseUsing() -> Expr {
        let t = advance()
        var modules: [String] = []
        var path = ""
        var afterColon = false
        while !peek().isNewline && peek().kind != .semicolon && !peek().isEOF {
            let tok = advance()
            switch tok.kind {
            case .identifier(let n) where !afterColon: path += n
            case .op("."), .op(".."): if !afterColon { path += "." }
            case .comma where !afterColon:
                if !path.isEmpty { modules.append(path) }
                path = ""
            case .op(":"), .symbol:
                afterColon = true
            default:
                if !afterColon { error("invalid \"\(file.text(of: span(of: t)))\" statement", at: tok) }
            }
        }
        if !path.isEmpty { modules.append(path) }
        return Expr(.using(modules), span(from: t.start))
    }
}
