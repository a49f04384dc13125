import Zy

/// Array functions of the standard library that compute in Float64 inside
/// Swift (`softmax`, `logsumexp`, `norm`): on an array holding duals they
/// run their definition through the dual methods instead. Each wraps the
/// built-in method of the same signature (the later definition wins) and
/// hands it every other array.
extension ForwardMode {
    func installArrayMethods() {
        wrap("logsumexp", [.any]) { [self] xs, _ in
            let (shifted, m) = try shiftedExponentials(xs)
            return try call("+", [m, call("log", [sum(shifted)])])
        }
        wrap("softmax", [.abstractArray(element: nil, dims: nil)]) { [self] xs, dims in
            guard dims.count == 1 else { return nil }
            let (shifted, _) = try shiftedExponentials(xs)
            let total = try sum(shifted)
            return ADRuntime.array(try shifted.map { try call("/", [$0, total]) }, dims: dims)
        }
        wrap("norm", [.abstractArray(element: nil, dims: nil)]) { [self] xs, _ in
            try call("sqrt", [sum(xs.map { try call("abs2", [$0]) })])
        }
        // a number's norm is its absolute value (LinearAlgebra's)
        globals.defineBuiltin("norm", [Dual.zyType]) { [self] _, a, _ in try call("abs", [a[0]]) }
    }

    /// exp(xᵢ - m) with m the largest primal value (a constant: the shift
    /// cancels in softmax and is added back in logsumexp).
    private func shiftedExponentials(_ xs: [Value]) throws -> ([Value], Value) {
        var m = Value.float(-.infinity)
        for x in xs where try truth(call(">", [Dual.primal(x), m])) { m = Dual.primal(x) }
        return (try xs.map { try call("exp", [call("-", [$0, m])]) }, m)
    }

    private func sum(_ xs: [Value]) throws -> Value {
        var total = Value.int(0)
        for x in xs { total = try call("+", [total, x]) }
        return total
    }

    private func truth(_ v: Value) -> Bool {
        if case .bool(true) = v { return true }
        return false
    }

    /// `body(elements, dims)` for an array holding duals (nil: not handled);
    /// the built-in method of `signature` otherwise.
    private func wrap(_ name: String, _ signature: [ZyType], _ body: @escaping ([Value], [Int]) throws -> Value?) {
        guard case .function(let f)? = globals[name],
              let original = f.methods.last(where: { $0.signature == signature && !$0.isVarargs }),
              case .builtin(let builtin) = original.body else { return }
        globals.defineBuiltin(name, signature) { ctx, args, kw in
            if kw.isEmpty, args.count == 1, case .array(let a) = args[0], case .values(let xs) = a.storage,
               xs.contains(where: Dual.isDual), let r = try body(xs, a.dims) {
                return r
            }
            return try builtin(ctx, args, kw)
        }
    }
}
