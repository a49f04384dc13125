/// Julia's `show` of arrays (`[1.0, 2.0]`, `[1 2; 3 4]`, `Any[1, "a"]`,
/// `Float64[]`) and their `text/plain` display with column alignment.
enum ArrayShow {
    static func elements(_ a: ArrayValue) -> [Value] {
        switch a.storage {
        case .float(let xs): return xs.map { .float($0) }
        case .values(let vs): return vs
        }
    }

    /// Julia's `typeinfo_implicit`: element types a literal produces by
    /// default, so `show` omits the `T[...]` prefix for them.
    static func isImplicit(_ t: ZyType) -> Bool {
        switch t {
        case .float64, .int64, .char, .string, .symbol, .nothing, .functionType: return true
        case .array(let e?, _?): return isImplicit(e)
        case .tuple(let ts): return ts.allSatisfy(isImplicit)
        case .namedTuple(_, let ts): return ts.allSatisfy(isImplicit)
        case .pair(let a?, let b?): return isImplicit(a) && isImplicit(b)
        default: return false
        }
    }

    /// The `T` of `T[...]`, or "" when the context or the literal implies it.
    static func prefix(_ a: ArrayValue, _ ctx: Show.Context) -> String {
        var contextElement: ZyType? = nil
        if case .array(let e, let d)? = ctx.typeinfo, d == a.dims.count { contextElement = e }
        if contextElement == a.elementType { return "" }
        if a.count > 0 && isImplicit(a.elementType) { return "" }
        return a.elementType.description
    }

    static func repr(_ a: ArrayValue, _ ctx: Show.Context) -> String {
        let items = elements(a)
        let inner = ctx.with(typeinfo: a.elementType)
        let text = items.map { Show.repr($0, inner) }
        let pre = prefix(a, ctx)
        // Julia's show_zero_dim: a 0-dimensional array prints as `fill(x)`.
        if a.dims.isEmpty, let x = items.first { return "fill(" + Show.repr(x, ctx) + ")" }
        if a.dims.count == 1 {
            return pre + "[" + text.joined(separator: ", ") + "]"
        }
        if a.count == 0 || text.count != a.count || a.dims.contains(where: { $0 < 0 }) {
            return ZyType.array(element: a.elementType, dims: a.dims.count).description
                + "(undef, " + a.dims.map(String.init).joined(separator: ", ") + ")"
        }
        return pre + "[" + block(text, dims: a.dims) + "]"
    }

    /// Julia's `[1 2; 3 4;;; 5 6; 7 8]` layout of column-major `text`: a
    /// change of index in dimension d ≥ 3 prints d semicolons; a matrix of
    /// one column ends in `;;`, an array whose last dimension is 1 in as
    /// many semicolons as it has dimensions (`[1 2;;;]`).
    static func block(_ text: [String], dims: [Int]) -> String {
        let body = slices(text, dims: dims)
        if dims.count == 2, dims[1] == 1 { return body + ";;" }
        if dims.count > 2, dims.last == 1 { return body + String(repeating: ";", count: dims.count) }
        return body
    }

    private static func slices(_ text: [String], dims: [Int]) -> String {
        guard dims.count > 2, let last = dims.last else {
            let rows = dims.first ?? 0
            let cols = dims.count > 1 ? dims[1] : 1
            let lines = (0..<rows).map { i in
                (0..<cols).map { j in text[j * rows + i] }.joined(separator: " ")
            }
            return lines.joined(separator: "; ")
        }
        let inner = Array(dims.dropLast())
        let size = inner.reduce(1, *)
        let parts = (0..<last).map { k in slices(Array(text[k * size ..< (k + 1) * size]), dims: inner) }
        return parts.joined(separator: String(repeating: ";", count: dims.count) + " ")
    }

    /// `3-element Vector{Float64}`, `2×2 Matrix{Int64}`,
    /// `0-dimensional Array{Float64, 0}`.
    static func summary(_ a: ArrayValue) -> String {
        let t = ZyType.array(element: a.elementType, dims: a.dims.count).description
        if a.dims.count == 1 { return "\(a.count)-element \(t)" }
        if a.dims.isEmpty { return "0-dimensional " + t }
        return a.dims.map(String.init).joined(separator: "×") + " " + t
    }

    static func display(_ a: ArrayValue, screen: (rows: Int, columns: Int)?, custom: Show.CustomShow?) -> String {
        if a.count == 0 {
            return a.dims.count == 1 ? repr(a, .plain) : summary(a)
        }
        let items = elements(a)
        guard items.count == a.count, !a.dims.contains(where: { $0 < 0 }) else { return summary(a) }
        if a.dims.isEmpty, let x = items.first {
            return summary(a) + ":\n" + Show.repr(x, Show.Context(typeinfo: a.elementType, custom: custom))
        }
        var ctx = Show.Context(typeinfo: a.elementType, custom: custom)
        ctx.compact = a.dims.count > 1 && a.dims[1] > 1
        let text = items.map { Show.repr($0, ctx) }
        let rows = a.dims.first ?? 0
        let cols = a.dims.count > 1 ? a.dims[1] : 1
        if a.dims.count <= 2 {
            return summary(a) + ":\n" + grid(text, items, rows: rows, cols: cols, screen: screen)
        }
        let size = rows * cols
        var out = summary(a) + ":"
        for k in 0..<(a.count / max(size, 1)) {
            let label = sliceLabel(k, dims: Array(a.dims.dropFirst(2)))
            let slice = Array(text[k * size ..< (k + 1) * size])
            let values = Array(items[k * size ..< (k + 1) * size])
            out += (k == 0 ? "\n" : "\n\n") + "[:, :, " + label + "] =\n"
            out += grid(slice, values, rows: rows, cols: cols, screen: screen)
        }
        return out
    }

    static func sliceLabel(_ k: Int, dims: [Int]) -> String {
        var rest = k
        var parts: [String] = []
        for d in dims {
            parts.append(String(rest % max(d, 1) + 1))
            rest /= max(d, 1)
        }
        return parts.joined(separator: ", ")
    }

    static func grid(_ text: [String], _ values: [Value], rows: Int, cols: Int,
                     screen: (rows: Int, columns: Int)?) -> String {
        MatrixPrinter(text: text, values: values, rows: rows, cols: cols).render(screen: screen)
    }

    /// Julia's `alignment(io, x)`: widths left and right of the split point.
    static func alignment(_ s: String, _ v: Value) -> (Int, Int) {
        let chars = Array(s)
        switch v {
        case .int, .bool: return (chars.count, 0)
        case .float:
            let i = chars.firstIndex { "eEfF.".contains($0) } ?? chars.count
            return (i, chars.count - i)
        case .rational:
            let i = chars.firstIndex(of: "/").map { $0 + 1 } ?? chars.count
            return (i, chars.count - i)
        case .complex:
            var split: Int? = nil
            for i in stride(from: chars.count - 1, through: 1, by: -1)
            where (chars[i] == "+" || chars[i] == "-") && chars[i - 1] != "e" && chars[i - 1] != "f" {
                split = i + 1
                break
            }
            let i = split ?? chars.count
            return (i, chars.count - i)
        default:
            return (0, chars.count)
        }
    }
}
