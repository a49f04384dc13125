/// `sort`, `sort!`, `sortperm`, `issorted` with `rev`, `by` and `lt`
/// keywords. The sort is a stable merge sort (Julia's default for
/// non-numeric data, and indistinguishable from its numeric sort), and the
/// comparison may call back into Zy.
enum SortingBuiltins {
    typealias S = CollectionSupport

    static let orderKeywords = BuiltinKeywords.named("by", "lt", "rev")

    static func install(into g: Globals) {
        g.defineBuiltin("sort", [S.anyArray], keywords: orderKeywords) { ctx, args, kw in
            guard let a = S.arrayLike(args[0]) else { throw S.methodError(g, "sort", args) }
            let perm = try permutation(S.elements(a), kw, g, ctx)
            return .array(reordered(a, perm))
        }
        g.defineBuiltin("sort!", [S.vector], keywords: orderKeywords) { ctx, args, kw in
            guard case .array(let a) = args[0] else { throw S.methodError(g, "sort!", args) }
            let perm = try permutation(S.elements(a), kw, g, ctx)
            a.storage = reordered(a, perm).storage
            return args[0]
        }
        g.defineBuiltin("sortperm", [S.anyArray], keywords: orderKeywords) { ctx, args, kw in
            guard let a = S.arrayLike(args[0]) else { throw S.methodError(g, "sortperm", args) }
            let perm = try permutation(S.elements(a), kw, g, ctx)
            return S.makeVector(perm.map { .int($0 + 1) }, elementType: .int64)
        }
        g.defineBuiltin("issorted", [S.anyArray], keywords: orderKeywords) { ctx, args, kw in
            guard let a = S.arrayLike(args[0]) else { throw S.methodError(g, "issorted", args) }
            let less = try comparator(kw, g, ctx)
            let xs = S.elements(a)
            for k in xs.indices.dropFirst() where try less(xs[k], xs[k - 1]) { return .bool(false) }
            return .bool(true)
        }
    }

    static func reordered(_ a: ArrayValue, _ perm: [Int]) -> ArrayValue {
        switch a.storage {
        case .float(let xs): return S.floatArray(perm.map { xs[$0] }, dims: [perm.count])
        case .values(let vs):
            return ArrayValue(storage: .values(perm.map { vs[$0] }), elementType: a.elementType, dims: [perm.count])
        }
    }

    /// "a sorts before b" from the keywords: `lt` (default `isless`) on
    /// `by(x)` keys, reversed by `rev = true`.
    static func comparator(_ kw: [(Symbol, Value)], _ g: Globals, _ ctx: CallContext) throws -> (Value, Value) throws -> Bool {
        let by = S.keyword(kw, "by")
        let lt = S.keyword(kw, "lt")
        var rev = false
        if let r = S.keyword(kw, "rev") { rev = try S.truthy(r, "sort") }
        let key: (Value) throws -> Value = { x in try by.map { try ctx.call($0, [x]) } ?? x }
        let base: (Value, Value) throws -> Bool = { a, b in
            if let lt { return try S.truthy(try ctx.call(lt, [a, b]), "sort") }
            return try S.isLess(a, b, g, ctx)
        }
        return { a, b in
            let (ka, kb) = (try key(a), try key(b))
            return rev ? try base(kb, ka) : try base(ka, kb)
        }
    }

    /// The stable sorting permutation (0-based) of `xs`.
    static func permutation(_ xs: [Value], _ kw: [(Symbol, Value)], _ g: Globals, _ ctx: CallContext) throws -> [Int] {
        let less = try comparator(kw, g, ctx)
        if S.keyword(kw, "by") == nil, S.keyword(kw, "lt") == nil,
           xs.allSatisfy({ if case .float(let d) = $0 { return !d.isNaN } else { return false } }) {
            let rev = try S.keyword(kw, "rev").map { try S.truthy($0, "sort") } ?? false
            let ds = xs.map(S.asDouble)
            return stableSort(Array(xs.indices)) { i, j in
                let (a, b) = rev ? (ds[j], ds[i]) : (ds[i], ds[j])
                return a < b || (a == 0 && b == 0 && a.sign == .minus && b.sign == .plus)
            }
        }
        return try mergeSort(Array(xs.indices)) { try less(xs[$0], xs[$1]) }
    }

    /// A non-throwing stable merge sort for comparisons that cannot fail.
    static func stableSort(_ items: [Int], _ less: (Int, Int) -> Bool) -> [Int] {
        (try? mergeSort(items, less)) ?? items
    }

    static func mergeSort(_ items: [Int], _ less: (Int, Int) throws -> Bool) throws -> [Int] {
        if items.count < 2 { return items }
        var src = items
        var dst = items
        var width = 1
        while width < src.count {
            var start = 0
            while start < src.count {
                let mid = min(start + width, src.count), end = min(start + 2 * width, src.count)
                var i = start, j = mid, k = start
                while i < mid && j < end {
                    if try less(src[j], src[i]) { dst[k] = src[j]; j += 1 } else { dst[k] = src[i]; i += 1 }
                    k += 1
                }
                while i < mid { dst[k] = src[i]; i += 1; k += 1 }
                while j < end { dst[k] = src[j]; j += 1; k += 1 }
                start = end
            }
            swap(&src, &dst)
            width *= 2
        }
        return src
    }
}
