import Testing
@testable import Zy

/// Expected texts are Julia 1.10's `repr` of the result (or its error).
struct ScalarMathTests {
    static let sqrtMessage = "sqrt was called with a negative real argument but will only return a complex result if called with a complex argument. Try sqrt(Complex(x))."
    static let cases: [(String, [Value], String)] = [
        ("sqrt", [I(4)], "2.0"), ("sqrt", [F(-1)], "ERROR: DomainError with -1.0:\n" + sqrtMessage),
        ("sqrt", [I(-1)], "ERROR: DomainError with -1.0:\n" + sqrtMessage),
        ("log", [F(-1)], "ERROR: DomainError with -1.0:\nlog was called with a negative real argument but will only return a complex result if called with a complex argument. Try log(Complex(x))."),
        ("log", [I(0)], "-Inf"), ("log", [I(2), I(8)], "3.0"), ("exp", [I(0)], "1.0"), ("cos", [I(1)], "0.5403023058681398"),
        ("sin", [F(.infinity)], "ERROR: DomainError with Inf:\nsin(x) is only defined for finite x."),
        ("asin", [F(2)], "ERROR: DomainError with 2.0:\nasin(x) not defined for |x| > 1"),
        ("atan", [I(1), I(1)], "0.7853981633974483"), ("hypot", [I(3), I(4)], "5.0"), ("cbrt", [F(27)], "3.0"),
        ("abs", [I(-3)], "3"), ("abs", [F(-2.5)], "2.5"), ("abs", [Q(-1, 2)], "1//2"), ("abs2", [I(-3)], "9"),
        ("sign", [I(-5)], "-1"), ("sign", [F(0)], "0.0"), ("sign", [F(-2)], "-1.0"),
        ("max", [I(1), I(2)], "2"), ("max", [I(3), F(2.5)], "3.0"), ("min", [I(1), F(.nan)], "NaN"),
        ("max", [I(1), I(5), I(3)], "5"), ("min", [F(0), F(-0.0)], "-0.0"), ("max", [S("a"), S("b")], "\"b\""),
        ("clamp", [I(5), I(1), I(3)], "3"), ("clamp", [F(0.5), I(0), I(1)], "0.5"), ("clamp", [I(-1), F(0), I(1)], "0.0"),
        ("floor", [F(2.7)], "2.0"), ("ceil", [F(2.1)], "3.0"), ("round", [F(2.5)], "2.0"), ("round", [F(3.5)], "4.0"),
        ("round", [F(-2.5)], "-2.0"), ("trunc", [F(-2.7)], "-2.0"), ("floor", [I(3)], "3"), ("round", [Q(7, 2)], "4//1"),
        ("round", [T(.int64), F(2.5)], "2"), ("floor", [T(.int64), F(-2.5)], "-3"), ("ceil", [T(.int64), F(2.1)], "3"),
        ("round", [T(.int64), F(1e20)], "ERROR: InexactError: trunc(Int64, 1.0e20)"),
        ("round", [T(.float64), I(3)], "3.0"),
        ("isnan", [F(.nan)], "true"), ("isinf", [F(-.infinity)], "true"), ("isfinite", [I(1)], "true"),
        ("iszero", [F(-0.0)], "true"), ("isone", [Q(1, 1)], "true"), ("iseven", [I(4)], "true"), ("isodd", [I(-3)], "true"),
        ("one", [F(2)], "1.0"), ("zero", [I(2)], "0"), ("zero", [T(.float64)], "0.0"), ("one", [T(.int64)], "1"),
        ("float", [I(3)], "3.0"), ("float", [Z(I(1), I(2))], "1.0 + 2.0im"), ("inv", [I(4)], "0.25"), ("inv", [Q(2, 3)], "3//2"),
        ("σ", [I(0)], "0.5"), ("sigmoid", [F(0)], "0.5"), ("relu", [I(-3)], "0"), ("relu", [F(2.5)], "2.5"),
        ("gcd", [I(12), I(18)], "6"), ("lcm", [I(4), I(6)], "12"), ("numerator", [Q(3, 4)], "3"), ("denominator", [Q(3, 4)], "4"),
        ("angle", [Z(I(0), I(1))], "1.5707963267948966"), ("typemax", [T(.int64)], "9223372036854775807"),
        ("typemin", [T(.int64)], "-9223372036854775808"), ("eps", [], "2.220446049250313e-16"), ("typemax", [T(.float64)], "Inf"),
        ("convert", [T(.float64), I(2)], "2.0"), ("convert", [T(.int64), F(2.5)], "ERROR: InexactError: Int64(2.5)"),
        ("Int", [F(2.0)], "2"), ("Int", [F(2.5)], "ERROR: InexactError: Int64(2.5)"), ("Float64", [Q(1, 3)], "0.3333333333333333"),
        ("Float64", [I(3)], "3.0"), ("Bool", [I(1)], "true"), ("Complex", [I(1), I(2)], "1 + 2im"), ("Complex", [F(1)], "1.0 + 0.0im"),
        ("Rational", [I(1), I(2)], "1//2"), ("Rational", [F(0.5)], "1//2"), ("Int", [.char("a")], "97"), ("Char", [I(98)], "'b'"),
        ("Symbol", [S("r")], ":r"), ("String", [Sym("ab")], "\"ab\""),
    ]

    @Test(arguments: cases.indices)
    func math(_ i: Int) {
        let (name, args, expected) = Self.cases[i]
        #expect(ScalarHarness().eval(name, args) == expected, "\(name)\(args)")
    }

    @Test func roundDigits() {
        let h = ScalarHarness()
        #expect(h.eval("round", [F(3.14159)], [("digits", I(2))]) == "3.14")
        #expect(h.eval("round", [F(1234.5678)], [("digits", I(-2))]) == "1200.0")
        #expect(h.eval("round", [F(1234.5678)], [("sigdigits", I(3))]) == "1230.0")
    }

    @Test func constants() {
        let h = ScalarHarness()
        #expect(h.globals["pi"].map(Show.repr) == "3.141592653589793")
        #expect(h.globals["im"].map(Show.repr) == "0 + 1im")
        #expect(h.globals["Int"].map(Show.repr) == "Int64")
        #expect(h.globals["Inf"].map(Show.repr) == "Inf")
        #expect(h.globals["ArgumentError"].map(Show.repr) == "ArgumentError")
        #expect(h.eval("DomainError", [F(-1)]) == "DomainError(-1.0, nothing)")
    }
}
