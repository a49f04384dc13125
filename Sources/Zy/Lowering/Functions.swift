import SourceMap

/// Function bodies, closures and method definitions.
extension FunctionLowerer {
    /// Lowers a function body in a fresh lowerer (a child of `parent` for
    /// closures), retrying with boxes for locals found maybe-undefined.
    static func lowerFunction(context: LoweringContext, parent: FunctionLowerer?, name: String,
                              signature: FunctionSignature, body: Expr, span: Span,
                              structName: String?, preamble: [Expr] = []) -> (function: IRFunction, captures: [String]) {
        let diagnosticCount = context.diagnostics.count
        let counter = context.lambdaCounter
        var forced: Set<String> = []
        while true {
            let fl = FunctionLowerer(context: context, parent: parent, isTopLevel: false, forcedBoxes: forced)
            fl.structName = structName ?? parent?.structName
            fl.lowerBody(signature, body, preamble: preamble)
            let params = signature.parameters.map { $0.name ?? "_" }
            let keywords = signature.keywordParameters.map { ($0.name ?? "_") + ($0.isVarargs ? "..." : "") }
            let isVarargs = signature.parameters.last?.isVarargs ?? false
            switch fl.finish(name: name, parameterNames: params, isVarargs: isVarargs, keywordNames: keywords, span: span) {
            case .success(let fn):
                fn.captureNames = fl.captureNames
                return (fn, fl.captureNames)
            case .failure(let needed):
                forced.formUnion(needed.names)
                context.diagnostics.removeSubrange(diagnosticCount...)
                context.lambdaCounter = counter
            }
        }
    }

    /// `preamble` runs before the keyword defaults (which may read it): the
    /// positional defaults of a shorter method.
    func lowerBody(_ signature: FunctionSignature, _ body: Expr, preamble: [Expr] = []) {
        var params: [(name: String, value: Operand?)] = []
        var patterns: [(pattern: Expr, value: Operand)] = []
        var positional: [Operand] = []
        for p in signature.parameters {
            let arg = builder.addArgument(to: 1)
            positional.append(.variable(arg))
            if let n = p.name {
                params.append((n, .variable(arg)))
                variableNames[arg] = n
            }
            if let pattern = p.pattern { patterns.append((pattern, .variable(arg))) }
            if p.defaultValue != nil && parent != nil {
                error("default values of closure parameters are not supported", p.span)
            }
        }
        // `((a, b), c) -> …`: the unpacked names are parameters too.
        for (pattern, value) in patterns { params += bindTarget(pattern, value) }
        // A call method's object is the function value `%1` itself.
        if let object = signature.callee?.name { params.insert((object, .variable(selfVariable)), at: 0) }
        let keywordArgument: Operand? = signature.keywordParameters.isEmpty ? nil : .variable(builder.addArgument(to: 1))
        let keywordLocals = signature.keywordParameters.compactMap { $0.name }.map { (name: $0, value: Operand?.none) }
        enterScope(hard: true, body: preamble + [body], newLocals: params + keywordLocals)
        for e in preamble { _ = lower(e, used: false) }
        if let keywordArgument {
            let named = signature.keywordParameters.filter { !$0.isVarargs }.compactMap { $0.name }
            if !signature.keywordParameters.contains(where: \.isVarargs) {
                checkKeywordNames(named, keywordArgument, positional,
                                  isVarargs: signature.parameters.last?.isVarargs ?? false)
            }
            for k in signature.keywordParameters { lowerKeyword(k, keywordArgument, named: named) }
        }
        let value = lower(body)
        builder.ret(value, span: lastStatementSpan(body))
        exitScope()
    }

    func lastStatementSpan(_ e: Expr) -> Span {
        if case .block(let es) = e.kind, let last = es.last { return lastStatementSpan(last) }
        return e.span
    }

    /// Julia rejects a keyword the method does not declare (unless it has
    /// `kw...`): `Core.check_kwnames(f, kw, (:a, …), varargs?, args…)` throws
    /// the `MethodError` "no method matching f(::Int64; b::Int64)".
    func checkKeywordNames(_ named: [String], _ keywords: Operand, _ positional: [Operand], isVarargs: Bool) {
        // No span of its own: Julia reports the error at the call, which the
        // caller's frame points at.
        let allowed = call("Core.tuple", named.map(symbol), .unknown)
        let operands = [.variable(selfVariable), keywords, allowed, .constant(.bool(isVarargs))] + positional
        _ = call("Core.check_kwnames", operands, .unknown)
    }

