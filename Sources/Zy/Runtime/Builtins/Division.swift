import Foundation

/// `div rem mod fld cld` (`÷ %`) and `^` with Julia's semantics: integer
/// division by zero is a `DivideError`, `rem` takes the dividend's sign and
/// `mod` the divisor's, integer powers wrap and refuse negative exponents.
enum ScalarDivision {
    enum Kind { case div, rem, mod, fld, cld }

    static func apply(_ kind: Kind, _ a: Value, _ b: Value) throws -> Value? {
        guard let pair = NumericValue.promote(a, b) else { return nil }
        switch pair {
        case .ints(let x, let y): return .int(try integer(kind, x, y))
        case .floats(let x, let y): return .float(float(kind, x, y))
        case .rationals(let n, let d, let m, let e):
            guard m != 0, d != 0 else { throw Exceptions.divideError() }
            guard case .rational(let qn, let qd) = try Rationals.quotient((n, d), (m, e)), qd != 0 else { return nil }
            let q: Int
            switch kind {
            case .div, .rem: q = try integer(.div, qn, qd)
            case .fld, .mod: q = try integer(.fld, qn, qd)
            case .cld: q = try integer(.cld, qn, qd)
            }
            if kind == .div || kind == .fld || kind == .cld { return .int(q) }
            let yq = try Rationals.product((m, e), (q, 1))
            guard case .rational(let pn, let pd) = yq else { return nil }
            return try Rationals.sum((n, d), (pn, pd), negate: true)
        }
    }

    static func integer(_ kind: Kind, _ x: Int, _ y: Int) throws -> Int {
        if y == 0 { throw Exceptions.divideError() }
        if y == -1 {
            if kind == .rem || kind == .mod { return 0 }
            if x == Int.min { throw Exceptions.divideError() }
            return -x
        }
        let q = x / y, r = x % y
        switch kind {
        case .div: return q
        case .rem: return r
        case .mod: return r != 0 && (r < 0) != (y < 0) ? r + y : r
        case .fld: return r != 0 && (r < 0) != (y < 0) ? q - 1 : q
        case .cld: return r != 0 && (r < 0) == (y < 0) ? q + 1 : q
        }
    }

    static func float(_ kind: Kind, _ x: Double, _ y: Double) -> Double {
        let r = fmod(x, y)
        switch kind {
        case .rem: return r
        case .div: return ((x - r) / y).rounded()
        case .mod: return floatMod(x, y)
        case .fld: return ((x - floatMod(x, y)) / y).rounded()
        case .cld: return -((-x - floatMod(-x, y)) / y).rounded()
        }
    }

    static func floatMod(_ x: Double, _ y: Double) -> Double {
        let r = fmod(x, y)
        if r == 0 { return y.sign == .minus ? -0.0 : 0.0 }
        return (r > 0) != (y > 0) ? r + y : r
    }

    // MARK: Powers

    static func negativePowerError(_ p: Int) -> ZyException {
        Exceptions.domainError(.int(p), "Cannot raise an integer x to a negative power \(p).\n"
            + "Make x or \(p) a float by adding a zero decimal (e.g., 2.0^\(p) or 2^\(FloatFormat.format(Double(p))) instead of 2^\(p)) "
            + "or write 1/x^\(0 &- p), float(x)^\(p), x^float(\(p)) or (x//1)^\(p).")
    }

    static func complexResultError(_ x: Double) -> ZyException {
        Exceptions.domainError(.float(x), "Exponentiation yielding a complex result requires a complex argument.\n"
            + "Replace x^y with (x+0im)^y, Complex(x)^y, or similar.")
    }

    static func intPower(_ x: Int, _ n: Int) throws -> Int {
        if n < 0 {
            if x == 1 { return 1 }
            if x == -1 { return n & 1 == 0 ? 1 : -1 }
            throw negativePowerError(n)
        }
        var result = 1, base = x, e = n
        while e > 0 {
            if e & 1 == 1 { result = result &* base }
            e >>= 1
            if e > 0 { base = base &* base }
        }
        return result
    }

    static func power(_ a: Value, _ b: Value) throws -> Value? {
        if ScalarArithmetic.isComplex(a) || ScalarArithmetic.isComplex(b) { return try complexPower(a, b) }
        switch (NumericValue.widenBool(a), NumericValue.widenBool(b)) {
        case (.int(let x), .int(let n)):
            if case .bool(let t) = a {
                if n < 0 && !t { throw negativePowerError(n) }
                return .bool(t || n == 0)
            }
            return .int(try intPower(x, n))
        case (.rational(let n, let d), .int(let p)):
            return try Rationals.power((n, d), p)
        case (.float(let x), .int(let n)):
            return .float(floatIntPower(x, n))
        default:
            guard let x = NumericValue.double(a), let y = NumericValue.double(b) else { return nil }
            if x < 0 && y.isFinite && y.rounded() != y { throw complexResultError(x) }
            return .float(Foundation.pow(x, y))
        }
    }

    /// `x^n` for Float64 `x` and integer `n` as Julia computes it: repeated
    /// squaring carrying each product's rounding error (`two_mul`), so the
    /// result matches Julia's to the last bit; `x^3` is `x*x*x`.
    static func floatIntPower(_ x0: Double, _ n0: Int) -> Double {
        if n0 == 0 { return 1 }
        if n0 == 3 { return x0 * x0 * x0 }
        var x = x0, n = n0.magnitude
        var y = 1.0, xlo = 0.0, ylo = 0.0
        if n0 < 0 {
            let rx = 1 / x
            if n0 == -2 { return rx * rx }
            if x.isFinite { xlo = -(-1.0).addingProduct(x, rx) * rx }
            x = rx
        }
        func twoMul(_ a: Double, _ b: Double) -> (Double, Double) {
            let p = a * b
            return (p, (-p).addingProduct(a, b))
        }
        while n > 1 {
            if n & 1 == 1 {
                let err = (x * ylo).addingProduct(y, xlo)
                (y, ylo) = twoMul(x, y)
                ylo += err
            }
            let err = x * 2 * xlo
            (x, xlo) = twoMul(x, x)
            xlo += err
            n >>= 1
        }
        let err = (x * ylo).addingProduct(y, xlo)
        return x.isFinite && err.isFinite ? err.addingProduct(x, y) : x * y
    }

    static func complexPower(_ a: Value, _ b: Value) throws -> Value? {
        guard NumericValue.isNumber(a), NumericValue.isNumber(b) else { return nil }
        if case .int(let n) = NumericValue.widenBool(b), case .complex(let re, _) = a {
            if case .int = re, n >= 0 { return try complexSquaring(a, n) }
            if n >= 0 { return try complexSquaring(a, n) }
            let one = NumericValue.one(like: ComplexMath.C(a).value)
            guard let inverse = try ScalarArithmetic.apply(.div, one, a) else { return nil }
            return try complexSquaring(inverse, 0 &- n)
        }
        return ComplexMath.power(ComplexMath.C(a), ComplexMath.C(b)).value
    }

    static func complexSquaring(_ z: Value, _ n: Int) throws -> Value? {
        var result = NumericValue.one(like: z), base = z, e = n
        while e > 0 {
            if e & 1 == 1 { guard let r = try ScalarArithmetic.apply(.mul, result, base) else { return nil }; result = r }
            e >>= 1
            if e > 0 { guard let s = try ScalarArithmetic.apply(.mul, base, base) else { return nil }; base = s }
        }
        return result
    }
}
