import SourceMap

/// Function and struct definitions, signatures, do-blocks and macro calls.
extension ParserState {
    /// `function f(x) … end`, `function (x) … end`, `function *(a, b) … end`,
    /// `function Base.:+(a, b) … end`, `function (a::Real * b::Real) … end`.
    func parseFunction() -> Expr {
        let fn = advance()
        let start = peek().start
        var sig = withContext(ignoreNewlines: false, spaceSensitive: false) { () -> Expr in
            let t = peek()
            var head: Expr
            if let op = t.opText, op != "::", peekNext().kind == .lparen {
                advance()
                head = parsePostfix(Expr(.identifier(op), span(of: t)), start: start)
            } else {
                head = parsePostfix(parsePrimary(), start: start)
            }
            if peek().isOp("::") {
                advance()
                _ = parseTypeOperand()  // return type: accepted, not checked
            }
            if peek().isKeyword(.where) { head = parseWhereChain(head, start: start) }
            return head
        }
        let names = whereNames[sig.span] ?? []
        let body = parseBody(opener: fn, "function")
        expectEnd(opener: fn, "function")
        let s = span(from: fn.start)
        if let declared = declaredName(sig) {
            if case .block(let statements) = body.kind, statements.isEmpty {
                return Expr(.functionDeclaration(name: declared), s)
            }
            error("function \"\(declared)\" needs a parameter list (\"function \(declared)() … end\")", at: sig.span)
            sig = Expr(.tuple([]), sig.span)
        }
        if case .call(let callee, _) = sig.kind, let name = functionName(callee) {
            return Expr(.function(name: name, signature(ofCall: sig, whereNames: names), body: body), s)
        }
        if let method = callMethodDefinition(sig, whereNames: names, body: body, span: s) { return method }
        var lambdaSig = lambdaSignature(sig)
        lambdaSig.whereNames = names
        return Expr(.lambda(lambdaSig, body: body), s)
    }

    /// The name of `function f end` / `function Base.f end`: a head that is
    /// a name, not a parenthesized parameter list.
    func declaredName(_ head: Expr) -> String? {
        switch head.kind {
        case .identifier where rawArgs[head.span] == nil, .field: return functionName(head)
        default: return nil
        }
    }

    /// `lhs = body` is a method definition when `lhs` is a call (possibly
    /// with a return type or `where`): `f(x) = …`, `a::Real * b::Real = …`.
    func functionDefinition(_ lhs: Expr, body: Expr, span s: Span) -> Expr? {
        var sig = lhs
        let names = whereNames[sig.span] ?? []
        if case .typeAssert(let inner, _) = sig.kind, case .call = inner.kind { sig = inner }
        if let method = callMethodDefinition(sig, whereNames: names, body: body, span: s) { return method }
        guard case .call(let callee, _) = sig.kind, let name = functionName(callee) else { return nil }
        return Expr(.function(name: name, signature(ofCall: sig, whereNames: names), body: body), s)
    }

    /// `(m::Dense)(x) = …`, `function (::Dense)(x) … end`: a method called
    /// on values of type `Dense` (Julia's callable objects). Named
    /// `(::Dense)`, as Julia names such methods.
    func callMethodDefinition(_ sig: Expr, whereNames: [String], body: Expr, span s: Span) -> Expr? {
        guard case .call(let callee, _) = sig.kind, case .typeAssert(let object, let type) = callee.kind,
              case .identifier(let n) = object.kind else { return nil }
        var signature = signature(ofCall: sig, whereNames: whereNames)
        signature.callee = Parameter(name: n.isEmpty ? nil : n, type: type, span: callee.span)
        let name = "(::" + file.text(of: type.span) + ")"
        return Expr(.function(name: name, signature, body: body), s)
    }

    /// `f`, `Base.f`, `Base.:+`, `+`, `f{T}`: the method's function name.
    func functionName(_ callee: Expr) -> String? {
        switch callee.kind {
        case .identifier(let n) where n != "..." && !n.isEmpty: return n
        case .field(_, let n): return n
        case .curly(let inner, _): return functionName(inner)
        default: return nil
        }
    }

