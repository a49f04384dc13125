import SourceMap

/// Atoms and the postfix chain: literals, names, parentheses, calls,
/// indexing, field access, `'`, curly braces and do-blocks.
extension ParserState {
    func parsePrimary() -> Expr {
        guard enter() else { return Expr(.error, span(from: lastEnd)) }
        defer { leave() }
        let t = peek()
        let s = span(of: t)
        switch t.kind {
        case .identifier(let name):
            if name == "mutable", peekNext().isKeyword(.struct) { return parseStruct() }
            if name == "abstract" || name == "primitive", peekNext().kind == .identifier("type") {
                return parseUnsupportedTypeDefinition(t)
            }
            advance()
            return Expr(.identifier(name), s)
        case .int(let v): advance(); return Expr(.int(v), s)
        case .float(let v): advance(); return Expr(.float(v), s)
        case .char(let c): advance(); return Expr(.char(c), s)
        case .symbol(let name): advance(); return Expr(.symbol(name), s)
        case .string(let segments): advance(); return stringExpr(segments, s)
        case .keyword(let k): return parseKeywordExpr(k, t)
        case .macroName(let name):
            advance()
            return parseMacroArguments(name: name, start: t.start)
        case .lparen: return parseParen()
        case .lbracket: return parseBracketLiteral()
        case .op(let op): return parseOperatorAtom(op, t)
        case .error:
            advance()
            recovering = true
            return Expr(.error, s)
        case .lbrace, .rparen, .rbracket, .rbrace, .comma, .semicolon, .newline, .eof:
            unexpected(t)
            return Expr(.error, s)
        }
    }

    /// An operator where an operand is expected: `map(+, xs)`, `x[:, 1]`,
    /// `*(a, b)`, and the anonymous parameter `::typeof(foo)`.
    func parseOperatorAtom(_ op: String, _ t: Token) -> Expr {
        let next = peekNext()
        if op == "::" {
            advance()
            let type = parseTypeOperand()
            return Expr(.typeAssert(Expr(.identifier(""), span(of: t)), type), span(from: t.start))
        }
        if op == ":" && next.kind == .lparen && next.start == t.end {
            error("quoted expressions \":(…)\" are not supported in Zy", at: t)
            return Expr(.error, span(of: t))
        }
        if op == ":" || isClosing(next) || (next.kind == .lparen && next.start == t.end && op != "'") {
            advance()
            return Expr(.identifier(op), span(of: t))
        }
        unexpected(t)
        return Expr(.error, span(of: t))
    }

    func parseKeywordExpr(_ k: Keyword, _ t: Token) -> Expr {
        switch k {
        case .true, .false:
            advance()
            return Expr(.bool(k == .true), span(of: t))
        case .end where endIsIndex:
            advance()
            return Expr(.endIndex, span(of: t))
        case .begin where endIsIndex:
            advance()
            return Expr(.beginIndex, span(of: t))
        case .function: return parseFunction()
        case .if: return parseIf(opener: t)
        case .while: return parseWhile()
        case .for: return parseFor()
        case .begin: return parseBegin()
        case .let: return parseLet()
        case .try: return parseTry()
        case .struct: return parseStruct()
        case .return: return parseReturn()
        case .break:
            advance()
            return Expr(.breakStatement, span(of: t))
        case .continue:
            advance()
            return Expr(.continueStatement, span(of: t))
        case .const, .global, .local: return parseScopeDeclaration(k)
        case .using, .import: return parseUsing()
        case .macro, .quote, .module, .baremodule, .export:
            error("\"\(k.rawValue)\" is not supported in Zy", at: t)
            return Expr(.error, span(of: t))
        default:
            unexpected(t)
            return Expr(.error, span(of: t))
        }
    }

    // MARK: Postfix chain

