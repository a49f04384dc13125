import Zy

/// `for x in xs` differentiated again (nested AD): the adjoint of
/// `iterate` makes a one-hot gradient of `xs` at the item's index
/// (`Core.∂iterate`), which only moves ȳ's item; its own adjoint picks that
/// item back out (`Core.∂uniterate`), and each reverses the other. Over a
/// Dict the item's gradient went into the dict's shadow (an addition), so
/// it comes back out of the cell one level up (a peek).
extension Helper {
    static let uniterate = "Core.∂uniterate"
}

extension Rules {
    static let iterationNesting: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        // z = iterate-gradient(xs, ȳ, y): ȳ̄ = (z̄ at y's index, nothing)
        var forward = Rule(reads: [0, 2]) { b, z̄, x, _ in [nil, b.call(Helper.uniterate, [x[0], z̄, x[2]]), nil] }
        forward.mutates = true
        t[RuleKey(Helper.iterateGradient, 3)] = forward
        t[RuleKey(Helper.uniterate, 3)] = Rule(reads: [0, 2]) { b, w̄, x, _ in
            [nil, b.call(Helper.iterateGradient, [x[0], w̄, x[2]]), nil]
        }
        return t
    }()
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
            case (.dict, _):
                guard case .pair(let k, _) = y[0] else { return .nothing }
                let v̄ = try call(MutationNesting.peek, [a[0], k, .nothing, .bool(true), .int(1)])
                if case .nothing = v̄ { return .nothing }
                let pair̄ = NamedTupleValue(names: [.named("first"), .named("second")], values: [.nothing, v̄])
                return .tuple([.namedTuple(pair̄), .nothing])
            default:
                return .nothing
            }
        }
    }
}
