import SourceMap

/// Operator expressions, lowest precedence first: assignment (with comma
/// tuples at statement level), `=>`, `?:`, the binary levels of
/// `Precedence` by precedence climbing, `where`, juxtaposition, unary
/// operators, `^`, `::`, `->`.
extension ParserState {
    /// Julia's `parse-eq`: assignment whose sides may be comma tuples
    /// (`a, b = b, a`). Used for statements.
    func parseEq() -> Expr {
        guard enter() else { return Expr(.error, span(from: lastEnd)) }
        defer { leave() }
        let start = peek().start
        let lhs = parseComma()
        return parseAssignmentTail(lhs, start: start, rhs: parseEq)
    }

    /// Julia's `parse-eq*`: assignment without commas (call arguments,
    /// bracket elements, `->` bodies).
    func parseEqStar() -> Expr {
        guard enter() else { return Expr(.error, span(from: lastEnd)) }
        defer { leave() }
        let start = peek().start
        let lhs = parsePair()
        return parseAssignmentTail(lhs, start: start, rhs: parseEqStar)
    }

    func parseAssignmentTail(_ lhs: Expr, start: Int, rhs parseRHS: () -> Expr) -> Expr {
        let t = peek()
        guard let op = t.opText, OperatorTable.assignment.contains(op) else { return lhs }
        if spaceSensitive && t.spaceBefore && !peekNext().spaceBefore && op != "=" { return lhs }
        advance()
        skipNewlines()
        let rhs = parseRHS()
        let s = span(from: start)
        switch op {
        case "=":
            if let f = functionDefinition(lhs, body: rhs, span: s) { return f }
            return Expr(.assign(lhs, rhs), s)
        case ".=":
            return Expr(.updateAssign(op: ".", lhs, rhs), s)
        default:
            return Expr(.updateAssign(op: String(op.dropLast()), lhs, rhs), s)
        }
    }

    /// `a, b, c` → a tuple (statement level only).
    func parseComma() -> Expr {
        let start = peek().start
        let first = parsePair()
        guard peek().kind == .comma else { return first }
        var items = [first]
        while peek().kind == .comma {
            advance()
            skipNewlines()  // `a,\n b` continues the tuple, as in Julia
            let t = peek()
            if t.isEOF || t.kind == .semicolon || isAssignmentOp(t) || isClosing(t) { break }
            items.append(parsePair())
        }
        return Expr(.tuple(items.map(argument)), span(from: start))
    }

    func isAssignmentOp(_ t: Token) -> Bool {
        t.opText.map { OperatorTable.assignment.contains($0) } ?? false
    }

    /// `a => b`, right-associative.
    func parsePair() -> Expr {
        let start = peek().start
        let lhs = parseCond()
        let t = peek()
        guard t.isOp("=>") || t.isOp(".=>") else { return lhs }
        advance()
        skipNewlines()
        let rhs = parsePair()
        return makeBinary(t.opText ?? "=>", lhs, rhs, span(from: start), opSpan: span(of: t))
    }

    /// `c ? a : b`
    func parseCond() -> Expr {
        let start = peek().start
        let cond = parseBinary(Precedence.arrow.rawValue)
        guard peek().isOp("?") else { return cond }
        advance()
        skipNewlines()
        let saved = rangeColonEnabled
        rangeColonEnabled = false
        let then = parseCond()
        rangeColonEnabled = saved
        skipNewlines()
        guard peek().isOp(":") else {
            error("expected \":\" in \"?\" expression, found \(describe(peek()))", at: peek())
            return Expr(.ifElse(cond, then: then, else: nil), span(from: start))
        }
        advance()
        skipNewlines()
        let other = parseCond()
        return Expr(.ifElse(cond, then: then, else: other), span(from: start))
    }

