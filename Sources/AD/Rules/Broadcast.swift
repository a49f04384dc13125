import Zy

/// `broadcast(f, args…)` and `map(f, xs)` over arrays of one shape (and
/// scalars): one pullback of `f` per element, so any differentiable `f`
/// works, custom rules included. The pullback is a built-in function value
/// holding those element pullbacks.
extension ADRuntime {
    func elementwisePullback(_ f: Value, _ args: [Value]) throws -> Value? {
        guard let shape = args.lazy.compactMap({ v -> ArrayValue? in if case .array(let a) = v { return a } else { return nil } }).first else {
            return nil
        }
        for case .array(let a) in args where a.dims != shape.dims {
            throw Exceptions.error("differentiating broadcast over arrays of different shapes (\(a.dims) and \(shape.dims)) is not supported yet")
        }
        let n = shape.count
        var ys: [Value] = [], backs: [Value] = []
        ys.reserveCapacity(n)
        backs.reserveCapacity(n)
        for i in 0..<n {
            let elementArgs = args.map { v -> Value in if case .array(let a) = v { return ADRuntime.element(a, i) } else { return v } }
            guard case .tuple(let pair) = try pullback(f, elementArgs), pair.count == 2 else {
                throw InternalError("_pullback returned a non-pair")
            }
            ys.append(pair[0])
            backs.append(pair[1])
        }
        let y = ADRuntime.array(ys, dims: shape.dims)
        let back = GenericFunction(name: "∂broadcast")
        back.methods.append(Method(signature: [.any], isVarargs: false, body: .builtin { [self] _, a, _ in
            try elementwiseBack(a[0], backs, args)
        }))
        return .tuple([y, .function(back)])
    }

    private func elementwiseBack(_ ȳ: Value, _ backs: [Value], _ args: [Value]) throws -> Value {
        var f̄: Value = .nothing
        var scalars = [Value](repeating: .nothing, count: args.count)
        var arrays = [[Value]](repeating: [], count: args.count)
        for (i, back) in backs.enumerated() {
            let ȳi: Value
            switch ȳ {
            case .array(let a): ȳi = ADRuntime.element(a, i)
            case .nothing: ȳi = .nothing
            default: ȳi = ȳ
            }
            let g = try interpreter.call(back, [ȳi])
            let gs: [Value]
            if case .tuple(let xs) = g { gs = xs } else { gs = [] }
            f̄ = try accum(f̄, gs.first ?? .nothing)
            for k in args.indices {
                let gk = k + 1 < gs.count ? gs[k + 1] : .nothing
                if case .array = args[k] { arrays[k].append(gk) } else { scalars[k] = try accum(scalars[k], gk) }
            }
        }
        var out: [Value] = [.nothing, f̄]
        for k in args.indices {
            if case .array(let a) = args[k] {
                out.append(arrays[k].allSatisfy({ if case .nothing = $0 { return true } else { return false } })
                           ? .nothing : ADRuntime.array(arrays[k].map { v in if case .nothing = v { return .float(0) } else { return v } }, dims: a.dims))
            } else {
                out.append(scalars[k])
            }
        }
        return .tuple(out)
    }

    static func element(_ a: ArrayValue, _ i: Int) -> Value {
        switch a.storage {
        case .float(let xs): return i < xs.count ? .float(xs[i]) : .nothing
        case .values(let xs): return i < xs.count ? xs[i] : .nothing
        }
    }

    /// An array of `values` with `dims`: Float64 storage when all are floats.
    static func array(_ values: [Value], dims: [Int]) -> Value {
        var floats: [Double] = []
        floats.reserveCapacity(values.count)
        for v in values {
            guard case .float(let d) = v else {
                let allInt = values.allSatisfy { if case .int = $0 { return true } else { return false } }
                return .array(ArrayValue(storage: .values(values), elementType: allInt ? .int64 : .any, dims: dims))
            }
            floats.append(d)
        }
        return .array(ArrayValue(storage: .float(floats), elementType: .float64, dims: dims))
    }
}
