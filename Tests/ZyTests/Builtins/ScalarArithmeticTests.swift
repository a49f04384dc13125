import Testing
@testable import Zy

/// Expected texts are Julia 1.10's `repr` of the result (or its error).
struct ScalarArithmeticTests {
    static let cases: [(String, [Value], String)] = [
        ("+", [I(1), I(2)], "3"), ("+", [I(1), F(2)], "3.0"), ("+", [.bool(true), .bool(true)], "2"),
        ("+", [I(Int.max), I(1)], "-9223372036854775808"), ("*", [I(Int.max), I(2)], "-2"),
        ("-", [I(Int.min)], "-9223372036854775808"), ("-", [F(0)], "-0.0"), ("-", [I(3), Q(1, 2)], "5//2"),
        ("*", [.bool(true), F(2.5)], "2.5"), ("*", [.bool(false), F(.nan)], "0.0"), ("*", [.bool(true), .bool(false)], "false"),
        ("/", [I(1), I(2)], "0.5"), ("/", [I(1), I(0)], "Inf"), ("/", [I(-1), I(0)], "-Inf"), ("/", [I(0), I(0)], "NaN"),
        ("\\", [I(2), I(1)], "0.5"), ("+", [I(1), I(2), I(3)], "6"), ("*", [I(2), F(3), I(4)], "24.0"),
        ("÷", [I(7), I(2)], "3"), ("÷", [I(-7), I(2)], "-3"), ("÷", [I(1), I(0)], "ERROR: DivideError: integer division error"),
        ("÷", [I(Int.min), I(-1)], "ERROR: DivideError: integer division error"), ("%", [I(-7), I(2)], "-1"),
        ("%", [I(7), I(0)], "ERROR: DivideError: integer division error"), ("rem", [I(Int.min), I(-1)], "0"),
        ("mod", [I(-7), I(2)], "1"), ("mod", [I(7), I(-2)], "-1"), ("fld", [I(-7), I(2)], "-4"), ("cld", [I(7), I(2)], "4"),
        ("mod", [F(-7.5), I(2)], "0.5"), ("%", [F(7.5), I(2)], "1.5"), ("div", [F(7.5), F(2)], "3.0"),
        ("^", [I(2), I(10)], "1024"), ("^", [I(2), I(64)], "0"), ("^", [I(3), I(40)], "-6289078614652622815"),
        ("^", [I(2), I(-1)], "ERROR: DomainError with -1:\nCannot raise an integer x to a negative power -1.\nMake x or -1 a float by adding a zero decimal (e.g., 2.0^-1 or 2^-1.0 instead of 2^-1) or write 1/x^1, float(x)^-1, x^float(-1) or (x//1)^-1."),
        ("^", [I(-1), I(-3)], "-1"), ("^", [F(1.1), I(10)], "2.5937424601000023"), ("^", [F(2.5), I(-3)], "0.064"),
        ("^", [F(0.1), I(5)], "1.0000000000000003e-5"), ("^", [F(2), I(-2)], "0.25"), ("^", [F(1.1), I(3)], "1.3310000000000004"),
        ("^", [F(2), I(1024)], "Inf"), ("^", [F(0), I(-1)], "Inf"), ("^", [F(2), I(-1)], "0.5"), ("^", [F(2), F(0.5)], "1.4142135623730951"),
        ("^", [F(-8), F(1.0 / 3.0)], "ERROR: DomainError with -8.0:\nExponentiation yielding a complex result requires a complex argument.\nReplace x^y with (x+0im)^y, Complex(x)^y, or similar."),
        ("^", [Q(2, 3), I(2)], "4//9"), ("^", [Q(2, 3), I(-2)], "9//4"),
        ("//", [I(3), I(4)], "3//4"), ("//", [I(6), I(-8)], "-3//4"), ("//", [I(1), I(0)], "1//0"), ("//", [I(-5), I(0)], "-1//0"),
        ("//", [I(0), I(0)], "ERROR: ArgumentError: invalid rational: zero(Int64)//zero(Int64)"),
        ("+", [Q(1, 2), Q(1, 3)], "5//6"), ("*", [Q(2, 3), Q(3, 4)], "1//2"), ("-", [Q(1, 2), Q(1, 2)], "0//1"),
        ("/", [Q(1, 2), Q(1, 4)], "2//1"), ("+", [Q(1, 2), F(0.25)], "0.75"), ("//", [Q(1, 2), I(2)], "1//4"),
        ("*", [Q(Int.max, 2), I(3)], "ERROR: OverflowError: 9223372036854775807 * 3 overflowed for type Int64"),
        ("+", [Z(I(1), I(2)), Z(I(3), I(-4))], "4 - 2im"), ("*", [Z(I(1), I(2)), Z(I(3), I(4))], "-5 + 10im"),
        ("*", [F(2), Z(I(1), I(2))], "2.0 + 4.0im"), ("+", [I(1), Z(F(0), F(1))], "1.0 + 1.0im"),
        ("/", [Z(I(1), I(2)), I(2)], "0.5 + 1.0im"), ("/", [Z(I(1), I(0)), Z(I(0), I(1))], "0.0 - 1.0im"),
        ("^", [Z(I(0), I(1)), I(2)], "-1 + 0im"), ("-", [Z(I(1), I(2))], "-1 - 2im"),
        ("abs2", [Z(I(1), I(2))], "5"), ("abs", [Z(I(3), I(4))], "5.0"), ("conj", [Z(I(1), I(2))], "1 - 2im"),
        ("real", [Z(I(1), I(2))], "1"), ("imag", [Z(F(1), F(2))], "2.0"), ("imag", [I(3)], "0"),
        ("+", [I(1), S("a")], "ERROR: MethodError: no method matching +(::Int64, ::String)"),
        ("=>", [Sym("a"), I(1)], ":a => 1"), ("Pair", [I(1), I(2)], "1 => 2"),
        ("exp", [Z(F(0), F(0))], "1.0 + 0.0im"), ("sqrt", [Z(F(-4), F(0))], "0.0 + 2.0im"),
    ]

