import Zy

/// `prod`/`maximum`/`minimum`'s gradient helper differentiated again
/// (nested AD). With z = ∂reduction(kind, xs, ȳ), zᵢ = ȳ·gᵢ where gᵢ is
/// Πⱼ≠ᵢ xⱼ (prod) or the one-hot of the extremum (max, min):
///   ȳ̄ = Σᵢ z̄ᵢ gᵢ;  x̄ₖ = ȳ Σᵢ≠ₖ z̄ᵢ Πⱼ≠ᵢ,ₖ xⱼ for prod, none for max/min
/// (piecewise constant in xs).
extension Helper {
    static let reductionDot = "Core.∂reduction_dot"
    static let reductionPair = "Core.∂reduction_pair"
    static let refields = "Core.∂refields"
}

extension Rules {
    static let reductions: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        t[RuleKey(Helper.reduction, 3)] = Rule(reads: [0, 1, 2]) { b, z̄, x, _ in
            [nil, b.call(Helper.reductionPair, [x[0], x[1], x[2], z̄]), b.call(Helper.reductionDot, [x[0], x[1], z̄])]
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

    func installReductions() {
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
        globals.defineBuiltin(Helper.reductionPair, [.any, .any, .any, .any]) { [self] _, a, _ in
            guard case .symbol(let kind) = a[0], kind.name == "prod", let xs = ADRuntime.items(a[1]),
                  let z̄ = ADRuntime.items(a[3]), z̄.count == xs.count else { return .nothing }
            if case .nothing = a[2] { return .nothing }
            var grads: [Value] = []
            for k in xs.indices {
                var g: Value = .nothing
                for (i, zi) in z̄.enumerated() where i != k {
                    if case .nothing = zi { continue }
                    g = try accum(g, call("*", [zi, product(xs, skipping: [i, k], from: a[2])]))
                }
                if case .nothing = g { g = try call("zero", [xs[k]]) }
                grads.append(g)
            }
            if case .array(let arr) = a[1] { return ADRuntime.array(grads, dims: arr.dims) }
            return .tuple(grads)
        }
    }
}
