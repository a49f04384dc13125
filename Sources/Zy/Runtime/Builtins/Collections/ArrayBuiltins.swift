/// The array group: installs literals, construction, indexing, shape,
/// mutation, sorting, reductions and broadcasting, plus the searching and
/// comparison functions below (`in`, `first`, `unique`, `findall`, `==`…).
enum ArrayBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        ArrayLiteralBuiltins.install(into: g)
        ArrayConstructionBuiltins.install(into: g)
        ArrayIndexingBuiltins.install(into: g)
        ArrayShapeBuiltins.install(into: g)
        ArrayMutationBuiltins.install(into: g)
        SortingBuiltins.install(into: g)
        ReductionBuiltins.install(into: g)
        BroadcastBuiltins.install(into: g)
        RangeBuiltins.install(into: g)
        ArrayViewsBuiltins.install(into: g)
        installMembership(g)
        installEnds(g)
        installSearch(g)
        installEquality(g)
    }

    private static func installMembership(_ g: Globals) {
        for name in ["in", "∈"] {
            g.defineBuiltin(name, [.any, .any]) { ctx, args, _ in .bool(try contains(args[1], args[0], g, ctx)) }
        }
        g.defineBuiltin("∉", [.any, .any]) { ctx, args, _ in .bool(!(try contains(args[1], args[0], g, ctx))) }
        for t in [S.anyArray, .anyTuple, .anyNamedTuple, S.anyDict] {
            g.defineBuiltin("isempty", [t]) { _, args, _ in .bool(isEmpty(args[0])) }
        }
    }

    private static func isEmpty(_ v: Value) -> Bool {
        if case .dict(let d) = v { return d.keys.isEmpty }
        return ArrayShapeBuiltins.count(v) == 0
    }

    /// `x in c`: `==` membership (`isequal` for dict keys), closed form for
    /// integer ranges.
    static func contains(_ c: Value, _ x: Value, _ g: Globals, _ ctx: CallContext) throws -> Bool {
        switch c {
        case .range(let r):
            guard S.isReal(x), case .int(let i)? = try? S.convert(x, to: .int64, g) else { return false }
            let len = S.rangeLength(r)
            guard len > 0, r.step != 0 else { return false }
            let off = i &- r.start
            return off % r.step == 0 && off / r.step >= 0 && off / r.step < len
        case .dict(let d):
            guard case .pair(let k, let v) = x else {
                throw Exceptions.argumentError("AbstractDict collections only contain Pairs;\nEither look for e.g. A=>B instead, or use the `keys` or `haskey` function to test for keys")
            }
            guard let j = d.index[S.hashKey(k)] else { return false }
            return try S.equal(d.values[j], v, g, ctx)
        case .string(let s):
            if case .char(let ch) = x { return s.unicodeScalars.contains { Character($0) == ch } }
            throw S.methodError(g, "in", [x, c])
        default:
            for y in try S.iterate(c, g, ctx) where try S.equal(y, x, g, ctx) { return true }
            return false
        }
    }

    private static func installEnds(_ g: Globals) {
        g.defineBuiltin("first", [.any]) { ctx, args, _ in
            if case .pair(let a, _) = args[0] { return a }
            let xs = try S.iterate(args[0], g, ctx)
            guard let x = xs.first else { throw emptyError(args[0], index: 1) }
            return x
        }
        g.defineBuiltin("last", [.any]) { ctx, args, _ in
            if case .pair(_, let b) = args[0] { return b }
            let xs = try S.iterate(args[0], g, ctx)
            guard let x = xs.last else { throw emptyError(args[0], index: 0) }
            return x
        }
        for (name, fromEnd) in [("first", false), ("last", true)] {
            g.defineBuiltin(name, [.any, .int64]) { ctx, args, _ in
                let xs = try S.iterate(args[0], g, ctx)
                let n = try S.int(args[1], g, name)
                guard n >= 0 else { throw Exceptions.argumentError("Number of elements must be non-negative") }
                let part = fromEnd ? Array(xs.suffix(n)) : Array(xs.prefix(n))
                if case .tuple = args[0] { return .tuple(part) }
                if case .string = args[0] {
                    return .string(String(part.compactMap { if case .char(let c) = $0 { return c } else { return nil } }))
                }
                return S.makeVector(part, elementType: ArrayShapeBuiltins.elementType(of: args[0]))
            }
        }
    }

    private static func emptyError(_ c: Value, index: Int) -> ZyException {
        switch c {
        case .tuple: return Exceptions.argumentError("tuple must be non-empty")
        case .array, .range: return Exceptions.boundsError(c, [.int(index)])
        default: return Exceptions.argumentError("collection must be non-empty")
        }
    }

    private static func installSearch(_ g: Globals) {
        g.defineBuiltin("unique", [.any]) { ctx, args, _ in
            var seen = Set<HashKey>()
            var out: [Value] = []
            for x in try S.iterate(args[0], g, ctx) where seen.insert(S.hashKey(x)).inserted { out.append(x) }
            return S.makeVector(out, elementType: ArrayShapeBuiltins.elementType(of: args[0]))
        }
        g.defineBuiltin("findfirst", [S.anyArray]) { ctx, args, _ in
            for (k, x) in try S.iterate(args[0], g, ctx).enumerated() where try isTrue(x, "findfirst") {
                return linearOrCartesian(args[0], k)
            }
            return .nothing
        }
        g.defineBuiltin("findlast", [S.anyArray]) { ctx, args, _ in
            for (k, x) in try S.iterate(args[0], g, ctx).enumerated().reversed() where try isTrue(x, "findlast") {
                return linearOrCartesian(args[0], k)
            }
            return .nothing
        }
        g.defineBuiltin("findall", [S.anyArray]) { ctx, args, _ in
            var out: [Value] = []
            for (k, x) in try S.iterate(args[0], g, ctx).enumerated() where try isTrue(x, "findall") {
                out.append(linearOrCartesian(args[0], k))
            }
            return S.makeVector(out, elementType: out.first?.type ?? .int64)
        }
        g.defineBuiltin("iszero", [S.anyArray]) { ctx, args, _ in
            for x in try S.iterate(args[0], g, ctx) {
                guard case .bool(true) = try S.call(g, "iszero", [x], ctx) else { return .bool(false) }
            }
            return .bool(true)
        }
    }

    private static func isTrue(_ v: Value, _ name: String) throws -> Bool {
        guard case .bool(let b) = v else {
            throw Exceptions.typeError(name, expected: .bool, got: v)
        }
        return b
    }

    /// A found position: a linear index for vectors; for higher dimensions
    /// a tuple of indices, standing in for Julia's `CartesianIndex`.
    static func linearOrCartesian(_ c: Value, _ k: Int) -> Value {
        guard let dims = S.dims(c), dims.count > 1 else { return .int(k + 1) }
        var rest = k
        var idx: [Value] = []
        for n in dims {
            idx.append(.int(rest % max(n, 1) + 1))
            rest /= max(n, 1)
        }
        return .tuple(idx)
    }

    private static func installEquality(_ g: Globals) {
        let kinds: [(ZyType, ZyType)] = [(S.anyArray, S.anyArray), (.anyTuple, .anyTuple), (S.anyDict, S.anyDict),
                                         (.anyNamedTuple, .anyNamedTuple), (S.anyPair, S.anyPair)]
        for (a, b) in kinds {
            g.defineBuiltin("==", [a, b]) { ctx, args, _ in .bool(try S.equal(args[0], args[1], g, ctx)) }
            g.defineBuiltin("!=", [a, b]) { ctx, args, _ in .bool(!(try S.equal(args[0], args[1], g, ctx))) }
            g.defineBuiltin("isequal", [a, b]) { ctx, args, _ in .bool(try S.isEqual(args[0], args[1], g, ctx)) }
        }
    }
}
