import Zy

/// `prod`/`maximum`/`minimum`'s gradient helper differentiated again
/// (nested AD). With z = ∂reduction(kind, xs, ȳ), zᵢ = ȳ·gᵢ where gᵢ is
/// Πⱼ≠ᵢ xⱼ (prod) or the one-hot of the extremum (max, min):
///   ȳ̄ = Σᵢ z̄ᵢ gᵢ;  x̄ₖ = ȳ Σᵢ≠ₖ z̄ᵢ Πⱼ≠ᵢ,ₖ xⱼ for prod, none for max/min
/// (piecewise constant in xs).
///
/// Higher orders of prod: every derivative is a sum of products over
/// distinct indices, H(c, w₁…wₘ) = c Σ_{i₁…iₘ distinct} Π wₗ[iₗ] Π_{j∉i} xⱼ
/// and its gradient in x, V(c, w…)ₖ = ∂H/∂xₖ (the same sum with k left out
/// of the product and of the indices). Both are symmetric in the w's, so
/// their adjoints are H and V again with one more weight (or one fewer):
/// closed under differentiation, any order.
extension Helper {
    static let prodTerms = "Core.∂prod_terms"
    static let prodSum = "Core.∂prod_sum"

    static let reductionDot = "Core.∂reduction_dot"
    static let refields = "Core.∂refields"
}

extension Rules {
    static let reductions: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        t[RuleKey(Helper.reduction, 3)] = Rule(reads: [0, 1, 2]) { b, z̄, x, _ in
            [nil, b.call(Helper.prodTerms, [x[0], x[1], x[2], z̄]), b.call(Helper.reductionDot, [x[0], x[1], z̄])]
        }
        // ȳ̄ = Σ z̄ᵢ gᵢ: linear in z̄ (z̄̄ = g·w̄), and for prod H(1, z̄)
        t[RuleKey(Helper.reductionDot, 3)] = Rule(reads: [0, 1, 2]) { b, w̄, x, _ in
            [nil, b.call(Helper.prodTerms, [x[0], x[1], w̄, x[2]]), b.call(Helper.reduction, [x[0], x[1], w̄])]
        }
        for m in 0...4 {
            // V(kind, xs, c, w₁…wₘ) and H(kind, xs, c, w₁…wₘ)
            t[RuleKey(Helper.prodTerms, 3 + m)] = Rule(reads: Array(0..<(3 + m))) { b, v̄, x, _ in
                let ws = Array(x[3...])
                var grads: [Operand?] = [nil, b.call(Helper.prodTerms, [x[0], x[1], x[2]] + ws + [v̄]),
                                         b.call(Helper.prodSum, [x[0], x[1], .constant(.int(1))] + ws + [v̄])]
                for l in ws.indices {
                    var others = ws
                    others.remove(at: l)
                    grads.append(b.call(Helper.prodTerms, [x[0], x[1], x[2]] + others + [v̄]))
                }
                return grads
            }
            t[RuleKey(Helper.prodSum, 3 + m)] = Rule(reads: Array(0..<(3 + m))) { b, h̄, x, _ in
                let ws = Array(x[3...])
                let c = b.call(Helper.times, [x[2], h̄])
                var grads: [Operand?] = [nil, b.call(Helper.prodTerms, [x[0], x[1], c] + ws),
                                         b.call(Helper.prodSum, [x[0], x[1], h̄] + ws)]
                for l in ws.indices {
                    var others = ws
                    others.remove(at: l)
                    grads.append(b.call(Helper.prodTerms, [x[0], x[1], c] + others))
                }
                return grads
            }
        }
        // z = (nothing, Δ's values…) (a constructor's pullback): Δ̄ = z̄'s
        // tail, named like Δ
        t[RuleKey("__ad_unfields", 2)] = Rule(reads: [0]) { b, z̄, x, _ in
            [b.call(Helper.refields, [x[0], z̄]), nil]
        }
        return t
    }()
}

extension ADRuntime {
    private static func items(_ v: Value) -> [Value]? {
        switch v {
        case .array(let a): return (0..<a.count).map { ADRuntime.element(a, $0) }
        case .tuple(let t): return t
        default: return nil
        }
    }

