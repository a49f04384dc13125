/// Tuples, named tuples and pairs: indexing (with Julia's `BoundsError`),
/// `length`, `keys`/`values`/`pairs`, `haskey`, `get`, `merge`, `reverse`,
/// and the `Tuple(xs)` constructor.
enum TupleBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        installIndexing(g)
        installNamedTuples(g)
        g.defineBuiltin("length", [.anyTuple]) { _, args, _ in .int(items(args[0]).count) }
        g.defineBuiltin("length", [.anyNamedTuple]) { _, args, _ in .int(items(args[0]).count) }
        g.defineBuiltin("length", [S.anyPair]) { _, _, _ in .int(2) }
        g.defineBuiltin("reverse", [.anyTuple]) { _, args, _ in .tuple(items(args[0]).reversed()) }
        g.defineBuiltin("keys", [.anyTuple]) { _, args, _ in
            .range(RangeValue(start: 1, step: 1, stop: items(args[0]).count, isUnit: true))
        }
        g.defineConstructor(.anyTuple, [.any]) { ctx, args, _ in .tuple(try S.iterate(args[0], g, ctx)) }
        g.defineConstructor(.anyTuple, []) { _, _, _ in .tuple([]) }
    }

    static func items(_ v: Value) -> [Value] {
        switch v {
        case .tuple(let vs): return vs
        case .namedTuple(let nt): return nt.values
        case .pair(let a, let b): return [a, b]
        default: return []
        }
    }

    private static func installIndexing(_ g: Globals) {
        for t in [ZyType.anyTuple, .anyNamedTuple, S.anyPair] {
            g.defineBuiltin("getindex", [t, .int64], keywords: .forwarded) { _, args, kw in
                try BuiltinKeywords.none(kw, g, "getindex", args)
                let xs = items(args[0])
                guard case .int(let i) = args[1], i >= 1, i <= xs.count else {
                    throw Exceptions.boundsError(args[0], [args[1]])
                }
                return xs[i - 1]
            }
        }
        g.defineBuiltin("getindex", [.anyTuple, S.anyArray]) { ctx, args, _ in
            let xs = items(args[0])
            var out: [Value] = []
            for i in try S.iterate(args[1], g, ctx) {
                guard case .int(let k) = i, k >= 1, k <= xs.count else { throw Exceptions.boundsError(args[0], [args[1]]) }
                out.append(xs[k - 1])
            }
            return .tuple(out)
        }
        g.defineBuiltin("getindex", [.anyTuple, .function]) { _, args, _ in
            guard ArrayIndexingBuiltins.isColon(args[1]) else { throw S.methodError(g, "getindex", args) }
            return args[0]
        }
    }

    private static func namedTuple(_ v: Value, _ g: Globals, _ name: String, _ args: [Value]) throws -> NamedTupleValue {
        guard case .namedTuple(let nt) = v else { throw S.methodError(g, name, args) }
        return nt
    }

    private static func installNamedTuples(_ g: Globals) {
        g.defineBuiltin("getindex", [.anyNamedTuple, .symbol]) { _, args, _ in
            let nt = try namedTuple(args[0], g, "getindex", args)
            guard case .symbol(let s) = args[1], let k = nt.names.firstIndex(of: s) else {
                throw Exceptions.error("type NamedTuple has no field \(S.brief(args[1]).dropFirst())")
            }
            return nt.values[k]
        }
        g.defineBuiltin("keys", [.anyNamedTuple]) { _, args, _ in
            .tuple(try namedTuple(args[0], g, "keys", args).names.map { .symbol($0) })
        }
        g.defineBuiltin("values", [.anyNamedTuple]) { _, args, _ in
            .tuple(try namedTuple(args[0], g, "values", args).values)
        }
        g.defineBuiltin("values", [.anyTuple]) { _, args, _ in args[0] }
        g.defineBuiltin("pairs", [.anyNamedTuple]) { _, args, _ in
            let nt = try namedTuple(args[0], g, "pairs", args)
            let ps = zip(nt.names, nt.values).map { Value.pair(.symbol($0), $1) }
            return .array(S.narrowed(ps, dims: [ps.count]))
        }
        g.defineBuiltin("haskey", [.anyNamedTuple, .symbol]) { _, args, _ in
            guard case .symbol(let s) = args[1] else { return .bool(false) }
            return .bool(try namedTuple(args[0], g, "haskey", args).names.contains(s))
        }
        g.defineBuiltin("haskey", [.anyTuple, .int64]) { _, args, _ in
            guard case .int(let i) = args[1] else { return .bool(false) }
            return .bool(i >= 1 && i <= items(args[0]).count)
        }
        g.defineBuiltin("get", [.anyNamedTuple, .symbol, .any]) { _, args, _ in
            let nt = try namedTuple(args[0], g, "get", args)
            guard case .symbol(let s) = args[1], let k = nt.names.firstIndex(of: s) else { return args[2] }
            return nt.values[k]
        }
        g.defineBuiltin("merge", [.anyNamedTuple], varargs: true) { _, args, _ in
            var names: [Symbol] = []
            var values: [Value] = []
            for a in args {
                let nt = try namedTuple(a, g, "merge", args)
                for (n, v) in zip(nt.names, nt.values) {
                    if let k = names.firstIndex(of: n) { values[k] = v } else { names.append(n); values.append(v) }
                }
            }
            return .namedTuple(NamedTupleValue(names: names, values: values))
        }
    }
}