    func parsePostfix(_ first: Expr, start: Int) -> Expr {
        var ex = first
        while true {
            let t = peek()
            if spaceSensitive && t.spaceBefore && [.lparen, .lbracket, .lbrace].contains(t.kind) { break }
            switch t.kind {
            case .lparen:
                if isNumberLiteral(ex) { return ex }
                ex = parseCall(ex, start: start)
            case .lbracket:
                ex = parseIndex(ex, start: start)
            case .lbrace:
                let open = advance()
                let list = withContext(ignoreNewlines: true, spaceSensitive: false) {
                    parseArgList(open: open, closer: .rbrace, closerText: "}")
                }
                ex = Expr(.curly(ex, list.items.map(rawExpr)), span(from: start))
            case .op("."):
                guard let next = parseDotSuffix(ex, start: start) else { return ex }
                if case .macroCall = next.kind { return next }
                ex = next
            case .op("'"):
                advance()
                ex = Expr(.call(Expr(.identifier("adjoint"), span(of: t)), [.positional(ex)]), span(from: start))
            default:
                return ex
            }
        }
        return ex
    }

    func parseCall(_ callee: Expr, start: Int) -> Expr {
        let open = advance()
        let list = withContext(ignoreNewlines: true, spaceSensitive: false) {
            parseArgList(open: open, closer: .rparen, closerText: ")")
        }
        var args = list.items.map(callArgument)
        if let g = list.generator { args.append(.positional(g)) }
        var call = Expr(.call(callee, args), span(from: start))
        rawArgs[call.span] = list.items
        if peek().isKeyword(.do) {
            let lambda = parseDoBlock()
            args.insert(.positional(lambda), at: 0)
            call = Expr(.call(callee, args), span(from: start))
        }
        return call
    }

    /// After `.`: a field, `f.(args)`, `Base.:+`, or `Zygote.@profile …`.
    func parseDotSuffix(_ ex: Expr, start: Int) -> Expr? {
        let dot = advance()
        let t = peek()
        switch t.kind {
        case .identifier(let name):
            advance()
            return Expr(.field(ex, name), span(from: start))
        case .symbol(let name):
            advance()
            return Expr(.field(ex, name), span(from: start))
        case .keyword(let k) where k != .end:
            advance()
            return Expr(.field(ex, k.rawValue), span(from: start))
        case .lparen:
            let open = advance()
            let list = withContext(ignoreNewlines: true, spaceSensitive: false) {
                parseArgList(open: open, closer: .rparen, closerText: ")")
            }
            return Expr(.broadcast(ex, list.items.map(callArgument)), span(from: start))
        case .macroName(let name):
            advance()
            return parseMacroArguments(name: name, start: start)
        default:
            error("expected a name after \".\", found \(describe(t))", at: dot)
            return nil
        }
    }

    func parseIndex(_ ex: Expr, start: Int) -> Expr {
        let open = advance()
        let typed = isTypedArrayPrefix(ex)
        let shape = withContext(ignoreNewlines: false, spaceSensitive: true, endIsIndex: !typed) {
            parseBracketContents(open: open)
        }
        let s = span(from: start)
        switch shape {
        case .empty:
            return typed ? Expr(.typedVect(ex, []), s) : Expr(.index(ex, []), s)
        case .vect(let items):
            if typed { return Expr(.typedVect(ex, items.map(rawExpr)), s) }
            return Expr(.index(ex, items.map(callArgument)), s)
        case .rows(let rows):
            if typed { return Expr(.typedMatrix(ex, rows), s) }
            report("matrix syntax is not valid inside indexing brackets", at: s)
            return Expr(.error, s)
        case .comprehension(let c):
            if typed { return Expr(.typedComprehension(ex, c), s) }
            return Expr(.comprehension(c), s)
        }
    }

    /// `Float64[1, 2]` builds a vector, `x[1, 2]` indexes: they are the same
    /// syntax, so a known element-type name (or `T{…}`) decides.
    func isTypedArrayPrefix(_ e: Expr) -> Bool {
        switch e.kind {
        case .curly: return true
        case .identifier(let n): return ParserState.typeNames.contains(n)
        default: return false
        }
    }

    static let typeNames: Set<String> = [
        "Float64", "Float32", "Int", "Int64", "Int32", "Bool", "String", "Symbol", "Char", "Any",
        "Number", "Real", "Integer", "AbstractFloat", "Complex", "ComplexF64", "Rational",
        "Function", "Vector", "Matrix", "Tuple", "Dict", "Pair", "Nothing",
    ]

    // MARK: Argument lists

    struct ArgList {
        var items: [RawArg] = []
        var hadComma = false
        var hadSemicolon = false
        var generator: Expr?
    }

