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
        ("supertype", [T(.int64)], "Signed"), ("supertype", [T(.float64)], "AbstractFloat"), ("isnothing", [.nothing], "true"),
        ("isnothing", [I(0)], "false"), ("something", [.nothing, I(2)], "2"),
        ("something", [.nothing], "ERROR: ArgumentError: No value arguments present"),

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

/// Extreme arguments must raise Julia errors or give values, never trap.
struct ScalarExtremeTests {
    @Test func noTraps() {
        let h = ScalarHarness()
        #expect(h.eval("round", [F(1.5)], [("digits", I(Int.min))]) == "1.5")
        #expect(h.eval("round", [I(15)], [("digits", I(Int.min))]) == "0")
        #expect(h.eval("round", [F(1.5)], [("sigdigits", I(Int.max))]) == "1.5")
        #expect(h.eval("lcm", [I(Int.min), I(1)]).hasPrefix("ERROR: OverflowError"))
        #expect(h.eval("^", [Q(2, 3), I(Int.min)]).hasPrefix("ERROR: OverflowError"))
        #expect(h.eval("//", [I(Int.min), I(-1)]).hasPrefix("ERROR: OverflowError"))
        #expect(h.eval("÷", [Q(1, 2), Q(0, 1)]) == "ERROR: DivideError: integer division error")
        #expect(h.eval("mod", [Q(1, 2), I(0)]) == "ERROR: DivideError: integer division error")
        #expect(h.eval("^", [S("ab"), I(Int.max)]) == "ERROR: OutOfMemoryError()")
        #expect(h.eval("Char", [I(-1)]).hasPrefix("ERROR:"))
        #expect(h.eval("nextind", [S("ab"), I(Int.max)]) == "3")
        #expect(h.eval("prevind", [S("ab"), I(Int.min)]) == "0")
        let r = Value.range(RangeValue(start: 0, step: -1, stop: Int.min, isUnit: false))
        #expect(Show.errorMessage(Exceptions.boundsError(r, [.int(1)]).value).hasPrefix("BoundsError: attempt to access "))
    }
}

/// Calls every scalar built-in with awkward arguments: each call must
/// return or throw, never trap (a trap would kill the test process).
struct ScalarRobustnessTests {
    static let pool: [Value] = [
        I(0), I(-1), I(2), I(Int.min), I(Int.max), F(0), F(-0.0), F(.nan), F(.infinity), F(-2.5), F(1e308),
        .bool(true), Q(1, 0), Q(-3, 4), Z(I(1), I(-2)), Z(F(0), F(0)), S(""), S("αb"), .char("x"), Sym("s"),
        .nothing, .tuple([]), .tuple([I(1), S("a")]), T(.int64), T(.float64), T(.string),
        .range(RangeValue(start: 1, step: 1, stop: 3, isUnit: true)),
    ]

    @Test func everyBuiltinSurvivesAwkwardArguments() {
        let h = ScalarHarness()
        var calls = 0
        for name in h.globals.names.sorted() {
            guard case .function(let f)? = h.globals[name] else { continue }
            let arities = Set(f.methods.map { $0.isVarargs ? max($0.signature.count - 1, 1) : $0.signature.count })
            for arity in arities where arity <= 2 {
                for args in combinations(arity) {
                    _ = h.eval(name, args)
                    calls += 1
                }
            }
            if arities.contains(3) {
                for a in Self.pool.prefix(12) { _ = h.eval(name, [a, I(1), F(2)]); _ = h.eval(name, [I(1), a, a]); calls += 2 }
            }
        }
        #expect(calls > 10_000)
    }

    func combinations(_ arity: Int) -> [[Value]] {
        switch arity {
        case 0: return [[]]
        case 1: return Self.pool.map { [$0] }
        default: return Self.pool.flatMap { a in Self.pool.map { [a, $0] } }
        }
    }
}

struct ScalarIntegerTests {
    static let cases: [(String, [Value], String)] = [
        ("isqrt", [I(17)], "4"), ("isqrt", [I(Int.max)], "3037000499"), ("mod1", [I(4), I(4)], "4"), ("mod1", [I(5), I(4)], "1"),
        ("fldmod", [I(-7), I(2)], "(-4, 1)"), ("trailing_zeros", [I(8)], "3"), ("count_ones", [I(7)], "3"),
        ("bitstring", [I(5)], "\"" + String(repeating: "0", count: 61) + "101\""), ("ndigits", [I(-1234)], "4"),
        ("digits", [I(123)], "[3, 2, 1]"), ("digits", [I(0)], "[0]"), ("string", [I(5)], "\"5\""), ("string", [.bool(true)], "\"true\""),
        ("div", [I(7), I(2), .nothing], "ERROR: MethodError: no method matching div(::Int64, ::Int64, ::Nothing)"),
    ]

    @Test(arguments: cases.indices)
    func integers(_ i: Int) {
        let (name, args, expected) = Self.cases[i]
        #expect(ScalarHarness().eval(name, args) == expected, "\(name)\(args)")
    }

    @Test func keywordsAndModes() throws {
        let h = ScalarHarness()
        #expect(h.eval("string", [I(5)], [("base", I(2))]) == "\"101\"")
        #expect(h.eval("string", [I(-5)], [("pad", I(3))]) == "\"-005\"")
        #expect(h.eval("digits", [I(5)], [("base", I(2)), ("pad", I(4))]) == "[1, 0, 1, 0]")
        let up = try #require(h.globals["RoundUp"]), down = try #require(h.globals["RoundDown"])
        let nearest = try #require(h.globals["RoundNearest"])
        #expect(h.eval("round", [F(2.1), up]) == "3.0")
        #expect(h.eval("round", [F(-2.5), nearest]) == "-2.0")
        #expect(h.eval("div", [I(7), I(2), up]) == "4")
        #expect(h.eval("div", [I(-7), I(2), down]) == "-4")
        #expect(h.eval("div", [I(7), I(2), nearest]) == "4")
        #expect(h.eval("div", [I(1), I(0), nearest]) == "ERROR: DivideError: integer division error")
        #expect(h.eval("div", [F(7), I(2), up]) == "4.0")
        #expect(Show.repr(up) == "RoundingMode{:Up}()")
    }
}