    func signature(ofCall call: Expr, whereNames: [String]) -> FunctionSignature {
        guard case .call(_, let args) = call.kind else {
            return FunctionSignature(parameters: [], span: call.span)
        }
        let raws = rawArgs[call.span] ?? args.map(rawArg(from:))
        return makeSignature(raws, whereNames: whereNames, span: call.span)
    }

    func makeSignature(_ raws: [RawArg], whereNames: [String], span s: Span) -> FunctionSignature {
        var positional: [Parameter] = []
        var keywords: [Parameter] = []
        for raw in raws {
            guard let p = parameter(from: raw) else { continue }
            if raw.afterSemicolon { keywords.append(p) } else { positional.append(p) }
        }
        return FunctionSignature(parameters: positional, keywordParameters: keywords,
                                 whereNames: whereNames, span: s)
    }

    func rawArg(from a: Argument) -> RawArg {
        switch a {
        case .positional(let e): return RawArg(expr: e, span: e.span)
        case .splat(let e): return RawArg(expr: e, isSplat: true, span: e.span)
        case .keyword(let n, let v): return RawArg(expr: Expr(.identifier(n), v.span), value: v, span: v.span)
        }
    }

    /// `x`, `x::T`, `::T`, `x = default`, `xs...`.
    func parameter(from raw: RawArg) -> Parameter? {
        var name: String?
        var type: Expr?
        switch raw.expr.kind {
        case .identifier(let n):
            name = n.isEmpty ? nil : n
        case .typeAssert(let inner, let t):
            guard case .identifier(let n) = inner.kind else { fallthrough }
            name = n.isEmpty ? nil : n
            type = t
        case .tuple where isIterationTarget(raw.expr) && !raw.isSplat && raw.value == nil:
            return Parameter(name: nil, pattern: raw.expr, span: raw.span)
        default:
            report("invalid function parameter \"\(file.text(of: raw.expr.span))\"", at: raw.expr.span)
            return nil
        }
        return Parameter(name: name, type: type, defaultValue: raw.value, isVarargs: raw.isSplat, span: raw.span)
    }

    /// The parameters of `x -> …`, `(a, b) -> …`, `() -> …`, `function (x) … end`.
    func lambdaSignature(_ e: Expr) -> FunctionSignature {
        switch e.kind {
        case .tuple(let args):
            return makeSignature(rawArgs[e.span] ?? args.map(rawArg(from:)), whereNames: [], span: e.span)
        case .namedTuple:
            return makeSignature(rawArgs[e.span] ?? [], whereNames: [], span: e.span)
        case .block(let statements) where statements.count == 1:
            return lambdaSignature(statements[0])
        default:
            let raw = rawArgs[e.span]?.first ?? RawArg(expr: e, span: e.span)
            if case .splat(let inner) = argument(e) {
                return makeSignature([RawArg(expr: inner, isSplat: true, span: e.span)], whereNames: [], span: e.span)
            }
            return makeSignature([raw], whereNames: [], span: e.span)
        }
    }

    /// `… where T`, `… where {T <: Real, S}`; the names are recorded for the
    /// signature under the returned node's span.
    func parseWhereChain(_ e: Expr, start: Int) -> Expr {
        var names: [String] = []
        let savedWhere = whereEnabled
        whereEnabled = false
        defer { whereEnabled = savedWhere }
        while peek().isKeyword(.where) {
            advance()
            if peek().kind == .lbrace {
                let open = advance()
                let list = withContext(ignoreNewlines: true, spaceSensitive: false) {
                    parseArgList(open: open, closer: .rbrace, closerText: "}")
                }
                names += list.items.compactMap { typeVariableName($0.expr) }
            } else if let n = typeVariableName(parseBinary(Precedence.comparison.rawValue)) {
                names.append(n)
            }
        }
        let s = span(from: start)
        whereNames[s] = names
        if rawArgs[s] == nil { rawArgs[s] = rawArgs[e.span] }
        return Expr(e.kind, s)
    }

    func typeVariableName(_ e: Expr) -> String? {
        switch e.kind {
        case .identifier(let n): return n
        case .call(let f, let args):
            if case .identifier(let op) = f.kind, op == "<:" || op == ">:",
               let first = args.first, case .positional(let v) = first, case .identifier(let n) = v.kind {
                return n
            }
        default: break
        }
        report("invalid type variable \"\(file.text(of: e.span))\" in \"where\"", at: e.span)
        return nil
    }

