import SourceMap

/// Parenthesised expressions, tuples, named tuples, array literals,
/// comprehensions, generators and interpolated strings.
extension ParserState {
    enum BracketShape {
        case empty
        case vect([RawArg])
        /// Space- and `;`/newline-separated elements, row by row.
        case rows([[Expr]])
        case comprehension(Comprehension)
    }

    /// `()`, `(a)`, `(a,)`, `(a, b)`, `(r = 1, g = 2)`, `(; r = 1)`,
    /// `(a; b)`, `(x for x in xs)`.
    func parseParen() -> Expr {
        let open = advance()
        return withContext(ignoreNewlines: true, spaceSensitive: false) {
            if peek().kind == .rparen {
                advance()
                return Expr(.tuple([]), span(from: open.start))
            }
            if peek().kind != .semicolon {
                let first = parseRawArg()
                if peek().isKeyword(.for) {
                    let g = parseGenerator(body: first.expr, start: first.span.start, kind: .generator)
                    expectCloser(.rparen, ")", open: open)
                    return Expr(g.kind, span(from: open.start))
                }
                if peek().kind == .rparen, !first.isSplat {
                    advance()
                    let s = span(from: open.start)
                    // A parenthesised call keeps its arguments for `function (a * b)`.
                    rawArgs[s] = first.value == nil ? rawArgs[first.expr.span] ?? [first] : [first]
                    return Expr(rawExpr(first).kind, s)
                }
                if peek().kind == .semicolon, first.value == nil, !first.isSplat {
                    return parseParenBlock(first: first.expr, open: open)
                }
                var list = parseArgList(open: open, closer: .rparen, closerText: ")", after: first)
                list.items.insert(first, at: 0)
                return tupleFromList(list, start: open.start)
            }
            let list = parseArgList(open: open, closer: .rparen, closerText: ")")
            return tupleFromList(list, start: open.start)
        }
    }

    /// Continues an argument list whose first item is already parsed.
    func parseArgList(open: Token, closer: TokenKind, closerText: String, after first: RawArg) -> ArgList {
        if peek().kind == .comma {
            advance()
            var list = parseArgList(open: open, closer: closer, closerText: closerText)
            list.hadComma = true
            return list
        }
        return parseArgList(open: open, closer: closer, closerText: closerText)
    }

    func tupleFromList(_ list: ArgList, start: Int) -> Expr {
        let s = span(from: start)
        rawArgs[s] = list.items
        let named = list.items.compactMap { raw -> (name: String, value: Expr)? in
            guard let v = raw.value, case .identifier(let n) = raw.expr.kind else { return nil }
            return (n, v)
        }
        if !list.items.isEmpty && named.count == list.items.count {
            return Expr(.namedTuple(named), s)
        }
        return Expr(.tuple(list.items.map(callArgument)), s)
    }

    /// `(a; b; c)`: a block in parentheses.
    func parseParenBlock(first: Expr, open: Token) -> Expr {
        var statements = [first]
        while peek().kind == .semicolon {
            advance()
            while peek().kind == .semicolon { advance() }
            if peek().kind == .rparen { break }
            let before = pos
            statements.append(parseEq())
            if pos == before { break }
        }
        expectCloser(.rparen, ")", open: open)
        return Expr(.block(statements), span(from: open.start))
    }

    func expectCloser(_ kind: TokenKind, _ text: String, open: Token) {
        if peek().kind == kind {
            advance()
        } else {
            missingCloser(text, open: open, at: peek())
            skipToCloser(kind)
        }
    }

    /// `[…]` as a value.
    func parseBracketLiteral() -> Expr {
        let open = advance()
        let shape = withContext(ignoreNewlines: false, spaceSensitive: true) {
            parseBracketContents(open: open)
        }
        let s = span(from: open.start)
        switch shape {
        case .empty: return Expr(.vect([]), s)
        case .vect(let items): return Expr(.vect(items.map(rawExpr)), s)
        case .comprehension(let c): return Expr(.comprehension(c), s)
        case .rows(let rows):
            if rows.count == 1 { return Expr(.hcat(rows[0]), s) }
            if rows.allSatisfy({ $0.count == 1 }) { return Expr(.vcat(rows.flatMap { $0 }), s) }
            return Expr(.matrix(rows), s)
        }
    }

