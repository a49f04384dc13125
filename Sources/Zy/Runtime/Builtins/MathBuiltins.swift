import Foundation

/// Elementary functions. Integer arguments are taken as Float64 (as Julia's
/// `sqrt(x::Real) = sqrt(float(x))`); arguments outside the real domain
/// throw Julia's `DomainError`s rather than returning NaN.
enum MathBuiltins {
    typealias C = ComplexMath.C

    static func install(into globals: Globals) {
        let r = ScalarRegistrar(globals: globals)
        installElementary(r)
        installTrigonometry(r)
        MathExtras.install(r)
        IntegerBuiltins.install(r)
    }

    static func complexDomain(_ name: String, _ x: Double) -> ZyException {
        Exceptions.domainError(.float(x), "\(name) was called with a negative real argument but will only return "
            + "a complex result if called with a complex argument. Try \(name)(Complex(x)).")
    }

    /// Registers `name` on reals (through `real`) and on complex numbers
    /// (through `complex`, when given).
    static func unary(_ r: ScalarRegistrar, _ name: String, real: @escaping (Double) throws -> Double,
                      complex: ((C) -> C)? = nil) {
        r.def(name, [.real]) { a in try NumericValue.double(a[0]).map { .float(try real($0)) } }
        if let complex {
            r.def(name, [.complex(nil)]) { a in complex(C(a[0])).value }
        }
    }

    static func installElementary(_ r: ScalarRegistrar) {
        unary(r, "sqrt", real: { x in
            if x < 0 { throw complexDomain("sqrt", x) }
            return x.squareRoot()
        }, complex: ComplexMath.sqrt)
        unary(r, "cbrt", real: cubeRoot)
        unary(r, "exp", real: Foundation.exp, complex: ComplexMath.exp)
        unary(r, "exp2", real: Foundation.exp2)
        unary(r, "exp10", real: { Foundation.pow(10, $0) })
        unary(r, "expm1", real: Foundation.expm1)
        for (name, f) in [("log", Foundation.log), ("log2", Foundation.log2), ("log10", Foundation.log10)] as [(String, (Double) -> Double)] {
            unary(r, name, real: { x in
                if x < 0 { throw complexDomain(name, x) }
                return f(x)
            }, complex: name == "log" ? ComplexMath.log : nil)
        }
        unary(r, "log1p", real: { x in
            if x < -1 {
                throw Exceptions.domainError(.float(x), "log1p was called with a real argument < -1 but will only "
                    + "return a complex result if called with a complex argument. Try log1p(Complex(x)).")
            }
            return Foundation.log1p(x)
        })
        r.def("log", [.real, .real]) { a in
            guard let b = NumericValue.double(a[0]), let x = NumericValue.double(a[1]) else { return nil }
            if x < 0 { throw complexDomain("log", x) }
            if b < 0 { throw complexDomain("log", b) }
            return .float(Foundation.log(x) / Foundation.log(b))
        }
        r.def("hypot", [.number, .number]) { a in
            .float(Foundation.hypot(ComplexMath.abs(C(a[0])), ComplexMath.abs(C(a[1]))))
        }
    }

    /// libm's `cbrt` can miss by an ulp (`cbrt(27.0) == 3.0000000000000004`);
    /// pick the neighbour whose cube is nearest, computed with fma.
    static func cubeRoot(_ x: Double) -> Double {
        let y = Foundation.cbrt(x)
        guard y.isFinite, y != 0 else { return y }
        func residual(_ c: Double) -> Double {
            let c2 = c * c
            let e2 = (-c2).addingProduct(c, c)
            return Swift.abs((-x).addingProduct(c2, c) + e2 * c)
        }
        return [y.nextDown, y, y.nextUp].min { residual($0) < residual($1) } ?? y
    }

    static func finiteOnly(_ name: String, _ f: @escaping (Double) -> Double) -> (Double) throws -> Double {
        { x in
            if x.isInfinite { throw Exceptions.domainError(.float(x), "\(name)(x) is only defined for finite x.") }
            return f(x)
        }
    }

    static func unitDomain(_ name: String, _ f: @escaping (Double) -> Double) -> (Double) throws -> Double {
        { x in
            if abs(x) > 1 { throw Exceptions.domainError(.float(x), "\(name)(x) not defined for |x| > 1") }
            return f(x)
        }
    }

    static func installTrigonometry(_ r: ScalarRegistrar) {
        unary(r, "sin", real: finiteOnly("sin", Foundation.sin), complex: ComplexMath.sin)
        unary(r, "cos", real: finiteOnly("cos", Foundation.cos), complex: ComplexMath.cos)
        unary(r, "tan", real: finiteOnly("tan", Foundation.tan))
        unary(r, "sec", real: finiteOnly("sec") { 1 / Foundation.cos($0) })
        unary(r, "csc", real: finiteOnly("csc") { 1 / Foundation.sin($0) })
        unary(r, "cot", real: finiteOnly("cot") { 1 / Foundation.tan($0) })
        unary(r, "asin", real: unitDomain("asin", Foundation.asin))
        unary(r, "acos", real: unitDomain("acos", Foundation.acos))
        unary(r, "atan", real: Foundation.atan)
        unary(r, "sinh", real: Foundation.sinh)
        unary(r, "cosh", real: Foundation.cosh)
        unary(r, "tanh", real: Foundation.tanh)
        unary(r, "asinh", real: Foundation.asinh)
        unary(r, "acosh", real: { x in
            if x < 1 { throw Exceptions.domainError(.float(x), "acosh(x) not defined for x < 1") }
            return Foundation.acosh(x)
        })
        unary(r, "atanh", real: { x in
            if abs(x) > 1 { throw Exceptions.domainError(.float(x), "atanh(x) not defined for |x| > 1") }
            return Foundation.atanh(x)
        })
        unary(r, "deg2rad", real: { $0 * (Double.pi / 180) })
        unary(r, "rad2deg", real: { $0 * (180 / Double.pi) })
        r.def("atan", [.real, .real]) { a in
            guard let y = NumericValue.double(a[0]), let x = NumericValue.double(a[1]) else { return nil }
            return .float(Foundation.atan2(y, x))
        }
        r.def("sincos", [.real]) { a in
            guard let x = NumericValue.double(a[0]) else { return nil }
            return .tuple([.float(try finiteOnly("sin", Foundation.sin)(x)), .float(Foundation.cos(x))])
        }
        let sigmoid: ScalarRegistrar.Body = { a in
            NumericValue.double(a[0]).map { .float(1 / (1 + Foundation.exp(-$0))) }
        }
        r.def("σ", [.real], sigmoid)
        r.def("sigmoid", [.real], sigmoid)
        r.def("logistic", [.real], sigmoid)
        r.def("softplus", [.real]) { a in
            NumericValue.double(a[0]).map { x in .float(Foundation.log1p(Foundation.exp(-abs(x))) + max(x, 0)) }
        }
    }
}
