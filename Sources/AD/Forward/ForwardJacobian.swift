import Zy

/// Jacobians and Hessians. `hessian` is forward over reverse (Zygote's
/// `hessian_dual`): duals seeded along each input direction flow through
/// the reverse-mode gradient, so the gradient's tangent is a column of the
/// Hessian. `jacobian` is reverse mode, as Zygote's: one pullback per
/// output element, so it accepts everything `gradient` does (mutation,
/// matrices, several arguments) and is cheap for few outputs.
/// `forwarddiff`'s Jacobian is forward mode, one pass per input element.
extension ForwardMode {
    /// x's elements as duals of `tag`, with partial 1 at `seedIndex` (0
    /// elsewhere).
    func seededArray(_ x: ArrayValue, _ seedIndex: Int, tag: Int) throws -> Value {
        var duals: [Value] = []
        duals.reserveCapacity(x.count)
        for j in 0..<x.count {
            let xj = ADRuntime.element(x, j)
            duals.append(Dual.make(tag: tag, value: xj, partial: try call(j == seedIndex ? "one" : "zero", [xj])))
        }
        return .array(ArrayValue(storage: .values(duals), elementType: Dual.zyType, dims: x.dims))
    }

    /// `hessian(f, x)`: a number for a number x, an n×n matrix for an array
    /// of n elements.
    func hessian(_ f: Value, _ x: Value) throws -> Value {
        let tag = newTag()
        func gradientTangent(_ xd: Value) throws -> Value {
            guard case .tuple(let g) = try call("gradient", [f, xd]), let first = g.first else { return .nothing }
            return try tangent(first, tag: tag, "hessian")
        }
        guard case .array(let xs) = x else {
            let x = try realInput("hessian", [f, x])
            let h = try gradientTangent(Dual.make(tag: tag, value: x, partial: try call("one", [x])))
            if case .nothing = h { return try call("zero", [x]) }
            return h
        }
        let n = xs.count
        var entries: [Value] = []
        entries.reserveCapacity(n * n)
        for i in 0..<n {
            let column = try gradientTangent(try seededArray(xs, i, tag: tag))
            for j in 0..<n {
                switch column {
                case .array(let c) where c.count == n: entries.append(ADRuntime.element(c, j))
                case .nothing: entries.append(try call("zero", [ADRuntime.element(xs, j)]))
                default:
                    throw Exceptions.argumentError("hessian: the gradient of an array of \(n) elements is a \(column.type)")
                }
            }
        }
        return ADRuntime.array(entries, dims: [n, n])
    }

    /// `forwarddiff`'s forward pass: `(y, J)` with J the tangent of y (a
    /// number x) or a vector of y's tangents, one per element of x.
    func forwardJacobian(_ f: Value, _ x: Value) throws -> Value {
        let tag = newTag()
        guard case .array(let xs) = x else {
            let x = try realInput("forwarddiff", [f, x])
            let y = try ad.interpreter.call(f, [Dual.make(tag: tag, value: x, partial: try call("one", [x]))])
            return .tuple([try primalPart(y, tag: tag), try tangent(y, tag: tag, "forwarddiff")])
        }
        guard xs.count > 0 else {
            return .tuple([try ad.interpreter.call(f, [x]), ADRuntime.array([], dims: [0])])
        }
        var y: Value = .nothing
        var columns: [Value] = []
        for i in 0..<xs.count {
            let yd = try ad.interpreter.call(f, [try seededArray(xs, i, tag: tag)])
            if i == 0 { y = try primalPart(yd, tag: tag) }
            columns.append(try tangent(yd, tag: tag, "forwarddiff"))
        }
        return .tuple([y, .array(ArrayValue(storage: .values(columns), elementType: .any, dims: [columns.count]))])
    }

