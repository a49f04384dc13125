import Zy

/// Constructors whose gradients come out of a shadow (`Dict(k => v, …)`,
/// mutable structs) differentiated again (nested AD). Their pullbacks take
/// each slot (`__ad_dict_grads`, `__ad_mutable_fields`); reversed one
/// level up, as a take is, each sets the slot's cell to its gradient
/// (`Tape/MutationRules+Nesting.swift`).
extension Helper {
    /// A constructor's slots L levels up: `dictSet(d, pairs, z̄, L)` sets
    /// each key's cell to z̄'s value gradient, `dictTake(d, pairs, L)` takes
    /// them back as a gradient shaped like `__ad_dict_grads`' result (the
    /// same at L = 0); `fieldsSet(m, z̄, L)` / `fieldsTake(m, L)` likewise
    /// for a mutable struct's fields. Each is reversed by its partner one
    /// level up, as the cell operations are.
    static let dictSet = "Core.∂dict_cells_set!"
    static let dictTake = "Core.∂dict_cells_take!"
    static let fieldsSet = "Core.∂fields_cells_set!"
    static let fieldsTake = "Core.∂fields_cells_take!"
    /// `refields`' inverse: a NamedTuple's (or tuple's) values as a
    /// constructor pullback's tuple `(nothing, values…)`.
    static let unfields = "Core.∂unfields"
    /// `spread`'s inverse: the trailing gradients regrouped into one tuple.
    static let unspread = "Core.∂unspread"
    /// `spread(g, xs, kw̄)` reversed: unspread without the last entry; the
    /// last entry; and a tuple like the second argument holding the first last.
    static let unspreadKeywords = "Core.∂unspread_kw"
    static let lastGradient = "Core.∂last"
    static let unlastGradient = "Core.∂unlast"
    /// `unsplat`'s inverse: per-argument gradients flattened back to one
    /// gradient per value the call received (splats spread out).
    static let resplat = "Core.∂resplat"
}

extension Rules {
    static let constructorNesting: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        let one = Operand.constant(.int(1))
        func next(_ b: AdjointEmitter, _ level: Operand) -> Operand { b.call("+", [level, one]) }
        func mutating(_ r: Rule) -> Rule { var r = r; r.mutates = true; return r }
        // z = (nothing, (first = nothing, second = take(d, kᵢ))…)
        t[RuleKey("__ad_dict_grads", 2)] = mutating(Rule(reads: [0, 1]) { b, z̄, x, _ in
            _ = b.call(Helper.dictSet, [x[0], x[1], z̄, one])
            return [nil, nil]
        })
        t[RuleKey(Helper.dictSet, 4)] = mutating(Rule(reads: [0, 1, 3]) { b, _, x, _ in
            [nil, nil, b.call(Helper.dictTake, [x[0], x[1], next(b, x[3])]), nil]
        })
        t[RuleKey(Helper.dictTake, 3)] = mutating(Rule(reads: [0, 1, 2]) { b, z̄, x, _ in
            _ = b.call(Helper.dictSet, [x[0], x[1], z̄, next(b, x[2])])
            return [nil, nil, nil]
        })
        // z = (nothing, take(m, fᵢ) + Δ.fᵢ…): Δ̄ = z̄'s tail by name
        t[RuleKey("__ad_mutable_fields", 3)] = mutating(Rule(reads: [0, 1]) { b, z̄, x, _ in
            _ = b.call(Helper.fieldsSet, [x[0], z̄, one])
            return [nil, b.call(Helper.refields, [x[1], z̄]), nil]
        })
        t[RuleKey(Helper.fieldsSet, 3)] = mutating(Rule(reads: [0, 2]) { b, _, x, _ in
            [nil, b.call(Helper.fieldsTake, [x[0], next(b, x[2])]), nil]
        })
        t[RuleKey(Helper.fieldsTake, 2)] = mutating(Rule(reads: [0, 1]) { b, z̄, x, _ in
            _ = b.call(Helper.fieldsSet, [x[0], z̄, next(b, x[1])])
            return [nil, nil]
        })
        // refields(Δ, z̄) and unfields(ȳ) only move entries.
        t[RuleKey(Helper.refields, 2)] = Rule(reads: []) { b, z̄, _, _ in [nil, b.call(Helper.unfields, [z̄])] }
        t[RuleKey(Helper.unfields, 1)] = Rule(reads: [0]) { b, z̄, x, _ in [b.call(Helper.refields, [x[0], z̄])] }
        // A varargs method's gradient spread over its arguments, and back:
        // each the other's adjoint (both only move entries).
        t[RuleKey(Helper.spread, 2)] = Rule(reads: [1]) { b, z̄, x, _ in [b.call(Helper.unspread, [z̄, x[1]]), nil] }
        t[RuleKey(Helper.unspread, 2)] = Rule(reads: [1]) { b, z̄, x, _ in [b.call(Helper.spread, [z̄, x[1]]), nil] }
        // (a keyword method's: the keywords' gradient rides last)
        t[RuleKey(Helper.spread, 3)] = Rule(reads: [1]) { b, z̄, x, _ in
            [b.call(Helper.unspreadKeywords, [z̄, x[1]]), nil, b.call(Helper.lastGradient, [z̄])]
        }
        t[RuleKey(Helper.unspreadKeywords, 2)] = Rule(reads: [1]) { b, z̄, x, _ in
            [b.call(Helper.spread, [z̄, x[1], .constant(.nothing)]), nil]
        }
        t[RuleKey(Helper.lastGradient, 1)] = Rule(reads: [0]) { b, z̄, x, _ in [b.call(Helper.unlastGradient, [z̄, x[0]])] }
        t[RuleKey(Helper.unlastGradient, 2)] = Rule(reads: []) { b, z̄, _, _ in [b.call(Helper.lastGradient, [z̄]), nil] }
        // A call with splats: its gradients regrouped per argument, and
        // back (`unsplat(g, pattern, values…)`; both only move entries).
        for arity in 2...(Helper.maxSplatArity + 2) {
            for (name, inverse) in [(Helper.unsplat, Helper.resplat), (Helper.resplat, Helper.unsplat)] {
                t[RuleKey(name, arity)] = Rule(reads: Array(1..<arity)) { b, z̄, x, _ in
                    [b.call(inverse, [z̄] + x.dropFirst())] + Array(repeating: nil, count: arity - 1)
                }
            }
        }
        return t
    }()
}

