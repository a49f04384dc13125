import Zy

/// The product helpers of adjoint code (`∂mul` = u·v', `∂mulr` = u'·v)
/// differentiated again (nested AD): each is a product, so its adjoint is
/// made of the same three helpers, for matrices (transposes in the right
/// places) and complex numbers alike. `∂times` is the plain u·v, with
/// `nothing` as zero.
///
/// A number times an array: the adjoint of the number is an outer product
/// (v·z̄'), whose trace is the number's gradient Σᵢ vᵢ z̄ᵢ; `∂trace_like`
/// takes it when the operand was a number (and `∂untrace_like`, its
/// adjoint, spreads a number's gradient back over the diagonal).
extension Helper {
    static let times = "Core.∂times"
    static let traceLike = "Core.∂trace_like"
    static let untraceLike = "Core.∂untrace_like"
}

extension Rules {
    static let products: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        func like(_ b: AdjointEmitter, _ g: Operand, _ x: Operand) -> Operand { b.call(Helper.traceLike, [g, x]) }
        // z = u·v: ū = z̄·v', v̄ = u'·z̄ (each told its operand's shape)
        t[RuleKey(Helper.times, 2)] = Rule(reads: [0, 1]) { b, z̄, x, _ in
            [like(b, b.call(Helper.mul, [z̄, x[1], x[0]]), x[0]), like(b, b.call(Helper.mulr, [x[0], z̄, x[1]]), x[1])]
        }
        // With a shape s, z = u·v' is also the trace Σ uᵢ conj(vᵢ) when s is
        // a number (then z̄ is a number): ū = z̄·v and v̄ = z̄'·u hold for
        // both, as long as v̄'s own product is told v's shape.
        t[RuleKey(Helper.mul, 3)] = Rule(reads: [0, 1]) { b, z̄, x, _ in
            [like(b, b.call(Helper.times, [z̄, x[1]]), x[0]), like(b, b.call(Helper.mulr, [z̄, x[0], x[1]]), x[1]), nil]
        }
        // z = u'·v (or Σ conj(uᵢ) vᵢ for a number s): ū = v·z̄', v̄ = u·z̄
        t[RuleKey(Helper.mulr, 3)] = Rule(reads: [0, 1]) { b, z̄, x, _ in
            [like(b, b.call(Helper.mul, [x[1], z̄, x[0]]), x[0]), like(b, b.call(Helper.times, [x[0], z̄]), x[1]), nil]
        }
        // z = u·v': ū = z̄·v, v̄ = z̄'·u
        t[RuleKey(Helper.mul, 2)] = Rule(reads: [0, 1]) { b, z̄, x, _ in
            [like(b, b.call(Helper.times, [z̄, x[1]]), x[0]), like(b, b.call(Helper.mulr, [z̄, x[0]]), x[1])]
        }
        // z = u'·v: ū = v·z̄', v̄ = u·z̄
        t[RuleKey(Helper.mulr, 2)] = Rule(reads: [0, 1]) { b, z̄, x, _ in
            [like(b, b.call(Helper.mul, [x[1], z̄]), x[0]), like(b, b.call(Helper.times, [x[0], z̄]), x[1])]
        }
        // both only move entries (a trace and its adjoint)
        t[RuleKey(Helper.traceLike, 2)] = Rule(reads: [0, 1]) { b, z̄, x, _ in
            [b.call(Helper.untraceLike, [z̄, x[0], x[1]]), nil]
        }
        t[RuleKey(Helper.untraceLike, 3)] = Rule(reads: [2]) { b, w̄, x, _ in
            [b.call(Helper.traceLike, [w̄, x[2]]), nil, nil]
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
        // (g, x): g's trace when x is a number and g a square matrix (or
        // g's one entry: u'·v is a number, its helpers' products 1-vectors)
        globals.defineBuiltin(Helper.traceLike, [.any, .any]) { [self] _, a, _ in
            if a[1].isNumber, case .array(let m) = a[0], m.count == 1 { return ADRuntime.element(m, 0) }
            guard a[1].isNumber, case .array(let m) = a[0], m.dims.count == 2, m.dims[0] == m.dims[1] else { return a[0] }
            var total: Value = .nothing
            for i in 0..<m.dims[0] { total = try accum(total, ADRuntime.element(m, i * m.dims[0] + i)) }
            return total
        }
        // (z̄, g, x): z̄ on the diagonal of a matrix shaped like g
        globals.defineBuiltin(Helper.untraceLike, [.any, .any, .any]) { [self] _, a, _ in
            if a[2].isNumber, case .array(let m) = a[1], m.count == 1 {
                return a[0].isNothing ? .nothing : ADRuntime.array([a[0]], dims: m.dims)
            }
            guard a[2].isNumber, case .array(let m) = a[1], m.dims.count == 2, m.dims[0] == m.dims[1] else { return a[0] }
            if a[0].isNothing { return .nothing }
            let n = m.dims[0]
            let zero = try call("zero", [a[0]])
            let parts = (0..<(n * n)).map { $0 % (n + 1) == 0 ? a[0] : zero }
            return ADRuntime.array(parts, dims: [n, n])
        }
    }
}
