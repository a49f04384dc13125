import Zy

/// `Core._pullback(f, args…)` → `(y, back)`, `back(ȳ)` → `(f̄, ārgs…)`.
/// Tried in order: a custom `@adjoint` method that matches; the transform
/// of the IR `f(args…)` runs (a Zy method or closure, a built-in primitive's
/// wrapper, `gradient`'s differentiable definition, or — nested AD — the
/// forward IR of an inner `_pullback`); a struct constructor; last, a
/// built-in without a rule, whose pullback fails only if a gradient
/// reaches it.
extension ADRuntime {
    func installPullback() {
        globals.defineBuiltin(Helper.pullback, [.any], varargs: true) { [self] _, args, kw in
            guard let f = args.first else { return .nothing }
            return try pullback(f, Array(args.dropFirst()), keywords: kw)
        }
        globals["__ad_pullback"] = globals[Helper.pullback]
        // `_pullback` of a user's pullback (a backward pass run by nested
        // AD) gets fresh shadows, as `__ad_backward` itself does, tracking
        // the global arrays the running forward passes wrote.
        globals.defineBuiltin(ADRuntime.pullbackFresh, [.any], varargs: true) { [self] _, args, kw in
            guard let f = args.first else { return .nothing }
            return try inFreshShadows { try pullback(f, Array(args.dropFirst()), keywords: kw) }
        }
    }

    /// `body` on a fresh shadow table that tracks the global arrays the
    /// running forward passes wrote (one function stores, another reads).
    func inFreshShadows<T>(_ body: () throws -> T) throws -> T {
        try inFreshShadows(tracking: [], body).0
    }

    /// The same, also tracking `objects`; the table as it is after `body`.
    func inFreshShadows<T>(tracking objects: [Value], _ body: () throws -> T)
        throws -> (T, [ObjectIdentifier: Shadows.Entry]) {
        let tracked = writtenGlobals.inFlight + objects
        shadows.push()
        let result: T
        do {
            for o in tracked { shadows.track(o) }
            result = try body()
        } catch {
            _ = shadows.pop()
            throw error
        }
        return (result, shadows.pop())
    }

    static let pullbackFresh = "__ad_pullback_fresh"

    var pullbackFunction: GenericFunction? {
        if case .function(let g)? = pullbackBinding.value { return g }
        return nil
    }

    /// `__ad_pullback_fresh`: `_pullback` in fresh shadows (a nested
    /// gradient's backward pass, differentiated again).
    var freshPullbackFunction: GenericFunction? {
        if case .function(let g)? = globals[ADRuntime.pullbackFresh] { return g }
        return nil
    }

    func pullback(_ f: Value, _ args: [Value], keywords: [(Symbol, Value)] = []) throws -> Value {
        if case .function(let g) = f, g === pullbackFunction, let inner = args.first {
            return try nestedPullback(inner, Array(args.dropFirst()), keywords)
        }
        if case .function(let g) = f, case .function(let fresh)? = globals[ADRuntime.pullbackFresh], g === fresh,
           let inner = args.first {
            return try inFreshShadows { try nestedPullback(inner, Array(args.dropFirst()), keywords) }
        }
        if case .function(let g) = f, let custom = customRule(g, args) {
            let pair = try interpreter.call(.function(custom), args, keywords: keywords)
            guard case .tuple(let items) = pair, items.count == 2 else {
                throw Exceptions.error("\(ADRuntime.describeRule(.function(custom), args)) must return a pair "
                    + "(y, pullback); got \(Show.repr(pair))")
            }
            // Checked: a pullback returning gradients of the wrong shape is
            // reported naming the rule.
            return .tuple([items[0], try call("__ad_checked_back", [items[1], .tuple(args), .function(custom)])])
        }
        // sign, comparisons, sizes…: no gradient flows (sign.(x) too)
        if case .function(let g) = f, Rules.nonDifferentiable.contains(g.name), customRule(g, args) == nil {
            return .tuple([try interpreter.call(f, args, keywords: keywords), try global("__ad_zero_back")])
        }
        if case .function(let g) = f, g.name == "broadcast" || g.name == "map", args.count >= 2, keywords.isEmpty,
           let r = try elementwisePullback(args[0], Array(args.dropFirst())) {
            return r
        }
        if let (ir, selfValue) = try resolve(f, args, keywords) {
            let t = try transformer.transform(ir)
            return try interpreter.invoke(t.forward, selfValue: selfValue, arguments: args, keywords: keywords)
        }
        if case .structValue(let s) = f, s.type.name == "ComposedFunction" {
            guard case .tuple(let pair) = try pullback(try global("__ad_composed"), [f] + args, keywords: keywords),
                  pair.count == 2 else { throw InternalError("_pullback returned a non-pair") }
            return .tuple([pair[0], try call("__ad_tail_back", [pair[1]])])
        }
        let y = try interpreter.call(f, args, keywords: keywords)
        if case .dict = y, case .type = f {
            return .tuple([y, try call("__ad_dict_back", [y, .tuple(args)])])
        }
        if case .type(.structType(let t)) = f {
            // A mutable struct's field reads added to its shadow.
            if t.type.isMutable { return .tuple([y, try call("__ad_mutable_construct_back", [y, .int(args.count)])]) }
            return .tuple([y, try call("__ad_construct_back", [.int(args.count)])])
        }
        return .tuple([y, try call("__ad_no_rule_back", [f, .tuple(args)])])
    }

