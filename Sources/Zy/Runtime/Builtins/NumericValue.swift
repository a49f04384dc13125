/// Julia's numeric promotion for the scalars Zy has (Bool < Int64 <
/// Rational{Int64} < Float64, lifted through Complex), as pairs the
/// arithmetic can switch over.
enum RealPair {
    case ints(Int, Int)
    case rationals(Int, Int, Int, Int)
    case floats(Double, Double)
}

enum NumericValue {
    static func isReal(_ v: Value) -> Bool {
        switch v {
        case .bool, .int, .rational, .float: return true
        default: return false
        }
    }

    static func isNumber(_ v: Value) -> Bool {
        if case .complex = v { return true }
        return isReal(v)
    }

    static func double(_ v: Value) -> Double? {
        switch v {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .rational(let n, let d): return Double(n) / Double(d)
        case .float(let x): return x
        default: return nil
        }
    }

    /// Bool → Int for arithmetic; other reals unchanged.
    static func widenBool(_ v: Value) -> Value {
        if case .bool(let b) = v { return .int(b ? 1 : 0) }
        return v
    }

    static func promote(_ a: Value, _ b: Value) -> RealPair? {
        switch (widenBool(a), widenBool(b)) {
        case (.int(let x), .int(let y)): return .ints(x, y)
        case (.int(let x), .rational(let n, let d)): return .rationals(x, 1, n, d)
        case (.rational(let n, let d), .int(let y)): return .rationals(n, d, y, 1)
        case (.rational(let n, let d), .rational(let m, let e)): return .rationals(n, d, m, e)
        case (let x, let y):
            guard let p = double(x), let q = double(y) else { return nil }
            return .floats(p, q)
        }
    }

    /// Real and imaginary parts of any number (`imag` of a real is its zero).
    static func parts(_ v: Value) -> (Value, Value)? {
        switch v {
        case .complex(let re, let im): return (re, im)
        case .float: return (v, .float(0))
        case .bool, .int: return (widenBool(v), .int(0))
        case .rational: return (v, .int(0))
        default: return nil
        }
    }

    /// `Complex(re, im)` with both parts promoted to one kind (Int64 or
    /// Float64; rationals become Float64, since Zy has no Complex{Rational}).
    static func complex(_ re: Value, _ im: Value) -> Value {
        switch (widenBool(re), widenBool(im)) {
        case (.int(let a), .int(let b)): return .complex(.int(a), .int(b))
        case (let a, let b): return .complex(.float(double(a) ?? .nan), .float(double(b) ?? .nan))
        }
    }

    static func zero(like v: Value) -> Value {
        switch v {
        case .bool: return .bool(false)
        case .int: return .int(0)
        case .rational: return .rational(0, 1)
        case .float: return .float(0)
        case .complex(let re, _): return .complex(zero(like: re), zero(like: re))
        default: return .int(0)
        }
    }

    static func one(like v: Value) -> Value {
        switch v {
        case .bool: return .bool(true)
        case .int: return .int(1)
        case .rational: return .rational(1, 1)
        case .float: return .float(1)
        case .complex(let re, _): return .complex(one(like: re), zero(like: re))
        default: return .int(1)
        }
    }

    /// The value converted to a type, following Julia's `convert`; nil when
    /// the target is not a number type this covers.
    static func convert(_ v: Value, to t: ZyType) throws -> Value? {
        switch t {
        case .float64, .abstractFloat:
            if case .complex(let re, let im) = v {
                guard double(im) == 0 else { throw Exceptions.inexactError("Float64", .float64, v) }
                return double(re).map { .float($0) }
            }
            return double(v).map { .float($0) }
        case .int64, .signed, .integer:
            return try toInt(v, function: "Int64").map { .int($0) }
        case .bool:
            guard let x = double(v) ?? (v.isRealComplex ? v.realDouble : nil) else { return nil }
            guard x == 0 || x == 1 else { throw Exceptions.inexactError("Bool", .bool, v) }
            return .bool(x == 1)
        case .rational:
            switch widenBool(v) {
            case .int(let i): return .rational(i, 1)
            case .rational: return v
            case .float(let x): return try Rationals.fromDouble(x)
            default: return nil
            }
        case .complex(let p):
            guard let (re, im) = parts(v) else { return nil }
            if p == .float64 { return .complex(.float(double(re) ?? .nan), .float(double(im) ?? .nan)) }
            if p == .int64 {
                guard let a = try toInt(re, function: "Int64"), let b = try toInt(im, function: "Int64") else { return nil }
                return .complex(.int(a), .int(b))
            }
            return complex(re, im)
        case .real, .number, .any:
            return v
        default:
            return nil
        }
    }

    /// `Int64(x)`: exact conversion or `InexactError`.
    static func toInt(_ v: Value, function: String) throws -> Int? {
        switch v {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return i
        case .rational(let n, let d):
            guard d == 1 else { throw Exceptions.inexactError(function, .int64, v) }
            return n
        case .float(let x):
            guard x.rounded(.towardZero) == x, x >= -9.223372036854775808e18, x < 9.223372036854775808e18 else {
                throw Exceptions.inexactError(function, .int64, v)
            }
            return Int(x)
        case .complex(let re, let im):
            guard double(im) == 0 else { throw Exceptions.inexactError(function, .int64, v) }
            return try toInt(re, function: function)
        default: return nil
        }
    }
}

extension Value {
    var isRealComplex: Bool {
        if case .complex(_, let im) = self { return NumericValue.double(im) == 0 }
        return false
    }
    var realDouble: Double? {
        if case .complex(let re, _) = self { return NumericValue.double(re) }
        return NumericValue.double(self)
    }
}
