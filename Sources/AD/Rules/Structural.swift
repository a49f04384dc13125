import Zy

/// Gradients through data structures: tuples, named tuples, struct fields,
/// closure captures, indexing. A struct's (or closure's) gradient is a
/// NamedTuple of its fields, `nothing` where none flows.
extension Rules {
    static let structural: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        // y = getfield(a, :f) / a.f: ā = (f = ȳ, others = nothing)
        for name in ["getfield", "getproperty"] {
            t[RuleKey(name, 2)] = Rule(reads: [0, 1]) { b, ȳ, x, _ in
                [b.call(Helper.fieldRead, [x[0], x[1], ȳ]), nil]
            }
        }
        // y = setproperty!(s, :f, v): v̄ = the shadow of s.f (then cleared)
        var setProperty = Rule(reads: [0, 1]) { b, _, x, _ in [nil, nil, b.call(Helper.take, [x[0], x[1]])] }
        setProperty.mutates = true
        t[RuleKey("setproperty!", 3)] = setProperty
        // setindex!(d, v, k): v̄ = the shadow of d[k] (then cleared)
        var setIndex = Rule(reads: [0, 2]) { b, _, x, _ in [nil, b.call(Helper.take, [x[0], x[2]]), nil] }
        setIndex.mutates = true
        t[RuleKey("setindex!", 3)] = setIndex
        // y = a => b: a Pair's gradient is (first = ā, second = b̄)
        t[RuleKey("=>", 2)] = Rule(reads: []) { b, ȳ, _, _ in
            [b.call(Helper.gradientField, [ȳ, .constant(.symbol("first"))]),
             b.call(Helper.gradientField, [ȳ, .constant(.symbol("second"))])]
        }
        // y = iterate(xs[, state]) = (item, next): x̄s is one-hot at the
        // item's index (next - 1 for arrays and tuples)
        for arity in 1...2 {
            t[RuleKey("iterate", arity)] = Rule(reads: [0], result: true) { b, ȳ, x, y in
                [b.call(Helper.iterateGradient, [x[0], ȳ, y])] + Array(repeating: nil, count: arity - 1)
            }
        }
        // y = enumerate(xs) / zip(a, b, …): unzip ȳ's tuples (dropping the
        // counter of enumerate)
        t[RuleKey("enumerate", 1)] = Rule(reads: [0]) { b, ȳ, x, _ in
            [b.call(Helper.unzipGradient, [ȳ, x[0], .constant(.int(2))])]
        }
        for arity in 1...3 {
            t[RuleKey("zip", arity)] = Rule(reads: Array(0..<arity)) { b, ȳ, x, _ in
                (0..<arity).map { k in b.call(Helper.unzipGradient, [ȳ, x[k], .constant(.int(k + 1))]) }
            }
        }
        // y = f ∘ g: f̄ = ȳ.outer, ḡ = ȳ.inner
        t[RuleKey("∘", 2)] = Rule(reads: []) { b, ȳ, _, _ in
            [b.call(Helper.gradientField, [ȳ, .constant(.symbol("outer"))]),
             b.call(Helper.gradientField, [ȳ, .constant(.symbol("inner"))])]
        }
        // y = pairs(d) is d itself for a Dict: its gradient lives in d's shadow
        t[RuleKey("pairs", 1)] = Rule(reads: []) { _, ȳ, _, _ in [ȳ] }
        // y = reverse(a): ā = reverse(ȳ)
        t[RuleKey("reverse", 1)] = Rule(reads: []) { b, ȳ, _, _ in [b.call(Helper.reverse, [ȳ])] }
        // y = sum(a): ā = fill(ȳ) in a's shape
        t[RuleKey("sum", 1)] = Rule(reads: [0]) { b, ȳ, x, _ in [b.call(Helper.fill, [x[0], ȳ])] }
        // the adjoint helpers of sum, when differentiated again (nesting)
        t[RuleKey(Helper.fill, 2)] = Rule(reads: []) { b, ȳ, _, _ in [nil, b.call(Helper.sumGradient, [ȳ])] }
        t[RuleKey(Helper.sumGradient, 1)] = Rule(reads: [0]) { b, ȳ, x, _ in [b.call(Helper.fill, [x[0], ȳ])] }
        // The tape, when forward and adjoint IR are differentiated again.
        var push = Rule(reads: [0], result: true) { b, _, x, y in [nil, b.call(Helper.tapeTake, [x[0], y])] }
        push.mutates = true
        t[RuleKey(Helper.tapePush, 2)] = push
        t[RuleKey(Helper.tapeGet, 3)] = Rule(reads: [0, 1, 2]) { b, ȳ, x, _ in
            [b.call(Helper.tapeAdd, [x[0], x[1], x[2], ȳ]), nil, nil]
        }
        // Comprehensions: y = collect_narrow(acc) spreads ȳ over acc's
        // slots; push!(acc, v) reversed pops v̄ (last pushed first).
        t[RuleKey("Core.collect_narrow", 1)] = Rule(reads: [0]) { b, ȳ, x, _ in [b.call(Helper.collect, [x[0], ȳ])] }
        // A comprehension over several iterators, reshaped: acc holds the
        // values in column-major order, so ȳ spreads over its slots alike.
        for arity in 2...5 {
            t[RuleKey("Core.reshape_comprehension", arity)] = Rule(reads: [0]) { b, ȳ, x, _ in
                [b.call(Helper.collect, [x[0], ȳ])] + Array(repeating: nil, count: arity - 1)
            }
        }
        var pushValue = Rule(reads: [0, 1]) { b, _, x, _ in
            [nil, b.call(MutationRules.popTake, [x[0], b.call(MutationRules.popSlot, [x[0]]), x[1]])]
        }
        pushValue.mutates = true
        t[RuleKey("push!", 2)] = pushValue
        // Matrices: A[i, j] and A[i, j] = v
        t[RuleKey("getindex", 3)] = Rule(reads: [0, 1, 2]) { b, ȳ, x, _ in
            [b.call(Helper.indexRead, [x[0], ȳ, b.call("Core.tuple", [x[1], x[2]])]), nil, nil]
        }
        var setIndex2 = Rule(reads: [0, 2, 3]) { b, _, x, _ in
            [nil, b.call(Helper.take, [x[0], b.call("Core.tuple", [x[2], x[3]])]), nil, nil]
        }
        setIndex2.mutates = true
        t[RuleKey("setindex!", 4)] = setIndex2
        // Boxes of captured variables that are reassigned.
        t[RuleKey("Core.getbox", 2)] = Rule(reads: [0]) { b, ȳ, x, _ in
            [b.call(Helper.indexRead, [x[0], ȳ, .constant(.symbol("value"))]), nil]
        }
        var setBox = Rule(reads: [0]) { b, _, x, _ in [nil, b.call(Helper.take, [x[0], .constant(.symbol("value"))])] }
        setBox.mutates = true
        t[RuleKey("Core.setbox!", 2)] = setBox
        var box = Rule(reads: [], result: true) { b, _, _, y in [b.call(Helper.take, [y, .constant(.symbol("value"))])] }
        box.mutates = true
        t[RuleKey("Core.box", 1)] = box
        // y = getindex(a, i): ā is zero but ȳ at i
        t[RuleKey("getindex", 2)] = Rule(reads: [0, 1]) { b, ȳ, x, _ in
            [b.call(Helper.indexRead, [x[0], ȳ, x[1]]), nil]
        }
        return t
    }()

    /// `Core.tuple(a, b, …)`: āᵢ = ȳ[i]. Any arity.
    static func tupleRule(arity: Int) -> Rule {
        Rule(reads: []) { b, ȳ, _, _ in
            (1...max(arity, 1)).prefix(arity).map { i in b.call(Helper.gradientAt, [ȳ, .constant(.int(i))]) }
        }
    }

    /// `Core.namedtuple(:a, x, :b, y)`: x̄ = ȳ.a, ȳ.b.
    static func namedTupleRule(arity: Int) -> Rule {
        Rule(reads: Array(stride(from: 0, to: arity, by: 2))) { b, ȳ, x, _ in
            var out: [Operand?] = []
            for i in 0..<arity {
                if i % 2 == 0 { out.append(nil) } else { out.append(b.call(Helper.gradientField, [ȳ, x[i - 1]])) }
            }
            return out
        }
    }
}