    /// The pullback of `_pullback(g, args…)` itself: the forward IR of `g`
    /// is ordinary IR, so it is transformed once more. The result's pullback
    /// gets a leading `nothing` for `_pullback`.
    private func nestedPullback(_ g: Value, _ args: [Value], _ keywords: [(Symbol, Value)]) throws -> Value {
        if let call = try forwardCall(g, args, keywords), let f = call.first {
            return try pullback(f, Array(call.dropFirst()), keywords: keywords)
        }
        guard let (ir, selfValue) = try resolve(g, args, keywords) else {
            if ADRuntime.isInternalName(ADRuntime.describe(g)) { throw Exceptions.error(ADRuntime.noRuleMessage(g, args)) }
            throw Exceptions.error("no derivative rule for \(ADRuntime.signature(g, args)), "
                + "whose pullback a nested gradient differentiates")
        }
        let forward = try transformer.transform(ir).forward
        let t = try transformer.transform(forward)
        let r = try interpreter.invoke(t.forward, selfValue: selfValue, arguments: args, keywords: keywords)
        guard case .tuple(let pair) = r, pair.count == 2 else { throw InternalError("forward IR returned a non-pair") }
        return .tuple([pair[0], try call("__ad_custom_back", [pair[1]])])
    }

    /// What `_pullback(g, args…)` runs when g has no IR of its own, as a
    /// call of differentiable Zy code whose gradient has `_pullback`'s
    /// shape (nothing, ḡ, ārgs…): a custom rule's `__ad_custom_forwardK(rule,
    /// args…)`, a constructor's or a built-in's forward definition (its
    /// pullback errors only if a gradient reaches it). For
    /// `_pullback(_pullback, h, a…)` (a third order and up), `_pullback` of
    /// h's call, whose gradients line up the same way.
    private func forwardCall(_ g: Value, _ args: [Value], _ keywords: [(Symbol, Value)]) throws -> [Value]? {
        if case .function(let gf) = g, let custom = customRule(gf, args) {
            return [try global("__ad_custom_forward\(args.count)"), .function(custom)] + args
        }
        guard keywords.isEmpty else { return nil }
        switch g {
        case .function(let gf) where gf === pullbackFunction || gf === freshPullbackFunction:
            guard let h = args.first, let inner = try forwardCall(h, Array(args.dropFirst()), keywords) else { return nil }
            return [g] + inner
        case .function(let gf) where Rules.nonDifferentiable.contains(gf.name):
            return [try global("__ad_zero_forward"), g] + args
        case .function:
            return try resolve(g, args, keywords) == nil ? [try global("__ad_no_rule_forward"), g] + args : nil
        case .type(.structType(let t)):
            return [try global(t.type.isMutable ? "__ad_mutable_construct_forward" : "__ad_construct_forward"), g] + args
        case .type(.dict):
            return [try global("__ad_dict_forward"), g] + args
        case .structValue(let s) where s.type.name == "ComposedFunction":
            return [try global("__ad_composed_forward"), g] + args
        case .type:
            // Float64(x), Int(x): conversions pass the gradient through
            return [try global("__ad_no_rule_forward"), g] + args
        default:
            return nil
        }
    }