    /// The inside of `[`…`]` up to and including the `]`.
    func parseBracketContents(open: Token) -> BracketShape {
        skipNewlines()
        if peek().kind == .rbracket { advance(); return .empty }
        let first = parseRawArg()
        if peek().isKeyword(.for) {
            let g = parseGenerator(body: first.expr, start: first.span.start, kind: .comprehension)
            skipNewlines()
            expectCloser(.rbracket, "]", open: open)
            if case .comprehension(let c) = g.kind { return .comprehension(c) }
            return .empty
        }
        var commaItems: [RawArg]?
        var rows: [[Expr]] = [[rawExpr(first)]]
        var newRow = false
        while true {
            let t = peek()
            switch t.kind {
            case .rbracket:
                advance()
                if let items = commaItems { return .vect(items) }
                if rows.count == 1 && rows[0].count == 1 { return .vect([first]) }
                return .rows(rows)
            case .comma:
                guard rows.count == 1 && rows[0].count == 1 else {
                    error("unexpected \",\" in matrix expression", at: t)
                    skipToCloser(.rbracket)
                    return .rows(rows)
                }
                advance()
                skipNewlines()
                var items = commaItems ?? [first]
                if peek().kind != .rbracket && peek().kind != .semicolon { items.append(parseRawArg()) }
                commaItems = items
            case .semicolon, .newline:
                advance()
                while peek().kind == .semicolon || peek().isNewline { advance() }
                if commaItems == nil { newRow = true }
            case .eof, .rparen, .rbrace:
                missingCloser("]", open: open, at: t)
                skipToCloser(.rbracket)
                return commaItems.map { .vect($0) } ?? .rows(rows)
            default:
                let before = pos
                if commaItems != nil {
                    error("expected \",\" or \"]\", found \(describe(t))", at: t)
                    skipToCloser(.rbracket)
                    return .vect(commaItems ?? [])
                }
                let e = parseEqStar()
                if pos == before {
                    skipToCloser(.rbracket)
                    return .rows(rows)
                }
                if newRow { rows.append([]); newRow = false }
                rows[rows.count - 1].append(e)
            }
        }
    }

    /// `body for x in xs, y = 1:n if cond` (the `for` not yet consumed).
    func parseGenerator(body: Expr, start: Int, kind: GeneratorKind) -> Expr {
        advance()
        let iterations = parseIterations()
        var filter: Expr?
        if peek().isKeyword(.if) {
            advance()
            filter = parseEqStar()
        }
        let c = Comprehension(body: body, iterations: iterations, filter: filter)
        let s = span(from: start)
        return kind == .generator ? Expr(.generator(c), s) : Expr(.comprehension(c), s)
    }

    enum GeneratorKind { case generator, comprehension }

    /// `i = 1:n, x in xs, (k, v) ∈ d` after `for`.
    func parseIterations() -> [Iteration] {
        var result: [Iteration] = []
        repeat {
            if !result.isEmpty { advance() }
            let e = parseEqStar()
            if let it = iteration(from: e) { result.append(it) }
        } while peek().kind == .comma
        return result
    }

    func iteration(from e: Expr) -> Iteration? {
        switch e.kind {
        case .assign(let target, let iterable):
            return Iteration(target: target, iterable: iterable, span: e.span)
        case .call(let f, let args):
            if case .identifier(let op) = f.kind, op == "in" || op == "∈", args.count == 2,
               case .positional(let target) = args[0], case .positional(let iterable) = args[1] {
                return Iteration(target: target, iterable: iterable, span: e.span)
            }
        case .error:
            return nil
        default:
            break
        }
        error("invalid iteration specification", at: e.span)
        return nil
    }

    // MARK: Strings

    func stringExpr(_ segments: [StringSegment], _ s: Span) -> Expr {
        var parts: [StringPart] = []
        for seg in segments {
            switch seg {
            case .text(let text):
                parts.append(.text(text))
            case .interpolation(let toks, let start, let end):
                parts.append(.expr(parseInterpolation(toks, start: start, end: end)))
            }
        }
        if parts.allSatisfy({ if case .text = $0 { return true } else { return false } }) {
            let text = parts.map { if case .text(let t) = $0 { return t } else { return "" } }.joined()
            return Expr(.string(text), s)
        }
        return Expr(.interpolatedString(parts), s)
    }

    /// Parses the tokens of `$(expr)` with a nested parser over the same file.
    func parseInterpolation(_ toks: [Token], start: Int, end: Int) -> Expr {
        let eof = Token(.eof, start: end, end: end, spaceBefore: false)
        let sub = ParserState(file: file, tokens: toks + [eof])
        sub.ignoreNewlines = true
        sub.depth = depth
        sub.lastEnd = start
        if toks.isEmpty {
            report("empty interpolation \"$()\"", at: Span(file: file, start: start, end: end))
            return Expr(.error, Span(file: file, start: start, end: end))
        }
        let e = sub.parseEq()
        if !sub.peek().isEOF && !sub.recovering {
            sub.error("extra token \(sub.describe(sub.peek())) after end of expression", at: sub.peek())
        }
        diagnostics += sub.diagnostics
        return e
    }
}
