/// Reductions over collections: `sum`, `prod`, `maximum`, `minimum`,
/// `extrema`, `mean`, `cumsum`, `count`, `any`, `all`, each also with a
/// function first (`sum(abs2, x)`) and, for arrays, `dims=`.
///
/// Sums of arrays follow Julia's `mapreduce` association: sequential below
/// 16 elements, else pairwise halving down to blocks of 1024 summed left to
/// right. (Julia also lets SIMD reassociate inside a block; that is not
/// reproduced, so sums of more than 16 floats may differ in the last bits.)
enum ReductionBuiltins {
    typealias S = CollectionSupport
    static let emptyMessage = "reducing over an empty collection is not allowed; consider supplying `init` to the reducer"

    static func install(into g: Globals) {
        for (name, op) in [("sum", S.Op.add), ("prod", S.Op.mul)] {
            g.defineBuiltin(name, [.any], keywords: .named("dims", "init")) { ctx, args, kw in
                try reduceArith(op, args[0], mapped: nil, kw, g, ctx)
            }
            g.defineBuiltin(name, [.any, .any], keywords: .named("dims", "init")) { ctx, args, kw in
                try reduceArith(op, args[1], mapped: args[0], kw, g, ctx)
            }
        }
        g.defineBuiltin("mean", [.any], keywords: .named("dims")) { ctx, args, kw in try mean(args[0], mapped: nil, kw, g, ctx) }
        g.defineBuiltin("mean", [.any, .any], keywords: .named("dims")) { ctx, args, kw in try mean(args[1], mapped: args[0], kw, g, ctx) }
        for (name, root) in [("var", false), ("std", true)] {
            g.defineBuiltin(name, [.any], keywords: .named("corrected")) { ctx, args, kw in
                let v = try variance(try S.iterate(args[0], g, ctx), kw, g, ctx)
                return .float(root ? v.squareRoot() : v)
            }
        }
        ExtremaBuiltins.install(into: g)
        installLogical(g)
        g.defineBuiltin("cumsum", [S.anyArray]) { ctx, args, _ in try cumulative(.add, args[0], g, ctx) }
        g.defineBuiltin("cumprod", [S.anyArray]) { ctx, args, _ in try cumulative(.mul, args[0], g, ctx) }
    }

    /// The values to reduce: the collection's elements, mapped by `f`.
    static func values(_ c: Value, mapped f: Value?, _ g: Globals, _ ctx: CallContext) throws -> [Value] {
        let xs = try S.iterate(c, g, ctx)
        guard let f else { return xs }
        return try xs.map { try ctx.call(f, [$0]) }
    }

    static func reduceArith(_ op: S.Op, _ c: Value, mapped f: Value?, _ kw: [(Symbol, Value)],
                            _ g: Globals, _ ctx: CallContext) throws -> Value {
        if let d = S.keyword(kw, "dims") {
            let source = try DimensionReduction.mapped(c, f, g, ctx)
            return try DimensionReduction.reduce(source, dims: d, g, ctx) { xs in
                try reduceList(op, xs, initial: S.keyword(kw, "init"), elementType: nil, g, ctx)
            }
        }
        if f == nil, case .range(let r) = c, op == .add, S.keyword(kw, "init") == nil {
            let n = S.rangeLength(r)
            return .int(n % 2 == 0 ? (n / 2) &* (r.start &+ r.stop) : n &* ((r.start &+ r.stop) / 2))
        }
        if f == nil, case .array(let a) = c, case .float(let xs) = a.storage, S.keyword(kw, "init") == nil {
            if xs.isEmpty { return .float(op == .add ? 0 : 1) }
            return .float(op == .add ? pairwise(xs, +) : pairwise(xs, *))
        }
        let t: ZyType? = f == nil ? ArrayShapeBuiltins.elementType(of: c) : nil
        return try reduceList(op, try values(c, mapped: f, g, ctx), initial: S.keyword(kw, "init"), elementType: t, g, ctx)
    }

    static func reduceList(_ op: S.Op, _ xs: [Value], initial: Value?, elementType: ZyType?,
                           _ g: Globals, _ ctx: CallContext) throws -> Value {
        let widened = xs.map { v -> Value in if case .bool(let b) = v { return .int(b ? 1 : 0) } else { return v } }
        if let initial {
            return try widened.reduce(initial) { try S.arith(op, $0, $1, g, ctx) }
        }
        guard !widened.isEmpty else {
            let t = elementType == .bool ? .int64 : (elementType ?? .any)
            if let z = op == .add ? S.zero(of: t) : S.one(of: t) { return z }
            throw Exceptions.argumentError(emptyMessage)
        }
        if widened.allSatisfy({ if case .float = $0 { return true } else { return false } }) {
            let ds = widened.map(S.asDouble)
            return .float(op == .add ? pairwise(ds, +) : pairwise(ds, *))
        }
        return try pairwiseValues(widened[...], { try S.arith(op, $0, $1, g, ctx) })
    }

