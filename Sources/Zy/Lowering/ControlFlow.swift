import SourceMap

extension FunctionLowerer {
    func lowerIf(_ cond: Expr, _ then: Expr, _ otherwise: Expr?, _ span: Span, used: Bool) -> Operand {
        let test = lower(cond)
        let result = used ? newTemporary() : nil
        let thenBlock = builder.newBlock()
        let elseBlock = otherwise == nil ? nil : builder.newBlock()
        let join = builder.newBlock()
        if otherwise == nil, let result { writeTemporary(result, Self.nothingValue) }
        builder.branchUnless(test, to: elseBlock ?? join, span: cond.span)
        builder.jump(to: thenBlock, span: cond.span)
        enter(thenBlock)
        let thenValue = lower(then, used: used)
        if let result { writeTemporary(result, thenValue) }
        builder.jump(to: join, span: then.span)
        if let elseBlock, let otherwise {
            enter(elseBlock)
            let elseValue = lower(otherwise, used: used)
            if let result { writeTemporary(result, elseValue) }
            builder.jump(to: join, span: otherwise.span)
        }
        enter(join)
        return result.map(readTemporary) ?? Self.nothingValue
    }

    func lowerWhile(_ cond: Expr, _ body: Expr, _ span: Span) {
        let header = builder.newBlock()
        builder.jump(to: header, span: cond.span)
        builder.switchTo(header)
        let test = lower(cond)
        let bodyBlock = builder.newBlock()
        let exit = builder.newBlock()
        if test != .constant(.bool(true)) { builder.branchUnless(test, to: exit, span: cond.span) }
        builder.jump(to: bodyBlock, span: cond.span)
        enter(bodyBlock)
        loops.append(LoopContext(breakTarget: exit, continueAction: { [unowned self] s in
            self.builder.jump(to: header, span: s)
        }, handlerDepth: handlers.count))
        enterScope(hard: false, body: [body])
        _ = lower(body, used: false)
        exitScope()
        builder.jump(to: header, span: span)
        loops.removeLast()
        ssa.seal(header)
        enter(exit)
    }

    func lowerFor(_ iterations: [Iteration], _ body: Expr, _ span: Span) {
        let clauses = iterations.map { LoopClause(target: $0.target, source: .expression($0.iterable), span: $0.span) }
        lowerLoopNest(clauses, scopeBody: [body], span: span) { [unowned self] in
            _ = self.lower(body, used: false)
        }
    }

    /// Nested loops, first clause outermost; `break` leaves them all.
    func lowerLoopNest(_ clauses: [LoopClause], scopeBody: [Expr], span: Span, innermost: () -> Void) {
        var exits: [Int] = []
        lowerLoopClause(clauses[...], scopeBody: scopeBody, span: span, breakTarget: nil, exits: &exits, innermost: innermost)
    }

    private func lowerLoopClause(_ clauses: ArraySlice<LoopClause>, scopeBody: [Expr], span: Span, breakTarget: Int?,
                                 exits: inout [Int], innermost: () -> Void) {
        guard let clause = clauses.first else { return innermost() }
        let loop = startLoop(clause)
        loops.append(LoopContext(breakTarget: breakTarget ?? loop.exit, continueAction: loop.advance, handlerDepth: handlers.count))
        let bound = bindTarget(clause.target, loop.item)
        enterScope(hard: false, body: scopeBody, newLocals: bound)
        lowerLoopClause(clauses.dropFirst(), scopeBody: scopeBody, span: span, breakTarget: breakTarget ?? loop.exit,
                        exits: &exits, innermost: innermost)
        exitScope()
        loop.advance(span)
        loops.removeLast()
        ssa.seal(loop.header)
        enter(loop.exit)
    }

    typealias LoopParts = (header: Int, exit: Int, item: Operand, advance: (Span) -> Void)

    /// Emits a loop header and enters the body block: a counting loop for a
    /// literal `a:b`, else the `iterate` protocol.
    private func startLoop(_ clause: LoopClause) -> LoopParts {
        if case .expression(let e) = clause.source, case .call(let f, let args) = e.kind,
           case .identifier(":") = f.kind, args.count == 2, !isLocal(":"),
           case .positional(let a) = args[0], case .positional(let b) = args[1] {
            return startCountingLoop(from: a, to: b, clause.span)
        }
        let iterable: Operand
        switch clause.source {
        case .expression(let e): iterable = lower(e)
        case .value(let v): iterable = v
        }
        return startIterateLoop(iterable, clause.span)
    }

    /// `for i = a:b` without a range object: a hidden counter, `<=`, `+ 1`.
    private func startCountingLoop(from a: Expr, to b: Expr, _ span: Span) -> LoopParts {
        let start = lower(a)
        let stop = lower(b)
        let counter = newTemporary()
        writeTemporary(counter, start)
        let header = builder.newBlock()
        builder.jump(to: header, span: span)
        builder.switchTo(header)
        let test = call("<=", [readTemporary(counter), stop], span)
        let body = builder.newBlock()
        let exit = builder.newBlock()
        builder.branchUnless(test, to: exit, span: span)
        builder.jump(to: body, span: span)
        enter(body)
        let advance: (Span) -> Void = { [unowned self] s in
            let next = self.call("+", [self.readTemporary(counter), .constant(.int(1))], span)
            self.writeTemporary(counter, next)
            self.builder.jump(to: header, span: s)
        }
        return (header, exit, readTemporary(counter), advance)
    }

