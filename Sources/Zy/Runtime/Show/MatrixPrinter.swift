/// Julia's `print_matrix` for the REPL's `text/plain` display: columns
/// aligned on their left/right parts, and, when the output is limited to a
/// screen (`:limit => true`), the middle rows replaced by `⋮` and the middle
/// columns by `…`, as Julia's REPL does.
struct MatrixPrinter {
    /// Column-major element texts and their values (for alignment).
    let text: [String]
    let values: [Value]
    let rows: Int
    let cols: Int

    typealias Align = (Int, Int)

    static let pre = " ", sep = "  ", hdots = "  \u{2026}  ", vdots = "\u{22EE}", ddots = "  \u{22F1}  "
    static let hmod = 5, vmod = 5

    func width(_ s: String) -> Int { s.unicodeScalars.count }

    func part(_ i: Int, _ j: Int) -> Align { ArrayShow.alignment(text[j * rows + i], values[j * rows + i]) }

    /// Julia's `alignment`: per-column widths, stopping once `ifComplete`
    /// columns of screen are used, then trimming to `otherwise`.
    func alignment(_ rowsA: [Int], _ colsA: [Int], _ ifComplete: Int, _ otherwise: Int) -> [Align] {
        var a: [Align] = []
        for j in colsA {
            var l = 0, r = 0
            for i in rowsA {
                let p = part(i, j)
                l = max(l, p.0)
                r = max(r, p.1)
            }
            a.append((l, r))
            if a.count > 1 && total(a) + 2 * a.count >= ifComplete {
                a.removeLast()
                break
            }
        }
        if a.count > 1 && a.count < cols {
            while !a.isEmpty && total(a) + 2 * a.count >= otherwise { a.removeLast() }
        }
        return a
    }

    func total(_ a: [Align]) -> Int { a.reduce(0) { $0 + $1.0 + $1.1 } }

    func row(_ i: Int, _ a: [Align], _ colsA: [Int]) -> String {
        var out = ""
        for (k, j) in colsA.enumerated() where k < a.count {
            let (l, r) = part(i, j)
            out += String(repeating: " ", count: max(0, a[k].0 - l)) + text[j * rows + i]
            if j != cols - 1 { out += String(repeating: " ", count: max(0, a[k].1 - r)) }
            if k < a.count - 1 { out += Self.sep }
        }
        return out
    }

    func vdotsRow(_ a: [Align], _ m: Int, padRight: Bool) -> String {
        var out = ""
        for k in 1...max(a.count, 1) where k <= a.count {
            let w = a[k - 1].0 + a[k - 1].1
            if k % Self.vmod == m {
                let l = String(repeating: " ", count: max(0, a[k - 1].0 - 1))
                let r = k == a.count && !padRight ? "" : String(repeating: " ", count: max(0, w - 1 - l.count))
                out += l + Self.vdots + r
            } else if k != a.count || padRight {
                out += String(repeating: " ", count: w)
            }
            if k < a.count { out += Self.sep }
        }
        return out
    }

    /// The lines after the summary; `screen` is nil when output is unlimited.
    func render(screen: (rows: Int, columns: Int)?) -> String {
        let screenHeight = screen.map { max($0.rows - 4, 2) } ?? Int.max
        let screenWidth = (screen?.columns ?? Int.max) - Self.pre.count
        let half = screenHeight / 2
        var rowsA = Array(0..<rows)
        let cut = rows > screenHeight
        if cut { rowsA = Array(0..<half) + Array((rows - 1 - (screenHeight - 1) / 2)..<rows) }
        let colsA = Array(0..<cols)
        let a = alignment(rowsA, colsA, screenWidth, screenWidth)
        var lines: [String] = []
        if cols <= a.count {
            for (n, i) in rowsA.enumerated() {
                lines.append(Self.pre + row(i, a, colsA))
                if cut && n == half - 1 { lines.append(Self.pre + vdotsRow(a, 1, padRight: false)) }
            }
            return lines.joined(separator: "\n")
        }
        var c = (screenWidth - Self.hdots.count + 1) / 2
        let right = Array(alignment(rowsA, colsA.reversed(), c, c).reversed())
        c = screenWidth - total(right) - (right.count - 1) * 2 - Self.hdots.count
        let left = alignment(rowsA, colsA, c, c)
        let rightCols = Array((cols - right.count)..<cols)
        let m = ((right.count - cols + 1) % Self.vmod + Self.vmod) % Self.vmod
        for (n, i) in rowsA.enumerated() {
            let dots = n % Self.hmod == 0 ? Self.hdots : String(repeating: " ", count: Self.hdots.count)
            lines.append(Self.pre + row(i, left, colsA) + dots + row(i, right, rightCols))
            if cut && n == half - 1 {
                lines.append(Self.pre + vdotsRow(left, 1, padRight: true) + Self.ddots + vdotsRow(right, m, padRight: false))
            }
        }
        return lines.joined(separator: "\n")
    }
}
