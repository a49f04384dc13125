import Foundation

/// Magnitudes, parts, predicates and extrema, keeping the argument's type
/// where Julia does (`abs(-3) == 3`, `abs(1 + 2im) == 2.23…`, `max(3, 2.5) == 3.0`).
enum MathExtras {
    typealias C = ComplexMath.C

    static func install(_ r: ScalarRegistrar) {
        installMagnitudes(r)
        installParts(r)
        installPredicates(r)
        installExtrema(r)
        Rounding.install(r)
    }

    static func abs(_ v: Value) throws -> Value? {
        switch v {
        case .bool: return v
        case .int(let i): return .int(i < 0 ? 0 &- i : i)
        case .float(let x): return .float(Swift.abs(x))
        case .rational(let n, let d): return n < 0 ? try ScalarArithmetic.negate(v) : .rational(n, d)
        case .complex: return .float(ComplexMath.abs(C(v)))
        default: return nil
        }
    }

    static func installMagnitudes(_ r: ScalarRegistrar) {
        r.def("abs", [.number]) { a in try abs(a[0]) }
        r.def("abs2", [.number]) { a in
            guard let (re, im) = NumericValue.parts(a[0]) else { return nil }
            if !ScalarArithmetic.isComplex(a[0]) { return try ScalarArithmetic.apply(.mul, a[0], a[0]) }
            guard let x = try ScalarArithmetic.apply(.mul, re, re), let y = try ScalarArithmetic.apply(.mul, im, im) else { return nil }
            return try ScalarArithmetic.apply(.add, x, y)
        }
        r.def("sign", [.number]) { a in
            switch a[0] {
            case .bool: return a[0]
            case .int(let i): return .int(i.signum())
            case .float(let x): return .float(x == 0 || x.isNaN ? x : (x < 0 ? -1 : 1))
            case .rational(let n, _): return .rational(n.signum(), 1)
            case .complex:
                let z = C(a[0]), m = ComplexMath.abs(z)
                return m == 0 ? C(z.re, z.im).value : C(z.re / m, z.im / m).value
            default: return nil
            }
        }
        r.def("inv", [.number]) { a in try ScalarArithmetic.apply(.div, NumericValue.one(like: a[0]), a[0]) }
        r.def("relu", [.real]) { a in
            guard let z = try maxOf(NumericValue.zero(like: a[0]), a[0]) else { return nil }
            return z
        }
        r.def("copysign", [.real, .real]) { a in
            guard let x = NumericValue.double(a[0]), let y = NumericValue.double(a[1]) else { return nil }
            if case .float = a[0] { return .float(Foundation.copysign(x, y)) }
            let negative = y < 0 || (y == 0 && y.sign == .minus)
            guard let m = try abs(a[0]) else { return nil }
            return negative ? try ScalarArithmetic.negate(m) : m
        }
        let fma: ScalarRegistrar.Body = { a in
            guard let p = try ScalarArithmetic.apply(.mul, a[0], a[1]) else { return nil }
            return try ScalarArithmetic.apply(.add, p, a[2])
        }
        r.def("muladd", [.number, .number, .number], fma)
        r.def("fma", [.number, .number, .number], fma)
    }

    static func installParts(_ r: ScalarRegistrar) {
        r.def("real", [.number]) { a in NumericValue.parts(a[0]).map { ScalarArithmetic.isComplex(a[0]) ? $0.0 : a[0] } }
        r.def("imag", [.number]) { a in
            if ScalarArithmetic.isComplex(a[0]) { return NumericValue.parts(a[0])?.1 }
            return NumericValue.zero(like: a[0])
        }
        r.def("conj", [.number]) { a in
            guard case .complex(let re, let im) = a[0] else { return a[0] }
            return .complex(re, try ScalarArithmetic.negate(im) ?? im)
        }
        r.def("angle", [.number]) { a in
            let z = C(a[0])
            return .float(Foundation.atan2(z.im, z.re))
        }
        r.def("reim", [.number]) { a in NumericValue.parts(a[0]).map { .tuple([$0.0, $0.1]) } }
        r.def("numerator", [.real]) { a in
            if case .rational(let n, _) = a[0] { return .int(n) }
            return a[0].intValue.map { .int($0) }
        }
        r.def("denominator", [.real]) { a in
            if case .rational(_, let d) = a[0] { return .int(d) }
            return a[0].intValue.map { _ in .int(1) }
        }
        r.def("float", [.number]) { a in
            if case .complex = a[0] { return C(a[0]).value }
            return NumericValue.double(a[0]).map { .float($0) }
        }
    }

