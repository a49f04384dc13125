/// `getindex` / `setindex!` on arrays and ranges: linear and cartesian
/// indices, ranges, `:`, integer vectors and Bool masks. Out-of-range
/// indices throw `BoundsError(A, (i, j))` with the indices as written.
enum ArrayIndexingBuiltins {
    typealias S = CollectionSupport

    /// One resolved index: 0-based positions along its dimension, and
    /// whether it was a scalar (scalar indices drop their dimension).
    struct Resolved {
        var positions: [Int]
        var isScalar: Bool
    }

    static func install(into g: Globals) {
        g.defineBuiltin("getindex", [S.array, .any], varargs: true) { ctx, args, _ in
            guard case .array(let a) = args[0] else { throw S.methodError(g, "getindex", args) }
            return try get(a, Array(args.dropFirst()), original: args[0], g, ctx)
        }
        installScalarFastPaths(g)
        g.defineBuiltin("getindex", [.abstractRange, .any], varargs: true) { ctx, args, _ in
            guard case .range(let r) = args[0] else { throw S.methodError(g, "getindex", args) }
            return try getRange(r, Array(args.dropFirst()), original: args[0], g, ctx)
        }
        g.defineBuiltin("setindex!", [S.array, .any, .any], varargs: true) { ctx, args, _ in
            guard case .array(let a) = args[0] else { throw S.methodError(g, "setindex!", args) }
            try set(a, args[1], Array(args.dropFirst(2)), original: args[0], g, ctx)
            return args[0]
        }
    }

    /// Fixed-arity methods for the hot `x[i]`, `A[i, j]`, `x[i] = v` cases,
    /// so loops do not pay for the general index machinery.
    private static func installScalarFastPaths(_ g: Globals) {
        g.defineBuiltin("getindex", [S.array, .int64], keywords: .forwarded) { _, args, kw in
            try BuiltinKeywords.none(kw, g, "getindex", args)
            guard case .array(let a) = args[0], case .int(let i) = args[1], i >= 1, i <= a.count else {
                throw Exceptions.boundsError(args[0], [args[1]])
            }
            return S.element(a, i - 1)
        }
        g.defineBuiltin("getindex", [S.array, .int64, .int64]) { ctx, args, _ in
            guard case .array(let a) = args[0] else { throw S.methodError(g, "getindex", args) }
            return try get(a, [args[1], args[2]], original: args[0], g, ctx)
        }
        g.defineBuiltin("setindex!", [S.array, .any, .int64], keywords: .forwarded) { _, args, kw in
            try BuiltinKeywords.none(kw, g, "setindex!", args)
            guard case .array(let a) = args[0], case .int(let i) = args[2], i >= 1, i <= a.count else {
                throw Exceptions.boundsError(args[0], [args[2]])
            }
            if case .float(let d) = args[1], a.elementType == .float64 {
                store(a, i - 1, .float(d))
            } else {
                store(a, i - 1, try S.convert(args[1], to: a.elementType, g))
            }
            return args[0]
        }
    }

    static func isColon(_ v: Value) -> Bool {
        if case .function(let f) = v { return f.name == ":" }
        return false
    }

    /// Resolves an index against a dimension of length `n`.
    static func resolve(_ index: Value, length n: Int, _ g: Globals, _ ctx: CallContext,
                        fail: () -> ZyException) throws -> Resolved {
        switch index {
        case .int(let i):
            guard i >= 1 && i <= n else { throw fail() }
            return Resolved(positions: [i - 1], isScalar: true)
        case .bool, .float, .string, .symbol, .nothing, .char, .complex, .rational:
            throw Exceptions.argumentError("invalid index: \(indexText(index)) of type \(index.type)")
        default: break
        }
        if isColon(index) { return Resolved(positions: Array(0..<n), isScalar: false) }
        let items = try S.iterate(index, g, ctx)
        if case .array(let a) = index, a.elementType == .bool {
            guard items.count == n else { throw fail() }
            let ps = items.enumerated().compactMap { (k, v) -> Int? in
                if case .bool(true) = v { return k }
                return nil
            }
            return Resolved(positions: ps, isScalar: false)
        }
        var ps: [Int] = []
        ps.reserveCapacity(items.count)
        for v in items {
            guard case .int(let i) = v else {
                throw Exceptions.argumentError("invalid index: \(indexText(v)) of type \(v.type)")
            }
            guard i >= 1 && i <= n else { throw fail() }
            ps.append(i - 1)
        }
        return Resolved(positions: ps, isScalar: false)
    }

    private static func indexText(_ v: Value) -> String {
        switch v {
        case .bool(let b): return b ? "true" : "false"
        case .float(let d): return "\(d)"
        case .int(let i): return "\(i)"
        case .symbol(let s): return ":" + s.name
        case .string(let s): return "\"\(s)\""
        case .nothing: return "nothing"
        default: return "\(v.type)"
        }
    }

    /// The dimensions indices address: a single index is linear; fewer
    /// indices than dimensions fold the trailing ones; extra indices address
    /// trailing dimensions of length 1.
    static func indexDims(_ dims: [Int], count k: Int) -> [Int] {
        if k == 1 { return [dims.reduce(1, *)] }
        if k >= dims.count { return dims + Array(repeating: 1, count: k - dims.count) }
        return Array(dims[0..<(k - 1)]) + [dims[(k - 1)...].reduce(1, *)]
    }

