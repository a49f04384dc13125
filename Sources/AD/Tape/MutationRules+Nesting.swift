import Zy

/// The shadow operations of adjoint code, differentiated again (nested AD
/// through writes; runtime side in `API/MutationNesting.swift`).
///
/// One level up, a shadow slot's gradient is a cell of the same object's
/// shadow keyed `(:d, key)`; L levels up, `(:d, (:d, … key))`. Four cell
/// operations close under differentiation, each reversed by its partner
/// one level up: a peek by an addition, an addition by a peek, a take
/// (read and clear) by a set, a set by a take. Each carries `on`: whether
/// the inner operation went through the shadow at all (decided at run
/// time, read off its result), else it is a no-op and the ordinary
/// (dense) path, gated by `Core.∂unless`, carries the gradient.
extension Rules {
    static let nestedShadowRules: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        typealias N = MutationNesting
        func next(_ b: AdjointEmitter, _ level: Operand) -> Operand { b.call("+", [level, .constant(.int(1))]) }
        // The cells: (object, index, value or shape, on, level).
        t[RuleKey(N.peek, 5)] = Rule(reads: [0, 1, 3, 4]) { b, ȳ, x, _ in
            _ = b.call(N.add, [x[0], x[1], ȳ, x[3], next(b, x[4])])
            return [nil, nil, nil, nil, nil]
        }
        var add = Rule(reads: [0, 1, 2, 3, 4]) { b, _, x, _ in
            [nil, nil, b.call(N.peek, [x[0], x[1], x[2], x[3], next(b, x[4])]), nil, nil]
        }
        add.mutates = true
        t[RuleKey(N.add, 5)] = add
        var take = Rule(reads: [0, 1, 3, 4]) { b, ȳ, x, _ in
            _ = b.call(N.set, [x[0], x[1], ȳ, x[3], next(b, x[4])])
            return [nil, nil, nil, nil, nil]
        }
        take.mutates = true
        t[RuleKey(N.take, 5)] = take
        var set = Rule(reads: [0, 1, 2, 3, 4]) { b, _, x, _ in
            [nil, nil, b.call(N.take, [x[0], x[1], x[2], x[3], next(b, x[4])]), nil, nil]
        }
        set.mutates = true
        t[RuleKey(N.set, 5)] = set
        // Gates and tests: linear, or carrying no gradient.
        t[RuleKey(N.unless, 2)] = Rule(reads: [0]) { b, ȳ, x, _ in [nil, b.call(N.unless, [x[0], ȳ])] }
        for (name, arity) in [(N.viaShadow, 3), (N.deposited, 4), (N.densified, 3), (N.allSlots, 1)] {
            t[RuleKey(name, arity)] = Rule(reads: []) { _, _, _, _ in Array(repeating: nil, count: arity) }
        }
        t.merge(levelZero) { a, _ in a }
        return t
    }()

    /// The first-order shadow operations as cell operations one level up.
    private static let levelZero: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        typealias N = MutationNesting
        let on = Operand.constant(.bool(true)), one = Operand.constant(.int(1))
        // Settling took every slot when it made an ordinary gradient.
        func settle(_ b: AdjointEmitter, _ ȳ: Operand, _ object: Operand, _ given: Operand, _ y: Operand) -> Operand {
            let densified = b.call(N.densified, [object, given, y])
            _ = b.call(N.set, [object, b.call(N.allSlots, [y]), ȳ, densified, one])
            return ȳ
        }
        var settleEntry = Rule(reads: [0, 1], result: true) { b, ȳ, x, y in [nil, settle(b, ȳ, x[0], x[1], y)] }
        settleEntry.mutates = true
        t[RuleKey(Shadows.settleName, 2)] = settleEntry
        // deposit_or(object, ḡ, old): ḡ went into the slots, or was summed.
        func deposited(_ b: AdjointEmitter, _ ȳ: Operand, _ object: Operand, _ ḡ: Operand, _ old: Operand, _ y: Operand) -> Operand {
            let into = b.call(N.deposited, [object, ḡ, old, y])
            let peeked = b.call(N.peek, [object, b.call(N.allSlots, [ḡ]), ḡ, into, one])
            return b.call(Helper.accum, [b.call(N.unless, [into, ȳ]), peeked])
        }
        var deposit = Rule(reads: [0, 1, 2], result: true) { b, ȳ, x, y in
            [nil, deposited(b, ȳ, x[0], x[1], x[2], y), ȳ]
        }
        deposit.mutates = true
        t[RuleKey(Shadows.depositName, 3)] = deposit
        // deposit_or_unless(c, object, ḡ): nothing at all when c.
        var depositUnless = Rule(reads: [0, 1, 2], result: true) { b, ȳ, x, y in
            [nil, nil, b.call(N.unless, [x[0], deposited(b, ȳ, x[1], x[2], .constant(.nothing), y)])]
        }
        depositUnless.mutates = true
        t[RuleKey(Shadows.depositUnlessName, 3)] = depositUnless
        // Writes took their slots.
        var take = Rule(reads: [0, 1]) { b, ȳ, x, _ in
            _ = b.call(N.set, [x[0], x[1], ȳ, on, one])
            return [nil, nil]
        }
        take.mutates = true
        t[RuleKey(Helper.take, 2)] = take
        var write = Rule(reads: [0, 2]) { b, ȳ, x, _ in
            _ = b.call(N.set, [x[0], x[2], ȳ, on, one])
            return [nil, nil, nil]
        }
        write.mutates = true
        t[RuleKey(MutationRules.write, 3)] = write
        t[RuleKey(MutationRules.broadcastSet, 3)] = write
        // push! reversed took its slot; collect_narrow reversed added ȳ
        // to the accumulator's slots 1…n.
        var popTake = Rule(reads: [0, 1]) { b, ȳ, x, _ in
            _ = b.call(N.set, [x[0], x[1], ȳ, on, one])
            return [nil, nil, nil]
        }
        popTake.mutates = true
        t[RuleKey(MutationRules.popTake, 3)] = popTake
        t[RuleKey(MutationRules.popSlot, 1)] = Rule(reads: []) { _, _, _, _ in [nil] }
        var collect = Rule(reads: [0, 1]) { b, _, x, _ in
            [nil, b.call(N.peek, [x[0], b.call(N.allSlots, [x[1]]), x[1], on, one])]
        }
        collect.mutates = true
        t[RuleKey(Helper.collect, 2)] = collect
        // Reads added to the slots, or made an ordinary one-hot gradient.
        var read = Rule(reads: [0, 1, 2], result: true) { b, z̄, x, y in
            let into = b.call(N.viaShadow, [x[0], x[1], y])
            let dense = b.call(Helper.gradientAt, [b.call(N.unless, [into, z̄]), x[2]])
            return [nil, b.call(Helper.accum, [dense, b.call(N.peek, [x[0], x[2], x[1], into, one])]), nil]
        }
        read.mutates = true
        t[RuleKey(Helper.indexRead, 3)] = read
        t[RuleKey(MutationRules.read, 3)] = read
        var field = Rule(reads: [0, 1, 2], result: true) { b, z̄, x, y in
            let into = b.call(N.viaShadow, [x[0], x[2], y])
            let dense = b.call(Helper.gradientField, [b.call(N.unless, [into, z̄]), x[1]])
            return [nil, nil, b.call(Helper.accum, [dense, b.call(N.peek, [x[0], x[1], x[2], into, one])])]
        }
        field.mutates = true
        t[RuleKey(Helper.fieldRead, 3)] = field
        return t
    }()
}
