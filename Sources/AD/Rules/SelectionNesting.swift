/// Adjoint helpers of piecewise rules (max, min, clamp, relu, round…),
/// differentiated again: `Core.∂pick(c, ȳ)` is linear in ȳ, and
/// `Core.∂step(a)` is piecewise constant (zero derivative).
extension Rules {
    static let selectionNesting: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        // z = c ? ȳ : zero(ȳ): ȳ̄ = c ? z̄ : zero(z̄)
        t[RuleKey(Helper.pick, 2)] = Rule(reads: [0]) { b, z̄, x, _ in [nil, b.call(Helper.pick, [x[0], z̄])] }
        t[RuleKey(Helper.step, 1)] = Rule(reads: []) { _, _, _, _ in [nil] }
        return t
    }()
}