    /// 0-based linear offsets addressed by resolved indices, column-major.
    static func offsets(_ rs: [Resolved], dims: [Int]) -> [Int] {
        var result = [0]
        var stride = 1
        for (r, n) in zip(rs, dims) {
            var next: [Int] = []
            next.reserveCapacity(result.count * r.positions.count)
            for p in r.positions { for base in result { next.append(base + p * stride) } }
            result = next
            stride *= n
        }
        return result
    }

    static func resolveAll(_ a: ArrayValue, _ idx: [Value], original: Value,
                           _ g: Globals, _ ctx: CallContext) throws -> ([Resolved], [Int]) {
        let dims = indexDims(a.dims, count: max(idx.count, 1))
        let fail = { Exceptions.boundsError(original, idx) }
        if idx.isEmpty {
            guard a.count == 1 else { throw fail() }
            return ([Resolved(positions: [0], isScalar: true)], dims)
        }
        let rs = try zip(idx, dims).map { try resolve($0, length: $1, g, ctx, fail: fail) }
        return (rs, dims)
    }

    static func get(_ a: ArrayValue, _ idx: [Value], original: Value,
                    _ g: Globals, _ ctx: CallContext) throws -> Value {
        if idx.count == 1, case .int(let i) = idx[0] {
            guard i >= 1 && i <= a.count else { throw Exceptions.boundsError(original, idx) }
            return S.element(a, i - 1)
        }
        if idx.count == 2, a.dims.count == 2, case .int(let i) = idx[0], case .int(let j) = idx[1] {
            guard i >= 1 && i <= a.dims[0] && j >= 1 && j <= a.dims[1] else {
                throw Exceptions.boundsError(original, idx)
            }
            return S.element(a, (j - 1) * a.dims[0] + i - 1)
        }
        let (rs, _) = try resolveAll(a, idx, original: original, g, ctx)
        let offs = offsets(rs, dims: indexDims(a.dims, count: max(idx.count, 1)))
        if rs.allSatisfy(\.isScalar), let o = offs.first { return S.element(a, o) }
        var shape = rs.filter { !$0.isScalar }.map(\.positions.count)
        if idx.count == 1, case .array(let ia) = idx[0], ia.elementType != .bool { shape = ia.dims }
        switch a.storage {
        case .float(let xs): return .array(S.floatArray(offs.map { xs[$0] }, dims: shape))
        case .values(let vs):
            return .array(ArrayValue(storage: .values(offs.map { vs[$0] }), elementType: a.elementType, dims: shape))
        }
    }

    static func set(_ a: ArrayValue, _ v: Value, _ idx: [Value], original: Value,
                    _ g: Globals, _ ctx: CallContext) throws {
        if idx.count == 1, case .int(let i) = idx[0] {
            guard i >= 1 && i <= a.count else { throw Exceptions.boundsError(original, idx) }
            try store(a, i - 1, S.convert(v, to: a.elementType, g))
            return
        }
        let (rs, dims) = try resolveAll(a, idx, original: original, g, ctx)
        let offs = offsets(rs, dims: dims)
        if rs.allSatisfy(\.isScalar), let o = offs.first {
            try store(a, o, S.convert(v, to: a.elementType, g))
            return
        }
        guard let src = S.arrayLike(v) else {
            throw Exceptions.argumentError("indexed assignment with a single value to possibly many locations is not supported; perhaps use broadcasting `.=` instead?")
        }
        guard src.count == offs.count else {
            throw Exceptions.dimensionMismatch("tried to assign \(src.count) elements to \(offs.count) destinations")
        }
        let xs = try S.convertAll(S.elements(src), to: a.elementType, g)
        for (o, x) in zip(offs, xs) { store(a, o, x) }
    }

    /// Writes an already-converted value at a 0-based offset, in place.
    static func store(_ a: ArrayValue, _ k: Int, _ v: Value) {
        switch a.storage {
        case .float(var xs):
            a.storage = .values([])
            xs[k] = S.asDouble(v)
            a.storage = .float(xs)
        case .values(var vs):
            a.storage = .values([])
            vs[k] = v
            a.storage = .values(vs)
        }
    }

    static func getRange(_ r: RangeValue, _ idx: [Value], original: Value,
                         _ g: Globals, _ ctx: CallContext) throws -> Value {
        let n = S.rangeLength(r)
        guard idx.count == 1 else {
            guard let a = S.arrayLike(original) else { throw S.methodError(g, "getindex", [original] + idx) }
            return try get(a, idx, original: original, g, ctx)
        }
        switch idx[0] {
        case .int(let i):
            guard i >= 1 && i <= n else { throw Exceptions.boundsError(original, idx) }
            return .int(r.start &+ (i - 1) &* r.step)
        case .range(let ir):
            let m = S.rangeLength(ir)
            if m > 0 {
                guard ir.start >= 1, ir.start <= n, ir.stop >= 1, ir.stop <= n else {
                    throw Exceptions.boundsError(original, idx)
                }
            }
            let start = r.start &+ (ir.start &- 1) &* r.step
            let step = r.step &* ir.step
            let stop = m > 0 ? start &+ (m - 1) &* step : start &- step
            return .range(RangeValue(start: start, step: step, stop: stop, isUnit: r.isUnit && ir.isUnit))
        default:
            guard let a = S.arrayLike(original) else { throw S.methodError(g, "getindex", [original] + idx) }
            return try get(a, idx, original: original, g, ctx)
        }
    }
}
