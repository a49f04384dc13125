import Foundation

/// `+ - * /` and unary minus on Zy's numbers with Julia's promotion:
/// Int64 wraps, `Int / Int` is Float64, rationals are exact and checked,
/// and a real combines with a complex part-wise (`x * z = Complex(x*re, x*im)`).
enum ScalarArithmetic {
    enum Op { case add, sub, mul, div }

    /// nil when either operand is not a number.
    static func apply(_ op: Op, _ a: Value, _ b: Value) throws -> Value? {
        if case .complex = a { return try complexApply(op, a, b) }
        if case .complex = b { return try complexApply(op, a, b) }
        if op == .mul, let special = boolProduct(a, b) { return special }
        guard let pair = NumericValue.promote(a, b) else { return nil }
        switch pair {
        case .ints(let x, let y):
            switch op {
            case .add: return .int(x &+ y)
            case .sub: return .int(x &- y)
            case .mul: return .int(x &* y)
            case .div: return .float(Double(x) / Double(y))
            }
        case .rationals(let n, let d, let m, let e):
            switch op {
            case .add: return try Rationals.sum((n, d), (m, e), negate: false)
            case .sub: return try Rationals.sum((n, d), (m, e), negate: true)
            case .mul: return try Rationals.product((n, d), (m, e))
            case .div: return try Rationals.quotient((n, d), (m, e))
            }
        case .floats(let x, let y):
            switch op {
            case .add: return .float(x + y)
            case .sub: return .float(x - y)
            case .mul: return .float(x * y)
            case .div: return .float(x / y)
            }
        }
    }

    /// `Bool * Bool` is `&`; `Bool * x` is a strong zero (`false * NaN == 0.0`).
    static func boolProduct(_ a: Value, _ b: Value) -> Value? {
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return .bool(x && y)
        case (.bool(let x), .float(let y)): return .float(x ? y : (y.sign == .minus ? -0.0 : 0.0))
        case (.float(let y), .bool(let x)): return .float(x ? y : (y.sign == .minus ? -0.0 : 0.0))
        default: return nil
        }
    }

    static func negate(_ v: Value) throws -> Value? {
        switch v {
        case .bool(let b): return .int(b ? -1 : 0)
        case .int(let i): return .int(0 &- i)
        case .float(let x): return .float(-x)
        case .rational(let n, let d):
            guard n != Int.min else { throw Rationals.overflow("-", 0, n) }
            return .rational(-n, d)
        case .complex(let re, let im):
            guard let r = try negate(re), let i = try negate(im) else { return nil }
            return .complex(r, i)
        default: return nil
        }
    }

    static func complexApply(_ op: Op, _ a: Value, _ b: Value) throws -> Value? {
        guard let (ar, ai) = NumericValue.parts(a), let (br, bi) = NumericValue.parts(b) else { return nil }
        let aReal = !isComplex(a), bReal = !isComplex(b)
        func f(_ o: Op, _ x: Value, _ y: Value) throws -> Value {
            guard let r = try apply(o, x, y) else { throw Exceptions.error("invalid complex operand") }
            return r
        }
        switch op {
        case .add:
            if aReal { return NumericValue.complex(try f(.add, ar, br), bi) }
            if bReal { return NumericValue.complex(try f(.add, ar, br), ai) }
            return NumericValue.complex(try f(.add, ar, br), try f(.add, ai, bi))
        case .sub:
            if aReal { return NumericValue.complex(try f(.sub, ar, br), try negate(bi) ?? bi) }
            if bReal { return NumericValue.complex(try f(.sub, ar, br), ai) }
            return NumericValue.complex(try f(.sub, ar, br), try f(.sub, ai, bi))
        case .mul:
            if aReal { return NumericValue.complex(try f(.mul, ar, br), try f(.mul, ar, bi)) }
            if bReal { return NumericValue.complex(try f(.mul, ar, br), try f(.mul, ai, br)) }
            let re = try f(.sub, f(.mul, ar, br), f(.mul, ai, bi))
            let im = try f(.add, f(.mul, ar, bi), f(.mul, ai, br))
            return NumericValue.complex(re, im)
        case .div:
            if bReal { return NumericValue.complex(try f(.div, ar, br), try f(.div, ai, br)) }
            return ComplexMath.divide(ComplexMath.C(a), ComplexMath.C(b)).value
        }
    }

    static func isComplex(_ v: Value) -> Bool {
        if case .complex = v { return true }
        return false
    }
}
