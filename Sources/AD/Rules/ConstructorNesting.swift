import Zy

/// Constructors whose gradients come out of a shadow (`Dict(k => v, …)`,
/// mutable structs) differentiated again (nested AD). Their pullbacks take
/// each slot (`__ad_dict_grads`, `__ad_mutable_fields`); reversed one
/// level up, as a take is, each sets the slot's cell to its gradient
/// (`Tape/MutationRules+Nesting.swift`).
extension Helper {
    static let dictGradsBack = "Core.∂dict_grads_back!"
    static let mutableFieldsBack = "Core.∂mutable_fields_back!"
    /// `spread`'s inverse: the trailing gradients regrouped into one tuple.
    static let unspread = "Core.∂unspread"
}

extension Rules {
    static let constructorNesting: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        // z = (nothing, (first = nothing, second = take(d, kᵢ))…)
        var dict = Rule(reads: [0, 1]) { b, z̄, x, _ in
            _ = b.call(Helper.dictGradsBack, [x[0], x[1], z̄])
            return [nil, nil]
        }
        dict.mutates = true
        t[RuleKey("__ad_dict_grads", 2)] = dict
        // z = (nothing, take(m, fᵢ) + Δ.fᵢ…): Δ̄ = z̄'s tail by name
        var fields = Rule(reads: [0, 1]) { b, z̄, x, _ in
            _ = b.call(Helper.mutableFieldsBack, [x[0], z̄])
            return [nil, b.call(Helper.refields, [x[1], z̄]), nil]
        }
        fields.mutates = true
        t[RuleKey("__ad_mutable_fields", 3)] = fields
        // A varargs method's gradient spread over its arguments, and back:
        // each the other's adjoint (both only move entries).
        t[RuleKey(Helper.spread, 2)] = Rule(reads: [1]) { b, z̄, x, _ in [b.call(Helper.unspread, [z̄, x[1]]), nil] }
        t[RuleKey(Helper.unspread, 2)] = Rule(reads: [1]) { b, z̄, x, _ in [b.call(Helper.spread, [z̄, x[1]]), nil] }
        return t
    }()
}

extension ADRuntime {
    func installConstructorNesting() {
        let set = MutationNesting.set
        globals.defineBuiltin(Helper.unspread, [.any, .any]) { _, a, _ in
            guard case .tuple(let z̄) = a[0], case .tuple(let xs) = a[1], z̄.count >= xs.count else { return a[0] }
            let m = z̄.count - xs.count
            return .tuple(Array(z̄.prefix(m)) + [.tuple(Array(z̄.dropFirst(m)))])
        }
        globals.defineBuiltin(Helper.dictGradsBack, [.any, .any, .any]) { [self] _, a, _ in
            guard case .tuple(let pairs) = a[1], case .tuple(let z̄) = a[2] else { return .nothing }
            for (i, p) in pairs.enumerated() where i + 1 < z̄.count {
                guard case .pair(let k, _) = p, case .namedTuple(let nt) = z̄[i + 1],
                      let s = nt.names.firstIndex(of: .named("second")) else { continue }
                _ = try call(set, [a[0], k, nt.values[s], .bool(true), .int(1)])
            }
            return .nothing
        }
        globals.defineBuiltin(Helper.mutableFieldsBack, [.any, .any]) { [self] _, a, _ in
            guard case .structValue(let m) = a[0], case .tuple(let z̄) = a[1] else { return .nothing }
            for (i, name) in m.type.fieldNames.enumerated() where i + 1 < z̄.count {
                if case .nothing = z̄[i + 1] { continue }
                _ = try call(set, [a[0], .symbol(name), z̄[i + 1], .bool(true), .int(1)])
            }
            return .nothing
        }
    }
}
