/// Exact `Rational{Int64}` arithmetic with Julia's checked overflow
/// (`OverflowError`) and normalisation (gcd 1, denominator ≥ 0).
enum Rationals {
    static func gcd(_ a: Int, _ b: Int) -> Int {
        var x = a.magnitude, y = b.magnitude
        while y != 0 { (x, y) = (y, x % y) }
        return Int(truncatingIfNeeded: x)
    }

    static func overflow(_ op: String, _ a: Int, _ b: Int) -> ZyException {
        Exceptions.overflowError("\(a) \(op) \(b) overflowed for type Int64")
    }

    static func mul(_ a: Int, _ b: Int) throws -> Int {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        if o { throw overflow("*", a, b) }
        return r
    }

    static func add(_ a: Int, _ b: Int) throws -> Int {
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw overflow("+", a, b) }
        return r
    }

    static func sub(_ a: Int, _ b: Int) throws -> Int {
        let (r, o) = a.subtractingReportingOverflow(b)
        if o { throw overflow("-", a, b) }
        return r
    }

    /// `num // den`, normalised; `0//0` is an `ArgumentError`.
    static func make(_ num: Int, _ den: Int) throws -> Value {
        if num == 0 && den == 0 { throw Exceptions.argumentError("invalid rational: zero(Int64)//zero(Int64)") }
        if den == 0 { return .rational(num.signum(), 0) }
        let g = gcd(num, den)
        var n = num / g, d = den / g
        if d < 0 {
            guard n != Int.min, d != Int.min else { throw overflow("*", n, -1) }
            n = -n
            d = -d
        }
        return .rational(n, d)
    }

    static func parts(_ v: Value) throws -> (Int, Int) {
        if case .rational(let n, let d) = v { return (n, d) }
        return (0, 1)
    }

    static func sum(_ a: (Int, Int), _ b: (Int, Int), negate: Bool) throws -> Value {
        if a.1 == 0 || b.1 == 0 {
            // Infinite operands: ±1//0 ± finite stays infinite; 1//0 - 1//0 is invalid.
            let sa = a.1 == 0 ? a.0.signum() : 0
            let sb = b.1 == 0 ? (negate ? -b.0.signum() : b.0.signum()) : 0
            if sa != 0 && sb != 0 && sa != sb { return try make(0, 0) }
            return .rational(sa != 0 ? sa : sb, 0)
        }
        let g = gcd(a.1, b.1)
        let (ad, bd) = (a.1 / g, b.1 / g)
        let left = try mul(a.0, bd)
        let right = try mul(b.0, ad)
        let num = negate ? try sub(left, right) : try add(left, right)
        return try make(num, try mul(a.1, bd))
    }

    static func product(_ a: (Int, Int), _ b: (Int, Int)) throws -> Value {
        let g1 = max(gcd(a.0, b.1), 1), g2 = max(gcd(a.1, b.0), 1)
        return try make(mul(a.0 / g1, b.0 / g2), mul(a.1 / g2, b.1 / g1))
    }

    static func quotient(_ a: (Int, Int), _ b: (Int, Int)) throws -> Value {
        if b.0 == 0 && a.0 == 0 { return try make(0, 0) }
        return try product(a, (b.1, b.0))
    }

    /// Exact comparison of `a.0/a.1` with `b.0/b.1` (denominators ≥ 0) by
    /// cross-multiplying in 128 bits: -1, 0 or 1.
    static func compare(_ a: (Int, Int), _ b: (Int, Int)) -> Int {
        if a.1 == 0 || b.1 == 0 {
            let x = a.1 == 0 ? a.0.signum() * 2 : 0, y = b.1 == 0 ? b.0.signum() * 2 : 0
            if a.1 == 0 && b.1 == 0 { return (x > y ? 1 : 0) - (x < y ? 1 : 0) }
            return a.1 == 0 ? a.0.signum() : -b.0.signum()
        }
        let l = a.0.multipliedFullWidth(by: b.1), r = b.0.multipliedFullWidth(by: a.1)
        if l.high != r.high { return l.high < r.high ? -1 : 1 }
        if l.low != r.low { return l.low < r.low ? -1 : 1 }
        return 0
    }

    static func power(_ a: (Int, Int), _ n: Int) throws -> Value {
        if n < 0 {
            if n == Int.min { throw overflow("^", a.0, n) }
            if a.0 == 0 { return .rational(1, 0) }
            return try power((a.1, a.0), -n)
        }
        var result = (1, 1), base = a, e = n
        while e > 0 {
            if e & 1 == 1 { result = (try mul(result.0, base.0), try mul(result.1, base.1)) }
            e >>= 1
            if e > 0 { base = (try mul(base.0, base.0), try mul(base.1, base.1)) }
        }
        return try make(result.0, result.1)
    }

    /// `Rational(x)`: the exact value of a finite Float64.
    static func fromDouble(_ x: Double) throws -> Value {
        guard x.isFinite else { throw Exceptions.inexactError("Rational", .rational(.int64), .float(x)) }
        if x == 0 { return .rational(0, 1) }
        var significand = Int(x.significandBitPattern | (x.isNormal ? 1 << 52 : 0))
        var exponent = Int(x.exponent) - 52
        if !x.isNormal { exponent = -1074 }
        while significand & 1 == 0 && exponent < 0 { significand >>= 1; exponent += 1 }
        let sign = x < 0 ? -1 : 1
        if exponent >= 0 {
            guard exponent < 63 - significand.bitWidth + significand.leadingZeroBitCount else {
                throw Exceptions.inexactError("Rational", .rational(.int64), .float(x))
            }
            return .rational(sign * (significand << exponent), 1)
        }
        guard -exponent < 63 else { throw Exceptions.inexactError("Rational", .rational(.int64), .float(x)) }
        return try make(sign * significand, 1 << -exponent)
    }
}