    /// Precedence climbing over the binary levels of `Precedence`.
    func parseBinary(_ minLevel: Int) -> Expr {
        let start = peek().start
        var lhs = parseWhereLevel()
        while true {
            let t = peek()
            guard let op = t.opText else { break }
            if op == "..." {
                guard minLevel <= Precedence.colon.rawValue else { break }
                advance()
                lhs = splat(lhs, span(from: start))
                continue
            }
            guard let prec = OperatorTable.precedence(of: op), prec.rawValue >= minLevel else { break }
            if prec == .colon && !rangeColonEnabled { break }
            if spaceSensitive && t.spaceBefore && OperatorTable.unaryAndBinary.contains(op)
                && !peekNext().spaceBefore {
                break
            }
            advance()
            skipNewlines()
            switch prec {
            case .comparison:
                lhs = parseComparisonChain(lhs, firstOp: op, opSpan: span(of: t), start: start)
            case .colon:
                lhs = parseRange(lhs, opSpan: span(of: t), start: start)
            default:
                let rhs = parseBinary(prec.isRightAssociative ? prec.rawValue : prec.rawValue + 1)
                lhs = makeBinary(op, lhs, rhs, span(from: start), opSpan: span(of: t))
            }
        }
        return lhs
    }

    /// `a < b <= c` → `.comparison`; a single comparison is a call.
    func parseComparisonChain(_ first: Expr, firstOp: String, opSpan: Span, start: Int) -> Expr {
        var operands = [first, parseBinary(Precedence.comparison.rawValue + 1)]
        var ops = [firstOp]
        while let op = peek().opText, OperatorTable.precedence(of: op) == .comparison {
            advance()
            skipNewlines()
            ops.append(op)
            operands.append(parseBinary(Precedence.comparison.rawValue + 1))
        }
        let s = span(from: start)
        if ops.count == 1 { return makeBinary(firstOp, operands[0], operands[1], s, opSpan: opSpan) }
        return Expr(.comparison(operands: operands, ops: ops), s)
    }

    /// `a:b` and `a:s:b` (the first `:` already consumed).
    func parseRange(_ first: Expr, opSpan: Span, start: Int) -> Expr {
        let level = Precedence.colon.rawValue + 1
        var args = [first, parseBinary(level)]
        if peek().isOp(":") && rangeColonEnabled {
            advance()
            skipNewlines()
            args.append(parseBinary(level))
        }
        return Expr(.call(Expr(.identifier(":"), opSpan),
                          args.map { .positional($0) }), span(from: start))
    }

    func makeBinary(_ op: String, _ a: Expr, _ b: Expr, _ s: Span, opSpan: Span) -> Expr {
        switch op {
        case "&&": return Expr(.and(a, b), s)
        case "||": return Expr(.or(a, b), s)
        default: break
        }
        let (name, dotted) = OperatorTable.undotted(op)
        let callee = Expr(.identifier(name), opSpan)
        if dotted { return Expr(.broadcast(callee, [argument(a), argument(b)]), s) }
        return Expr(.call(callee, [argument(a), argument(b)]), s)
    }

    /// `xs...` outside an argument list is kept as a call of `...` until it
    /// lands in a tuple or call, where it becomes `Argument.splat`.
    func splat(_ e: Expr, _ s: Span) -> Expr {
        Expr(.call(Expr(.identifier("..."), s), [.positional(e)]), s)
    }

    func argument(_ e: Expr) -> Argument {
        if case .call(let f, let args) = e.kind, case .identifier("...") = f.kind,
           args.count == 1, case .positional(let inner) = args[0] {
            return .splat(inner)
        }
        return .positional(e)
    }

    /// `where` binds tighter than binary operators but looser than unary ones.
    func parseWhereLevel() -> Expr {
        let start = peek().start
        let e = parseJuxtapose()
        guard whereEnabled, peek().isKeyword(.where) else { return e }
        return parseWhereChain(e, start: start)
    }

    /// `2x`, `3im`, `2(x + 1)`, `x'y`: an adjacent operand multiplies.
    func parseJuxtapose() -> Expr {
        let start = peek().start
        var ex = parseUnary()
        while canJuxtapose(ex, peek()) {
            let rhs = parseFactor()
            ex = Expr(.call(Expr(.identifier("*"), Span(file: file, start: rhs.span.start, end: rhs.span.start)),
                            [.positional(ex), .positional(rhs)]), span(from: start))
        }
        return ex
    }

    func canJuxtapose(_ ex: Expr, _ t: Token) -> Bool {
        guard !t.spaceBefore, t.start == lastEnd else { return false }
        switch t.kind {
        case .identifier: break
        case .lparen: guard isNumberLiteral(ex) else { return false }
        default: return false
        }
        switch ex.kind {
        case .int, .float, .identifier, .call, .index, .field, .broadcast, .tuple: return true
        default: return false
        }
    }

