/// `maximum`, `minimum`, `extrema`, `findmax`, `findmin`, `argmax`,
/// `argmin`, in Julia's order: `isless`, so `-0.0 < 0.0`; `NaN` wins
/// `maximum`/`minimum`/`findmax` (as `max`/`min` propagate it) and
/// `findmin` (Julia's `isgreater` puts NaN first there too).
enum ExtremaBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        for (name, wantMax) in [("maximum", true), ("minimum", false)] {
            g.defineBuiltin(name, [.any], keywords: .named("dims", "init")) { ctx, args, kw in
                if let d = S.keyword(kw, "dims") {
                    return try DimensionReduction.reduce(args[0], dims: d, g, ctx) { try best(withInit($0, kw), max: wantMax, g, ctx).0 }
                }
                return try best(try elements(args[0], kw, g, ctx), max: wantMax, g, ctx).0
            }
            g.defineBuiltin(name, [.any, .any], keywords: .named("dims", "init")) { ctx, args, kw in
                if let d = S.keyword(kw, "dims") {
                    let source = try DimensionReduction.mapped(args[1], args[0], g, ctx)
                    return try DimensionReduction.reduce(source, dims: d, g, ctx) { try best(withInit($0, kw), max: wantMax, g, ctx).0 }
                }
                let xs = try ReductionBuiltins.values(args[1], mapped: args[0], g, ctx)
                return try best(withInit(xs, kw), max: wantMax, g, ctx).0
            }
        }
        g.defineBuiltin("extrema", [.any]) { ctx, args, _ in
            let xs = try S.iterate(args[0], g, ctx)
            return .tuple([try best(xs, max: false, g, ctx).0, try best(xs, max: true, g, ctx).0])
        }
        for (name, wantMax) in [("findmax", true), ("findmin", false)] {
            g.defineBuiltin(name, [.any]) { ctx, args, _ in
                let (v, k) = try find(try S.iterate(args[0], g, ctx), max: wantMax, g, ctx)
                return .tuple([v, ArrayBuiltins.linearOrCartesian(args[0], k)])
            }
            g.defineBuiltin(name, [.any, .any]) { ctx, args, _ in
                let xs = try S.iterate(args[1], g, ctx)
                let (v, k) = try find(try xs.map { try ctx.call(args[0], [$0]) }, max: wantMax, g, ctx)
                return .tuple([v, xs[k]])
            }
        }
        for (name, wantMax) in [("argmax", true), ("argmin", false)] {
            g.defineBuiltin(name, [.any]) { ctx, args, _ in
                let (_, k) = try find(try S.iterate(args[0], g, ctx), max: wantMax, g, ctx)
                return ArrayBuiltins.linearOrCartesian(args[0], k)
            }
            g.defineBuiltin(name, [.any, .any]) { ctx, args, _ in
                let xs = try S.iterate(args[1], g, ctx)
                let (_, k) = try find(try xs.map { try ctx.call(args[0], [$0]) }, max: wantMax, g, ctx)
                return xs[k]
            }
        }
    }

    private static func elements(_ c: Value, _ kw: [(Symbol, Value)], _ g: Globals, _ ctx: CallContext) throws -> [Value] {
        if case .range(let r) = c, S.keyword(kw, "init") == nil, S.rangeLength(r) > 0 {
            return [.int(r.start), .int(r.stop)]
        }
        return withInit(try S.iterate(c, g, ctx), kw)
    }

    private static func withInit(_ xs: [Value], _ kw: [(Symbol, Value)]) -> [Value] {
        guard let i = S.keyword(kw, "init") else { return xs }
        return [i] + xs
    }

    /// The maximum (or minimum) value and its 0-based position, as a fold
    /// of Julia's `max(a, b) = isless(b, a) ? a : b` / `min`.
    static func best(_ xs: [Value], max wantMax: Bool, _ g: Globals, _ ctx: CallContext) throws -> (Value, Int) {
        guard var m = xs.first else { throw Exceptions.argumentError(ReductionBuiltins.emptyMessage) }
        var k = 0
        for (j, x) in xs.enumerated().dropFirst() {
            if S.isNaN(m) { break }
            if S.isNaN(x) { return (x, j) }
            let replace = wantMax ? !(try S.isLess(x, m, g, ctx)) : (try S.isLess(x, m, g, ctx))
            if replace { m = x; k = j }
        }
        return (m, k)
    }

    static func find(_ xs: [Value], max wantMax: Bool, _ g: Globals, _ ctx: CallContext) throws -> (Value, Int) {
        guard var m = xs.first else { throw Exceptions.argumentError("collection must be non-empty") }
        var k = 0
        for (j, x) in xs.enumerated().dropFirst() {
            let replace: Bool
            if wantMax {
                replace = try S.isLess(m, x, g, ctx)
            } else if S.isNaN(m) || S.isNaN(x) {
                replace = try S.isLess(m, x, g, ctx)
            } else {
                replace = try S.isLess(x, m, g, ctx)
            }
            if replace { m = x; k = j }
        }
        return (m, k)
    }
}

/// Reductions along one dimension (`sum(A; dims = 1)`): the reduced
/// dimension keeps length 1, as in Julia.
enum DimensionReduction {
    typealias S = CollectionSupport

    /// `f` applied to each element of the array `c`, keeping its shape
    /// (`sum(abs2, A; dims = 1)` reduces the squares); `c` itself without `f`.
    static func mapped(_ c: Value, _ f: Value?, _ g: Globals, _ ctx: CallContext) throws -> Value {
        guard let f, let a = S.arrayLike(c) else { return c }
        return .array(S.narrowed(try S.elements(a).map { try ctx.call(f, [$0]) }, dims: a.dims))
    }

    static func reduce(_ c: Value, dims d: Value, _ g: Globals, _ ctx: CallContext,
                       _ f: ([Value]) throws -> Value) throws -> Value {
        guard let a = S.arrayLike(c) else { throw S.methodError(g, "reduce", [c]) }
        let dim = try S.int(d, g, "dims")
        guard dim >= 1 else { throw Exceptions.argumentError("region dimension(s) must be ≥ 1, got \(dim)") }
        if dim > a.dims.count { return .array(try S.narrowed(S.elements(a).map { try f([$0]) }, dims: a.dims)) }
        let before = a.dims[0..<(dim - 1)].reduce(1, *)
        let n = a.dims[dim - 1]
        let after = a.dims[dim...].reduce(1, *)
        var outDims = a.dims
        outDims[dim - 1] = 1
        var out: [Value] = []
        out.reserveCapacity(before * after)
        let xs = S.elements(a)
        for o in 0..<after {
            for i in 0..<before {
                let slice = (0..<n).map { xs[o * n * before + $0 * before + i] }
                out.append(try f(slice))
            }
        }
        return .array(S.narrowed(out, dims: outDims, empty: a.elementType))
    }
}
