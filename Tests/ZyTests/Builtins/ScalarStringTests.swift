import Testing
@testable import Zy

struct ScalarStringTests {
    static let cases: [(String, [Value], String)] = [
        ("string", [S("a"), I(1), F(2.5), Sym("s"), .char("c")], "\"a12.5sc\""), ("string", [], "\"\""),
        ("string", [.tuple([S("x")])], "\"(\\\"x\\\",)\""), ("repr", [S("a")], "\"\\\"a\\\"\""),
        ("*", [S("ab"), S("cd")], "\"abcd\""), ("*", [S("a"), .char("b")], "\"ab\""), ("*", [S("a"), S("b"), S("c")], "\"abc\""),
        ("^", [S("ab"), I(3)], "\"ababab\""), ("length", [S("αβc")], "3"), ("ncodeunits", [S("αβc")], "5"),
        ("uppercase", [S("abc")], "\"ABC\""), ("lowercase", [S("AbC")], "\"abc\""),
        ("join", [.tuple([I(1), I(2), I(3)]), S(", ")], "\"1, 2, 3\""), ("join", [.tuple([S("a"), S("b")])], "\"ab\""),
        ("join", [.tuple([I(1), I(2), I(3)]), S(", "), S(" and ")], "\"1, 2 and 3\""),
        ("split", [S(" a b  c ")], "[\"a\", \"b\", \"c\"]"), ("split", [S("a,b,,c"), S(",")], "[\"a\", \"b\", \"\", \"c\"]"),
        ("strip", [S("  hi \n")], "\"hi\""), ("lstrip", [S("  hi ")], "\"hi \""), ("rstrip", [S("  hi ")], "\"  hi\""),
        ("replace", [S("hello"), .pair(S("l"), S("L"))], "\"heLLo\""), ("occursin", [S("ell"), S("hello")], "true"),
        ("occursin", [.char("z"), S("hello")], "false"), ("startswith", [S("hello"), S("he")], "true"),
        ("endswith", [S("hello"), S("lo")], "true"), ("isempty", [S("")], "true"),
        ("parse", [T(.int64), S("42")], "42"), ("parse", [T(.int64), S(" -7 ")], "-7"), ("parse", [T(.float64), S("2.5")], "2.5"),
        ("parse", [T(.int64), S("x1")], "ERROR: ArgumentError: invalid base 10 digit 'x' in \"x1\""),
        ("parse", [T(.int64), S("")], "ERROR: ArgumentError: input string is empty or only contains whitespace"),
        ("parse", [T(.int64), S("99999999999999999999")], "ERROR: OverflowError: overflow parsing \"99999999999999999999\""),
        ("parse", [T(.float64), S("abc")], "ERROR: ArgumentError: cannot parse \"abc\" as Float64"),
        ("tryparse", [T(.int64), S("abc")], "nothing"), ("parse", [T(.int64), S("0x1f")], "31"),
        ("parse", [T(.int64), S("-0b101")], "-5"), ("parse", [T(.int64), S("-")], "ERROR: ArgumentError: premature end of integer: \"-\""),
        ("getindex", [S("hello"), I(1)], "'h'"), ("getindex", [S("αb"), I(3)], "'b'"),
        ("getindex", [S("αb"), I(2)], "ERROR: StringIndexError: invalid index [2], valid nearby indices [1]=>'α', [3]=>'b'"),
        ("getindex", [S("abc"), I(4)], "ERROR: BoundsError: attempt to access 3-codeunit String at index [4]"),
        ("getindex", [S("hello"), .range(RangeValue(start: 2, step: 1, stop: 4, isUnit: true))], "\"ell\""),
        ("lastindex", [S("aβ")], "2"), ("first", [S("hello")], "'h'"), ("last", [S("hello")], "'o'"),
        ("first", [S("hello"), I(2)], "\"he\""), ("lpad", [I(7), I(3)], "\"  7\""), ("rpad", [S("a"), I(3), S("-")], "\"a--\""),
        ("lpad", [S("abc"), I(2)], "\"abc\""), ("reverse", [S("abc")], "\"cba\""),
        ("+", [.char("a"), I(1)], "'b'"), ("-", [.char("c"), .char("a")], "2"), ("isdigit", [.char("7")], "true"),
        ("iterate", [S("ab")], "('a', 2)"), ("iterate", [S("ab"), I(3)], "nothing"),
        ("error", [S("bad "), I(1)], "ERROR: bad 1"),
    ]

    @Test(arguments: cases.indices)
    func strings(_ i: Int) {
        let (name, args, expected) = Self.cases[i]
        #expect(ScalarHarness().eval(name, args) == expected, "\(name)\(args)")
    }
}

struct ScalarIOTests {
    @Test func printing() throws {
        let h = ScalarHarness()
        _ = try h.callGlobal("println", [S("x = "), F(1.5), S(" "), Sym("r")])
        _ = try h.callGlobal("print", [.tuple([S("a"), I(1)])])
        _ = try h.callGlobal("show", [S("q")])
        _ = try h.callGlobal("println", [])
        #expect(h.output == "x = 1.5 r\n(\"a\", 1)\"q\"\n")
    }

