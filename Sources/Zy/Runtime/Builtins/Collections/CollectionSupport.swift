/// Shared machinery of the collection built-ins: building arrays with the
/// right storage, reading any iterable as a list of values, and calling
/// back into Zy generic functions by name.
enum CollectionSupport {
    static let anyArray = ZyType.abstractArray(element: nil, dims: nil)
    static let array = ZyType.array(element: nil, dims: nil)
    static let vector = ZyType.array(element: nil, dims: 1)
    static let matrix = ZyType.array(element: nil, dims: 2)
    static let anyDict = ZyType.dict(key: nil, value: nil)
    static let anyPair = ZyType.pair(nil, nil)

    // MARK: Building arrays

    /// An array whose storage follows the contract: `.float` exactly when
    /// the element type is `Float64`. `values` must already convert.
    static func makeArray(_ values: [Value], elementType: ZyType, dims: [Int]) -> ArrayValue {
        if elementType == .float64 {
            return ArrayValue(storage: .float(values.map(asDouble)), elementType: .float64, dims: dims)
        }
        return ArrayValue(storage: .values(values), elementType: elementType, dims: dims)
    }

    static func makeVector(_ values: [Value], elementType: ZyType) -> Value {
        .array(makeArray(values, elementType: elementType, dims: [values.count]))
    }

    static func floatArray(_ xs: [Double], dims: [Int]) -> ArrayValue {
        ArrayValue(storage: .float(xs), elementType: .float64, dims: dims)
    }

    /// An array of the tightest element type of its values (Julia's
    /// `promote_typejoin`, as `collect` and `broadcast` narrow).
    static func narrowed(_ values: [Value], dims: [Int], empty: ZyType = .any) -> ArrayValue {
        let t = values.isEmpty ? empty : typejoin(values.map(\.type))
        return makeArray(values, elementType: t, dims: dims)
    }

    static func asDouble(_ v: Value) -> Double {
        switch v {
        case .float(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .rational(let n, let d): return Double(n) / Double(d)
        default: return .nan
        }
    }

    static func elements(_ a: ArrayValue) -> [Value] {
        switch a.storage {
        case .float(let xs): return xs.map { .float($0) }
        case .values(let vs): return vs
        }
    }

    /// Element at a 0-based linear position already known to be in range.
    static func element(_ a: ArrayValue, _ k: Int) -> Value {
        switch a.storage {
        case .float(let xs): return .float(xs[k])
        case .values(let vs): return vs[k]
        }
    }

    static func rangeElements(_ r: RangeValue) -> [Value] {
        let n = rangeLength(r)
        var out: [Value] = []
        out.reserveCapacity(n)
        var x = r.start
        for _ in 0..<n { out.append(.int(x)); x = x &+ r.step }
        return out
    }

    static func rangeLength(_ r: RangeValue) -> Int {
        if r.step == 0 { return 0 }
        let (span, o1) = r.stop.subtractingReportingOverflow(r.start)
        if o1 { return 0 }
        let (q, o2) = span.dividedReportingOverflow(by: r.step)
        if o2 || q < 0 || q == Int.max { return 0 }
        return q + 1
    }

    /// The number of elements of an array of these dimensions; nil when a
    /// dimension is negative or the product overflows.
    static func product(_ dims: [Int]) -> Int? {
        var n = 1
        for d in dims {
            guard d >= 0 else { return nil }
            let (p, o) = n.multipliedReportingOverflow(by: d)
            if o { return nil }
            n = p
        }
        return n
    }

    /// A range or array read as an array (ranges materialise).
    static func arrayLike(_ v: Value) -> ArrayValue? {
        switch v {
        case .array(let a): return a
        case .range(let r):
            let xs = rangeElements(r)
            return ArrayValue(storage: .values(xs), elementType: .int64, dims: [xs.count])
        default: return nil
        }
    }

    // MARK: Reading any iterable

    /// The values `for x in v` would produce, in order. Built-in
    /// collections are read directly; anything else goes through the Zy
    /// `iterate` generic function, so user-defined iterators work too.
    static func iterate(_ v: Value, _ g: Globals, _ ctx: CallContext) throws -> [Value] {
        switch v {
        case .array(let a): return elements(a)
        case .range(let r): return rangeElements(r)
        case .tuple(let vs): return vs
        case .namedTuple(let nt): return nt.values
        case .dict(let d): return zip(d.keys, d.values).map { .pair($0, $1) }
        case .string(let s): return s.unicodeScalars.map { .char(Character($0)) }
        case .int, .float, .bool, .complex, .rational, .char, .nothing:
            if case .nothing = v { break }
            return [v]
        case .pair(let a, let b): return [a, b]
        default: break
        }
        var out: [Value] = []
        var step = try call(g, "iterate", [v], ctx)
        while case .tuple(let pair) = step, pair.count == 2 {
            out.append(pair[0])
            step = try call(g, "iterate", [v, pair[1]], ctx)
        }
        if case .nothing = step { return out }
        throw Exceptions.methodError(.function(g.genericFunction("iterate") ?? GenericFunction(name: "iterate")), [v])
    }

    // MARK: Calling back into Zy

    static func function(_ g: Globals, _ name: String) throws -> Value {
        guard let f = g[name] else { throw Exceptions.undefVarError(name) }
        return f
    }

    static func call(_ g: Globals, _ name: String, _ args: [Value], _ ctx: CallContext) throws -> Value {
        try ctx.call(function(g, name), args)
    }

    static func methodError(_ g: Globals, _ name: String, _ args: [Value]) -> ZyException {
        Exceptions.methodError(.function(g.genericFunction(name) ?? GenericFunction(name: name)), args)
    }

    // MARK: Arguments

    static func int(_ v: Value, _ g: Globals, _ name: String) throws -> Int {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .float(let d):
            if let i = Int(exactly: d) { return i }
            throw Exceptions.inexactError("Int64", .int64, v)
        default: throw methodError(g, name, [v])
        }
    }

    static func keyword(_ kw: [(Symbol, Value)], _ name: String) -> Value? {
        kw.first { $0.0.name == name }?.1
    }

    static func truthy(_ v: Value, _ context: String) throws -> Bool {
        if case .bool(let b) = v { return b }
        throw Exceptions.typeError(context, expected: .bool, got: v)
    }

    /// Julia's `size` of a collection with a shape.
    static func dims(_ v: Value) -> [Int]? {
        switch v {
        case .array(let a): return a.dims
        case .range(let r): return [rangeLength(r)]
        case .tuple(let vs): return [vs.count]
        default: return nil
        }
    }

    /// A short Julia-like rendering of a scalar for error messages raised
    /// here (full `repr` lives with the printing code).
    static func brief(_ v: Value) -> String {
        switch v {
        case .int(let i): return String(i)
        case .float(let d): return d.isNaN ? "NaN" : String(d)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return "\"" + s + "\""
        case .symbol(let s): return ":" + s.name
        case .char(let c): return "'\(c)'"
        case .nothing: return "nothing"
        case .tuple(let vs): return "(" + vs.map(brief).joined(separator: ", ") + (vs.count == 1 ? ",)" : ")")
        default: return v.type.description
        }
    }
}