    static func pairwise(_ xs: [Double], _ op: (Double, Double) -> Double) -> Double {
        if xs.count == 1 { return xs[0] }
        if xs.count < 16 { return xs.dropFirst().reduce(xs[0], op) }
        return pairwiseBlock(xs[...], op)
    }

    private static func pairwiseBlock(_ xs: ArraySlice<Double>, _ op: (Double, Double) -> Double) -> Double {
        if xs.count < 1025 {
            guard let first = xs.first else { return 0 }
            return xs.dropFirst().reduce(first, op)
        }
        let mid = xs.startIndex + (xs.count - 1) / 2 + 1
        return op(pairwiseBlock(xs[..<mid], op), pairwiseBlock(xs[mid...], op))
    }

    static func pairwiseValues(_ xs: ArraySlice<Value>, _ op: (Value, Value) throws -> Value) throws -> Value {
        guard let first = xs.first else { throw Exceptions.argumentError(emptyMessage) }
        if xs.count < 1025 { return try xs.dropFirst().reduce(first, op) }
        let mid = xs.startIndex + (xs.count - 1) / 2 + 1
        return try op(try pairwiseValues(xs[..<mid], op), try pairwiseValues(xs[mid...], op))
    }

    static func mean(_ c: Value, mapped f: Value?, _ kw: [(Symbol, Value)], _ g: Globals, _ ctx: CallContext) throws -> Value {
        if let d = S.keyword(kw, "dims") {
            return try DimensionReduction.reduce(try DimensionReduction.mapped(c, f, g, ctx), dims: d, g, ctx) { xs in
                try S.arith(.div, try reduceList(.add, xs, initial: nil, elementType: nil, g, ctx), .int(xs.count), g, ctx)
            }
        }
        let n = try values(c, mapped: nil, g, ctx).count
        guard n > 0 else { return .float(.nan) }
        let total = try reduceArith(.add, c, mapped: f, [], g, ctx)
        return try S.arith(.div, total, .int(n), g, ctx)
    }

    /// Statistics' `var` (`corrected = true` by default): the mean of
    /// squared deviations over `n - 1`.
    static func variance(_ xs: [Value], _ kw: [(Symbol, Value)], _ g: Globals, _ ctx: CallContext) throws -> Double {
        guard xs.allSatisfy(S.isReal) else { throw S.methodError(g, "var", [S.makeVector(xs, elementType: .any)]) }
        let corrected = try S.keyword(kw, "corrected").map { try S.truthy($0, "var") } ?? true
        let ds = xs.map(S.asDouble)
        guard !ds.isEmpty else { return .nan }
        let m = pairwise(ds, +) / Double(ds.count)
        let ss = pairwise(ds.map { ($0 - m) * ($0 - m) }, +)
        return ss / Double(corrected ? ds.count - 1 : ds.count)
    }

    static func cumulative(_ op: S.Op, _ c: Value, _ g: Globals, _ ctx: CallContext) throws -> Value {
        let xs = try S.iterate(c, g, ctx)
        var out: [Value] = []
        out.reserveCapacity(xs.count)
        var acc: Value?
        for x in xs {
            let v: Value = { if case .bool(let b) = x { return .int(b ? 1 : 0) } else { return x } }()
            acc = try acc.map { try S.arith(op, $0, v, g, ctx) } ?? v
            if let acc { out.append(acc) }
        }
        let dims = S.dims(c) ?? [out.count]
        return .array(S.narrowed(out, dims: dims, empty: ArrayShapeBuiltins.elementType(of: c)))
    }

    private static func installLogical(_ g: Globals) {
        for (name, stopOn) in [("any", true), ("all", false)] {
            g.defineBuiltin(name, [.any]) { ctx, args, _ in
                for x in try S.iterate(args[0], g, ctx) where try logical(x) == stopOn { return .bool(stopOn) }
                return .bool(!stopOn)
            }
            g.defineBuiltin(name, [.any, .any]) { ctx, args, _ in
                for x in try S.iterate(args[1], g, ctx) where try logical(try ctx.call(args[0], [x])) == stopOn {
                    return .bool(stopOn)
                }
                return .bool(!stopOn)
            }
        }
        g.defineBuiltin("count", [.any]) { ctx, args, _ in
            .int(try S.iterate(args[0], g, ctx).filter { try logical($0) }.count)
        }
        g.defineBuiltin("count", [.any, .any]) { ctx, args, _ in
            .int(try S.iterate(args[1], g, ctx).filter { try logical(try ctx.call(args[0], [$0])) }.count)
        }
    }

    static func logical(_ v: Value) throws -> Bool {
        guard case .bool(let b) = v else {
            throw Exceptions.typeError("if", expected: .bool, got: v)
        }
        return b
    }
}
