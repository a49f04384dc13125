import Foundation

/// `broadcast(f, args...)` (what `f.(x)` and `x .+ y` lower to) and
/// `broadcast!(f, dest, args...)` (`x .= e`), with Julia's shape rules:
/// arrays, ranges and tuples have shapes, everything else is a scalar;
/// dimensions of length 1 extend; a tuple result only when every shaped
/// argument is a tuple. The result's element type is the tightest join of
/// the computed values; `Float64` data under `+ - * /` and common math
/// functions is computed without dispatch.
enum BroadcastBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        // f.(xs; k = v): the keywords go to every call of f, unbroadcast.
        g.defineBuiltin("broadcast", [.any, .any], varargs: true, keywords: .forwarded) { ctx, args, kw in
            try broadcast(args[0], Array(args.dropFirst()), g, ctx, keywords: kw)
        }
        g.defineBuiltin("broadcast", [.any], keywords: .forwarded) { ctx, args, kw in
            try ctx.call(args[0], [], keywords: kw)
        }
        g.defineBuiltin("broadcast!", [.any, S.array, .any], varargs: true) { ctx, args, _ in
            guard case .array(let dest) = args[1] else { throw S.methodError(g, "broadcast!", args) }
            try broadcastInto(dest, args[0], Array(args.dropFirst(2)), g, ctx)
            return args[1]
        }
        installIndexedAssignment(g)
    }

    /// `A[I...] .= src` (and `A[I...] .op= src`): broadcasts `src` over the
    /// region `A[I...]` selects and writes it into `A`. Lowering calls this
    /// instead of `broadcast!` on a `getindex` copy, since there are no views.
    static func installIndexedAssignment(_ g: Globals) {
        g.defineBuiltin("Core.broadcast_setindex!", [S.array, .any, .any], varargs: true) { ctx, args, _ in
            guard case .array(let a) = args[0] else { throw S.methodError(g, "Core.broadcast_setindex!", args) }
            let idx = Array(args.dropFirst(2))
            let (rs, dims) = try ArrayIndexingBuiltins.resolveAll(a, idx, original: args[0], g, ctx)
            let offsets = ArrayIndexingBuiltins.offsets(rs, dims: dims)
            let shape = rs.filter { !$0.isScalar }.map(\.positions.count)
            let region = ArrayConstructionBuiltins.uninitialized(a.elementType, shape)
            try broadcastInto(region, try S.function(g, "identity"), [args[1]], g, ctx)
            for (k, o) in offsets.enumerated() { ArrayIndexingBuiltins.store(a, o, S.element(region, k)) }
            return args[1]
        }
    }

    static func shape(_ v: Value) -> [Int]? {
        switch v {
        case .array, .range, .tuple: return S.dims(v)
        default: return nil
        }
    }

    static func mismatch(_ a: Int, _ b: Int) -> ZyException {
        Exceptions.dimensionMismatch("arrays could not be broadcast to a common size; got a dimension with lengths \(a) and \(b)")
    }

    /// Julia's `broadcast_shape`, folded from the right as Julia does, so
    /// the error names the same pair of lengths.
    static func commonShape(_ shapes: [[Int]]) throws -> [Int] {
        var result: [Int] = []
        for s in shapes.reversed() {
            var next: [Int] = []
            for k in 0..<max(s.count, result.count) {
                let a = k < s.count ? s[k] : 1, b = k < result.count ? result[k] : 1
                if a == 1 { next.append(b) } else if b == 1 || a == b { next.append(a) } else { throw mismatch(a, b) }
            }
            result = next
        }
        return result
    }

    /// One argument prepared for elementwise reads at result positions.
    struct Operand {
        var dims: [Int]
        var values: [Value]
        var floats: [Double]?
        var scalar: Value?

        init(_ v: Value) {
            if shape(v) == nil {
                dims = []; values = []; scalar = v
                if case .float(let d) = v { floats = [d] } else if case .int(let i) = v { floats = [Double(i)] }
                return
            }
            dims = S.dims(v) ?? []
            switch v {
            case .array(let a):
                if case .float(let xs) = a.storage { floats = xs; values = [] } else { values = S.elements(a) }
            case .range(let r): values = S.rangeElements(r)
            case .tuple(let vs): values = vs
            default: values = []
            }
        }

        /// The 0-based storage offset read for the result position `idx`.
        func offset(_ idx: [Int]) -> Int {
            var off = 0, stride = 1
            for (k, n) in dims.enumerated() {
                if n != 1 { off += idx[k] * stride }
                stride *= n
            }
            return off
        }

        func value(_ idx: [Int]) -> Value {
            if let scalar { return scalar }
            if let floats { return .float(floats[offset(idx)]) }
            return values[offset(idx)]
        }
    }

    static func broadcast(_ f: Value, _ args: [Value], _ g: Globals, _ ctx: CallContext,
                          keywords: [(Symbol, Value)] = []) throws -> Value {
        let shapes = args.compactMap(shape)
        if shapes.isEmpty { return try ctx.call(f, args, keywords: keywords) }
        let dims = try commonShape(shapes)
        let ops = args.map(Operand.init)
        if keywords.isEmpty, let fast = FloatKernels.apply(f, ops, dims: dims) {
            if dims.isEmpty, let only = fast.first { return .float(only) }
            return .array(S.floatArray(fast, dims: dims))
        }
        let out = try evaluate(f, ops, dims: dims, ctx, keywords: keywords)
        if dims.isEmpty, let only = out.first { return only }
        let allTuples = args.allSatisfy { v in
            if case .tuple = v { return true }
            return shape(v) == nil
        }
        if allTuples { return .tuple(out) }
        return .array(S.narrowed(out, dims: dims))
    }

    static func evaluate(_ f: Value, _ ops: [Operand], dims: [Int], _ ctx: CallContext,
                         keywords: [(Symbol, Value)] = []) throws -> [Value] {
        let n = dims.reduce(1, *)
        var out: [Value] = []
        out.reserveCapacity(n)
        var idx = Array(repeating: 0, count: dims.count)
        for _ in 0..<n {
            out.append(try ctx.call(f, ops.map { $0.value(idx) }, keywords: keywords))
            for k in idx.indices {
                idx[k] += 1
                if idx[k] < dims[k] { break }
                idx[k] = 0
            }
        }
        return out
    }

    static func broadcastInto(_ dest: ArrayValue, _ f: Value, _ args: [Value], _ g: Globals, _ ctx: CallContext) throws {
        for s in args.compactMap(shape) {
            for k in 0..<max(s.count, dest.dims.count) {
                let a = k < s.count ? s[k] : 1, d = k < dest.dims.count ? dest.dims[k] : 1
                if a != 1 && a != d { throw mismatch(d, a) }
            }
        }
        let ops = args.map(Operand.init)
        if dest.elementType == .float64, let fast = FloatKernels.apply(f, ops, dims: dest.dims) {
            dest.storage = .float(fast)
            return
        }
        let out = try S.convertAll(try evaluate(f, ops, dims: dest.dims, ctx), to: dest.elementType, g)
        dest.storage = S.makeArray(out, elementType: dest.elementType, dims: dest.dims).storage
    }
}