    /// Comma-separated items up to `closer` (consumed); after `;` items are
    /// keywords. A sole item followed by `for` is a generator.
    func parseArgList(open: Token, closer: TokenKind, closerText: String) -> ArgList {
        var list = ArgList()
        var afterSemicolon = false
        while true {
            let t = peek()
            if t.kind == closer { advance(); break }
            if t.kind == .semicolon {
                advance()
                afterSemicolon = true
                list.hadSemicolon = true
                continue
            }
            if t.isEOF || [.rparen, .rbracket, .rbrace].contains(t.kind) {
                missingCloser(closerText, open: open, at: t)
                break
            }
            let before = pos
            var item = parseRawArg()
            item.afterSemicolon = afterSemicolon
            if peek().isKeyword(.for), list.items.isEmpty, list.generator == nil {
                list.generator = parseGenerator(body: item.expr, start: item.span.start, kind: .generator)
                continue
            }
            list.items.append(item)
            if peek().kind == .comma {
                advance()
                list.hadComma = true
                continue
            }
            if peek().kind == closer || peek().kind == .semicolon { continue }
            if pos == before || !recovering {
                error("expected \",\" or \"\(closerText)\", found \(describe(peek()))", at: peek(),
                      notes: openerNote(open, peek()))
            }
            skipToCloser(closer)
            break
        }
        return list
    }

    /// "to match this `(`" when the opener is on an earlier line than
    /// `found` (so the snippet would not show it): usually the closer is
    /// missing.
    func openerNote(_ open: Token, _ found: Token) -> [Diagnostic.Note] {
        let o = span(of: open)
        guard let line = o.line, let foundLine = span(of: found).line, foundLine > line else { return [] }
        return [.init(message: "to match this \"\(file.text(of: o))\"", span: o)]
    }

    func missingCloser(_ closerText: String, open: Token, at t: Token) {
        let where_ = span(of: open)
        error("expected \"\(closerText)\", found \(describe(t))", at: t,
              notes: [.init(message: "to match this \"\(file.text(of: where_))\"", span: where_)])
    }

    /// One argument: `x`, `xs...`, `k = v`.
    func parseRawArg() -> RawArg {
        let start = peek().start
        let e = parseEqStar()
        let s = span(from: start)
        if case .assign(let lhs, let value) = e.kind {
            return RawArg(expr: lhs, value: value, span: s)
        }
        if case .splat(let inner) = argument(e) {
            return RawArg(expr: inner, isSplat: true, span: s)
        }
        return RawArg(expr: e, span: s)
    }

    /// A keyword splat `f(x; kw...)` is `.keyword("...", kw)`, so it is not
    /// mistaken for a positional splat.
    func callArgument(_ raw: RawArg) -> Argument {
        if raw.isSplat { return raw.afterSemicolon ? .keyword("...", raw.expr) : .splat(raw.expr) }
        if let value = raw.value {
            if case .identifier(let name) = raw.expr.kind { return .keyword(name, value) }
            return .positional(Expr(.assign(raw.expr, value), raw.span))
        }
        if raw.afterSemicolon, case .identifier(let name) = raw.expr.kind {
            return .keyword(name, raw.expr)
        }
        // `f(; :a => 1)` passes keyword `a`, as the splat of one pair.
        if raw.afterSemicolon, case .call(let f, let args) = raw.expr.kind, case .identifier("=>") = f.kind, args.count == 2 {
            return .keyword("...", Expr(.tuple([.positional(raw.expr)]), raw.span))
        }
        return .positional(raw.expr)
    }

    /// The item as an expression (for contexts without keywords).
    func rawExpr(_ raw: RawArg) -> Expr {
        if raw.isSplat { return splat(raw.expr, raw.span) }
        if let value = raw.value { return Expr(.assign(raw.expr, value), raw.span) }
        return raw.expr
    }

    /// Skips to the matching `closer` (consumed) after an error in a list;
    /// stray closers of other kinds are skipped too.
    func skipToCloser(_ closer: TokenKind) {
        var depth = 0
        while pos < tokens.count - 1 {
            let t = tokens[pos]
            advanceRaw()
            switch t.kind {
            case .lparen, .lbracket, .lbrace:
                depth += 1
            case .rparen, .rbracket, .rbrace:
                if depth == 0 && t.kind == closer { return }
                depth = max(0, depth - 1)
            default:
                break
            }
        }
    }
}
