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
        var pop = Rule(reads: [0]) { b, ȳ, x, _ in [b.call(MutationRules.unpop, [x[0], ȳ])] }
        pop.mutates = true
        t[RuleKey("pop!", 1)] = pop
        var append = Rule(reads: [0, 1]) { b, _, x, _ in [nil, b.call(MutationRules.unappend, [x[0], x[1]])] }
        append.mutates = true
        t[RuleKey("append!", 2)] = append
        t.merge(shadowRules) { a, _ in a }
        return t
    }()

    /// Nested AD through loops: the adjoint of recorded values reads the
    /// tape's shadow (`tape_add!` then `tape_take!`); one level up, those
    /// slots have shadows of their own, keyed `(:d, key)`, to any depth. A
    /// slot is the sum of what was added, so each addition's gradient is
    /// the slot's gradient (read, not taken).
    private static let shadowRules: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        func up(_ b: AdjointEmitter, _ key: Operand) -> Operand {
            b.call("Core.tuple", [.constant(.symbol("d")), key])
        }
        t[RuleKey(Helper.tapeTake, 2)] = Rule(reads: [0, 1]) { b, ȳ, x, _ in
            [nil, b.call(MutationRules.slotAdd, [x[0], up(b, x[1]), ȳ])]
        }
        var add = Rule(reads: [0, 1, 2]) { b, _, x, _ in
            [nil, nil, nil, b.call(MutationRules.slotPeek, [x[0], up(b, b.call("-", [x[1], x[2]]))])]
        }
        add.mutates = true
        t[RuleKey(Helper.tapeAdd, 4)] = add
        var slotAdd = Rule(reads: [0, 1]) { b, _, x, _ in
            [nil, nil, b.call(MutationRules.slotPeek, [x[0], up(b, x[1])])]
        }
        slotAdd.mutates = true
        t[RuleKey(MutationRules.slotAdd, 3)] = slotAdd
        t[RuleKey(MutationRules.slotPeek, 2)] = Rule(reads: [0, 1]) { b, ȳ, x, _ in
            [nil, b.call(MutationRules.slotAdd, [x[0], up(b, x[1]), ȳ])]
        }
        t.merge(nestedShadowRules) { a, _ in a }
        t[RuleKey(Shadows.trackName, 1)] = Rule(reads: []) { _, _, _, _ in [nil] }
        t[RuleKey(Shadows.frameName, 0)] = Rule(reads: []) { _, _, _, _ in [] }
        t[RuleKey(Shadows.enterName, 2)] = Rule(reads: []) { _, _, _, _ in [nil, nil] }
        return t
    }()
}

/// The shadow operations of adjoint code, differentiated again (nested AD
/// through writes; runtime side in `API/MutationNesting.swift`): for values
/// that are not tracked objects they are the identity, `accum` or an
/// ordinary one-hot gradient.
extension Rules {
    private static let nestedShadowRules: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        typealias N = MutationNesting
        var settle = Rule(reads: [0, 1], result: true) { b, ȳ, x, y in [nil, b.call(N.unsettle, [x[0], x[1], y, ȳ])] }
        settle.mutates = true
        t[RuleKey(Shadows.settleName, 2)] = settle
        var settleLocal = Rule(reads: [1, 2], result: true) { b, ȳ, x, y in
            [nil, nil, b.call(N.unsettle, [x[1], x[2], y, ȳ])]
        }
        settleLocal.mutates = true
        t[RuleKey(Shadows.settleLocalName, 3)] = settleLocal
        // Additions into slots matter even when the result is unused.
        var deposit = Rule(reads: [0, 1, 2], result: true) { b, ȳ, x, y in
            [nil, b.call(N.depositBack, [x[0], x[1], x[2], y, ȳ]), ȳ]
        }
        deposit.mutates = true
        t[RuleKey(Shadows.depositName, 3)] = deposit
        var depositUnless = Rule(reads: [0, 1, 2], result: true) { b, ȳ, x, y in
            [nil, nil, b.call(N.depositUnlessBack, [x[0], x[1], x[2], y, ȳ])]
        }
        depositUnless.mutates = true
        t[RuleKey(Shadows.depositUnlessName, 3)] = depositUnless
        // Writes took the slots: their gradients one level up are set.
        var take = Rule(reads: [0, 1]) { b, ȳ, x, _ in
            _ = b.call(N.untake, [x[0], x[1], ȳ])
            return [nil, nil]
        }
        take.mutates = true
        t[RuleKey(Helper.take, 2)] = take
        var write = Rule(reads: [0, 2]) { b, ȳ, x, _ in
            _ = b.call(N.untake, [x[0], x[2], ȳ])
            return [nil, nil, nil]
        }
        write.mutates = true
        t[RuleKey(MutationRules.write, 3)] = write
        var broadcastSet = Rule(reads: [0, 2]) { b, ȳ, x, _ in
            _ = b.call(N.unbroadcastSet, [x[0], x[2], ȳ])
            return [nil, nil, nil]
        }
        broadcastSet.mutates = true
        t[RuleKey(MutationRules.broadcastSet, 3)] = broadcastSet
        // Reads added to the slots, or built an ordinary one-hot gradient.
        var read = Rule(reads: [0, 1, 2], result: true) { b, ȳ, x, y in
            [nil, b.call(N.readBack, [x[0], x[1], x[2], y, ȳ]), nil]
        }
        read.mutates = true
        t[RuleKey(Helper.indexRead, 3)] = read
        t[RuleKey(MutationRules.read, 3)] = read
        var field = Rule(reads: [0, 1, 2], result: true) { b, ȳ, x, y in
            [nil, nil, b.call(N.fieldBack, [x[0], x[1], x[2], y, ȳ])]
        }
        field.mutates = true
        t[RuleKey(Helper.fieldRead, 3)] = field
        return t
    }()
}

enum MutationRules {
    static let broadcastSet = "Core.∂broadcast_set!"
    static let read = "Core.∂index_read!"
    static let write = "Core.∂index_write!"
    static let unpop = "Core.∂unpop!"
    static let unappend = "Core.∂unappend!"
    static let slotAdd = "Core.∂slot_add!"
    static let slotPeek = "Core.∂slot_peek!"
}
