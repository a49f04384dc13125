import Testing
@testable import Zy

func floatVector(_ xs: [Double]) -> Value {
    .array(ArrayValue(storage: .float(xs), elementType: .float64, dims: [xs.count]))
}

func valueArray(_ vs: [Value], _ type: ZyType, _ dims: [Int]) -> Value {
    .array(ArrayValue(storage: .values(vs), elementType: type, dims: dims))
}

func dict(_ pairs: [(Value, Value)], _ k: ZyType, _ v: ZyType) -> Value {
    let d = DictValue(keyType: k, valueType: v)
    d.keys = pairs.map(\.0)
    d.values = pairs.map(\.1)
    return .dict(d)
}

let rgbType = StructType(name: "RGB", isMutable: false, fieldNames: ["r", "g", "b"].map(Symbol.named),
                         fieldTypes: [.any, .any, .any], supertype: .any)

struct ShowReprTests {
    static let cases: [(Value, String)] = [
        (.string("s"), "\"s\""), (.string("a\"b\\c\n$"), "\"a\\\"b\\\\c\\n\\$\""),
        (.char("c"), "'c'"), (.string("\u{200B}x"), "\"\\u200bx\""), (.string("\u{200B}a"), "\"\\u200ba\""),
        (.string("\u{200B}"), "\"\\u200b\""), (.string("a\0b"), "\"a\\0b\""), (.string("\u{0}1"), "\"\\x001\""),
        (.char("\u{7F}"), "'\\x7f'"), (.string("é∇"), "\"é∇\""), (.char("\""), "'\"'"), (.char("\n"), "'\\n'"), (.char("'"), "'\\''"),
        (.symbol(.named("r")), ":r"), (.symbol(.named("+")), ":+"), (.symbol(.named("a b")), "Symbol(\"a b\")"),
        (.float(1.0), "1.0"), (.int(-3), "-3"), (.bool(true), "true"), (.nothing, "nothing"),
        (.tuple([.int(75)]), "(75,)"), (.tuple([]), "()"), (.tuple([.int(1), .string("a")]), "(1, \"a\")"),
        (.namedTuple(NamedTupleValue(names: ["r", "g", "b"].map(Symbol.named), values: [.float(2.0), .nothing, .nothing])),
         "(r = 2.0, g = nothing, b = nothing)"),
        (.namedTuple(NamedTupleValue(names: [Symbol.named("x")], values: [.int(1)])), "(x = 1,)"),
        (floatVector([1.0, 2.0]), "[1.0, 2.0]"), (floatVector([]), "Float64[]"),
        (valueArray([.int(1), .int(3), .int(2), .int(4)], .int64, [2, 2]), "[1 2; 3 4]"),
        (valueArray([.int(1), .int(2)], .int64, [2, 1]), "[1; 2;;]"),
        (valueArray([.int(1), .string("a")], .any, [2]), "Any[1, \"a\"]"),
        (valueArray([.bool(true), .bool(false)], .bool, [2]), "Bool[1, 0]"),
        (valueArray([floatVector([1.0]), floatVector([])], .array(element: .float64, dims: 1), [2]), "[[1.0], []]"),
        (.complex(.int(2), .int(4)), "2 + 4im"), (.complex(.float(2.0), .float(-1.5)), "2.0 - 1.5im"),
        (.complex(.float(0.0), .float(1.0)), "0.0 + 1.0im"), (.complex(.int(1), .int(-2)), "1 - 2im"),
        (.complex(.float(1.0), .float(.nan)), "1.0 + NaN*im"), (.complex(.float(1.0), .float(-.infinity)), "1.0 - Inf*im"),
        (.complex(.int(1), .int(Int.min)), "1 - 9223372036854775808im"), (.rational(3, 4), "3//4"), (.rational(-1, 2), "-1//2"),
        (dict([(.symbol(.named("n")), .int(0)), (.symbol(.named("r")), .int(0))], .symbol, .int64), "Dict(:n => 0, :r => 0)"),
        (dict([(.string("a"), .int(1))], .string, .any), "Dict{String, Any}(\"a\" => 1)"),
        (dict([], .symbol, .int64), "Dict{Symbol, Int64}()"),
        (.range(RangeValue(start: 1, step: 1, stop: 3, isUnit: true)), "1:3"),
        (.range(RangeValue(start: 1, step: 2, stop: 9, isUnit: false)), "1:2:9"),
        (.pair(.symbol(.named("a")), .int(1)), ":a => 1"),
        (.structValue(StructValue(type: rgbType, fields: [.float(1.0), .float(0.0), .float(0.0)])), "RGB(1.0, 0.0, 0.0)"),
        (.function(GenericFunction(name: "pow")), "pow"),
        (.type(.array(element: .float64, dims: 1)), "Vector{Float64}"), (.type(.complex(.float64)), "ComplexF64"),
        (valueArray([.complex(.float(1), .float(2))], .complex(.float64), [1]), "ComplexF64[1.0 + 2.0im]"),
        (valueArray([.complex(.int(1), .int(2))], .complex(.int64), [1]), "Complex{Int64}[1 + 2im]"),
        (Exceptions.error("bad").value, "ErrorException(\"bad\")"),
    ]