    func global(_ name: String) throws -> Value {
        guard let v = globals[name] else { throw Exceptions.undefVarError(name) }
        return v
    }

    /// The IR that calling `f(args…)` runs, with the value its `%1` holds.
    func resolve(_ f: Value, _ args: [Value], _ keywords: [(Symbol, Value)]) throws -> (IRFunction, Value)? {
        switch f {
        case .closure(let c):
            return (c.body, f)
        case .structValue(let s) where s.type.callMethods != nil:
            // `(m::T)(x) = …` runs with the object as `%1`, as a closure
            // does: the gradient of `%1` is the object's (its fields').
            guard let g = s.type.callMethods, case .method(let m) = Dispatcher.select(g, args) else {
                throw Exceptions.methodError(f, args)
            }
            guard case .ir(let ir) = m.body else { return nil }
            return (ir, f)
        case .function(let g):
            if g === pullbackFunction || g === freshPullbackFunction, let inner = args.first {
                // `_pullback(h, rest…)` runs h's forward IR with h as `%1`;
                // seen from `_pullback`'s arguments that IR takes one more
                // leading argument.
                guard let (ir, _) = try resolve(inner, Array(args.dropFirst()), keywords) else { return nil }
                return (try transformer.shifted(transformer.transform(ir).forward), f)
            }
            guard case .method(let m) = Dispatcher.select(g, args) else { throw Exceptions.methodError(f, args) }
            switch m.body {
            case .ir(let ir):
                return (ir, f)
            case .builtin:
                let definitions = ["gradient": "__ad_gradient\(args.count - 1)", "sum": "__ad_sum\(args.count)",
                                   "foldl": "__ad_foldl\(args.count)", "reduce": "__ad_foldl\(args.count)",
                                   "map!": "__ad_map_into\(args.count)", "get!": "__ad_get_or_set\(args.count)",
                                   "|>": "__ad_pipe\(args.count)", "+": "__ad_plus\(args.count)",
                                   "*": "__ad_times\(args.count)", "pullback": "__ad_pullback_api\(args.count - 1)",
                                   "J": "__ad_pullback_api\(args.count - 1)"]
                // a call with keywords runs the `…_kw` definition, which takes them
                let name = (definitions[g.name] ?? "__ad_\(g.name)\(args.count)") + (keywords.isEmpty ? "" : "_kw")
                if case .function(let d)? = globals[name],
                   case .method(let dm) = Dispatcher.select(d, args), case .ir(let ir) = dm.body {
                    return (ir, .function(d))
                }
                if keywords.isEmpty, let wrapper = primitiveWrapper(g.name, arity: args.count) {
                    return (wrapper, f)
                }
                return nil
            }
        default:
            return nil
        }
    }

    /// The `@adjoint` method for `g(args…)`, if one applies.
    func customRule(_ g: GenericFunction, _ args: [Value]) -> GenericFunction? {
        let key = ObjectIdentifier(g)
        let binding: GlobalBinding
        if let cached = customRuleBindings[key] {
            binding = cached.binding
        } else {
            binding = globals.binding(Transformer.adjointName(g.name))
            customRuleBindings[key] = (g, binding)
        }
        guard case .function(let table)? = binding.value, !table.methods.isEmpty,
              case .method = Dispatcher.select(table, args) else { return nil }
        return table
    }

    /// `(%1, %2…) → name(%2…)`, transformed with the inline rule of `name`.
    func primitiveWrapper(_ name: String, arity: Int) -> IRFunction? {
        let key = RuleKey(name, arity)
        if let w = primitiveWrappers[key] { return w }
        guard Rules.ruleForCall(name, arity: arity) != nil else { return nil }
        let params = (0..<arity).map { "x\($0 + 1)" }
        let args = (0..<arity).map { CallArgument.positional(.variable($0 + 2)) }
        let result = arity + 2
        let block = Block(id: 1, arguments: Array(1...(arity + 1)),
                          statements: [Statement(result: result, .call(.global(name), args), span: .unknown)],
                          branches: [Branch(.ret(.variable(result)), span: .unknown)])
        let ir = IRFunction(name: name, parameterNames: params, blocks: [block], isInternal: true)
        transformer.forceInline.insert(ObjectIdentifier(ir))
        primitiveWrappers[key] = ir
        return ir
    }
}