    @Test(arguments: cases.indices)
    func arithmetic(_ i: Int) {
        let (name, args, expected) = Self.cases[i]
        #expect(ScalarHarness().eval(name, args) == expected, "\(name)\(args)")
    }

    static let comparisons: [(String, [Value], String)] = [
        ("==", [I(1), F(1)], "true"), ("==", [F(.nan), F(.nan)], "false"), ("==", [F(0), F(-0.0)], "true"),
        ("isequal", [F(.nan), F(.nan)], "true"), ("isequal", [F(0), F(-0.0)], "false"),
        ("==", [I(9007199254740993), F(9007199254740992)], "false"), ("<", [I(9007199254740992), F(9007199254740993)], "false"),
        ("<", [I(1), F(1.5)], "true"), ("<", [F(.nan), I(1)], "false"), ("<=", [I(2), I(2)], "true"), (">", [I(3), F(2)], "true"),
        (">=", [Q(1, 2), F(0.5)], "true"), ("≤", [I(1), I(2)], "true"), ("≠", [I(1), I(2)], "true"), ("!=", [S("a"), S("a")], "false"),
        ("==", [Q(1, 2), F(0.5)], "true"), ("==", [Z(I(1), I(0)), I(1)], "true"), ("==", [Z(I(1), I(2)), Z(F(1), F(2))], "true"),
        ("isless", [F(.nan), F(1)], "false"), ("isless", [F(1), F(.nan)], "true"), ("isless", [F(-0.0), F(0)], "true"),
        ("<", [S("abc"), S("abd")], "true"), ("<", [.char("a"), .char("b")], "true"), ("==", [Sym("a"), Sym("a")], "true"),
        ("==", [.tuple([I(1), F(2)]), .tuple([F(1), I(2)])], "true"), ("==", [.nothing, .nothing], "true"),
        ("<", [.tuple([I(1), I(2)]), .tuple([I(1), I(3)])], "true"),
        ("≈", [F(0.1 + 0.2), F(0.3)], "true"), ("≈", [F(1), F(1.1)], "false"), ("isapprox", [F(1), F(1.05)], "false"),
        ("!", [.bool(true)], "false"), ("&", [.bool(true), .bool(false)], "false"), ("|", [I(5), I(2)], "7"),
        ("xor", [.bool(true), .bool(true)], "false"), ("cmp", [I(1), F(2)], "-1"), ("cmp", [S("b"), S("a")], "1"),
        ("cmp", [I(2), I(2)], "0"),
    ]

    @Test(arguments: comparisons.indices)
    func comparison(_ i: Int) {
        let (name, args, expected) = Self.comparisons[i]
        #expect(ScalarHarness().eval(name, args) == expected, "\(name)\(args)")
    }

    @Test func approxKeywords() {
        #expect(ScalarHarness().eval("isapprox", [F(1), F(1.05)], [("atol", F(0.1))]) == "true")
        #expect(ScalarHarness().eval("isapprox", [F(1), F(1.05)], [("rtol", F(0.1))]) == "true")
    }
}

struct ScalarStructEqualityTests {
    let point = StructType(name: "P", isMutable: false, fieldNames: [Symbol.named("x"), Symbol.named("y")],
                           fieldTypes: [.any, .any], supertype: .any)
    let cell = StructType(name: "Cell", isMutable: true, fieldNames: [Symbol.named("v")], fieldTypes: [.any], supertype: .any)

    func p(_ x: Int, _ y: Int) -> Value { .structValue(StructValue(type: point, fields: [I(x), I(y)])) }

    @Test func defaultsAreIdentity() {
        let h = ScalarHarness()
        #expect(h.eval("==", [p(1, 2), p(1, 2)]) == "true")
        #expect(h.eval("==", [p(1, 2), p(1, 3)]) == "false")
        let c1 = Value.structValue(StructValue(type: cell, fields: [I(1)]))
        let c2 = Value.structValue(StructValue(type: cell, fields: [I(1)]))
        #expect(h.eval("==", [c1, c2]) == "false")
        #expect(h.eval("==", [c1, c1]) == "true")
    }

    @Test func isequalUsesUserEquality() {
        let h = ScalarHarness()
        h.globals.defineBuiltin("==", [.structType(StructTypeRef(point)), .structType(StructTypeRef(point))]) { _, a, _ in
            guard case .structValue(let x) = a[0], case .structValue(let y) = a[1] else { return .bool(false) }
            return .bool(UserEquality.sameFirst(x, y))
        }
        #expect(h.eval("isequal", [p(1, 2), p(1, 3)]) == "true")
        #expect(h.eval("==", [.tuple([p(1, 2)]), .tuple([p(1, 9)])]) == "true")
        #expect(h.eval("!=", [p(1, 2), p(2, 2)]) == "true")
    }
}

private enum UserEquality {
    static func sameFirst(_ x: StructValue, _ y: StructValue) -> Bool {
        guard case .int(let a)? = x.fields.first, case .int(let b)? = y.fields.first else { return false }
        return a == b
    }
}