    @Test(arguments: cases.indices)
    func repr(_ i: Int) {
        #expect(Show.repr(Self.cases[i].0) == Self.cases[i].1)
    }

    @Test func stringForm() {
        #expect(Show.string(.string("s")) == "s")
        #expect(Show.string(.char("c")) == "c")
        #expect(Show.string(.symbol(.named("r"))) == "r")
        #expect(Show.string(.tuple([.string("a")])) == "(\"a\",)")
        #expect(Show.string(.float(0.5)) == "0.5")
    }
}

struct ShowDisplayTests {
    @Test func functions() {
        let f = GenericFunction(name: "pow")
        f.methods.append(Method(signature: [.any, .any], isVarargs: false, body: .builtin { _, _, _ in .nothing }))
        #expect(Show.display(.function(f)) == "pow (generic function with 1 method)")
        f.methods.append(f.methods[0])
        #expect(Show.display(.function(f)) == "pow (generic function with 2 methods)")
    }

    @Test func arrays() {
        #expect(Show.display(floatVector([1.0, 2.0, 3.0])) == "3-element Vector{Float64}:\n 1.0\n 2.0\n 3.0")
        #expect(Show.display(floatVector([1.0, 10.5, -2.25])) == "3-element Vector{Float64}:\n  1.0\n 10.5\n -2.25")
        #expect(Show.display(floatVector([])) == "Float64[]")
        #expect(Show.display(valueArray([.int(1), .int(3), .int(2), .int(4)], .int64, [2, 2]))
                == "2×2 Matrix{Int64}:\n 1  2\n 3  4")
        #expect(Show.display(valueArray([.int(1), .int(300), .int(20), .int(4)], .int64, [2, 2]))
                == "2×2 Matrix{Int64}:\n   1  20\n 300   4")
        #expect(Show.display(.array(ArrayValue(storage: .float([1.0 / 3.0, 2.0]), elementType: .float64, dims: [1, 2])))
                == "1×2 Matrix{Float64}:\n 0.333333  2.0")
        #expect(Show.display(valueArray([.string("a"), .string("bbb")], .string, [2]))
                == "2-element Vector{String}:\n \"a\"\n \"bbb\"")
        #expect(Show.display(valueArray([.bool(true), .bool(false)], .bool, [2])) == "2-element Vector{Bool}:\n 1\n 0")
        #expect(Show.display(.array(ArrayValue(storage: .float([]), elementType: .float64, dims: [0, 0])))
                == "0×0 Matrix{Float64}")
    }

    @Test func dicts() {
        let d = dict([(.symbol(.named("n")), .int(0)), (.symbol(.named("r")), .int(0))], .symbol, .int64)
        #expect(Show.display(d) == "Dict{Symbol, Int64} with 2 entries:\n  :n => 0\n  :r => 0")
        let e = dict([(.symbol(.named("a")), .int(1)), (.symbol(.named("bbb")), .int(2))], .symbol, .int64)
        #expect(Show.display(e) == "Dict{Symbol, Int64} with 2 entries:\n  :a   => 1\n  :bbb => 2")
        let one = dict([(.string("k"), .float(1.0))], .string, .float64)
        #expect(Show.display(one) == "Dict{String, Float64} with 1 entry:\n  \"k\" => 1.0")
    }

    @Test func scalarsAndTuples() {
        #expect(Show.display(.tuple([.int(75)])) == "(75,)")
        #expect(Show.display(.range(RangeValue(start: 1, step: 1, stop: 3, isUnit: true))) == "1:3")
        #expect(Show.display(.complex(.int(1), .int(2))) == "1 + 2im")
        #expect(Show.display(.char("c")) == "'c': ASCII/Unicode U+0063 (category Ll: Letter, lowercase)")
        #expect(Show.display(.char("λ")) == "'λ': Unicode U+03BB (category Ll: Letter, lowercase)")
        #expect(Show.display(.char("∀")) == "'∀': Unicode U+2200 (category Sm: Symbol, math)")
    }
}