extension ADRuntime {
    func installConstructorNesting() {
        let on = Value.bool(true)
        globals.defineBuiltin(Helper.unspread, [.any, .any]) { _, a, _ in
            guard case .tuple(let z̄) = a[0], case .tuple(let xs) = a[1], z̄.count >= xs.count else { return a[0] }
            let m = z̄.count - xs.count
            return .tuple(Array(z̄.prefix(m)) + [.tuple(Array(z̄.dropFirst(m)))])
        }
        globals.defineBuiltin(Helper.unspreadKeywords, [.any, .any]) { [self] _, a, _ in
            guard case .tuple(let z̄) = a[0], !z̄.isEmpty else { return a[0] }
            return try call(Helper.unspread, [.tuple(Array(z̄.dropLast())), a[1]])
        }
        globals.defineBuiltin(Helper.lastGradient, [.any]) { _, a, _ in
            guard case .tuple(let z̄) = a[0] else { return .nothing }
            return z̄.last ?? .nothing
        }
        globals.defineBuiltin(Helper.unlastGradient, [.any, .any]) { _, a, _ in
            guard case .tuple(let like) = a[1], !like.isEmpty, !a[0].isNothing else { return .nothing }
            return .tuple(Array(repeating: .nothing, count: like.count - 1) + [a[0]])
        }
        globals.defineBuiltin(Helper.resplat, [.any, .any], varargs: true) { [self] _, a, _ in
            try resplat(a)
        }
        globals.defineBuiltin(Helper.unfields, [.any]) { _, a, _ in
            switch a[0] {
            case .namedTuple(let nt): return .tuple([.nothing] + nt.values)
            case .tuple(let xs): return .tuple([.nothing] + xs)
            default: return .nothing
            }
        }
        globals.defineBuiltin(Helper.dictSet, [.any, .any, .any, .any]) { [self] _, a, _ in
            guard case .tuple(let pairs) = a[1] else { return .nothing }
            let z̄: [Value]
            if case .tuple(let t) = a[2] { z̄ = t } else { z̄ = [] }
            for (i, p) in pairs.enumerated() {
                guard case .pair(let k, _) = p else { continue }
                var v: Value = .nothing
                if i + 1 < z̄.count, case .namedTuple(let nt) = z̄[i + 1], let s = nt.names.firstIndex(of: .named("second")) {
                    v = nt.values[s]
                }
                _ = try call(MutationNesting.set, [a[0], k, v, on, a[3]])
            }
            return .nothing
        }
        globals.defineBuiltin(Helper.dictTake, [.any, .any, .any]) { [self] _, a, _ in
            guard case .tuple(let pairs) = a[1] else { return .nothing }
            let grads = try pairs.map { p -> Value in
                guard case .pair(let k, _) = p else { return .nothing }
                let v = try call(MutationNesting.take, [a[0], k, .nothing, on, a[2]])
                if case .nothing = v { return .nothing }
                return .namedTuple(NamedTupleValue(names: [.named("first"), .named("second")], values: [.nothing, v]))
            }
            return .tuple([.nothing] + grads)
        }
        globals.defineBuiltin(Helper.fieldsSet, [.any, .any, .any]) { [self] _, a, _ in
            guard case .structValue(let m) = a[0] else { return .nothing }
            let z̄: [Value]
            if case .tuple(let t) = a[1] { z̄ = t } else { z̄ = [] }
            for (i, name) in m.type.fieldNames.enumerated() {
                _ = try call(MutationNesting.set, [a[0], .symbol(name), i + 1 < z̄.count ? z̄[i + 1] : .nothing, on, a[2]])
            }
            return .nothing
        }
        globals.defineBuiltin(Helper.fieldsTake, [.any, .any]) { [self] _, a, _ in
            guard case .structValue(let m) = a[0] else { return .nothing }
            let grads = try m.type.fieldNames.map { name in
                try call(MutationNesting.take, [a[0], .symbol(name), .nothing, on, a[1]])
            }
            return .tuple([.nothing] + grads)
        }
    }

    /// `resplat(ḡ, pattern, values…)`: ḡ holds (f̄, one gradient per
    /// argument); the result one per value, a splatted argument's tuple or
    /// array gradient spread over its `length` values.
    private func resplat(_ a: [Value]) throws -> Value {
        guard a.count >= 2, case .string(let pattern) = a[1] else { return .nothing }
        guard case .tuple(let gs) = a[0] else { return .nothing }
        var out: [Value] = [gs.first ?? .nothing]
        for (k, (kind, v)) in zip(pattern, a.dropFirst(2)).enumerated() {
            let g = k + 1 < gs.count ? gs[k + 1] : .nothing
            if kind == "p" {
                out.append(g)
                continue
            }
            guard case .int(let n) = try call("length", [v]) else { return .nothing }
            switch g {
            case .tuple(let parts) where parts.count == n: out += parts
            case .array(let arr) where arr.count == n: out += (0..<n).map { ADRuntime.element(arr, $0) }
            default: out += Array(repeating: .nothing, count: n)
            }
        }
        return .tuple(out)
    }
}
