import Zy

/// Inline rules of the writes that change an array's length or write many
/// elements at once. Reversed last first: a shadow's reverse length
/// (`Shadows.top`) starts at the array's final length and moves back as
/// `push!`, `pop!` and `append!` are undone.
extension Rules {
    static let mutation: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        // A[i, j, k…] and A[i, j, k…] = v in three to seven dimensions
        // (ranges too); one and two indices are `Structural`'s.
        for arity in 4...8 {
            t[RuleKey("getindex", arity)] = Rule(reads: Array(0..<arity)) { b, ȳ, x, _ in
                let index = b.call("Core.tuple", Array(x[1...]))
                return [b.call(MutationRules.read, [x[0], ȳ, index])] + Array(repeating: nil, count: arity - 1)
            }
        }
        for arity in 5...8 {
            var r = Rule(reads: [0] + Array(2..<arity)) { b, _, x, _ in
                let index = b.call("Core.tuple", Array(x[2...]))
                return [nil, b.call(MutationRules.write, [x[0], x[1], index])] + Array(repeating: nil, count: arity - 2)
            }
            r.mutates = true
            t[RuleKey("setindex!", arity)] = r
        }
        // x[I…] .= v: v̄ is what the written slots held (summed when v is a number).
        for arity in 3...6 {
            var r = Rule(reads: Array(0..<arity)) { b, _, x, _ in
                [nil, b.call(MutationRules.broadcastSet, [x[0], x[1], b.call("Core.tuple", Array(x[2...]))])]
                    + Array(repeating: nil, count: arity - 2)
            }
            r.mutates = true
            t[RuleKey("Core.broadcast_setindex!", arity)] = r
        }
        // x .= e
        var assign = Rule(reads: [1, 2]) { b, _, x, _ in
            [nil, nil, b.call(MutationRules.broadcastSet, [x[1], x[2], b.call("Core.tuple", [])])]
        }
        assign.mutates = true
        t[RuleKey("broadcast!", 3)] = assign
        // Undone as cell operations at level 0, so nesting differentiates
        // them like any other (the slot is computed first).
        let on = Operand.constant(.bool(true)), zero = Operand.constant(.int(0))
        var pop = Rule(reads: [0]) { b, ȳ, x, _ in
            _ = b.call(MutationNesting.add, [x[0], b.call(MutationRules.unpopSlot, [x[0]]), ȳ, on, zero])
            return [nil]
        }
        pop.mutates = true
        t[RuleKey("pop!", 1)] = pop
        var append = Rule(reads: [0, 1]) { b, _, x, _ in
            [nil, b.call(MutationNesting.take, [x[0], b.call(MutationRules.unappendSlots, [x[0], x[1]]), x[1], on, zero])]
        }
        append.mutates = true
        t[RuleKey("append!", 2)] = append
        // T[a, b, …] (`Float64[]` then push!): elementwise, like [a, b, …].
        for arity in 1...26 {
            t[RuleKey("Core.typed_vect", arity)] = Rule(reads: []) { b, ȳ, _, _ in
                [nil] + (1..<arity).map { b.call(Helper.gradientAt, [ȳ, .constant(.int($0))]) }
            }
        }
        t.merge(shadowRules) { a, _ in a }
        return t
    }()

    /// Nested AD through loops: the adjoint of recorded values adds to the
    /// tape's shadow (`tape_add!`), the push's adjoint takes the slot
    /// (`tape_take!`); one level up these are cell operations on `(:d, n)`
    /// (`Tape/MutationRules+Nesting.swift`), closed to any depth. A take
    /// is reversed by a set, not an addition: what a later pass left in
    /// the same cell belongs to a value that no longer exists.
    private static let shadowRules: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        typealias N = MutationNesting
        let on = Operand.constant(.bool(true)), one = Operand.constant(.int(1))
        var take = Rule(reads: [0, 1]) { b, ȳ, x, _ in
            _ = b.call(N.set, [x[0], x[1], ȳ, on, one])
            return [nil, nil]
        }
        take.mutates = true
        t[RuleKey(Helper.tapeTake, 2)] = take
        var add = Rule(reads: [0, 1, 2, 3]) { b, _, x, _ in
            [nil, nil, nil, b.call(N.peek, [x[0], b.call("-", [x[1], x[2]]), x[3], on, one])]
        }
        add.mutates = true
        t[RuleKey(Helper.tapeAdd, 4)] = add
        t.merge(nestedShadowRules) { a, _ in a }
        t[RuleKey(Shadows.trackName, 1)] = Rule(reads: []) { _, _, _, _ in [nil] }
        t[RuleKey(Shadows.trackAllName, 1)] = Rule(reads: []) { _, _, _, _ in [nil] }
        // A global array's gradient is dropped (`Transform/GlobalArrays.swift`),
        // after the deposits into its shadow that compute it (kept alive by
        // the use: dead-code removal treats other helpers as pure).
        for name in [GlobalArrays.read, GlobalArrays.readWritten] {
            t[RuleKey(name, 1)] = Rule(reads: []) { b, ȳ, _, _ in
                _ = b.call(GlobalArrays.drop, [ȳ])
                return [nil]
            }
        }
        return t
    }()
}

enum MutationRules {
    /// push!(x, v) reversed: the slot it filled (x's reverse length, then
    /// one less), and that slot's gradient taken.
    static let popSlot = "Core.∂pop_slot!"
    static let popTake = "Core.∂pop_take!"
    static let broadcastSet = "Core.∂broadcast_set!"
    static let read = "Core.∂index_read!"
    static let write = "Core.∂index_write!"
    /// pop! undone: the slot it emptied (one past the reverse length).
    static let unpopSlot = "Core.∂unpop_slot!"
    /// append!(x, ys) undone: the slots ys filled, `(:span, first, last)`.
    static let unappendSlots = "Core.∂unappend_slots!"
}
