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
                [b.call(Helper.fieldGradient, [x[0], x[1], ȳ]), nil]
            }
        }
        // y = getindex(a, i): ā is zero but ȳ at i
        t[RuleKey("getindex", 2)] = Rule(reads: [0, 1]) { b, ȳ, x, _ in
            [b.call(Helper.indexGradient, [x[0], ȳ, x[1]]), nil]
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