    /// `f(args) do a, b … end`: the lambda (the `do` is current).
    func parseDoBlock() -> Expr {
        let doToken = advance()
        let params = withContext(ignoreNewlines: false, spaceSensitive: false) { () -> [RawArg] in
            var raws: [RawArg] = []
            while !peek().isNewline && peek().kind != .semicolon && !peek().isEOF {
                let before = pos
                raws.append(parseRawArg())
                if peek().kind == .comma { advance() } else { break }
                if pos == before { break }
            }
            return raws
        }
        let sigSpan = params.isEmpty ? span(of: doToken) : span(from: params[0].span.start)
        let sig = makeSignature(params, whereNames: [], span: sigSpan)
        let body = parseBody(opener: doToken, "do")
        expectEnd(opener: doToken, "do")
        return Expr(.lambda(sig, body: body), span(from: doToken.start))
    }

    /// `struct Name <: Super; fields…; constructors…; end`, `mutable struct`.
    func parseStruct() -> Expr {
        let first = peek()
        let isMutable = !first.isKeyword(.struct)
        if isMutable { advance() }
        let kw = advance()
        var name = ""
        if case .identifier(let n) = peek().kind {
            name = n
            advance()
        } else {
            error("expected a struct name, found \(describe(peek()))", at: peek())
        }
        if peek().kind == .lbrace && !recovering {
            error("parametric struct definitions are not supported in Zy", at: peek())
            advance()
            skipToCloser(.rbrace)
        }
        var supertype: Expr?
        if peek().isOp("<:") {
            advance()
            supertype = parseTypeOperand()
        }
        let body = parseStatements(until: [.end])
        expectEnd(opener: kw, "struct")
        let s = span(from: first.start)
        var def = StructDefinition(name: name, isMutable: isMutable, fields: [], supertype: supertype, span: s)
        for stmt in body { addStructMember(stmt, to: &def) }
        return Expr(.structDefinition(def), s)
    }

    /// A field (`x`, `x::T`) or an inner constructor of a struct body.
    func addStructMember(_ stmt: Expr, to def: inout StructDefinition) {
        switch stmt.kind {
        case .identifier(let n):
            def.fields.append((n, nil, stmt.span))
            return
        case .typeAssert(let inner, let t):
            if case .identifier(let n) = inner.kind {
                def.fields.append((n, t, stmt.span))
                return
            }
        case .function:
            def.constructors.append(stmt)
            return
        case .error:
            return
        default:
            break
        }
        report("invalid struct field \"\(file.text(of: stmt.span))\"", at: stmt.span)
    }

    /// `abstract type T end` / `primitive type …`: reported, then skipped
    /// through their `end`.
    func parseUnsupportedTypeDefinition(_ t: Token) -> Expr {
        error("\"\(file.text(of: span(of: t))) type\" definitions are not supported in Zy", at: t)
        while !peek().isEOF && !peek().isKeyword(.end) && !peek().isNewline { advance() }
        if peek().isKeyword(.end) { advance() }
        return Expr(.error, span(from: t.start))
    }

    /// After `@name`: `@name(a, b)` or space-separated arguments to the end
    /// of the line (`@assert x > 0 "msg"`, `@adjoint f(x) = …`).
    func parseMacroArguments(name: String, start: Int) -> Expr {
        var args: [Expr] = []
        let t = peek()
        if t.kind == .lparen && !t.spaceBefore {
            let open = advance()
            let list = withContext(ignoreNewlines: true, spaceSensitive: false) {
                parseArgList(open: open, closer: .rparen, closerText: ")")
            }
            args = list.items.map(rawExpr)
            if let g = list.generator { args.append(g) }
        } else {
            withContext(ignoreNewlines: false, spaceSensitive: true) {
                while !isMacroArgumentEnd(peek()) {
                    let before = pos
                    args.append(parseEq())
                    if pos == before || recovering { break }
                }
            }
        }
        return Expr(.macroCall(name: name, args), span(from: start))
    }

    func isMacroArgumentEnd(_ t: Token) -> Bool {
        if isClosing(t) { return true }
        if case .keyword(let k) = t.kind { return k == .where || k == .do }
        if case .op(let op) = t.kind { return op == "=" || op == "->" }
        return false
    }
}