    /// `iterate(xs)` / `iterate(xs, state)` until it returns `nothing`.
    private func startIterateLoop(_ iterable: Operand, _ span: Span) -> LoopParts {
        let state = newTemporary()
        writeTemporary(state, call("iterate", [iterable], span))
        let header = builder.newBlock()
        builder.jump(to: header, span: span)
        builder.switchTo(header)
        let done = call("===", [readTemporary(state), Self.nothingValue], span)
        let body = builder.newBlock()
        let exit = builder.newBlock()
        builder.branchUnless(done, to: body, span: span)
        builder.jump(to: exit, span: span)
        enter(body)
        let pair = readTemporary(state)
        let item = call("getindex", [pair, .constant(.int(1))], span)
        let next = call("getindex", [pair, .constant(.int(2))], span)
        let advance: (Span) -> Void = { [unowned self] s in
            self.writeTemporary(state, self.call("iterate", [iterable, next], span))
            self.builder.jump(to: header, span: s)
        }
        return (header, exit, item, advance)
    }

    /// The names a loop target binds and their values (`(k, v)` destructures).
    func bindTarget(_ target: Expr, _ value: Operand) -> [(name: String, value: Operand?)] {
        switch target.kind {
        case .identifier(let n): return [(n, value)]
        case .tuple(let args):
            var out: [(name: String, value: Operand?)] = []
            for (i, a) in args.enumerated() {
                guard case .positional(let t) = a else {
                    error("unsupported loop variable pattern", target.span)
                    continue
                }
                let part = call("getindex", [value, .constant(.int(i + 1))], t.span)
                out += bindTarget(t, part)
            }
            return out
        default:
            error("invalid iteration variable", target.span)
            return []
        }
    }

    func lowerBreak(_ span: Span) {
        guard let loop = loops.last else { return error("break or continue outside loop", span) }
        leaveHandlers(downTo: loop.handlerDepth, span)
        builder.jump(to: loop.breakTarget, span: span)
    }

    func lowerContinue(_ span: Span) {
        guard let loop = loops.last else { return error("break or continue outside loop", span) }
        leaveHandlers(downTo: loop.handlerDepth, span)
        loop.continueAction(span)
    }

    func lowerReturn(_ value: Expr?, _ span: Span) {
        let v = value.map { lower($0) } ?? Self.nothingValue
        leaveHandlers(downTo: 0, span)
        builder.ret(v, span: span)
    }

    /// Leaves the handlers entered since `depth`, innermost first, running
    /// each one's `finally` code.
    func leaveHandlers(downTo depth: Int, _ span: Span) {
        let saved = handlers
        while handlers.count > depth, let h = handlers.popLast() {
            builder.emitEffect(.leaveTry, span: span)
            if let f = h.finallyBody { _ = lower(f, used: false) }
        }
        handlers = saved
    }

    /// `let x::T = v`: a new local whose later assignments convert too.
    private func declareTypedLet(_ name: String, _ type: Expr, _ value: Operand, _ body: Expr) {
        declareLocal(name, initial: value, body: [body], isParameter: true)
        if case .local(let slot)? = resolveLocal(name) { declaredTypes[slot] = type }
        if case .boxed(let slot)? = resolveLocal(name) { declaredTypes[slot] = type }
    }

    func lowerLet(_ bindings: [Expr], _ body: Expr, used: Bool) -> Operand {
        scopes.append(Scope(isHard: true))
        for b in bindings {
            switch b.kind {
            case .assign(let lhs, let rhs):
                if case .typeAssert(let x, let t) = lhs.kind, case .identifier(let n) = x.kind {
                    declareTypedLet(n, t, convertForAssignment(t, lower(rhs), b.span), body)
                    continue
                }
                let v = lower(rhs)
                for bound in bindTarget(lhs, v) { declareLocal(bound.name, initial: bound.value, body: [body], isParameter: true) }
            case .identifier(let n):
                declareLocal(n, initial: nil, body: [body], isParameter: false)
            default:
                error("invalid let binding", b.span)
            }
        }
        for g in ScopeAnalysis.declaredGlobals(in: [body]) { scopes.last?.bindings[g] = .global(g) }
        for n in ScopeAnalysis.declaredLocals(in: [body]) where scopes.last?.bindings[n] == nil {
            declareLocal(n, initial: nil, body: [body], isParameter: false)
        }
        declareAssigned(in: [body])
        declareTypes(in: [body])
        let v = lower(body, used: used)
        exitScope()
        return v
    }
}

/// One `for` clause: the loop variable pattern and what it iterates.
struct LoopClause {
    enum Source {
        case expression(Expr)
        case value(Operand)
    }
    var target: Expr
    var source: Source
    var span: Span
}
