/// Functions taking functions: `map`, `map!`, `foreach`, `filter`,
/// `foldl`, `foldr`, `reduce`, `mapreduce`, `findfirst`/`findlast`/
/// `findall` with a predicate, `identity`, and composition `f ∘ g`.
///
/// `f ∘ g` is a `ComposedFunction` struct value (fields `outer`, `inner`,
/// a subtype of `Function`); calling it must go to `Core.call_composed(c,
/// args...)`, which the interpreter does when the callee is a struct of
/// `HigherOrderBuiltins.composedFunctionType`.
enum HigherOrderBuiltins {
    typealias S = CollectionSupport

    static let composedFunctionType = StructType(
        name: "ComposedFunction", isMutable: false,
        fieldNames: [Symbol.named("outer"), Symbol.named("inner")], fieldTypes: [.any, .any],
        supertype: .function)

    static func install(into g: Globals) {
        g.defineBuiltin("identity", [.any]) { _, args, _ in args[0] }
        // x |> f = f(x)
        g.defineBuiltin("|>", [.any, .any]) { ctx, args, _ in try ctx.call(args[1], [args[0]]) }
        installComposition(g)
        installMap(g)
        installFolds(g)
        installSearch(g)
        SoftmaxBuiltins.install(into: g)
    }

    // MARK: Composition

    private static func installComposition(_ g: Globals) {
        g.defineConstant("ComposedFunction", .type(.structType(StructTypeRef(composedFunctionType))))
        g.defineBuiltin("∘", [.any]) { _, args, _ in args[0] }
        g.defineBuiltin("∘", [.any, .any], varargs: true) { _, args, _ in
            args.dropFirst().reduce(args[0]) { compose($0, $1) }
        }
        g.defineBuiltin("Core.call_composed", [.structType(StructTypeRef(composedFunctionType)), .any], varargs: true,
                        keywords: .forwarded) { ctx, args, kw in
            try callComposed(ctx, args[0], Array(args.dropFirst()), kw)
        }
    }

    static func compose(_ outer: Value, _ inner: Value) -> Value {
        .structValue(StructValue(type: composedFunctionType, fields: [outer, inner]))
    }

    /// `(f ∘ g)(args...; kw...)` is `f(g(args...; kw...))`.
    static func callComposed(_ ctx: CallContext, _ c: Value, _ args: [Value], _ kw: [(Symbol, Value)]) throws -> Value {
        guard case .structValue(let s) = c, s.type === composedFunctionType, s.fields.count == 2 else {
            throw Exceptions.methodError(c, args)
        }
        let inner = try ctx.call(s.fields[1], args, keywords: kw)
        return try ctx.call(s.fields[0], [inner])
    }

    // MARK: map, map!, foreach, filter

    private static func installMap(_ g: Globals) {
        g.defineBuiltin("map", [.any, .any, .any], varargs: true) { ctx, args, _ in
            try map(args[0], Array(args.dropFirst()), g, ctx)
        }
        g.defineBuiltin("map!", [.any, S.array, .any], varargs: true) { ctx, args, _ in
            guard case .array(let dest) = args[1] else { throw S.methodError(g, "map!", args) }
            let lists = try args.dropFirst(2).map { try S.iterate($0, g, ctx) }
            let n = min(dest.count, lists.map(\.count).min() ?? 0)
            for k in 0..<n {
                let v = try ctx.call(args[0], lists.map { $0[k] })
                ArrayIndexingBuiltins.store(dest, k, try S.convert(v, to: dest.elementType, g))
            }
            return args[1]
        }
        g.defineBuiltin("foreach", [.any, .any, .any], varargs: true) { ctx, args, _ in
            let lists = try args.dropFirst().map { try S.iterate($0, g, ctx) }
            let n = lists.map(\.count).min() ?? 0
            for k in 0..<n { _ = try ctx.call(args[0], lists.map { $0[k] }) }
            return .nothing
        }
        g.defineBuiltin("filter", [.any, .any]) { ctx, args, _ in try filter(args[0], args[1], g, ctx) }
    }