    private func product(_ xs: [Value], skipping: Set<Int>, from start: Value) throws -> Value {
        var p = start
        for (j, x) in xs.enumerated() where !skipping.contains(j) { p = try call("*", [p, x]) }
        return p
    }

    /// c Σ_{distinct i₁…iₘ ∉ excluded} Π wₗ[iₗ] Π_{j ∉ excluded ∪ i} xⱼ
    /// (`nothing` when a weight is `nothing` everywhere it is used).
    private func prodTerm(_ xs: [Value], _ c: Value, _ ws: ArraySlice<[Value]>, excluded: Set<Int>) throws -> Value {
        guard let w = ws.first else { return try product(xs, skipping: excluded, from: c) }
        var total: Value = .nothing
        for (i, wi) in w.enumerated() where !excluded.contains(i) && i < xs.count {
            if case .nothing = wi { continue }
            let rest = try prodTerm(xs, c, ws.dropFirst(), excluded: excluded.union([i]))
            if case .nothing = rest { continue }
            total = try accum(total, call("*", [wi, rest]))
        }
        return total
    }

    /// (kind, xs, c, ws…) for `prodTerms`/`prodSum`: nil unless prod of
    /// an array or tuple with array or tuple weights.
    private func prodArguments(_ a: [Value]) -> ([Value], Value, [[Value]])? {
        guard a.count >= 3, case .symbol(let kind) = a[0], kind.name == "prod", let xs = ADRuntime.items(a[1]) else { return nil }
        if case .nothing = a[2] { return nil }
        var ws: [[Value]] = []
        for w in a.dropFirst(3) {
            guard let items = ADRuntime.items(w), items.count == xs.count else { return nil }
            ws.append(items)
        }
        return (xs, a[2], ws)
    }

    func installReductions() {
        globals.defineBuiltin(Helper.prodTerms, [.any, .any, .any], varargs: true) { [self] _, a, _ in
            guard let (xs, c, ws) = prodArguments(a) else { return .nothing }
            let grads = try xs.indices.map { k -> Value in
                let g = try prodTerm(xs, c, ws[...], excluded: [k])
                if case .nothing = g { return try call("zero", [xs[k]]) }
                return g
            }
            if case .array(let arr) = a[1] { return ADRuntime.array(grads, dims: arr.dims) }
            return .tuple(grads)
        }
        globals.defineBuiltin(Helper.prodSum, [.any, .any, .any], varargs: true) { [self] _, a, _ in
            guard let (xs, c, ws) = prodArguments(a) else { return .nothing }
            return try prodTerm(xs, c, ws[...], excluded: [])
        }
        globals.defineBuiltin(Helper.refields, [.any, .any]) { _, a, _ in
            guard case .tuple(let z̄) = a[1] else { return .nothing }
            let tail = Array(z̄.dropFirst())
            switch a[0] {
            case .namedTuple(let nt) where nt.values.count == tail.count:
                return .namedTuple(NamedTupleValue(names: nt.names, values: tail))
            case .tuple(let xs) where xs.count == tail.count: return .tuple(tail)
            default: return .nothing
            }
        }
        globals.defineBuiltin(Helper.reductionDot, [.any, .any, .any]) { [self] _, a, _ in
            guard case .symbol(let kind) = a[0], let xs = ADRuntime.items(a[1]), let z̄ = ADRuntime.items(a[2]),
                  z̄.count == xs.count else { return .nothing }
            var total: Value = .nothing
            if kind.name == "prod" {
                for (i, zi) in z̄.enumerated() {
                    if case .nothing = zi { continue }
                    total = try accum(total, call("*", [zi, product(xs, skipping: [i], from: .int(1))]))
                }
                return total
            }
            guard !xs.isEmpty else { return .nothing }
            var best = 0
            for i in xs.indices.dropFirst() where truth(try call(kind.name == "max" ? ">" : "<", [xs[i], xs[best]])) { best = i }
            return z̄[best]
        }
    }
}
