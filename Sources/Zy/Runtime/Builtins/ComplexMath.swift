import Foundation

/// Complex{Float64} elementary functions (principal branches, as Julia).
enum ComplexMath {
    struct C {
        var re: Double
        var im: Double
        init(_ re: Double, _ im: Double) { self.re = re; self.im = im }
        init(_ v: Value) {
            let (r, i) = NumericValue.parts(v) ?? (.float(.nan), .float(.nan))
            re = NumericValue.double(r) ?? .nan
            im = NumericValue.double(i) ?? .nan
        }
        var value: Value { .complex(.float(re), .float(im)) }
    }

    /// Smith's algorithm, avoiding overflow in `|b|²`.
    static func divide(_ a: C, _ b: C) -> C {
        if b.im == 0 { return C(a.re / b.re, a.im / b.re) }
        if Swift.abs(b.re) >= Swift.abs(b.im) {
            let r = b.im / b.re, d = b.re + b.im * r
            return C((a.re + a.im * r) / d, (a.im - a.re * r) / d)
        }
        let r = b.re / b.im, d = b.re * r + b.im
        return C((a.re * r + a.im) / d, (a.im * r - a.re) / d)
    }

    static func multiply(_ a: C, _ b: C) -> C {
        C(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }

    static func abs(_ z: C) -> Double { hypot(z.re, z.im) }
    static func exp(_ z: C) -> C {
        let m = Foundation.exp(z.re)
        if z.im == 0 { return C(m, z.im) }
        return C(m * Foundation.cos(z.im), m * Foundation.sin(z.im))
    }
    static func log(_ z: C) -> C { C(Foundation.log(abs(z)), atan2(z.im, z.re)) }
    static func sqrt(_ z: C) -> C {
        if z.re == 0 && z.im == 0 { return C(0, z.im) }
        let m = abs(z)
        let re = Foundation.sqrt((m + Swift.abs(z.re)) / 2)
        if z.re >= 0 { return C(re, z.im / (2 * re)) }
        let im = Foundation.sqrt((m - z.re) / 2)
        return C(Swift.abs(z.im) / (2 * im), z.im.sign == .minus ? -im : im)
    }
    static func sin(_ z: C) -> C {
        C(Foundation.sin(z.re) * Foundation.cosh(z.im), Foundation.cos(z.re) * Foundation.sinh(z.im))
    }
    static func cos(_ z: C) -> C {
        C(Foundation.cos(z.re) * Foundation.cosh(z.im), -Foundation.sin(z.re) * Foundation.sinh(z.im))
    }
    static func power(_ z: C, _ p: C) -> C {
        if p.re == 0 && p.im == 0 { return C(1, 0) }
        if z.re == 0 && z.im == 0 { return C(0, 0) }
        return exp(multiply(p, log(z)))
    }
}
