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
            [nil, b.call(Helper.iterateGradient, [x[0], w̄, x[2]]), nil]
        }
        return t
    }()
}

extension Helper {
    static let uniterate = "Core.∂uniterate"
}

extension ADRuntime {
    func installIterationNesting() {
        globals.defineBuiltin(Helper.uniterate, [.any, .any, .any]) { _, a, _ in
            guard case .tuple(let y) = a[2], y.count == 2 else { return .nothing }
            switch (a[0], y[1]) {
            case (.array, .int(let next)), (.tuple, .int(let next)):
                let item̄ = ADRuntime.gradientAt(a[1], .int(next - 1))
                if case .nothing = item̄ { return .nothing }
                return .tuple([item̄, .nothing])
            case (.range, _):
                return .nothing
            default:
                // A Dict's items' gradients went to its shadow, which this
                // does not read back.
                throw Exceptions.error("second-order gradients of iteration over \(Show.repr(a[0])) are not supported yet")
            }
        }
    }
}