    /// Reads one keyword from the keyword NamedTuple, computing its default
    /// when the caller did not pass it. A keyword varargs parameter gets the
    /// keywords not `named` by the other keyword parameters.
    func lowerKeyword(_ k: Parameter, _ keywords: Operand, named: [String]) {
        guard let name = k.name else { return }
        if k.isVarargs {
            let rest = named.isEmpty ? keywords : call("Core.kwrest", [keywords] + named.map(symbol), k.span)
            return write(name, rest, k.span)
        }
        let has = call("Core.haskw", [keywords, symbol(name)], k.span)
        let present = builder.newBlock()
        let missing = builder.newBlock()
        let join = builder.newBlock()
        let value = newTemporary()
        builder.branchUnless(has, to: missing, span: k.span)
        builder.jump(to: present, span: k.span)
        enter(present)
        writeTemporary(value, call("getfield", [keywords, symbol(name)], k.span))
        builder.jump(to: join, span: k.span)
        enter(missing)
        if let d = k.defaultValue {
            writeTemporary(value, lower(d))
            builder.jump(to: join, span: k.span)
        } else {
            _ = call("Core.throw_undefkw", [symbol(name)], k.span)
            builder.unreachable(span: k.span)
        }
        enter(join)
        write(name, readTemporary(value), k.span)
    }

    func lowerLambda(_ signature: FunctionSignature, _ body: Expr, _ span: Span) -> Operand {
        context.lambdaCounter += 1
        return makeClosure(name: "#\(context.lambdaCounter)", signature, body, span)
    }

    /// Closure conversion: lower the body as a child function, then build
    /// the closure from the current values (or boxes) of what it captured.
    func makeClosure(name: String, _ signature: FunctionSignature, _ body: Expr, _ span: Span) -> Operand {
        let (fn, captures) = FunctionLowerer.lowerFunction(context: context, parent: self, name: name, signature: signature,
                                                           body: body, span: span, structName: nil)
        let ordered = captures.sorted { declarationOrder($0) < declarationOrder($1) }
        fn.captureNames = ordered
        let operands = ordered.map { captureOperand($0, span) }
        return .variable(builder.emit(.closure(fn, captures: operands), span: span))
    }

    /// Julia orders a closure's fields by the enclosing function's variable
    /// order: its own captures first, then its locals as declared.
    func declarationOrder(_ name: String) -> Int {
        switch resolveLocal(name) {
        case .local(let slot)?, .boxed(let slot)?: return slot
        case .captured?: return (captureNames.firstIndex(of: name) ?? 0) - captureNames.count - 1
        case .global?, nil: return Int.max
        }
    }

    func captureOperand(_ name: String, _ span: Span) -> Operand {
        switch resolveLocal(name) {
        case .local(let slot)?:
            let v = ssa.read(slot, in: current)
            return v == SSABuilder.undefined ? call("Core.undefvar", [symbol(name)], span) : v
        case .boxed(let slot)?: return ssa.read(slot, in: current)
        case .captured(let n, _)?: return capturedObject(n, span)
        case .global?, nil: return .global(name)
        }
    }

    /// `function f(…) … end` / `f(…) = …`: a method of a global generic
    /// function at top level, a local closure inside a function.
    func lowerFunctionDefinition(_ rawName: String, _ signature: FunctionSignature, _ body: Expr, _ span: Span) -> Operand {
        if signature.callee != nil { return lowerCallMethodDefinition(rawName, signature, body, span) }
        let name = strippedName(rawName)
        guard isTopLevel && !insideHardScope else {
            if signature.parameters.contains(where: { $0.defaultValue != nil }) {
                error("default values of local function parameters are not supported", span)
            }
            if !localFunctions.insert(localFunctionKey(name)).inserted {
                // A closure has one method: a second definition would
                // silently replace the first.
                error("local function \(name) has several methods; define it at top level", span)
            }
            let closure = makeClosure(name: name, signature, body, span)
            write(name, closure, span)
            return closure
        }
        defineMethods(name, signature, body, span)
        return .global(name)
    }