    /// x̄ = Jᵀ ȳ for `forwarddiff`'s pullback, shaped like x.
    func vjp(_ jacobian: Value, _ ȳ: Value, _ x: Value) throws -> Value {
        if case .nothing = ȳ { return .nothing }
        guard case .array(let xs) = x else { return try dot(jacobian, ȳ) }
        guard case .array(let columns) = jacobian else { return .nothing }
        let parts = try (0..<columns.count).map { try dot(ADRuntime.element(columns, $0), ȳ) }
        return ADRuntime.array(parts, dims: xs.dims)
    }

    /// Σₖ aₖ ȳₖ over numbers, arrays and tuples alike (`nothing` is zero).
    func dot(_ a: Value, _ ȳ: Value) throws -> Value {
        switch (a, ȳ) {
        case (_, .nothing): return .int(0)
        case (.array(let xs), .array(let ys)) where xs.count == ys.count:
            var sum: Value = .int(0)
            for k in 0..<xs.count { sum = try call("+", [sum, try dot(ADRuntime.element(xs, k), ADRuntime.element(ys, k))]) }
            return sum
        case (.tuple(let xs), .tuple(let ys)) where xs.count == ys.count:
            var sum: Value = .int(0)
            for (p, q) in zip(xs, ys) { sum = try call("+", [sum, try dot(p, q)]) }
            return sum
        case (.array, _), (.tuple, _), (_, .array), (_, .tuple):
            throw Exceptions.dimensionMismatch("forwarddiff: the sensitivity \(Show.repr(ȳ)) does not match the output's shape")
        default:
            return try call("*", [a, ȳ])
        }
    }
}

extension ForwardMode {
    /// `jacobian(f, args…)` (Zygote's): per argument, an m×n matrix for an
    /// array of n elements (rows are y's elements, column-major `vec`), a
    /// vector of m for a number, `nothing` for anything else; a number y
    /// counts as one row.
    func jacobian(_ f: Value, _ args: [Value]) throws -> Value {
        guard case .tuple(let pair) = try call("pullback", [f] + args), pair.count == 2 else {
            throw InternalError("pullback returned a non-pair")
        }
        var rows: [[Value]] = []
        for seed in try outputSeeds(pair[0]) {
            guard case .tuple(let grads) = try ad.interpreter.call(pair[1], [seed]) else {
                throw InternalError("a pullback returned no tuple")
            }
            rows.append(grads)
        }
        return .tuple(try args.enumerated().map { i, arg in
            try jacobianBlock(arg, rows.map { i < $0.count ? $0[i] : .nothing })
        })
    }

    /// One sensitivity per element of y: one-hot arrays shaped like y, or
    /// `one(y)` for a number.
    private func outputSeeds(_ y: Value) throws -> [Value] {
        switch y {
        case .int, .float, .bool, .rational:
            return [try call("one", [y])]
        case .array(let ys):
            return try (0..<ys.count).map { k in
                let values = try (0..<ys.count).map { try call($0 == k ? "one" : "zero", [ADRuntime.element(ys, $0)]) }
                return ADRuntime.array(values, dims: ys.dims)
            }
        default:
            throw Exceptions.argumentError("jacobian: f must return a number or an array; got a \(y.type)")
        }
    }

    /// An argument's Jacobian from its gradient for each output (row).
    private func jacobianBlock(_ arg: Value, _ grads: [Value]) throws -> Value {
        let m = grads.count
        func entry(_ k: Int, _ j: Int, zero: Value) -> Value {
            switch grads[k] {
            case .array(let g) where j < g.count: return ADRuntime.element(g, j)
            case .nothing, .array: return zero
            case let v: return j == 0 ? v : zero
            }
        }
        switch arg {
        case .int, .float, .bool, .rational:
            let zero = try call("zero", [arg])
            return ADRuntime.array((0..<m).map { entry($0, 0, zero: zero) }, dims: [m])
        case .array(let a):
            let zero = a.count > 0 ? try call("zero", [ADRuntime.element(a, 0)]) : .float(0)
            var values: [Value] = []
            for j in 0..<a.count { for k in 0..<m { values.append(entry(k, j, zero: zero)) } }
            return ADRuntime.array(values, dims: [m, a.count])
        default:
            return .nothing
        }
    }
}