    static func map(_ f: Value, _ cs: [Value], _ g: Globals, _ ctx: CallContext) throws -> Value {
        if cs.allSatisfy({ if case .tuple = $0 { return true } else { return false } }) {
            let lists = cs.map(TupleBuiltins.items)
            let n = lists.map(\.count).min() ?? 0
            return .tuple(try (0..<n).map { k in try ctx.call(f, lists.map { $0[k] }) })
        }
        if case .dict = cs[0] {
            throw Exceptions.error("map is not defined on dictionaries")
        }
        if cs.count == 1, case .array(let a) = cs[0] {
            let op = BroadcastBuiltins.Operand(cs[0])
            if let fast = FloatKernels.apply(f, [op], dims: a.dims) { return .array(S.floatArray(fast, dims: a.dims)) }
            let out = try S.elements(a).map { try ctx.call(f, [$0]) }
            return .array(S.narrowed(out, dims: a.dims))
        }
        if cs.count == 1, case .string(let s) = cs[0] {
            let out = try s.unicodeScalars.map { try ctx.call(f, [.char(Character($0))]) }
            let chars = out.compactMap { v -> Character? in if case .char(let c) = v { return c } else { return nil } }
            if chars.count == out.count { return .string(String(chars)) }
            throw Exceptions.argumentError("map(f, s::AbstractString) requires f to return AbstractChar; try map(f, collect(s)) or a comprehension instead")
        }
        let lists = try cs.map { try S.iterate($0, g, ctx) }
        let n = lists.map(\.count).min() ?? 0
        let out = try (0..<n).map { k in try ctx.call(f, lists.map { $0[k] }) }
        let allSameShape = cs.count > 1 && Set(cs.compactMap { S.dims($0) }).count == 1 && cs.allSatisfy { S.dims($0) != nil }
        let dims = allSameShape ? (S.dims(cs[0]) ?? [n]) : [n]
        return .array(S.narrowed(out, dims: dims.reduce(1, *) == n ? dims : [n]))
    }

    static func filter(_ f: Value, _ c: Value, _ g: Globals, _ ctx: CallContext) throws -> Value {
        let keep: (Value) throws -> Bool = { try ReductionBuiltins.logical(try ctx.call(f, [$0])) }
        switch c {
        case .tuple(let xs): return .tuple(try xs.filter(keep))
        case .dict(let d):
            let out = DictValue(keyType: d.keyType, valueType: d.valueType)
            for (k, v) in zip(d.keys, d.values) where try keep(.pair(k, v)) { try DictBuiltins.set(out, k, v, g) }
            return .dict(out)
        case .string(let s):
            var out = String.UnicodeScalarView()
            for u in s.unicodeScalars where try keep(.char(Character(u))) { out.append(u) }
            return .string(String(out))
        default:
            let xs = try S.iterate(c, g, ctx).filter(keep)
            return S.makeVector(xs, elementType: ArrayShapeBuiltins.elementType(of: c))
        }
    }

    // MARK: Folds

