import Zy

/// `Core._pullback(f, args…)` → `(y, back)`, `back(ȳ)` → `(f̄, ārgs…)`.
/// Tried in order: a custom `@adjoint` method that matches, the transform
/// of the Zy method `f(args…)` dispatches to, the inline rule of a built-in
/// primitive, a struct constructor, and last a built-in without a rule
/// (whose pullback fails only if a gradient reaches it).
extension ADRuntime {
    func installPullback() {
        globals.defineBuiltin(Helper.pullback, [.any], varargs: true) { [self] _, args, kw in
            guard let f = args.first else { return .nothing }
            return try pullback(f, Array(args.dropFirst()), keywords: kw)
        }
    }

    func pullback(_ f: Value, _ args: [Value], keywords: [(Symbol, Value)] = []) throws -> Value {
        if case .function(let g) = f, let custom = customRule(g, args) {
            let pair = try interpreter.call(.function(custom), args, keywords: keywords)
            guard case .tuple(let items) = pair, items.count == 2 else {
                throw Exceptions.error("@adjoint rule for `\(g.name)` must return (y, pullback), got \(Show.repr(pair))")
            }
            return .tuple([items[0], try call("__ad_custom_back", [items[1]])])
        }
        switch f {
        case .closure(let c):
            return try run(c.body, self: f, args, keywords)
        case .function(let g):
            guard case .method(let m) = Dispatcher.select(g, args) else { throw Exceptions.methodError(f, args) }
            switch m.body {
            case .ir(let ir):
                return try run(ir, self: f, args, keywords)
            case .builtin:
                if keywords.isEmpty, let wrapper = primitiveWrapper(g.name, arity: args.count) {
                    return try run(wrapper, self: f, args, [])
                }
            }
        case .type(.structType):
            let y = try interpreter.call(f, args, keywords: keywords)
            return .tuple([y, try call("__ad_construct_back", [.int(args.count)])])
        default:
            break
        }
        let y = try interpreter.call(f, args, keywords: keywords)
        return .tuple([y, try call("__ad_no_back", [f])])
    }

    private func run(_ ir: IRFunction, self selfValue: Value, _ args: [Value], _ keywords: [(Symbol, Value)]) throws -> Value {
        let t = try transformer.transform(ir)
        return try interpreter.invoke(t.forward, selfValue: selfValue, arguments: args, keywords: keywords)
    }

    /// The `@adjoint` method for `g(args…)`, if one applies.
    func customRule(_ g: GenericFunction, _ args: [Value]) -> GenericFunction? {
        guard case .function(let table)? = globals[Transformer.adjointName(g.name)], !table.methods.isEmpty,
              case .method = Dispatcher.select(table, args) else { return nil }
        return table
    }

    /// `(%1, %2…) → name(%2…)`, transformed with the inline rule of `name`.
    func primitiveWrapper(_ name: String, arity: Int) -> IRFunction? {
        let key = RuleKey(name, arity)
        if let w = primitiveWrappers[key] { return w }
        guard Rules.rule(name, arity: arity) != nil else { return nil }
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