    static func installPredicates(_ r: ScalarRegistrar) {
        let preds: [(String, (C) -> Bool)] = [
            ("isnan", { $0.re.isNaN || $0.im.isNaN }), ("isinf", { $0.re.isInfinite || $0.im.isInfinite }),
            ("isfinite", { $0.re.isFinite && $0.im.isFinite }), ("iszero", { $0.re == 0 && $0.im == 0 }),
            ("isone", { $0.re == 1 && $0.im == 0 }), ("signbit", { $0.re.sign == .minus }),
            ("isreal", { $0.im == 0 }),
        ]
        for (name, p) in preds {
            r.def(name, [.number]) { a in
                if case .rational(let n, let d) = a[0] {
                    if name == "isinf" { return .bool(d == 0) }
                    if name == "isfinite" { return .bool(d != 0) }
                    if name == "iszero" { return .bool(n == 0) }
                    if name == "isone" { return .bool(n == 1 && d == 1) }
                }
                if case .int(let i) = a[0], name == "signbit" { return .bool(i < 0) }
                return .bool(p(C(a[0])))
            }
        }
        r.def("isinteger", [.number]) { a in
            let z = C(a[0])
            return .bool(z.im == 0 && z.re.isFinite && z.re.rounded(.towardZero) == z.re)
        }
        r.def("nextfloat", [.abstractFloat]) { a in NumericValue.double(a[0]).map { .float($0.nextUp) } }
        r.def("prevfloat", [.abstractFloat]) { a in NumericValue.double(a[0]).map { .float($0.nextDown) } }
        r.def("factorial", [.integer]) { a in
            guard let n = a[0].intValue else { return nil }
            if n < 0 { throw Exceptions.domainError(.int(n), "`n` must not be negative.") }
            if n > 20 {
                throw Exceptions.overflowError("\(n) is too large to look up in the table; consider using `factorial(big(\(n)))` instead")
            }
            return .int((1...max(n, 1)).reduce(1, *))
        }
        r.def("iseven", [.integer]) { a in a[0].intValue.map { .bool($0 & 1 == 0) } }
        r.def("isodd", [.integer]) { a in a[0].intValue.map { .bool($0 & 1 == 1) } }
    }

    /// Julia's `max`/`min` on reals: promote, and a NaN wins.
    static func maxOf(_ a: Value, _ b: Value, minimum: Bool = false) throws -> Value? {
        guard NumericValue.isReal(a), NumericValue.isReal(b) else { return nil }
        let t = ZyType.promote(a.type, b.type) ?? .float64
        guard let x = try NumericValue.convert(a, to: t), let y = try NumericValue.convert(b, to: t) else { return nil }
        if case .float(let p) = x, p.isNaN { return x }
        if case .float(let q) = y, q.isNaN { return y }
        if case .float(let p) = x, case .float(let q) = y, p == 0, q == 0 {
            let xNeg = p.sign == .minus
            return (minimum == xNeg) ? x : y
        }
        let o = ScalarComparison.order(x, y) ?? 0
        if minimum { return o <= 0 ? x : y }
        return o >= 0 ? x : y
    }

    static func installExtrema(_ r: ScalarRegistrar) {
        let isless = r.function("isless")
        for (name, minimum) in [("max", false), ("min", true)] {
            r.def(name, [.real, .real]) { a in try maxOf(a[0], a[1], minimum: minimum) }
            r.full(name, [.any, .any]) { ctx, a, _ in
                let less = try ScalarRegistrar.truth(ctx, isless, a[0], a[1])
                return (less == minimum) ? a[0] : a[1]
            }
            r.def(name, [.any]) { a in a[0] }
            r.foldingVarargs(name)
        }
        r.def("minmax", [.real, .real]) { a in
            guard let lo = try maxOf(a[0], a[1], minimum: true), let hi = try maxOf(a[0], a[1]) else { return nil }
            return .tuple([lo, hi])
        }
        r.def("clamp", [.real, .real, .real]) { a in
            let t = ZyType.promote(ZyType.promote(a[0].type, a[1].type) ?? .float64, a[2].type) ?? .float64
            let x: Value
            if ScalarComparison.order(a[0], a[2]) == 1 { x = a[2] }
            else if ScalarComparison.order(a[0], a[1]) == -1 { x = a[1] }
            else { x = a[0] }
            return try NumericValue.convert(x, to: t)
        }
    }
}
