import Zy

/// `for x in xs` differentiated again (nested AD): the adjoint of
/// `iterate` makes a one-hot gradient of `xs` at the item's index
/// (`Core.∂iterate`), which only moves ȳ's item; its own adjoint picks that
/// item back out (`Core.∂uniterate`), and each reverses the other. Over a
/// Dict the item's gradient went into the dict's shadow (an addition), so
/// it comes back out of the cell one level up (a peek).
extension Helper {
    static let uniterate = "Core.∂uniterate"
    /// `iterate`'s gradient L levels up: one-hot for arrays and tuples, an
    /// addition to the Dict's cell L levels up.
    static let reiterate = "Core.∂reiterate!"
    /// `unzip`'s inverse: `rezip(ȳ, z̄, k)`, an array shaped like ȳ of
    /// tuples holding z̄'s entries at component k.
    static let rezip = "Core.∂rezip"
}

extension Rules {
    static let iterationNesting: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        let one = Operand.constant(.int(1))
        func next(_ b: AdjointEmitter, _ level: Operand) -> Operand { b.call("+", [level, one]) }
        // z = iterate-gradient(xs, ȳ, y): ȳ̄ = (z̄ at y's index, nothing)
        var forward = Rule(reads: [0, 2]) { b, z̄, x, _ in [nil, b.call(Helper.uniterate, [x[0], z̄, x[2], one]), nil] }
        forward.mutates = true
        t[RuleKey(Helper.iterateGradient, 3)] = forward
        // (over a Dict: a peek of the cell L levels up, reversed by an
        // addition one level further up, and so on)
        t[RuleKey(Helper.uniterate, 4)] = Rule(reads: [0, 2, 3]) { b, w̄, x, _ in
            [nil, b.call(Helper.reiterate, [x[0], w̄, x[2], next(b, x[3])]), nil, nil]
        }
        var add = Rule(reads: [0, 2, 3]) { b, z̄, x, _ in
            [nil, b.call(Helper.uniterate, [x[0], z̄, x[2], next(b, x[3])]), nil, nil]
        }
        add.mutates = true
        t[RuleKey(Helper.reiterate, 4)] = add
        // z = component k of each of ȳ's tuples (zip, enumerate): ȳ̄ puts
        // z̄'s entries back at component k; and the reverse
        t[RuleKey(Helper.unzipGradient, 3)] = Rule(reads: [0, 2]) { b, z̄, x, _ in
            [b.call(Helper.rezip, [x[0], z̄, x[2]]), nil, nil]
        }
        t[RuleKey(Helper.rezip, 3)] = Rule(reads: [1, 2]) { b, w̄, x, _ in
            [nil, b.call(Helper.unzipGradient, [w̄, x[1], x[2]]), nil]
        }
        // a built-in without a rule: only Float64(x)/Int(x) get past it,
        // passing Δ through as x̄ = z̄[2]
        t[RuleKey("__ad_no_rule", 3)] = Rule(reads: []) { b, z̄, _, _ in
            [nil, nil, b.call(Helper.gradientAt, [z̄, .constant(.int(2))])]
        }
        // pick(c, ȳ) = c ? ȳ : zero (min, max, clamp…): linear in ȳ
        t[RuleKey(Helper.pick, 2)] = Rule(reads: [0]) { b, z̄, x, _ in [nil, b.call(Helper.pick, [x[0], z̄])] }
        // reverse only moves entries
        t[RuleKey(Helper.reverse, 1)] = Rule(reads: []) { b, z̄, _, _ in [b.call(Helper.reverse, [z̄])] }
        return t
    }()
}

extension ADRuntime {
    func installIterationNesting() {
        globals.defineBuiltin(Helper.rezip, [.any, .any, .any]) { _, a, _ in
            guard case .array(let shape) = a[0], case .int(let k) = a[2], k >= 1 else { return .nothing }
            var width = k
            for i in 0..<shape.count {
                if case .tuple(let t) = ADRuntime.element(shape, i) { width = max(width, t.count) }
            }
            let parts = (0..<shape.count).map { i -> Value in
                let z = ADRuntime.gradientAt(a[1], .int(i + 1))
                if z.isNothing { return .nothing }
                return .tuple((1...width).map { $0 == k ? z : .nothing })
            }
            return ADRuntime.gradientArray(parts, dims: shape.dims) { _ in false }
        }
        globals.defineBuiltin(Helper.reiterate, [.any, .any, .any, .any]) { [self] _, a, _ in
            guard case .tuple(let y) = a[2], y.count == 2 else { return .nothing }
            if case .dict = a[0] {
                guard case .pair(let k, _) = y[0], case .tuple(let ḡ) = a[1], let item̄ = ḡ.first else { return .nothing }
                let v̄ = try call(Helper.gradientField, [item̄, .symbol(.named("second"))])
                _ = try call(MutationNesting.add, [a[0], k, v̄, .bool(true), a[3]])
                return .nothing
            }
            return try call(Helper.iterateGradient, [a[0], a[1], a[2]])
        }
        globals.defineBuiltin(Helper.uniterate, [.any, .any, .any, .any]) { [self] _, a, _ in
            guard case .tuple(let y) = a[2], y.count == 2 else { return .nothing }
            switch (a[0], y[1]) {
            case (.array, .int(let next)), (.tuple, .int(let next)):
                let item̄ = ADRuntime.gradientAt(a[1], .int(next - 1))
                if case .nothing = item̄ { return .nothing }
                return .tuple([item̄, .nothing])
            case (.dict, _):
                guard case .pair(let k, _) = y[0] else { return .nothing }
                let v̄ = try call(MutationNesting.peek, [a[0], k, .nothing, .bool(true), a[3]])
                if case .nothing = v̄ { return .nothing }
                let pair̄ = NamedTupleValue(names: [.named("first"), .named("second")], values: [.nothing, v̄])
                return .tuple([.namedTuple(pair̄), .nothing])
            default:
                return .nothing
            }
        }
    }
}