    private static func installFolds(_ g: Globals) {
        EmptyReductions.install(into: g)
        g.defineBuiltin("foldl", [.any, .any], keywords: .named("init")) { ctx, args, kw in
            let xs = try S.iterate(args[1], g, ctx), initial = S.keyword(kw, "init")
            if xs.isEmpty, initial == nil { return try EmptyReductions.value(args[0], mapped: nil, over: args[1], g, ctx) }
            return try foldl(args[0], xs, initial, ctx)
        }
        g.defineBuiltin("foldr", [.any, .any], keywords: .named("init")) { ctx, args, kw in
            let xs = try S.iterate(args[1], g, ctx)
            var acc: Value
            var rest = xs[...]
            if let i = S.keyword(kw, "init") { acc = i } else {
                guard let last = rest.popLast() else {
                    return try EmptyReductions.value(args[0], mapped: nil, over: args[1], g, ctx)
                }
                acc = last
            }
            for x in rest.reversed() { acc = try ctx.call(args[0], [x, acc]) }
            return acc
        }
        g.defineBuiltin("reduce", [.any, .any], keywords: .named("init")) { ctx, args, kw in
            let xs = try S.iterate(args[1], g, ctx), initial = S.keyword(kw, "init")
            if xs.isEmpty, initial == nil { return try EmptyReductions.value(args[0], mapped: nil, over: args[1], g, ctx) }
            return try reduce(args[0], xs, initial, ctx)
        }
        g.defineBuiltin("mapreduce", [.any, .any, .any], keywords: .named("init")) { ctx, args, kw in
            let xs = try S.iterate(args[2], g, ctx), initial = S.keyword(kw, "init")
            if xs.isEmpty, initial == nil { return try EmptyReductions.value(args[1], mapped: args[0], over: args[2], g, ctx) }
            // as Julia: f and op alternate (f(a), f(b), op, f(c), op…), pairwise only past 1024
            guard initial != nil || xs.count < 1025 else {
                return try ReductionBuiltins.pairwiseValues(try xs.map { try ctx.call(args[0], [$0]) }[...]) { try ctx.call(args[1], [$0, $1]) }
            }
            var acc = try ctx.call(args[0], [xs[0]])
            if let initial { acc = try ctx.call(args[1], [initial, acc]) }
            for x in xs.dropFirst() { acc = try ctx.call(args[1], [acc, try ctx.call(args[0], [x])]) }
            return acc
        }
        g.defineBuiltin("mapreduce", [.any, .any, .any, .any], varargs: true, keywords: .named("init")) { ctx, args, kw in
            let mapped = try map(args[0], Array(args.dropFirst(2)), g, ctx), initial = S.keyword(kw, "init")
            let xs = try S.iterate(mapped, g, ctx)
            if xs.isEmpty, initial == nil { return try EmptyReductions.value(args[1], mapped: args[0], over: args[2], g, ctx) }
            return try reduce(args[1], xs, initial, ctx)
        }
        g.defineBuiltin("mapfoldl", [.any, .any, .any], keywords: .named("init")) { ctx, args, kw in
            let xs = try S.iterate(args[2], g, ctx).map { try ctx.call(args[0], [$0]) }, initial = S.keyword(kw, "init")
            if xs.isEmpty, initial == nil { return try EmptyReductions.value(args[1], mapped: args[0], over: args[2], g, ctx) }
            return try foldl(args[1], xs, initial, ctx)
        }
    }

    static func foldl(_ op: Value, _ xs: [Value], _ initial: Value?, _ ctx: CallContext) throws -> Value {
        var rest = xs[...]
        var acc: Value
        if let initial { acc = initial } else {
            guard let first = rest.popFirst() else { throw Exceptions.argumentError(ReductionBuiltins.emptyMessage) }
            acc = first
        }
        for x in rest { acc = try ctx.call(op, [acc, x]) }
        return acc
    }

    /// `reduce` associates like Julia's `mapreduce` on arrays (see
    /// `ReductionBuiltins`); with `init` it folds from the left.
    static func reduce(_ op: Value, _ xs: [Value], _ initial: Value?, _ ctx: CallContext) throws -> Value {
        if initial != nil || xs.isEmpty { return try foldl(op, xs, initial, ctx) }
        return try ReductionBuiltins.pairwiseValues(xs[...]) { try ctx.call(op, [$0, $1]) }
    }

    // MARK: Search with a predicate

    private static func installSearch(_ g: Globals) {
        g.defineBuiltin("findfirst", [.any, .any]) { ctx, args, _ in
            for (k, x) in try S.iterate(args[1], g, ctx).enumerated()
            where try ReductionBuiltins.logical(try ctx.call(args[0], [x])) {
                return position(args[1], k)
            }
            return .nothing
        }
        g.defineBuiltin("findlast", [.any, .any]) { ctx, args, _ in
            for (k, x) in try S.iterate(args[1], g, ctx).enumerated().reversed()
            where try ReductionBuiltins.logical(try ctx.call(args[0], [x])) {
                return position(args[1], k)
            }
            return .nothing
        }
        g.defineBuiltin("findall", [.any, .any]) { ctx, args, _ in
            var out: [Value] = []
            for (k, x) in try S.iterate(args[1], g, ctx).enumerated()
            where try ReductionBuiltins.logical(try ctx.call(args[0], [x])) {
                out.append(position(args[1], k))
            }
            return .array(S.narrowed(out, dims: [out.count], empty: .int64))
        }
    }

    /// The index Julia reports for the k-th (0-based) element: the key for
    /// dicts, a linear or cartesian index for arrays.
    private static func position(_ c: Value, _ k: Int) -> Value {
        if case .dict(let d) = c { return d.keys[k] }
        return ArrayBuiltins.linearOrCartesian(c, k)
    }
}