    func isNumberLiteral(_ e: Expr) -> Bool {
        switch e.kind {
        case .int, .float: return true
        default: return false
        }
    }

    func parseUnary() -> Expr {
        guard enter() else { return Expr(.error, span(from: lastEnd)) }
        defer { leave() }
        let t = peek()
        guard let op = t.opText, OperatorTable.unary.contains(op) || op == "<:" || op == ">:" else {
            return parseFactor()
        }
        let next = peekNext()
        if isClosing(next) {
            advance()
            return Expr(.identifier(op), span(of: t))
        }
        advance()
        if op == "-" || op == "+", next.start == t.end, let n = numberValue(next) {
            return parseSignedNumber(op, t, n)
        }
        let operand = next.kind == .lparen && next.start == t.end ? parseFactor() : parseUnary()
        let s = span(from: t.start)
        let (name, dotted) = OperatorTable.undotted(op)
        let callee = Expr(.identifier(name), span(of: t))
        if case .tuple(let args) = operand.kind, operand.span.start == next.start, !dotted {
            let call = Expr(.call(callee, args), s)
            rawArgs[s] = rawArgs[operand.span]
            return call
        }
        if dotted { return Expr(.broadcast(callee, [argument(operand)]), s) }
        return Expr(.call(callee, [argument(operand)]), s)
    }

    func numberValue(_ t: Token) -> Expr.Kind? {
        switch t.kind {
        case .int(let v): return .int(v)
        case .float(let v): return .float(v)
        default: return nil
        }
    }

    /// `-2` is a literal, but `-2^2` is `-(2^2)` as in Julia.
    func parseSignedNumber(_ op: String, _ opToken: Token, _ value: Expr.Kind) -> Expr {
        let numToken = advance()
        let after = peek()
        let positive = Expr(value, span(of: numToken))
        let callee = Expr(.identifier(op), span(of: opToken))
        if let o = after.opText, OperatorTable.isPower(o) {
            let factor = parsePowerTail(positive, start: numToken.start)
            return Expr(.call(callee, [.positional(factor)]), span(from: opToken.start))
        }
        let s = span(from: opToken.start)
        guard op == "-" else { return Expr(value, s) }
        switch value {
        case .int(let v): return Expr(.int(0 &- v), s)
        case .float(let v): return Expr(.float(-v), s)
        default: return positive
        }
    }

    /// Tokens after which an operator stands alone as a value: `map(+, xs)`.
    func isClosing(_ t: Token) -> Bool {
        switch t.kind {
        case .rparen, .rbracket, .rbrace, .comma, .semicolon, .newline, .eof: return true
        case .keyword(let k): return [.end, .else, .elseif, .catch, .finally].contains(k)
        default: return false
        }
    }

    /// Postfix chain, then `::` / `->`, then `^` (right-associative; its
    /// right operand may carry a unary minus or a juxtaposition: `2^-x`, `2^3x`).
    func parseFactor() -> Expr {
        let start = peek().start
        let base = parseDecl(parsePostfix(parsePrimary(), start: start), start: start)
        if case .lambda = base.kind { return base }
        return parsePowerTail(base, start: start)
    }

    func parsePowerTail(_ base: Expr, start: Int) -> Expr {
        let t = peek()
        guard let op = t.opText, OperatorTable.isPower(op) else { return base }
        advance()
        skipNewlines()
        let rhs = parseJuxtapose()
        return makeBinary(op, base, rhs, span(from: start), opSpan: span(of: t))
    }

    func parseDecl(_ first: Expr, start: Int) -> Expr {
        var ex = first
        while true {
            let t = peek()
            if t.isOp("::") {
                advance()
                let type = parseTypeOperand()
                ex = Expr(.typeAssert(ex, type), span(from: start))
            } else if t.isOp("->") {
                advance()
                skipNewlines()
                let body = parseEqStar()
                let sig = lambdaSignature(ex)
                return Expr(.lambda(sig, body: body), span(from: start))
            } else {
                return ex
            }
        }
    }

    /// The `T` of `x::T`: an atom with its postfix chain (`Vector{Float64}`).
    func parseTypeOperand() -> Expr {
        let start = peek().start
        return parsePostfix(parsePrimary(), start: start)
    }
}
