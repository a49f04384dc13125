import Foundation

/// `floor ceil round trunc`: on a value (same type back; `round` ties to
/// even), `round(Int, x)` (exact Int64 or `InexactError`), and
/// `round(x, digits = n)` / `round(x; sigdigits = n)`.
enum Rounding {
    static let modes: [(String, FloatingPointRoundingRule)] = [
        ("floor", .down), ("ceil", .up), ("round", .toNearestOrEven), ("trunc", .towardZero),
    ]

    static let roundingKeywords = BuiltinKeywords.named("digits", "sigdigits")

    static func install(_ r: ScalarRegistrar) {
        for (name, rule) in modes {
            r.full(name, [.real], keywords: roundingKeywords) { _, a, kw in try roundValue(a[0], rule, keywords: kw) }
            r.full(name, [.dataType, .real], keywords: roundingKeywords) { _, a, kw in
                try typed(a[0], a[1], rule, keywords: kw)
            }
        }
    }

    /// `round(T, x)`: `x` rounded by `rule`, then exactly a `T`; an `Int`
    /// out of range is Julia's `InexactError: trunc(Int64, x)`.
    static func typed(_ type: Value, _ x: Value, _ rule: FloatingPointRoundingRule,
                      keywords: [(Symbol, Value)]) throws -> Value? {
        guard case .type(let t) = type, let v = try roundValue(x, rule, keywords: keywords) else { return nil }
        if t == .int64 || t == .integer || t == .signed {
            guard let d = NumericValue.double(v) else { return nil }
            if case .int = v { return v }
            guard d.isFinite, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else {
                throw Exceptions.inexactError("trunc", .int64, x)
            }
            return .int(Int(d))
        }
        return try NumericValue.convert(v, to: t)
    }

    static func roundValue(_ v: Value, _ rule: FloatingPointRoundingRule, keywords: [(Symbol, Value)]) throws -> Value? {
        var digits: Int? = nil, sigdigits: Int? = nil
        for (k, value) in keywords {
            if k.name == "digits" { digits = value.intValue }
            if k.name == "sigdigits" { sigdigits = value.intValue }
        }
        switch v {
        case .bool, .int:
            guard let d = digits, d < 0, let i = v.intValue else { return v }
            let p = Foundation.pow(10.0, -Double(d))
            let y = (Double(i) / p).rounded(rule) * p
            guard y.isFinite, y >= -9.223372036854775808e18, y < 9.223372036854775808e18 else {
                return .int(0)
            }
            return .int(Int(y))
        case .rational(let n, let d):
            guard d != 0 else { return v }
            let q = try ScalarDivision.apply(.fld, .int(n), .int(d))?.intValue ?? 0
            let frac = try Rationals.sum((n, d), (q, 1), negate: true)
            guard case .rational(let fn, let fd) = frac else { return nil }
            var result = q
            switch rule {
            case .down: break
            case .up: if fn != 0 { result &+= 1 }
            case .towardZero: if fn != 0 && n < 0 { result &+= 1 }
            default:
                let twice = Rationals.compare((fn &* 2, fd), (1, 1))
                if twice > 0 || (twice == 0 && result & 1 == 1) { result &+= 1 }
            }
            return .rational(result, 1)
        case .float(let x):
            if let s = sigdigits, x != 0, x.isFinite {
                let d = s &- 1 &- Int(Foundation.floor(Foundation.log10(Swift.abs(x))))
                return .float(scaled(x, d, rule))
            }
            guard let d = digits else { return .float(x.rounded(rule)) }
            return .float(scaled(x, d, rule))
        default:
            return nil
        }
    }

    /// Rounds `x` to `d` decimal digits through a power of ten, as Julia's
    /// `_round_digits` does; a non-finite intermediate returns `x` unchanged.
    static func scaled(_ x: Double, _ d: Int, _ rule: FloatingPointRoundingRule) -> Double {
        if d >= 0 {
            let p = Foundation.pow(10.0, Double(d))
            let y = (x * p).rounded(rule) / p
            return y.isFinite ? y : x
        }
        let p = Foundation.pow(10.0, -Double(d))
        let y = (x / p).rounded(rule) * p
        return y.isFinite ? y : x
    }
}
