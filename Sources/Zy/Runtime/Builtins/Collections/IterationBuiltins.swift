/// The iteration protocol `for x in xs` lowers to: `iterate(xs)` and
/// `iterate(xs, state)` return `nothing` or `(item, state)`. States are
/// the next 1-based position (strings iterate in the string built-ins).
/// `enumerate`, `zip` and `pairs` of arrays are eager: they return vectors of tuples or pairs, which iterate, index and `collect` like
/// Julia's lazy iterators but print as vectors.
enum IterationBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        let positional: [ZyType] = [S.array, .anyTuple, .anyNamedTuple, S.anyDict, S.anyPair]
        for t in positional {
            g.defineBuiltin("iterate", [t], keywords: .forwarded) { _, args, kw in
                try BuiltinKeywords.none(kw, g, "iterate", args)
                return step(args[0], 1)
            }
            g.defineBuiltin("iterate", [t, .any], keywords: .forwarded) { _, args, kw in
                try BuiltinKeywords.none(kw, g, "iterate", args)
                guard case .int(let i) = args[1] else { return .nothing }
                return step(args[0], i)
            }
        }
        g.defineBuiltin("iterate", [.abstractRange], keywords: .forwarded) { _, args, kw in
            try BuiltinKeywords.none(kw, g, "iterate", args)
            return rangeStep(args[0], 1)
        }
        g.defineBuiltin("iterate", [.abstractRange, .any], keywords: .forwarded) { _, args, kw in
            try BuiltinKeywords.none(kw, g, "iterate", args)
            guard case .int(let i) = args[1] else { return .nothing }
            return rangeStep(args[0], i)
        }
        g.defineBuiltin("iterate", [.number]) { _, args, _ in .tuple([args[0], .nothing]) }
        g.defineBuiltin("iterate", [.number, .any]) { _, _, _ in .nothing }
        installWrappers(g)
    }

    /// One step over a container indexed by position.
    static func step(_ v: Value, _ i: Int) -> Value {
        switch v {
        case .array(let a):
            guard i >= 1 && i <= a.count else { return .nothing }
            return .tuple([S.element(a, i - 1), .int(i + 1)])
        case .dict(let d):
            guard i >= 1 && i <= d.keys.count else { return .nothing }
            return .tuple([.pair(d.keys[i - 1], d.values[i - 1]), .int(i + 1)])
        default:
            let xs = TupleBuiltins.items(v)
            guard i >= 1 && i <= xs.count else { return .nothing }
            return .tuple([xs[i - 1], .int(i + 1)])
        }
    }

    static func rangeStep(_ v: Value, _ i: Int) -> Value {
        guard case .range(let r) = v, i >= 1, i <= S.rangeLength(r) else { return .nothing }
        return .tuple([.int(r.start &+ (i - 1) &* r.step), .int(i + 1)])
    }

    private static func installWrappers(_ g: Globals) {
        g.defineBuiltin("enumerate", [.any]) { ctx, args, _ in
            let xs = try S.iterate(args[0], g, ctx)
            let ts = xs.enumerated().map { Value.tuple([.int($0.offset + 1), $0.element]) }
            return .array(S.narrowed(ts, dims: [ts.count], empty: .tuple([.int64, .any])))
        }
        g.defineBuiltin("zip", [.any], varargs: true) { ctx, args, _ in
            let lists = try args.map { try S.iterate($0, g, ctx) }
            let n = lists.map(\.count).min() ?? 0
            let ts = (0..<n).map { k in Value.tuple(lists.map { $0[k] }) }
            return .array(S.narrowed(ts, dims: [ts.count]))
        }
        g.defineBuiltin("pairs", [S.anyArray]) { ctx, args, _ in
            let ps = try S.iterate(args[0], g, ctx).enumerated().map { Value.pair(.int($0.offset + 1), $0.element) }
            return .array(S.narrowed(ps, dims: [ps.count]))
        }
        g.defineBuiltin("pairs", [.anyTuple]) { _, args, _ in
            let ps = TupleBuiltins.items(args[0]).enumerated().map { Value.pair(.int($0.offset + 1), $0.element) }
            return .array(S.narrowed(ps, dims: [ps.count]))
        }
        g.defineBuiltin("values", [S.anyArray]) { _, args, _ in args[0] }
        g.defineBuiltin("reverse", [S.anyArray]) { _, args, _ in
            guard let a = S.arrayLike(args[0]), a.dims.count == 1 else { throw S.methodError(g, "reverse", args) }
            return .array(SortingBuiltins.reordered(a, Array((0..<a.count).reversed())))
        }
        g.defineBuiltin("reverse!", [S.vector]) { _, args, _ in
            guard case .array(let a) = args[0] else { throw S.methodError(g, "reverse!", args) }
            a.storage = SortingBuiltins.reordered(a, Array((0..<a.count).reversed())).storage
            return args[0]
        }
    }
}
