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
                    if case .call = first.expr.kind, first.value == nil {
                        rawArgs[s] = rawArgs[first.expr.span]
                    } else {
                        rawArgs[s] = [first]
                    }
                    return Expr(rawExpr(first).kind, s)
                }
                // `(a; b)` and `(r = x/x; for …; end; r)` are blocks, as in
                // Julia; a named tuple needs a comma or a leading `;`.
                if peek().kind == .semicolon, !first.isSplat {
                    return parseParenBlock(first: rawExpr(first), open: open)
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
        let t = peek()
        if t.kind == .comma {
            advance()
            var list = parseArgList(open: open, closer: closer, closerText: closerText)
            list.hadComma = true
            return list
        }
        if t.kind != closer && t.kind != .semicolon && !t.isEOF {
            error("expected \",\" or \"\(closerText)\", found \(describe(t))", at: t, notes: openerNote(open, t))
            skipToCloser(closer)
            return ArgList()
        }
        return parseArgList(open: open, closer: closer, closerText: closerText)
    }

    func tupleFromList(_ list: ArgList, start: Int) -> Expr {
        let s = span(from: start)
        rawArgs[s] = list.items
        let named = list.items.compactMap { raw -> (name: String, value: Expr)? in
            guard case .identifier(let n) = raw.expr.kind, !raw.isSplat else { return nil }
            if let v = raw.value { return (n, v) }
            return raw.afterSemicolon ? (n, raw.expr) : nil  // `(; a)` is `(a = a,)`
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
            if rows.count == 1 && rows[0].count > 1 { return Expr(.hcat(rows[0]), s) }
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
        if peek().kind == .comma { return parseCommaElements(first: first, open: open) }
        return parseRows(first: first, open: open)
    }

    /// `[a, b, c]` after `a` (the `,` is current).
    func parseCommaElements(first: RawArg, open: Token) -> BracketShape {
        var items = [first]
        while peek().kind == .comma {
            advance()
            skipNewlines()
            if peek().kind == .rbracket { break }
            items.append(parseRawArg())
            skipNewlines()
        }
        if peek().kind == .rbracket {
            advance()
        } else if peek().isEOF {
            missingCloser("]", open: open, at: peek())
        } else {
            error("expected \",\" or \"]\", found \(describe(peek()))", at: peek(), notes: openerNote(open, peek()))
            skipToCloser(.rbracket)
        }
        return .vect(items)
    }

    /// `[a b; c d]`, `[a; b]`, `[a b]` after `a`: rows separated by `;` or
    /// newlines, elements by spaces.
    func parseRows(first: RawArg, open: Token) -> BracketShape {
        var rows: [[Expr]] = [[rawExpr(first)]]
        var newRow = false
        var sawSemicolon = false
        while true {
            let t = peek()
            switch t.kind {
            case .rbracket:
                advance()
                // `[x;]` concatenates like `[x; y]`; `[x]` is a one-element vector.
                if rows.count == 1 && rows[0].count == 1 && !sawSemicolon { return .vect([first]) }
                return .rows(rows)
            case .semicolon, .newline:
                while peek().kind == .semicolon || peek().isNewline {
                    if peek().kind == .semicolon { sawSemicolon = true }
                    advance()
                }
                newRow = true
            case .comma:
                error("unexpected \",\" in matrix expression", at: t)
                skipToCloser(.rbracket)
                return .rows(rows)
            case .eof, .rparen, .rbrace:
                missingCloser("]", open: open, at: t)
                skipToCloser(.rbracket)
                return .rows(rows)
            default:
                let before = pos
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
        var c = Comprehension(body: body, iterations: iterations, filter: filter)
        if peek().isKeyword(.for) {
            // Later clauses form an inner generator over the same body, as
            // in Julia's `Expr(:flatten, …)`; they may use earlier variables.
            let clauseStart = peek().start
            c.body = parseGenerator(body: body, start: clauseStart, kind: .generator)
            c.flattens = true
        }
        let s = span(from: start)
        return kind == .generator ? Expr(.generator(c), s) : Expr(.comprehension(c), s)
    }

    enum GeneratorKind { case generator, comprehension }

    /// `i = 1:n, x in xs, (k, v) ∈ d` after `for`.
    func parseIterations() -> [Iteration] {
        var result: [Iteration] = []
        while true {
            let e = parseEqStar()
            if let it = iteration(from: e) { result.append(it) }
            guard peek().kind == .comma else { return result }
            advance()
        }
    }

    func iteration(from e: Expr) -> Iteration? {
        switch e.kind {
        case .assign(let target, let iterable) where isIterationTarget(target):
            return Iteration(target: target, iterable: iterable, span: e.span)
        case .call(let f, let args):
            if case .identifier(let op) = f.kind, op == "in" || op == "∈", args.count == 2,
               case .positional(let target) = args[0], case .positional(let iterable) = args[1],
               isIterationTarget(target) {
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

    /// A loop variable: a name or a (nested) tuple of names.
    func isIterationTarget(_ e: Expr) -> Bool {
        switch e.kind {
        case .identifier: return true
        case .tuple(let args):
            return args.allSatisfy { if case .positional(let x) = $0 { return isIterationTarget(x) } else { return false } }
        default: return false
        }
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