    @Test func showExprReturnsValue() throws {
        let h = ScalarHarness()
        let v = try h.callGlobal("Core.show_expr", [S("x"), .tuple([I(75)])])
        #expect(Show.repr(v) == "(75,)")
        #expect(h.output == "x = (75,)\n")
    }

    @Test func display() throws {
        let h = ScalarHarness()
        _ = try h.callGlobal("display", [.array(ArrayValue(storage: .float([1, 2]), elementType: .float64, dims: [2]))])
        #expect(h.output == "2-element Vector{Float64}:\n 1.0\n 2.0\n")
    }

    @Test func readline() throws {
        let h = ScalarHarness()
        h.input = ["hello"]
        #expect(Show.repr(try h.callGlobal("readline", [])) == "\"hello\"")
        #expect(Show.repr(try h.callGlobal("readline", [])) == "\"\"")
    }

    @Test func timing() throws {
        let h = ScalarHarness()
        let t0 = try h.callGlobal("Core.time_ns", [])
        _ = try h.callGlobal("Core.print_time", [t0])
        #expect(h.output.hasSuffix(" seconds\n"))
        #expect(h.output.hasPrefix("  0.0"))
        #expect(IOBuiltins.timeReport(nanoseconds: 123_000) == "  0.000123 seconds\n")
        #expect(IOBuiltins.timeReport(nanoseconds: 12_500_000_000) == " 12.500000 seconds\n")
    }
}

struct ScalarStreamTests {
    @Test func streams() throws {
        let h = ScalarHarness()
        let out = try #require(h.globals["stdout"])
        _ = try h.callGlobal("println", [out, S("a"), I(1)])
        _ = try h.callGlobal("print", [out, Sym("b")])
        #expect(h.output == "a1\nb")
        let show = try #require(h.globals["show"]), showerror = try #require(h.globals["showerror"])
        #expect(h.eval("sprint", [show, S("q")]) == "\"\\\"q\\\"\"")
        #expect(h.eval("sprint", [showerror, Exceptions.divideError().value]) == "\"DivideError: integer division error\"")
        let buffer = try h.callGlobal("IOBuffer", [])
        _ = try h.callGlobal("print", [buffer, F(1.5), S("x")])
        #expect(h.eval("take!", [buffer]) == "\"1.5x\"")
        #expect(h.eval("take!", [buffer]) == "\"\"")
    }
}

struct UserShowTests {
    let point = StructType(name: "P", isMutable: false, fieldNames: [Symbol.named("x")], fieldTypes: [.any], supertype: .any)

    func harnessWithShow() throws -> ScalarHarness {
        let h = ScalarHarness()
        let print = try #require(h.globals["print"])
        h.defineUserMethod("show", [.any, .structType(StructTypeRef(point))]) { ctx, a, _ in
            guard case .structValue(let p) = a[1] else { return .nothing }
            return try ctx.call(print, [a[0], .string("P<"), p.fields[0], .string(">")])
        }
        return h
    }

    @Test func printAndStringUseUserShow() throws {
        let h = try harnessWithShow()
        let p = Value.structValue(StructValue(type: point, fields: [I(3)]))
        _ = try h.callGlobal("println", [S("p = "), p])
        _ = try h.callGlobal("println", [.tuple([p, I(1)])])
        _ = try h.callGlobal("show", [valueArray([p], .structType(StructTypeRef(point)), [1])])
        #expect(h.output == "p = P<3>\n(P<3>, 1)\nP[P<3>]")
        #expect(h.eval("string", [p]) == "\"P<3>\"")
        #expect(h.eval("repr", [p]) == "\"P<3>\"")
    }

    @Test func otherStructsPrintAsBefore() throws {
        let h = try harnessWithShow()
        let q = Value.structValue(StructValue(type: rgbType, fields: [F(1), F(0), F(0)]))
        #expect(h.eval("string", [q]) == "\"RGB(1.0, 0.0, 0.0)\"")
    }
}

struct UserShowErrorTests {
    @Test func userShowerrorIsUsed() throws {
        let h = ScalarHarness()
        let myError = StructType(name: "MyErr", isMutable: false, fieldNames: [Symbol.named("msg")], fieldTypes: [.any],
                                 supertype: .exception)
        let e = Value.structValue(StructValue(type: myError, fields: [S("oops")]))
        #expect(UserShow.errorMessage(e, h.globals, h) == "MyErr(\"oops\")")
        let print = try #require(h.globals["print"])
        h.defineUserMethod("showerror", [.any, .structType(StructTypeRef(myError))]) { ctx, a, _ in
            guard case .structValue(let s) = a[1] else { return .nothing }
            return try ctx.call(print, [a[0], S("MyErr: "), s.fields[0]])
        }
        #expect(UserShow.errorMessage(e, h.globals, h) == "MyErr: oops")
        #expect(UserShow.errorMessage(Exceptions.divideError().value, h.globals, h) == "DivideError: integer division error")
    }
}
