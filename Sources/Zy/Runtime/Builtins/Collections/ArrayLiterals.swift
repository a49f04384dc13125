/// What array literals and comprehensions lower to: `Core.vect`,
/// `Core.typed_vect`, `hcat`, `vcat`, `Core.hvcat`, `Core.collect_narrow`,
/// `Core.reshape_comprehension`.
enum ArrayLiteralBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        g.defineBuiltin("Core.vect", [.any], varargs: true) { _, args, _ in
            .array(try vect(args, g))
        }
        g.defineBuiltin("Core.vect", []) { _, _, _ in
            .array(S.makeArray([], elementType: .any, dims: [0]))
        }
        g.defineBuiltin("Core.typed_vect", [.dataType, .any], varargs: true) { _, args, _ in
            guard case .type(let t) = args[0] else { throw S.methodError(g, "Core.typed_vect", args) }
            let xs = try S.convertAll(Array(args.dropFirst()), to: t, g)
            return .array(S.makeArray(xs, elementType: t, dims: [xs.count]))
        }
        g.defineBuiltin("Core.typed_vect", [.dataType]) { _, args, _ in
            guard case .type(let t) = args[0] else { throw S.methodError(g, "Core.typed_vect", args) }
            return .array(S.makeArray([], elementType: t, dims: [0]))
        }
        g.defineBuiltin("hcat", [.any], varargs: true) { _, args, _ in .array(try hcat(args, g)) }
        installTyped(into: g)
        g.defineBuiltin("vcat", [.any], varargs: true) { _, args, _ in .array(try vcat(args, g)) }
        g.defineBuiltin("Core.hvcat", [.anyTuple, .any], varargs: true) { _, args, _ in
            .array(try hvcat(args, g))
        }
        g.defineBuiltin("Core.collect_narrow", [S.anyArray]) { ctx, args, _ in
            let xs = try S.iterate(args[0], g, ctx)
            return .array(S.narrowed(xs, dims: [xs.count]))
        }
        // `T[x for x in xs]`: each element converted to `T`, then shaped
        // like the untyped comprehension (`dims` empty means a vector).
        g.defineBuiltin("Core.collect_typed", [.dataType, S.anyArray, .int64], varargs: true) { ctx, args, _ in
            try collectTyped(args, g, ctx)
        }
        g.defineBuiltin("Core.collect_typed", [.dataType, S.anyArray]) { ctx, args, _ in
            try collectTyped(args, g, ctx)
        }
        g.defineBuiltin("Core.reshape_comprehension", [S.anyArray, .int64], varargs: true) { ctx, args, _ in
            let xs = try S.iterate(args[0], g, ctx)
            let dims = try args.dropFirst().map { try S.int($0, g, "Core.reshape_comprehension") }
            guard S.product(dims) == xs.count else {
                throw Exceptions.dimensionMismatch("new dimensions \(tupleText(dims)) must be consistent with array size \(xs.count)")
            }
            return .array(S.narrowed(xs, dims: dims))
        }
    }

    private static func collectTyped(_ args: [Value], _ g: Globals, _ ctx: CallContext) throws -> Value {
        guard args.count >= 2, case .type(let t) = args[0] else { throw S.methodError(g, "Core.collect_typed", args) }
        let xs = try S.convertAll(try S.iterate(args[1], g, ctx), to: t, g)
        var dims = try args.dropFirst(2).map { try S.int($0, g, "Core.collect_typed") }
        if dims.isEmpty { dims = [xs.count] }
        guard S.product(dims) == xs.count else {
            throw Exceptions.dimensionMismatch("new dimensions \(tupleText(dims)) must be consistent with array size \(xs.count)")
        }
        return .array(S.makeArray(xs, elementType: t, dims: dims))
    }

    /// `[a, b, c]`: elements promoted to a common type (`[1, 2.0]` is a
    /// `Vector{Float64}`), else their common supertype.
    static func vect(_ xs: [Value], _ g: Globals) throws -> ArrayValue {
        let t = literalElementType(xs.map(\.type))
        return S.makeArray(try S.convertAll(xs, to: t, g), elementType: t, dims: [xs.count])
    }

    static func literalElementType(_ types: [ZyType]) -> ZyType {
        guard var t = types.first else { return .any }
        for u in types.dropFirst() where u != t { t = S.promoteElement(t, u) }
        return t
    }

    static func tupleText(_ dims: [Int]) -> String {
        dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.map(String.init).joined(separator: ", ") + ")"
    }

    /// One operand of a concatenation as a column-major block.
    struct Block {
        var rows: Int
        var cols: Int
        var values: [Value]
        var elementType: ZyType
        var isMatrix: Bool
    }

    static func block(_ v: Value) -> Block {
        if let a = S.arrayLike(v) {
            let rows = a.dims.first ?? 1
            let cols = a.dims.count >= 2 ? a.count / max(rows, 1) : 1
            return Block(rows: rows, cols: a.dims.count >= 2 ? cols : 1, values: S.elements(a),
                         elementType: a.elementType, isMatrix: a.dims.count >= 2)
        }
        return Block(rows: 1, cols: 1, values: [v], elementType: v.type, isMatrix: false)
    }

    /// `T[a b]`, `T[a; b]`, `T[a b; c d]`: the untyped concatenation with
    /// every element converted to `T` (no promotion first, so `Any[1 2.0]`
    /// keeps its `Int`).
    static func installTyped(into g: Globals) {
        func elementType(_ args: [Value], _ name: String) throws -> ZyType {
            guard case .type(let t)? = args.first else { throw S.methodError(g, name, args) }
            return t
        }
        g.defineBuiltin("Core.typed_hcat", [.dataType, .any], varargs: true) { _, args, _ in
            .array(try hcat(Array(args.dropFirst()), g, elementType: try elementType(args, "Core.typed_hcat")))
        }
        g.defineBuiltin("Core.typed_vcat", [.dataType, .any], varargs: true) { _, args, _ in
            .array(try vcat(Array(args.dropFirst()), g, elementType: try elementType(args, "Core.typed_vcat")))
        }
        g.defineBuiltin("Core.typed_hvcat", [.dataType, .anyTuple, .any], varargs: true) { _, args, _ in
            .array(try hvcat(Array(args.dropFirst()), g, elementType: try elementType(args, "Core.typed_hvcat")))
        }
    }

    static func hcat(_ args: [Value], _ g: Globals, elementType: ZyType? = nil) throws -> ArrayValue {
        let blocks = args.map(block)
        guard let rows = blocks.first?.rows else {
            return S.makeArray([], elementType: .any, dims: [0])
        }
        if let bad = blocks.first(where: { $0.rows != rows }) {
            throw mismatch(args, blocks, dimension: 1, expected: rows, got: bad.rows, what: "rows") { $0.rows }
        }
        let t = elementType ?? literalElementType(blocks.map(\.elementType))
        let values = try S.convertAll(blocks.flatMap(\.values), to: t, g)
        return S.makeArray(values, elementType: t, dims: [rows, blocks.reduce(0) { $0 + $1.cols }])
    }

    static func vcat(_ args: [Value], _ g: Globals, elementType: ZyType? = nil) throws -> ArrayValue {
        let blocks = args.map(block)
        guard let cols = blocks.first?.cols else {
            return S.makeArray([], elementType: .any, dims: [0])
        }
        if let bad = blocks.first(where: { $0.cols != cols }) {
            throw mismatch(args, blocks, dimension: 2, expected: cols, got: bad.cols, what: "columns") { $0.cols }
        }
        let t = elementType ?? literalElementType(blocks.map(\.elementType))
        let rows = blocks.reduce(0) { $0 + $1.rows }
        var out: [Value] = []
        out.reserveCapacity(rows * cols)
        for j in 0..<cols {
            for b in blocks { out.append(contentsOf: b.values[(j * b.rows)..<((j + 1) * b.rows)]) }
        }
        let values = try S.convertAll(out, to: t, g)
        let isMatrix = blocks.contains { $0.isMatrix } || cols != 1
        return S.makeArray(values, elementType: t, dims: isMatrix ? [rows, cols] : [rows])
    }

    /// Julia's message for operands of hcat (dimension 1) / vcat (dimension
    /// 2) that do not line up: arrays only list every operand's size;
    /// with numbers among them, the generic `cat` reports the first misfit.
    private static func mismatch(_ args: [Value], _ blocks: [Block], dimension: Int, expected: Int, got: Int,
                                 what: String, _ size: (Block) -> Int) -> Error {
        if args.allSatisfy({ S.arrayLike($0) != nil }) {
            return Exceptions.dimensionMismatch("number of \(what) of each array must match (got \(tupleText(blocks.map(size))))")
        }
        return Exceptions.dimensionMismatch("mismatch in dimension \(dimension) (expected \(expected) got \(got))")
    }

    /// `[a b; c d]` lowers to `Core.hvcat((2, 2), a, b, c, d)`. As in Julia:
    /// numbers fill a matrix row by row; arrays are blocks whose heights
    /// must agree along a block row and whose widths must add up to the
    /// first block row's; a mix concatenates each row, then the rows.
    static func hvcat(_ args: [Value], _ g: Globals, elementType: ZyType? = nil) throws -> ArrayValue {
        guard case .tuple(let counts) = args[0] else { throw S.methodError(g, "Core.hvcat", args) }
        let rowLengths = try counts.map { try S.int($0, g, "Core.hvcat") }
        let items = Array(args.dropFirst())
        let expected = rowLengths.reduce(0, &+)
        guard expected == items.count, rowLengths.allSatisfy({ $0 > 0 }) else {
            throw Exceptions.argumentError("argument count does not match specified shape (expected \(expected), got \(items.count))")
        }
        if items.allSatisfy({ $0.type.isSubtype(of: .number) }) {
            try checkNumberRows(rowLengths, items)
        } else if items.allSatisfy({ S.arrayLike($0) != nil }) {
            try checkBlocks(rowLengths, items.map(block))
        }
        var rows: [Value] = []
        var k = 0
        for n in rowLengths {
            rows.append(.array(try hcat(Array(items[k..<(k + n)]), g, elementType: elementType)))
            k += n
        }
        let result = try vcat(rows, g, elementType: elementType)
        if result.dims.count == 1 { result.dims = [result.dims[0], 1] }
        return result
    }

    /// Numbers of one type are checked against the first row's length
    /// times the number of rows first (Julia's `hvcat(rows, xs::T...)`).
    private static func checkNumberRows(_ rowLengths: [Int], _ items: [Value]) throws {
        let nc = rowLengths[0]
        if let t = items.first?.type, items.allSatisfy({ $0.type == t }), rowLengths.count &* nc != items.count {
            throw Exceptions.argumentError(
                "argument count does not match specified shape (expected \(rowLengths.count &* nc), got \(items.count))")
        }
        for (i, n) in rowLengths.enumerated() where n != nc {
            throw Exceptions.dimensionMismatch("row \(i + 1) has mismatched number of columns (expected \(nc), got \(n))")
        }
    }

    /// Julia's block-matrix checks for `[A B; C D]` with array operands.
    private static func checkBlocks(_ rowLengths: [Int], _ blocks: [Block]) throws {
        let nc = blocks.prefix(rowLengths[0]).reduce(0) { $0 &+ $1.cols }
        var a = 0
        for (i, n) in rowLengths.enumerated() {
            let height = blocks[a].rows
            var c = 0
            for b in blocks[a..<(a + n)] {
                if b.rows != height {
                    throw Exceptions.dimensionMismatch("mismatched height in block row \(i + 1) (expected \(height), got \(b.rows))")
                }
                if c &+ b.cols > nc {
                    throw Exceptions.dimensionMismatch("block row \(i + 1) has mismatched number of columns (expected \(nc), got \(c &+ b.cols))")
                }
                c &+= b.cols
            }
            if c != nc {
                throw Exceptions.dimensionMismatch("block row \(i + 1) has mismatched number of columns (expected \(nc), got \(c))")
            }
            a += n
        }
    }
}