/// Rules for the helpers adjoint code calls, so adjoint code (a pullback
/// being differentiated by an outer `gradient`) is differentiable too.
extension Rules {
    static let helpers: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        let s = scalar
        t.merge(Rules.products) { a, _ in a }  // ∂mul, ∂mulr, ∂times: Products.swift
        t.merge(Rules.reductions) { a, _ in a }  // Reductions.swift
        t.merge(Rules.constructorNesting) { a, _ in a }  // ConstructorNesting.swift (splatted calls too)
        t.merge(Rules.iterationNesting) { a, _ in a }  // IterationNesting.swift
        t.merge(Rules.selectionNesting) { a, _ in a }  // SelectionNesting.swift
        t[RuleKey(Helper.div, 2)] = s[RuleKey("/", 2)]
        t[RuleKey(Helper.accum, 2)] = s[RuleKey("+", 2)]
        // z = x^(p-1): x̄ = z̄ (p-1) x^(p-2)
        t[RuleKey(Helper.powMinusOne, 2)] = Rule(reads: [0, 1]) { b, z̄, x, _ in
            let q = b.call("-", [x[1], .constant(.int(1))])
            let d = b.call("*", [q, b.call(Helper.powMinusOne, [x[0], q])])
            return [b.call(Helper.mul, [z̄, d]), nil]
        }
        // z = g[i] (nothing-aware): ḡ is one-hot at i
        let at = Rule(reads: [0, 1]) { b, z̄, x, _ in [b.call(Helper.indexGradient, [x[0], z̄, x[1]]), nil] }
        t[RuleKey(Helper.gradientAt, 2)] = at
        t[RuleKey("__ad_at", 2)] = at
        // z = g.name: ḡ = (name = z̄, …)
        t[RuleKey(Helper.gradientField, 2)] = Rule(reads: [0, 1]) { b, z̄, x, _ in
            [b.call(Helper.fieldGradient, [x[0], x[1], z̄]), nil]
        }
        // z = one-hot(obj, name, ȳ): ȳ̄ = z̄.name
        t[RuleKey(Helper.fieldGradient, 3)] = Rule(reads: [1]) { b, z̄, x, _ in
            [nil, nil, b.call(Helper.gradientField, [z̄, x[1]])]
        }
        // z = one-hot(obj, ȳ, i): ȳ̄ = z̄[i]
        t[RuleKey(Helper.indexGradient, 3)] = Rule(reads: [2]) { b, z̄, x, _ in
            [nil, b.call(Helper.gradientAt, [z̄, x[2]]), nil]
        }
        // z = a copy of x taken for a record: x̄ = z̄
        t[RuleKey(Helper.snapshot, 1)] = Rule(reads: []) { _, z̄, _, _ in [z̄] }
        // Helper.indexRead / fieldRead: `Tape/MutationRules.swift` (shadow paths).
        return t
    }()
}