    /// `function f end`: binds the global `f` to a generic function without
    /// methods. A local one would be a closure with no method, which Zy's
    /// one-method closures cannot express.
    func lowerFunctionDeclaration(_ rawName: String, _ span: Span) -> Operand {
        let name = strippedName(rawName)
        guard isTopLevel && !insideHardScope else {
            error("\"function \(name) end\" is only supported at top level", span)
            return Self.nothingValue
        }
        return call("Core.declare_function", [symbol(name)], span)
    }

    /// Identifies the variable a local function definition assigns.
    func localFunctionKey(_ name: String) -> String {
        switch resolveLocal(name) {
        case .local(let slot)?, .boxed(let slot)?: return "\(slot)"
        case .captured(let n, _)?: return "captured " + n
        case .global(let g)?: return "global " + g
        case nil: return "global " + name
        }
    }

    /// One method per arity when trailing parameters have defaults; the
    /// shorter ones fill in the defaults and call the full one.
    func defineMethods(_ name: String, _ signature: FunctionSignature, _ body: Expr, _ span: Span) {
        guard let firstDefault = signature.parameters.firstIndex(where: { $0.defaultValue != nil }) else {
            return defineMethod(name, signature, body, span)
        }
        // The shorter methods pass every argument on, so unnamed ones
        // (`::T`, `(a, b)`) get hidden names.
        var signature = signature
        for i in signature.parameters.indices where signature.parameters[i].name == nil {
            signature.parameters[i].name = "#arg\(i + 1)"
        }
        let params = signature.parameters
        defineMethod(name, signature, body, span)
        for arity in firstDefault..<params.count {
            var defaults: [Expr] = []
            for p in params[arity...] {
                guard let n = p.name, let d = p.defaultValue else {
                    error("optional positional arguments must occur at end", p.span)
                    return
                }
                defaults.append(Expr(.assign(Expr(.identifier(n), p.span), d), p.span))
            }
            var args: [Argument] = params.map { p in
                let id = Expr(.identifier(p.name ?? "_"), p.span)
                return p.isVarargs ? .splat(id) : .positional(id)
            }
            args += signature.keywordParameters.compactMap { k in
                k.name.map { .keyword(k.isVarargs ? CallArgument.keywordSplatName : $0, Expr(.identifier($0), k.span)) }
            }
            // A call method's shorter methods call the object itself.
            let target = signature.callee?.name ?? name
            let call = Expr(.call(Expr(.identifier(target), span), args), span)
            var short = signature
            short.parameters = params[..<arity].map { p in
                var q = p
                q.defaultValue = nil
                q.pattern = nil  // only the full method unpacks
                return q
            }
            defineMethod(name, short, call, span, preamble: defaults)
        }
    }

    func defineMethod(_ name: String, _ signature: FunctionSignature, _ body: Expr, _ span: Span, preamble: [Expr] = []) {
        let parameters = (signature.callee.map { [$0] } ?? []) + signature.parameters
        let types = parameters.map { p -> Operand in
            guard let t = p.type else { return .global("Any") }
            return lowerType(t, whereNames: signature.whereNames)
        }
        let (fn, _) = FunctionLowerer.lowerFunction(context: context, parent: nil, name: name, signature: signature,
                                                    body: body, span: span, structName: structName, preamble: preamble)
        builder.emitEffect(.defineMethod(name: name, body: fn, signature: types), span: span)
    }
}

extension FunctionLowerer {
    /// `(m::Dense)(x) = …`: `defineMethod(name: "(::Dense)", body, [Dense,
    /// parameter types…])`. The object's type comes first in the signature;
    /// the body receives the object as `%1` (bound to `m`), the arguments
    /// after it, so calling the object runs the body as a closure's is run.
    func lowerCallMethodDefinition(_ name: String, _ signature: FunctionSignature, _ body: Expr, _ span: Span) -> Operand {
        guard isTopLevel && !insideHardScope else {
            error("global method definition \(name)(…) needs to be placed at the top level", span)
            return Self.nothingValue
        }
        var signature = signature
        // Shorter methods (defaults) call the object, so it needs a name.
        if signature.callee?.name == nil { signature.callee?.name = "#self" }
        defineMethods(name, signature, body, span)
        return Self.nothingValue
    }
}
