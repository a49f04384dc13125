import Zy

/// Gradients of `[a b; c d]` = `Core.hvcat(rows, a, b, c, d)` whose
/// entries are numbers, vectors or matrices: each entry's gradient is the
/// slice of ȳ where the entry was placed, shaped like the entry (a number,
/// a vector, a matrix). `Core.∂unhvcat` is the reverse (the entries'
/// gradients placed back into a matrix), for nested differentiation.
extension Rules {
    static let concatenation: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        for arity in 2...26 {
            // y = hvcat(rows, blocks…): b̄ₖ = ȳ[slice of block k]
            t[RuleKey("Core.hvcat", arity)] = Rule(reads: Array(0..<arity)) { b, ȳ, x, _ in
                let g = b.call(Helper.hvcatGradient, [ȳ] + x)
                return [nil] + (1..<arity).map { k in b.call(Helper.gradientAt, [g, .constant(.int(k))]) }
            }
            // z = ∂hvcat(ȳ, rows, blocks…) is linear in ȳ: ȳ̄ = the blocks' z̄ placed back
            t[RuleKey(Helper.hvcatGradient, arity + 1)] = Rule(reads: Array(0...arity)) { b, z̄, x, _ in
                [b.call(Helper.hvcatPlace, [z̄] + x)] + Array(repeating: nil, count: arity)
            }
            t[RuleKey(Helper.hvcatPlace, arity + 2)] = Rule(reads: Array(1...(arity + 1))) { b, w̄, x, _ in
                [b.call(Helper.hvcatGradient, [w̄] + x.dropFirst(2))] + Array(repeating: nil, count: arity + 1)
            }
        }
        return t
    }()
}

/// Where each entry of a block matrix literal sits in the result.
struct BlockPlacement {
    enum Kind { case number, vector, matrix }
    let row: Int, col: Int, height: Int, width: Int, kind: Kind

    /// Rows are concatenated horizontally, then stacked: an entry's row is
    /// the sum of the heights of the block rows above (each block row's
    /// height is its first entry's), its column the widths to its left.
    static func layout(rows: Value, blocks: [Value]) -> [BlockPlacement]? {
        guard case .tuple(let counts) = rows else { return nil }
        var out: [BlockPlacement] = []
        var k = 0, r = 0
        for count in counts {
            guard case .int(let n) = count, n > 0, k + n <= blocks.count else { return nil }
            var c = 0, height = 0
            for j in 0..<n {
                let p = place(blocks[k + j], row: r, col: c)
                if j == 0 { height = p.height }
                out.append(p)
                c += p.width
            }
            r += height
            k += n
        }
        return k == blocks.count ? out : nil
    }

    private static func place(_ v: Value, row: Int, col: Int) -> BlockPlacement {
        guard case .array(let a) = v else {
            if case .range(let rg) = v, rg.step != 0 {
                let n = max(0, (rg.stop - rg.start) / rg.step + 1)
                return BlockPlacement(row: row, col: col, height: n, width: 1, kind: .vector)
            }
            return BlockPlacement(row: row, col: col, height: 1, width: 1, kind: .number)
        }
        if a.dims.count == 1 { return BlockPlacement(row: row, col: col, height: a.count, width: 1, kind: .vector) }
        let h = a.dims.first ?? 0
        return BlockPlacement(row: row, col: col, height: h, width: h > 0 ? a.count / h : 0, kind: .matrix)
    }
}

extension ADRuntime {
    func installConcatenationHelpers() {
        globals.defineBuiltin(Helper.copyGradient, [.any, .any, .any]) { [self] _, a, _ in
            switch a[1] {
            case .dict, .structValue: try shadows.moveAll(from: a[1], to: a[0], accum: accum)
            default: break
            }
            return a[2]
        }
        globals.defineBuiltin(Helper.hvcatGradient, [.any, .any], varargs: true) { _, a, _ in
            guard case .array(let ȳ) = a[0], ȳ.dims.count == 2,
                  let places = BlockPlacement.layout(rows: a[1], blocks: Array(a.dropFirst(2))) else { return .nothing }
            let height = ȳ.dims[0]
            return .tuple(places.map { p in
                let slots = (0..<p.width).flatMap { j in (0..<p.height).map { i in (p.row + i) + (p.col + j) * height } }
                let values = slots.map { ADRuntime.element(ȳ, $0) }
                switch p.kind {
                case .number: return values.first ?? .nothing
                case .vector: return ADRuntime.array(values, dims: [p.height])
                case .matrix: return ADRuntime.array(values, dims: [p.height, p.width])
                }
            })
        }
        globals.defineBuiltin(Helper.hvcatPlace, [.any, .any, .any], varargs: true) { _, a, _ in
            guard case .tuple(let parts) = a[0], case .array(let like) = a[1], like.dims.count == 2,
                  let places = BlockPlacement.layout(rows: a[2], blocks: Array(a.dropFirst(3))) else { return .nothing }
            let height = like.dims[0]
            var out = [Value](repeating: .float(0), count: like.count)
            for (p, part) in zip(places, parts) {
                if case .nothing = part { continue }
                var values = [part]
                if case .array(let arr) = part { values = (0..<arr.count).map { ADRuntime.element(arr, $0) } }
                for (n, v) in values.enumerated() where n < p.height * p.width {
                    let at = (p.row + n % max(p.height, 1)) + (p.col + n / max(p.height, 1)) * height
                    if at < out.count { out[at] = v }
                }
            }
            return ADRuntime.array(out, dims: like.dims)
        }
    }
}
