import SourceMap

/// The built-in macros expand during lowering; users cannot define macros.
extension FunctionLowerer {
    static let futureMacros: Set<String> = ["profile", "grad"]

    /// The generic function holding `@adjoint` rules for `name`: the AD
    /// looks it up when differentiating a call of `name`.
    public static func adjointTableName(_ name: String) -> String { "Core.adjoint." + name }

    func lowerMacro(_ rawName: String, _ args: [Expr], _ span: Span) -> Operand {
        let name = strippedName(rawName)
        switch name {
        case "show":
            var last = Self.nothingValue
            for a in args {
                let v = lower(a)
                last = call("Core.show_expr", [.constant(.string(sourceText(a))), v], a.span)
            }
            return last
        case "assert": return lowerAssert(args, span)
        case "time":
            guard let e = args.first, args.count == 1 else { return wrongArity(name, span) }
            let start = call("Core.time_ns", [], span)
            let v = lower(e)
            _ = call("Core.print_time", [start], span)
            return v
        case "code_ir", "code_adjoint":
            return lowerCodeListing(name, args, span)
        case "adjoint":
            // `@adjoint f(x) = y, ȳ -> (x̄,)`: a method of the rule table of
            // `f`, dispatched like any method when `f(x)` is differentiated.
            guard args.count == 1, let e = args.first, case .function(let f, let sig, let body) = e.kind else {
                error("`@adjoint` expects a method definition", span)
                return Self.nothingValue
            }
            guard isTopLevel && !insideHardScope else {
                error("`@adjoint` must be at top level", span)
                return Self.nothingValue
            }
            defineMethods(Self.adjointTableName(strippedName(f)), sig, body, span)
            return Self.nothingValue
        default:
            if Self.futureMacros.contains(name) {
                error("`@\(name)` is not available yet", span)
            } else {
                error("UndefVarError: `@\(name)` not defined", span)
            }
            return Self.nothingValue
        }
    }

    /// `@code_ir f(a)` / `@code_adjoint f(a)`, optionally with Julia's
    /// `debuginfo=:source` (statements annotated with their source lines)
    /// or `:none`/`:default` (plain) before the call.
    private func lowerCodeListing(_ name: String, _ args: [Expr], _ span: Span) -> Operand {
        var annotated = false
        for option in args.dropLast() {
            guard case .assign(let key, let value) = option.kind, case .identifier("debuginfo") = key.kind else {
                error("`@\(name)` accepts only the option debuginfo=:source before the call", option.span)
                return Self.nothingValue
            }
            guard case .symbol(let mode) = value.kind, ["source", "none", "default"].contains(mode) else {
                error("ArgumentError: 'debuginfo' must be either :source or :none", value.span)
                return Self.nothingValue
            }
            annotated = mode == "source"
        }
        guard let e = args.last, case .call(let f, let callArgs) = e.kind else {
            error("`@\(name)` expects a function call", span)
            return Self.nothingValue
        }
        let builtin = "Core.\(name)" + (annotated ? "_source" : "")
        return call(.global(builtin), [.positional(lowerCallee(f))] + lowerArguments(callArgs), span)
    }

    private func wrongArity(_ name: String, _ span: Span) -> Operand {
        error("wrong number of arguments to `@\(name)`", span)
        return Self.nothingValue
    }

    /// `@assert c [msg]` throws `AssertionError(msg)`, the message defaulting
    /// to the condition's source text as Julia prints it.
    private func lowerAssert(_ args: [Expr], _ span: Span) -> Operand {
        guard let condition = args.first, args.count <= 2 else { return wrongArity("assert", span) }
        let test = lower(condition)
        let fail = builder.newBlock()
        let ok = builder.newBlock()
        builder.branchUnless(test, to: fail, span: span)
        builder.jump(to: ok, span: span)
        enter(fail)
        let message = args.count == 2 ? lower(args[1]) : .constant(.string(sourceText(condition)))
        let exception = call("AssertionError", [message], span)
        _ = call("throw", [exception], span)
        builder.unreachable(span: span)
        enter(ok)
        return Self.nothingValue
    }

    func sourceText(_ e: Expr) -> String {
        guard let file = e.span.file ?? context.file else { return "" }
        return file.text(of: e.span)
    }

    // MARK: Comprehensions