struct ErrorMessageTests {
    static let cases: [(ZyException, String)] = [
        (Exceptions.undefVarError("x"), "UndefVarError: `x` not defined"),
        (Exceptions.methodError(.function(GenericFunction(name: "f")), [.string("a")]), "MethodError: no method matching f(::String)"),
        (Exceptions.methodError(.function(GenericFunction(name: "g")), [.int(1), .float(2.0)]),
         "MethodError: no method matching g(::Int64, ::Float64)"),
        (Exceptions.boundsError(floatVector([1, 2, 3]), [.int(4)]), "BoundsError: attempt to access 3-element Vector{Float64} at index [4]"),
        (Exceptions.boundsError(.tuple([.int(1), .int(2)]), [.int(3)]), "BoundsError: attempt to access Tuple{Int64, Int64} at index [3]"),
        (Exceptions.divideError(), "DivideError: integer division error"),
        (Exceptions.domainError(.float(-1.0), "sqrt was called with a negative real argument but will only return a complex result if called with a complex argument. Try sqrt(Complex(x))."),
         "DomainError with -1.0:\nsqrt was called with a negative real argument but will only return a complex result if called with a complex argument. Try sqrt(Complex(x))."),
        (Exceptions.argumentError("invalid rational: zero(Int64)//zero(Int64)"), "ArgumentError: invalid rational: zero(Int64)//zero(Int64)"),
        (Exceptions.keyError(.symbol(.named("x"))), "KeyError: key :x not found"),
        (Exceptions.error("bad"), "bad"),
        (Exceptions.stackOverflow(), "StackOverflowError:"),
        (Exceptions.inexactError("Int64", .int64, .float(2.5)), "InexactError: Int64(2.5)"),
        (Exceptions.inexactError("trunc", .int64, .float(1e20)), "InexactError: trunc(Int64, 1.0e20)"),
        (Exceptions.assertionError("x > 0"), "AssertionError: x > 0"),
        (Exceptions.typeError("typeassert", expected: .float64, got: .int(1)), "TypeError: in typeassert, expected Float64, got a value of type Int64"),
        (Exceptions.typeError("if", expected: .bool, got: .int(1)), "TypeError: non-boolean (Int64) used in boolean context"),
        (Exceptions.overflowError("overflow"), "OverflowError: overflow"),
        (Exceptions.dimensionMismatch("bad dims"), "DimensionMismatch: bad dims"),
        (Exceptions.undefKeywordError("scale"), "UndefKeywordError: keyword argument `scale` not assigned"),
        (ZyException(.structValue(StructValue(type: rgbType, fields: [.int(1), .int(2), .int(3)]))), "RGB(1, 2, 3)"),
    ]

    @Test(arguments: cases.indices)
    func message(_ i: Int) {
        #expect(Show.errorMessage(Self.cases[i].0.value) == Self.cases[i].1)
    }
}

struct ErrorMessageExtraTests {
    @Test func notCallable() {
        #expect(Show.errorMessage(Exceptions.methodError(.int(1), [.int(2)]).value)
                == "MethodError: objects of type Int64 are not callable")
    }

    @Test func methodErrorTypeArguments() {
        let parse = Value.function(GenericFunction(name: "parse"))
        #expect(Show.errorMessage(Exceptions.methodError(parse, [.type(.int64), .int(1)]).value)
                == "MethodError: no method matching parse(::Type{Int64}, ::Int64)")
        let convert = Value.function(GenericFunction(name: "convert"))
        #expect(Show.errorMessage(Exceptions.methodError(convert, [.type(.string), .symbol(.named("a"))]).value)
                == "MethodError: Cannot `convert` an object of type Symbol to an object of type String")
    }

    @Test func boundsOnRangeAndMatrix() {
        let r = Value.range(RangeValue(start: 1, step: 1, stop: 3, isUnit: true))
        #expect(Show.errorMessage(Exceptions.boundsError(r, [.int(4)]).value)
                == "BoundsError: attempt to access 3-element UnitRange{Int64} at index [4]")
        let m = valueArray([.int(1), .int(2), .int(3), .int(4)], .int64, [2, 2])
        #expect(Show.errorMessage(Exceptions.boundsError(m, [.int(3), .int(1)]).value)
                == "BoundsError: attempt to access 2×2 Matrix{Int64} at index [3, 1]")
    }

    @Test func domainErrorWithoutMessage() {
        let e = Value.structValue(StructValue(type: Exceptions.domainErrorType, fields: [.float(-1), .nothing]))
        #expect(Show.errorMessage(e) == "DomainError with -1.0")
    }
}

