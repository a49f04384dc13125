/// `permutedims(A, perm)` for arrays of any rank, `isperm` and `invperm`;
/// `permutedims(A)` (vectors and matrices only, as in Julia) lives with
/// `transpose` in `ArrayShape`.
enum PermutationBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        g.defineBuiltin("permutedims", [S.anyArray, .any]) { _, args, _ in
            guard let a = S.arrayLike(args[0]) else { throw S.methodError(g, "permutedims", args) }
            let perm = try integers(args[1], g, "permutedims")
            guard perm.count == a.dims.count, isPermutation(perm) else {
                throw Exceptions.argumentError("no valid permutation of dimensions")
            }
            return .array(permuted(a, perm))
        }
        g.defineBuiltin("isperm", [.any]) { _, args, _ in
            .bool(isPermutation(try integers(args[0], g, "isperm")))
        }
        g.defineBuiltin("invperm", [.any]) { _, args, _ in
            let p = try integers(args[0], g, "invperm")
            guard isPermutation(p) else { throw Exceptions.argumentError("argument is not a permutation") }
            var inverse = Array(repeating: 0, count: p.count)
            for (i, k) in p.enumerated() { inverse[k - 1] = i + 1 }
            // Julia keeps the container: a tuple's inverse is a tuple.
            if case .tuple = args[0] { return .tuple(inverse.map { .int($0) }) }
            return .array(S.makeArray(inverse.map { .int($0) }, elementType: .int64, dims: [inverse.count]))
        }
    }

    /// The integers of a tuple or vector (a permutation argument).
    static func integers(_ v: Value, _ g: Globals, _ name: String) throws -> [Int] {
        switch v {
        case .tuple(let vs): return try vs.map { try S.int($0, g, name) }
        default:
            guard let a = S.arrayLike(v), a.dims.count == 1 else {
                throw S.methodError(g, name, [v])
            }
            return try S.elements(a).map { try S.int($0, g, name) }
        }
    }

    static func isPermutation(_ p: [Int]) -> Bool {
        var seen = Array(repeating: false, count: p.count)
        for k in p {
            guard k >= 1, k <= p.count, !seen[k - 1] else { return false }
            seen[k - 1] = true
        }
        return true
    }

    /// B[i_1, …, i_n] = A[i at positions perm]: B's dimension d is A's
    /// dimension perm[d]. Walks B in column-major order with an odometer.
    static func permuted(_ a: ArrayValue, _ perm: [Int]) -> ArrayValue {
        let n = a.dims.count
        let dims = perm.map { a.dims[$0 - 1] }
        var strides = Array(repeating: 1, count: n)
        for d in 1..<max(n, 1) { strides[d] = strides[d - 1] &* a.dims[d - 1] }
        // Stride in A of each of B's dimensions.
        let step = perm.map { strides[$0 - 1] }
        var order: [Int] = []
        order.reserveCapacity(a.count)
        var index = Array(repeating: 0, count: n)
        var offset = 0
        for _ in 0..<a.count {
            order.append(offset)
            var d = 0
            while d < n {
                index[d] += 1
                offset += step[d]
                if index[d] < dims[d] { break }
                offset -= step[d] * dims[d]
                index[d] = 0
                d += 1
            }
        }
        switch a.storage {
        case .float(let xs): return S.floatArray(order.map { xs[$0] }, dims: dims)
        case .values(let vs): return ArrayValue(storage: .values(order.map { vs[$0] }), elementType: a.elementType, dims: dims)
        }
    }
}
