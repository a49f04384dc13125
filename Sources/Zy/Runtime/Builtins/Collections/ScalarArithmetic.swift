/// Scalar arithmetic as the collection built-ins need it (sums, products,
/// matrix products). `Int` and `Float64` are computed here so reductions do
/// not go through dispatch per element; every other type calls the Zy
/// generic function, so complex, rational and user numbers work as well.
extension CollectionSupport {
    enum Op: String {
        case add = "+", sub = "-", mul = "*", div = "/"
    }

    static func arith(_ op: Op, _ a: Value, _ b: Value, _ g: Globals, _ ctx: CallContext) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            switch op {
            case .add: return .int(x &+ y)
            case .sub: return .int(x &- y)
            case .mul: return .int(x &* y)
            case .div: return .float(Double(x) / Double(y))
            }
        case (.float(let x), .float(let y)): return .float(floatOp(op, x, y))
        case (.float(let x), .int(let y)): return .float(floatOp(op, x, Double(y)))
        case (.int(let x), .float(let y)): return .float(floatOp(op, Double(x), y))
        default: return try call(g, op.rawValue, [a, b], ctx)
        }
    }

    @inline(__always)
    static func floatOp(_ op: Op, _ x: Double, _ y: Double) -> Double {
        switch op {
        case .add: return x + y
        case .sub: return x - y
        case .mul: return x * y
        case .div: return x / y
        }
    }

    /// The additive identity matching a value's type (`zero(x)`).
    static func zeroLike(_ v: Value, _ g: Globals, _ ctx: CallContext) throws -> Value {
        if let z = zero(of: v.type) { return z }
        return try call(g, "zero", [v], ctx)
    }

    /// `conj` of a number (identity on reals).
    static func conj(_ v: Value, _ g: Globals, _ ctx: CallContext) throws -> Value {
        switch v {
        case .int, .float, .bool, .rational: return v
        case .complex(let re, let im):
            return .complex(re, try arith(.sub, try zeroLike(im, g, ctx), im, g, ctx))
        default: return try call(g, "conj", [v], ctx)
        }
    }

    /// `isless`-based maximum/minimum of a comparison pair used by
    /// `max`/`min` reductions: NaN propagates as Julia's `max`/`min` do.
    static func isNaN(_ v: Value) -> Bool {
        if case .float(let d) = v { return d.isNaN }
        return false
    }
}