/// The REPL's limited display on Julia's default 24×80 screen.
struct LimitedDisplayTests {
    func intVector(_ n: Int) -> Value { valueArray((1...n).map { .int($0) }, .int64, [n]) }

    @Test func longVectorKeepsTwentyRows() {
        let pad = { (i: Int) in String(repeating: " ", count: 3 - String(i).count) + String(i) }
        let lines = (1...10).map { " " + pad($0) } + ["   ⋮"] + (91...100).map { " " + pad($0) }
        #expect(Show.display(intVector(100)) == "100-element Vector{Int64}:\n" + lines.joined(separator: "\n"))
        #expect(Show.display(intVector(20)).split(separator: "\n").count == 21)
        #expect(Show.display(intVector(100), limit: false).split(separator: "\n").count == 101)
    }

    @Test func wideMatrixElidesMiddleColumns() {
        let m = valueArray(Array(repeating: .int(1), count: 90), .int64, [3, 30])
        let left = Array(repeating: "1", count: 13).joined(separator: "  ")
        let right = Array(repeating: "1", count: 12).joined(separator: "  ")
        let expected = "3×30 Matrix{Int64}:\n"
            + " " + left + "  …  " + right + "\n"
            + " " + left + "     " + right + "\n"
            + " " + left + "     " + right
        #expect(Show.display(m) == expected)
    }

    @Test func bigDictElidesEntries() {
        let pairs = (1...30).map { (Value.int($0), Value.int($0 * 2)) }
        let text = Show.display(dict(pairs, .int64, .int64))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 21)
        #expect(lines.first == "Dict{Int64, Int64} with 30 entries:")
        #expect(lines[1] == "  1  => 2")
        #expect(lines.last == "  ⋮  => ⋮")
    }

    @Test func longValuesAreTruncated() {
        let long = String(repeating: "x", count: 100)
        let text = Show.display(dict([(.symbol(.named("k")), .string(long))], .symbol, .string))
        let line = text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(line.hasSuffix("…"))
        #expect(line.count == 2 + 2 + 4 + 72)
    }
}

/// Odd shapes print something sensible instead of trapping.
struct ShowShapeTests {
    @Test func emptyAndDegenerateShapes() {
        let shapes: [[Int]] = [[0, 3], [3, 0], [2, 0, 2], [1, 1], [1], [0], [2, 2, 1], [-1, -1], [3]]
        for dims in shapes {
            let n = dims.reduce(1, *)
            let a = ArrayValue(storage: .float(Array(repeating: 1.5, count: max(n, 0))), elementType: .float64, dims: dims)
            _ = Show.repr(.array(a))
            _ = Show.display(.array(a))
            _ = Show.display(.array(a), limit: false)
        }
        let mismatched = ArrayValue(storage: .values([.int(1)]), elementType: .int64, dims: [2, 2])
        #expect(Show.display(.array(mismatched)) == "2×2 Matrix{Int64}")
        let e = ArrayValue(storage: .float([]), elementType: .float64, dims: [0, 3])
        #expect(Show.repr(.array(e)) == "Matrix{Float64}(undef, 0, 3)")
        #expect(Show.display(.array(e)) == "0×3 Matrix{Float64}")
        let one = ArrayValue(storage: .float([1.5]), elementType: .float64, dims: [1, 1])
        #expect(Show.repr(.array(one)) == "[1.5;;]")
        let cube = ArrayValue(storage: .values((1...8).map { .int($0) }), elementType: .int64, dims: [2, 2, 2])
        #expect(Show.repr(.array(cube)) == "[1 3; 2 4;;; 5 7; 6 8]")
        #expect(Show.display(.array(cube)) == "2×2×2 Array{Int64, 3}:\n[:, :, 1] =\n 1  3\n 2  4\n\n[:, :, 2] =\n 5  7\n 6  8")
    }

    @Test func tinyScreens() {
        let a = ArrayValue(storage: .float((1...50).map(Double.init)), elementType: .float64, dims: [5, 10])
        let v = ArrayValue(storage: .float((1...50).map(Double.init)), elementType: .float64, dims: [50])
        let d = DictValue(keyType: .int64, valueType: .int64)
        d.keys = (1...30).map { .int($0) }
        d.values = d.keys
        for screen in [(1, 1), (0, 0), (-5, -5), (6, 20), (30, 200)] {
            for value in [Value.array(a), .array(v), .dict(d)] {
                #expect(!Show.display(value, screen: screen, custom: nil).isEmpty)
            }
        }
    }
}
