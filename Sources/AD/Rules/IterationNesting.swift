import Zy

/// `for v in xs` under nested AD: the adjoint of `iterate` makes xs's
/// one-hot gradient with `Core.∂iterate(xs, ȳ, y)`; differentiated again,
/// the item's gradient is read back at the same index (`Core.∂uniterate`),
/// and the two reverse each other to any order.
extension Rules {
    static let iterationNesting: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        // z = one-hot(xs, ȳ = (item̄, _), y = (item, next)): ȳ̄ = (z̄[next - 1], nothing)
        t[RuleKey(Helper.iterateGradient, 3)] = Rule(reads: [0, 2]) { b, z̄, x, _ in
            [nil, b.call(Helper.uniterate, [x[0], z̄, x[2]]), nil]
        }
        // w = (z̄[next - 1], nothing): z̄̄ = one-hot(xs, w̄)
        t[RuleKey(Helper.uniterate, 3)] = Rule(reads: [0, 2]) { b, w̄, x, _ in
            [nil, b.call(Helper.reiterate, [x[0], w̄, x[2]]), nil]
        }
        return t
    }()
}

extension Helper {
    static let uniterate = "Core.∂uniterate"
    /// `Core.∂iterate` one level up (the third order): not for Dicts.
    static let reiterate = "Core.∂reiterate"
}

extension ADRuntime {
    func installIterationNesting() {
        globals.defineBuiltin(Helper.uniterate, [.any, .any, .any]) { [self] _, a, _ in
            guard case .tuple(let y) = a[2], y.count == 2 else { return .nothing }
            switch (a[0], y[1]) {
            case (.array, .int(let next)), (.tuple, .int(let next)):
                let item̄ = ADRuntime.gradientAt(a[1], .int(next - 1))
                if case .nothing = item̄ { return .nothing }
                return .tuple([item̄, .nothing])
            case (.range, _):
                return .nothing
            case (.dict, _):
                // The item k => v: v̄ went to the slot d[k], one level up here.
                guard case .pair(let k, let v) = y[0] else { return .nothing }
                let v̄ = try call(MutationNesting.peek, [a[0], k, v, .bool(true), .int(1)])
                if case .nothing = v̄ { return .nothing }
                let item̄ = Value.namedTuple(NamedTupleValue(names: [.named("first"), .named("second")], values: [.nothing, v̄]))
                return .tuple([item̄, .nothing])
            default:
                throw Exceptions.error("second-order gradients of iteration over \(Show.repr(a[0])) are not supported yet")
            }
        }
        globals.defineBuiltin(Helper.reiterate, [.any, .any, .any]) { [self] _, a, _ in
            if case .dict = a[0] {
                throw Exceptions.error("third-order gradients of iteration over \(Show.repr(a[0])) are not supported yet")
            }
            return try call(Helper.iterateGradient, [a[0], a[1], a[2]])
        }
    }
}