/// Elementwise `Float64` kernels for broadcasts whose operands are all
/// `Float64` arrays or `Int`/`Float64` scalars and whose function is a
/// built-in arithmetic operator or math function (by the generic
/// function's identity in the global table, so a user's own function of
/// the same name is not affected).
enum FloatKernels {
    typealias Operand = BroadcastBuiltins.Operand

    static func binary(_ name: String) -> ((Double, Double) -> Double)? {
        switch name {
        case "+": return (+)
        case "-": return (-)
        case "*": return (*)
        case "/": return (/)
        case "max": return { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
        case "min": return { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
        default: return nil
        }
    }

    static func unary(_ name: String) -> ((Double) -> Double?)? {
        switch name {
        case "-": return { -$0 }
        case "identity", "float": return { $0 }
        case "abs": return { Swift.abs($0) }
        case "abs2": return { $0 * $0 }
        case "sqrt": return { $0 < 0 ? nil : $0.squareRoot() }
        case "exp": return { Foundation.exp($0) }
        case "log": return { $0 < 0 ? nil : Foundation.log($0) }
        case "sin": return { $0.isFinite ? Foundation.sin($0) : nil }
        case "cos": return { $0.isFinite ? Foundation.cos($0) : nil }
        case "tanh": return { Foundation.tanh($0) }
        default: return nil
        }
    }

    static func apply(_ f: Value, _ ops: [Operand], dims: [Int]) -> [Double]? {
        guard case .function(let gf) = f, ops.allSatisfy({ $0.floats != nil }),
              ops.contains(where: { $0.scalar == nil }) else { return nil }
        let n = dims.reduce(1, *)
        if ops.count == 2, let op = binary(gf.name) {
            if ops[0].scalar == nil, ops[1].scalar == nil, ops[0].dims == dims, ops[1].dims == dims,
               let xs = ops[0].floats, let ys = ops[1].floats {
                return zip(xs, ys).map(op)
            }
            return positions(n, dims).map { idx in op(read(ops[0], idx), read(ops[1], idx)) }
        }
        if ops.count == 2, gf.name == "^", case .int(2)? = ops[1].scalar {
            return ops[0].floats.map { xs in xs.map { $0 * $0 } }.flatMap { $0.count == n ? $0 : nil }
        }
        if ops.count == 1, let op = unary(gf.name), let xs = ops[0].floats, xs.count == n {
            var out: [Double] = []
            out.reserveCapacity(n)
            for x in xs {
                guard let y = op(x) else { return nil }
                out.append(y)
            }
            return out
        }
        return nil
    }

    private static func read(_ o: Operand, _ idx: [Int]) -> Double {
        guard let xs = o.floats else { return .nan }
        return o.scalar != nil ? xs[0] : xs[o.offset(idx)]
    }

    private static func positions(_ n: Int, _ dims: [Int]) -> [[Int]] {
        var out: [[Int]] = []
        out.reserveCapacity(n)
        var idx = Array(repeating: 0, count: dims.count)
        for _ in 0..<n {
            out.append(idx)
            for k in idx.indices {
                idx[k] += 1
                if idx[k] < dims[k] { break }
                idx[k] = 0
            }
        }
        return out
    }
}