    /// `[body for x in xs if p]`: push into `Core.vect()` in a loop, then
    /// narrow; several clauses (`for i = 1:2, j = 1:3`) are reshaped, the
    /// first clause varying fastest (column-major). A filter or a nested
    /// `for` (`flattens`) gives a flat vector instead.
    /// With an `elementType` (`T[x for x in xs]`) the elements are
    /// converted to it by `Core.collect_typed(T, acc, dims…)` instead.
    func lowerComprehension(_ c: Comprehension, _ span: Span, elementType: Operand? = nil) -> Operand {
        let accumulator = call("Core.vect", [], span)
        if c.iterations.count == 1 || c.filter != nil || c.flattens {
            withLoopsHidden { pushLoops(c, into: accumulator, span) }
            if let t = elementType { return call("Core.collect_typed", [t, accumulator], span) }
            return call("Core.collect_narrow", [accumulator], span)
        }
        let iterables = c.iterations.map { lower($0.iterable) }
        let lengths = zip(iterables, c.iterations).map { call("length", [$0], $1.span) }
        let clauses = zip(c.iterations, iterables).reversed().map { LoopClause(target: $0.target, source: .value($1), span: $0.span) }
        withLoopsHidden {
            lowerLoopNest(clauses, scopeBody: comprehensionScope(c), span: span) { [unowned self] in
                self.pushElement(c, into: accumulator)
            }
        }
        if let t = elementType { return call("Core.collect_typed", [t, accumulator] + lengths, span) }
        return call("Core.reshape_comprehension", [accumulator] + lengths, span)
    }

    /// The loops of one generator level. Comma clauses form a product, which
    /// Julia iterates first-fastest, so their iterables are evaluated once
    /// up front; a single clause is evaluated inside enclosing nested loops,
    /// where it may use their variables.
    private func pushLoops(_ c: Comprehension, into accumulator: Operand, _ span: Span) {
        let clauses: [LoopClause]
        if c.iterations.count == 1 {
            clauses = c.iterations.map { LoopClause(target: $0.target, source: .expression($0.iterable), span: $0.span) }
        } else {
            let iterables = c.iterations.map { lower($0.iterable) }
            clauses = zip(c.iterations, iterables).reversed().map { LoopClause(target: $0.target, source: .value($1), span: $0.span) }
        }
        lowerLoopNest(clauses, scopeBody: comprehensionScope(c), span: span) { [unowned self] in
            guard let filter = c.filter else { return self.pushElement(c, into: accumulator) }
            let test = self.lower(filter)
            let then = self.builder.newBlock()
            let join = self.builder.newBlock()
            self.builder.branchUnless(test, to: join, span: filter.span)
            self.builder.jump(to: then, span: filter.span)
            self.enter(then)
            self.pushElement(c, into: accumulator)
            self.builder.jump(to: join, span: c.body.span)
            self.enter(join)
        }
    }

    private func pushElement(_ c: Comprehension, into accumulator: Operand) {
        if c.flattens, case .generator(let inner) = c.body.kind {
            return pushLoops(inner, into: accumulator, c.body.span)
        }
        _ = call("push!", [accumulator, lower(c.body)], c.body.span)
    }

    private func comprehensionScope(_ c: Comprehension) -> [Expr] {
        [c.body] + (c.filter.map { [$0] } ?? [])
    }

    /// A comprehension is its own function in Julia: `break` inside it
    /// cannot reach an enclosing loop.
    private func withLoopsHidden(_ body: () -> Void) {
        let saved = loops
        loops = []
        body()
        loops = saved
    }

    // MARK: Structs

    func lowerStruct(_ def: StructDefinition) -> Operand {
        guard isTopLevel && !insideHardScope else {
            error("\"struct\" expression not at top level", def.span)
            return Self.nothingValue
        }
        let supertype = def.supertype.map { lowerType($0, whereNames: []) } ?? .global("Any")
        let types = def.fields.map { f in f.type.map { lowerType($0, whereNames: []) } ?? .global("Any") }
        builder.emitEffect(.defineStruct(name: def.name, isMutable: def.isMutable, fieldNames: def.fields.map { $0.name },
                                         fieldTypes: types, supertype: supertype), span: def.span)
        let saved = structName
        structName = def.name
        for ctor in def.constructors {
            guard case .function(let name, let sig, let body) = ctor.kind else {
                error("unsupported statement in struct definition", ctor.span)
                continue
            }
            defineMethods(strippedName(name), sig, body, ctor.span)
        }
        structName = saved
        return Self.nothingValue
    }
}
