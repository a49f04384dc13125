/// An LU factorisation with partial pivoting, following reference
/// LAPACK's unblocked algorithms (`getf2`, `getrs`, `trti2` + `getri`) so
/// results round as Julia's `lu`, `\` and `inv` do on small matrices.
struct LU {
    /// Row-major factors: L below the diagonal (unit diagonal implied), U on
    /// and above it.
    var a: [[Double]]
    /// `pivots[k]`: the row swapped with row k at step k (LAPACK's ipiv).
    var pivots: [Int]
    /// 1-based column where a zero pivot appeared (Julia's `SingularException(k)`).
    var singularColumn: Int?

    init(columnMajor xs: [Double], n: Int) {
        a = (0..<n).map { i in (0..<n).map { j in xs[j * n + i] } }
        pivots = Array(0..<n)
        for k in 0..<n {
            var p = k
            for i in (k + 1)..<max(n, k + 1) where abs(a[i][k]) > abs(a[p][k]) { p = i }
            pivots[k] = p
            if a[p][k] == 0 {
                if singularColumn == nil { singularColumn = k + 1 }
                continue
            }
            if p != k { a.swapAt(p, k) }
            let r = 1 / a[k][k]
            for i in (k + 1)..<max(n, k + 1) { a[i][k] *= r }
            for j in (k + 1)..<max(n, k + 1) {
                let t = -a[k][j]
                for i in (k + 1)..<n { a[i][j] += a[i][k] * t }
            }
        }
    }

    var determinant: Double {
        if singularColumn != nil { return 0 }
        var p = 1.0, swaps = 0
        for i in a.indices {
            p *= a[i][i]
            if pivots[i] != i { swaps += 1 }
        }
        return swaps % 2 == 1 ? -p : p
    }

    func solve(_ b: [Double]) -> [Double] {
        let n = a.count
        var x = b
        for k in 0..<n where pivots[k] != k { x.swapAt(k, pivots[k]) }
        for k in 0..<n where x[k] != 0 {
            for i in (k + 1)..<max(n, k + 1) { x[i] -= x[k] * a[i][k] }
        }
        for k in stride(from: n - 1, through: 0, by: -1) where x[k] != 0 {
            x[k] /= a[k][k]
            for i in 0..<k { x[i] -= x[k] * a[i][k] }
        }
        return x
    }

    /// The inverse, column-major: inv(U) in place, then solve inv(A)·L = inv(U)
    /// column by column from the right, then undo the row pivots as column swaps.
    func inverse() -> [Double] {
        let n = a.count
        var m = a
        for j in 0..<n {
            m[j][j] = 1 / m[j][j]
            let ajj = -m[j][j]
            var x = (0..<j).map { m[$0][j] }
            for jj in 0..<j where x[jj] != 0 {
                let t = x[jj]
                for i in 0..<jj { x[i] += t * m[i][jj] }
                x[jj] *= m[jj][jj]
            }
            for i in 0..<j { m[i][j] = x[i] * ajj }
        }
        var work = Array(repeating: 0.0, count: n)
        for j in stride(from: n - 1, through: 0, by: -1) {
            for i in (j + 1)..<max(n, j + 1) { work[i] = m[i][j]; m[i][j] = 0 }
            for c in (j + 1)..<max(n, j + 1) {
                let t = -work[c]
                for i in 0..<n { m[i][j] += t * m[i][c] }
            }
        }
        for j in stride(from: n - 2, through: 0, by: -1) where pivots[j] != j {
            for i in 0..<n { m[i].swapAt(j, pivots[j]) }
        }
        var out: [Double] = []
        out.reserveCapacity(n * n)
        for j in 0..<n { for i in 0..<n { out.append(m[i][j]) } }
        return out
    }
}
