import Zy

/// `broadcast(f, args…)` and `map(f, xs)` over arrays of compatible shapes
/// (and scalars): one pullback of `f` per element, so any differentiable `f`
/// works, custom rules included. The pullback is a built-in function value
/// holding those element pullbacks.
extension ADRuntime {
    func elementwisePullback(_ f: Value, _ args: [Value]) throws -> Value? {
        let shapes = args.compactMap { v -> [Int]? in if case .array(let a) = v { return a.dims } else { return nil } }
        guard !shapes.isEmpty else { return nil }
        let dims = try BroadcastShape.combine(shapes)
        let n = dims.reduce(1, *)
        // Per argument, the element read at each output position (Julia's
        // broadcasting: a dimension of size 1 repeats).
        let sources = args.map { v -> [Int]? in
            if case .array(let a) = v { return BroadcastShape.sourceIndices(a.dims, into: dims) } else { return nil }
        }
        var ys: [Value] = [], backs: [Value] = []
        ys.reserveCapacity(n)
        backs.reserveCapacity(n)
        for i in 0..<n {
            let elementArgs = args.indices.map { k -> Value in
                if case .array(let a) = args[k], let src = sources[k] { return ADRuntime.element(a, src[i]) } else { return args[k] }
            }
            guard case .tuple(let pair) = try pullback(f, elementArgs), pair.count == 2 else {
                throw InternalError("_pullback returned a non-pair")
            }
            ys.append(pair[0])
            backs.append(pair[1])
        }
        let y = ADRuntime.array(ys, dims: dims)
        // shapes as they are now: an array pushed to or popped later keeps
        // the gradient of the elements this broadcast read
        let argDims = args.map { v -> [Int]? in if case .array(let a) = v { return a.dims } else { return nil } }
        let numbers = args.map(ADRuntime.numberElements)
        let back = GenericFunction(name: "∂broadcast")
        back.methods.append(Method(signature: [.any], isVarargs: false, body: .builtin { [self] _, a, _ in
            try elementwiseBack(a[0], backs, argDims, sources, numbers)
        }))
        return .tuple([y, .function(back)])
    }

    /// Zygote's unbroadcast: an argument's gradient sums the gradients of
    /// every output element that read it.
    private func elementwiseBack(_ ȳ: Value, _ backs: [Value], _ args: [[Int]?], _ sources: [[Int]?],
                                 _ numbers: [[Bool]?]) throws -> Value {
        var f̄: Value = .nothing
        var scalars = [Value](repeating: .nothing, count: args.count)
        var arrays = args.map { d -> [Value] in
            guard let d else { return [] }
            return [Value](repeating: .nothing, count: d.reduce(1, *))
        }
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
                if let src = sources[k], i < src.count, src[i] < arrays[k].count {
                    arrays[k][src[i]] = try accum(arrays[k][src[i]], gk)
                } else {
                    scalars[k] = try accum(scalars[k], gk)
                }
            }
        }
        var out: [Value] = [.nothing, f̄]
        for k in args.indices {
            if let dims = args[k] {
                let isNumber = numbers[k]
                out.append(ADRuntime.gradientArray(arrays[k], dims: dims) { i in isNumber.map { i < $0.count && $0[i] } ?? true })
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

    /// An array of `values` with `dims`, of their tightest element type
    /// (as Julia's `collect` and broadcast narrow): Float64 storage when
    /// all are floats, numbers promoted to Float64 when they mix with one,
    /// else the types' join (`Any` when some are `nothing`: Zygote's
    /// `Union{Nothing, T}`, which Zy's types cannot spell).
    static func array(_ values: [Value], dims: [Int]) -> Value {
        var floats: [Double] = []
        floats.reserveCapacity(values.count)
        for v in values {
            guard case .float(let d) = v else { return .array(narrowed(values, dims: dims)) }
            floats.append(d)
        }
        return .array(ArrayValue(storage: .float(floats), elementType: .float64, dims: dims))
    }

    private static func narrowed(_ values: [Value], dims: [Int]) -> ArrayValue {
        let types = values.map(\.type)
        if !values.isEmpty, ZyType.elementType(of: types) == .float64 {
            var floats: [Double] = []
            for v in values {
                switch v {
                case .float(let d): floats.append(d)
                case .int(let i): floats.append(Double(i))
                case .bool(let b): floats.append(b ? 1 : 0)
                case .rational(let n, let d): floats.append(Double(n) / Double(d))
                default: return ArrayValue(storage: .values(values), elementType: .any, dims: dims)
                }
            }
            return ArrayValue(storage: .float(floats), elementType: .float64, dims: dims)
        }
        let t = values.isEmpty ? ZyType.any : ZyType.typejoin(types)
        return ArrayValue(storage: .values(values), elementType: t == .float64 ? .any : t, dims: dims)
    }
}
