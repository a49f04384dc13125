import Foundation

/// `softmax(x; dims = 1)` and `logsumexp(x)`, shifted by the maximum so
/// large inputs neither overflow nor lose precision (NNlib's and
/// LogExpFunctions' definitions; `logsumexp` here is the two-pass form).
enum SoftmaxBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        g.defineBuiltin("softmax", [S.anyArray], keywords: .named("dims")) { _, args, kw in
            guard let a = S.arrayLike(args[0]), S.elements(a).allSatisfy(S.isReal) else {
                throw S.methodError(g, "softmax", args)
            }
            let dim = try S.keyword(kw, "dims").map { try S.int($0, g, "softmax") } ?? 1
            let xs = S.elements(a).map(S.asDouble)
            let (before, n, after) = split(a.dims, dim)
            var out = xs
            for o in 0..<after {
                for i in 0..<before {
                    let idx = (0..<n).map { o * n * before + $0 * before + i }
                    let m = idx.map { xs[$0] }.max() ?? 0
                    let e = idx.map { m == .infinity ? (xs[$0] == .infinity ? 1.0 : 0.0) : Foundation.exp(xs[$0] - m) }
                    let total = ReductionBuiltins.pairwise(e, +)
                    for (j, k) in idx.enumerated() { out[k] = e[j] / total }
                }
            }
            return .array(S.floatArray(out, dims: a.dims))
        }
        g.defineBuiltin("logsumexp", [.any]) { ctx, args, _ in
            let xs = try S.iterate(args[0], g, ctx)
            guard xs.allSatisfy(S.isReal) else { throw S.methodError(g, "logsumexp", args) }
            return .float(logsumexp(xs.map(S.asDouble)))
        }
    }

    /// Elements before, along, and after dimension `dim` (1-based).
    static func split(_ dims: [Int], _ dim: Int) -> (Int, Int, Int) {
        guard dim >= 1, dim <= dims.count else { return (dims.reduce(1, *), 1, 1) }
        return (dims[0..<(dim - 1)].reduce(1, *), dims[dim - 1], dims[dim...].reduce(1, *))
    }

    static func logsumexp(_ xs: [Double]) -> Double {
        guard let m = xs.max() else { return -.infinity }
        if m.isNaN || xs.contains(where: \.isNaN) { return .nan }
        if m.isInfinite { return m }
        return m + Foundation.log(ReductionBuiltins.pairwise(xs.map { Foundation.exp($0 - m) }, +))
    }
}
