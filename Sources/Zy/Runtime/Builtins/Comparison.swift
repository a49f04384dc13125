/// Julia's comparisons: `==` (exact across Int/Float/Rational, NaN unequal,
/// `-0.0 == 0.0`), `isequal` (NaN equal to itself, `-0.0 != 0.0`), `<` on
/// reals (IEEE), and `isless` (a total order: NaN last, `-0.0 < 0.0`).
enum ScalarComparison {
    /// -1, 0 or 1; nil when unordered (a NaN) or not both real.
    static func order(_ a: Value, _ b: Value) -> Int? {
        switch (NumericValue.widenBool(a), NumericValue.widenBool(b)) {
        case (.int(let x), .int(let y)): return sign(x, y)
        case (.int(let x), .float(let y)): return intFloat(x, y)
        case (.float(let x), .int(let y)): return intFloat(y, x).map { -$0 }
        case (.float(let x), .float(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.rational(let n, let d), .rational(let m, let e)): return Rationals.compare((n, d), (m, e))
        case (.rational(let n, let d), .int(let y)): return Rationals.compare((n, d), (y, 1))
        case (.int(let x), .rational(let m, let e)): return Rationals.compare((x, 1), (m, e))
        case (let x, let y):
            guard NumericValue.isReal(x), NumericValue.isReal(y),
                  let p = NumericValue.double(x), let q = NumericValue.double(y), !p.isNaN, !q.isNaN else { return nil }
            return p < q ? -1 : (p > q ? 1 : 0)
        }
    }

    static func sign(_ x: Int, _ y: Int) -> Int { x < y ? -1 : (x > y ? 1 : 0) }

    /// Exact comparison of an Int64 with a Float64 (no rounding of the Int).
    static func intFloat(_ i: Int, _ f: Double) -> Int? {
        if f.isNaN { return nil }
        if f >= 9.223372036854775808e18 { return -1 }
        if f < -9.223372036854775808e18 { return 1 }
        let t = f.rounded(.down)
        let ti = Int(t)
        if i != ti { return sign(i, ti) }
        return f > t ? -1 : 0
    }

    /// Numeric `==`; nil when either is not a number.
    static func numberEqual(_ a: Value, _ b: Value) -> Bool? {
        guard NumericValue.isNumber(a), NumericValue.isNumber(b) else { return nil }
        if ScalarArithmetic.isComplex(a) || ScalarArithmetic.isComplex(b) {
            guard let (ar, ai) = NumericValue.parts(a), let (br, bi) = NumericValue.parts(b) else { return nil }
            return order(ar, br) == 0 && order(ai, bi) == 0
        }
        return order(a, b) == 0
    }

    /// `isequal` for numbers: like `==` but NaN equals NaN and -0.0 ≠ 0.0.
    static func numberIsEqual(_ a: Value, _ b: Value) -> Bool? {
        guard NumericValue.isNumber(a), NumericValue.isNumber(b) else { return nil }
        if let (ar, ai) = NumericValue.parts(a), let (br, bi) = NumericValue.parts(b),
           ScalarArithmetic.isComplex(a) || ScalarArithmetic.isComplex(b) {
            return realIsEqual(ar, br) && realIsEqual(ai, bi)
        }
        return realIsEqual(a, b)
    }

    static func realIsEqual(_ a: Value, _ b: Value) -> Bool {
        let x = NumericValue.double(a), y = NumericValue.double(b)
        if let x, let y {
            if x.isNaN || y.isNaN { return x.isNaN && y.isNaN }
            if x == 0 && y == 0 { return x.sign == y.sign }
        }
        return order(a, b) == 0
    }

    /// `isless` for reals: -1/0/1 in Julia's total order.
    static func realIsLess(_ a: Value, _ b: Value) -> Bool? {
        guard NumericValue.isReal(a), NumericValue.isReal(b) else { return nil }
        let x = NumericValue.double(a) ?? 0, y = NumericValue.double(b) ?? 0
        if x.isNaN || y.isNaN { return !x.isNaN && y.isNaN }
        if x == 0 && y == 0, case .float = a, case .float = b { return x.sign == .minus && y.sign == .plus }
        return order(a, b) == -1
    }

    /// `isapprox(x, y)` with Julia's defaults (`rtol = √eps` when `atol == 0`).
    static func isApprox(_ a: Value, _ b: Value, rtol: Double?, atol: Double) -> Bool? {
        guard NumericValue.isNumber(a), NumericValue.isNumber(b) else { return nil }
        if numberEqual(a, b) == true { return true }
        let x = ComplexMath.C(a), y = ComplexMath.C(b)
        let finite = x.re.isFinite && x.im.isFinite && y.re.isFinite && y.im.isFinite
        guard finite else { return false }
        let r = rtol ?? (atol > 0 ? 0 : 1.4901161193847656e-8)
        let diff = ComplexMath.abs(ComplexMath.C(x.re - y.re, x.im - y.im))
        return diff <= max(atol, r * max(ComplexMath.abs(x), ComplexMath.abs(y)))
    }
}
