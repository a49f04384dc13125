import Foundation
import Testing
import SourceMap
@testable import Zy

/// `--check-finite` arithmetic (`checkedArith`, `checkedMulAdd`): the
/// result is tested before it is stored, so coalesced in-place updates and
/// fused multiply-adds still report the inputs the statement read, Ints are
/// computed as before, and no separate `checkFinite` follows them.
@Suite struct InterpreterCheckedArithmeticTests {
    /// Aliases with no Zy methods: a Zy method would answer for itself.
    static let registered: Bool = {
        Interpreter.registerFloatOperator("checked_mul", as: "*")
        && Interpreter.registerFloatOperator("checked_add", as: "+")
    }()

    static let source = """
    function pow(x, n)
        r = one(x)
        for i in 1:n
            r *= x
        end
        return r
    end
    function squares(n)
        t = 0
        for i in 1:n
            t += i * i
        end
        t
    end
    function total(x, n)
        s = 0.0
        for i in 1:n
            s += x
        end
        s
    end
    function g(acc, u, v)
        s = acc
        for i = 1:3
            t = checked_mul(u, v)
            s = checked_add(s, t)
        end
        s
    end

    """

    static func run(_ expression: String, check: Bool = true) -> (session: Session, value: String?, error: String?) {
        let session = Session(output: { _ in }, input: { nil })
        session.checkFinite = check
        do {
            let v = try session.evaluate(file: SourceFile(name: "t.zy", text: source + expression))
            return (session, v.map(Show.repr), nil)
        } catch let z as ZyException {
            return (session, nil, ErrorReporter.errorMessage(z.value))
        } catch {
            return (session, nil, "\(error)")
        }
    }

    static func code(_ session: Session, _ name: String) throws -> [Op] {
        guard case .function(let fn)? = session.globals[name], case .ir(let ir) = fn.methods[0].body else {
            throw InternalError("no \(name)")
        }
        return Array(Compiler.compile(ir, globals: session.globals, checksFinite: true).code)
    }

    @Test func inPlaceProductReportsTheInputsItRead() throws {
        let (session, value, error) = Self.run("pow(1.0e200, 3)")
        #expect(value == nil)
        // r == 1.0e200 after the first iteration; the second makes Inf.
        #expect(error?.hasPrefix("NonFiniteError: r *= x is Inf") == true, "\(error ?? "")")
        #expect(error?.contains("r == 1.0e200") == true && error?.contains("x == 1.0e200") == true, "\(error ?? "")")
        let ops = try Self.code(session, "pow")
        let inPlace = ops.contains {
            if case .checkedArith(.mul, let d, let l, _, _) = $0 { return d == l } else { return false }
        }
        #expect(inPlace, "r *= x is coalesced and checked in place")
        // No separate check after a checked form (`one(x)`, a call, keeps one).
        for (op, next) in zip(ops, ops.dropFirst()) {
            guard case .checkedArith = op else { continue }
            if case .checkFinite = next { Issue.record("checkFinite after \(op)") }
        }
    }

    @Test func finiteResultsAsWithoutTheCheck() {
        #expect(Self.run("pow(1.5, 5)").value == Self.run("pow(1.5, 5)", check: false).value)
        #expect(Self.run("pow(1.5, 5)").value == "7.59375")
        #expect(Self.run("(squares(10), pow(3, 4), 7 - 2 * 3)").value == "(385, 81, 1)")
        // Int overflow wraps as in Julia: no NaN, no report.
        #expect(Self.run("pow(2, 64)").value == "0")
    }

    @Test func intDivisionStillChecked() {
        let error = Self.run("a = 1; b = 0; a / b").error
        #expect(error?.hasPrefix("NonFiniteError: a / b is Inf") == true, "\(error ?? "")")
    }

    @Test func fusedProductAndSumEachReported() throws {
        #expect(Self.registered)
        let product = Self.run("g(0.0, 1.0e308, 10.0)").error
        #expect(product?.hasPrefix("NonFiniteError: checked_mul(u, v) is Inf") == true, "\(product ?? "")")
        #expect(product?.contains("u == 1.0e308") == true && product?.contains("v == 10.0") == true)
        let sum = Self.run("g(1.0e308, 1.0e308, 1.0)").error
        #expect(sum?.hasPrefix("NonFiniteError: checked_add(s, t) is Inf") == true, "\(sum ?? "")")
        #expect(sum?.contains("s == 1.0e308") == true && sum?.contains("t == 1.0e308") == true, "\(sum ?? "")")
        #expect(Self.run("g(0.5, 2.0, 0.25)").value == "2.0")
        let ops = try Self.code(Self.run("0").session, "g")
        #expect(ops.contains { if case .checkedMulAdd = $0 { return true } else { return false } })
    }

    @Test func redefinedOperatorsStillWin() {
        #expect(Self.registered)
        let times = "a = pow(2.0, 3); Base.:*(a::Float64, b::Float64) = 10.0; (a, pow(2.0, 3))"
        #expect(Self.run(times).value == Self.run(times, check: false).value)
        #expect(Self.run(times).value == "(8.0, 10.0)")
        let plus = "a = total(2.0, 3); Base.:+(a::Float64, b::Float64) = 1.0; (a, total(2.0, 3))"
        #expect(Self.run(plus).value == Self.run(plus, check: false).value)
        #expect(Self.run(plus).value == "(6.0, 1.0)")
    }
}
