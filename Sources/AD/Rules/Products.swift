import Zy

/// The product helpers of adjoint code (`∂mul` = u·v', `∂mulr` = u'·v)
/// differentiated again (nested AD): each is a product, so its adjoint is
/// made of the same three helpers, for matrices (transposes in the right
/// places) and complex numbers alike. `∂times` is the plain u·v, with
/// `nothing` as zero.
extension Helper {
    static let times = "Core.∂times"
}

extension Rules {
    static let products: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        // z = u·v: ū = z̄·v', v̄ = u'·z̄
        t[RuleKey(Helper.times, 2)] = Rule(reads: [0, 1]) { b, z̄, x, _ in
            [b.call(Helper.mul, [z̄, x[1]]), b.call(Helper.mulr, [x[0], z̄])]
        }
        // z = u·v': ū = z̄·v, v̄ = z̄'·u
        t[RuleKey(Helper.mul, 2)] = Rule(reads: [0, 1]) { b, z̄, x, _ in
            [b.call(Helper.times, [z̄, x[1]]), b.call(Helper.mulr, [z̄, x[0]])]
        }
        // z = u'·v: ū = v·z̄', v̄ = u·z̄
        t[RuleKey(Helper.mulr, 2)] = Rule(reads: [0, 1]) { b, z̄, x, _ in
            [b.call(Helper.mul, [x[1], z̄]), b.call(Helper.times, [x[0], z̄])]
        }
        return t
    }()
}

extension ADRuntime {
    func installProducts() {
        globals.defineBuiltin(Helper.times, [.any, .any]) { [self] _, a, _ in
            if case .nothing = a[0] { return .nothing }
            if case .nothing = a[1] { return .nothing }
            return try call("*", [a[0], a[1]])
        }
    }
}
