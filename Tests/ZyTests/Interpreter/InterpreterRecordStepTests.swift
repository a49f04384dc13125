import Foundation
import Testing
import SourceMap
@testable import Zy

/// Record stacks (the AD's tape) and the superinstructions of the loops
/// that use them: `recordPush` then `mulInPlace` (record `r`, then
/// `r *= x`) and a reversed loop's cursor `decrement` then `recordBranch`
/// each run as one dispatch, and must mean exactly what the two
/// instructions mean: with Ints and Float64s, past the first block of
/// records, after a record that must be boxed, when operators are
/// redefined mid-run (deoptimisation), and with an observer attached.
@Suite struct InterpreterRecordStepTests {
    static let registered: Bool = {
        Interpreter.registerRecordPush("rs_push!")
        Interpreter.registerRecordRead("rs_get")
        return true
    }()

    /// `forward` records `r` before each `r *= x`; `backward` sums the
    /// records from the last to the first, weighting each by its position.
    static let source = """
    function forward(tape, x, n)
        r = one(x)
        while n > 0
            n -= 1
            rs_push!(tape, r)
            r *= x
        end
        r
    end
    function backward(tape)
        c = rs_length(tape)
        g = 0
        while c != 0
            r = rs_get(tape, c, 0)
            g += c * r
            c -= 1
        end
        g
    end

    """

    static func session(observer: ExecutionObserver? = nil, checkFinite: Bool = false) -> (Session, () -> String) {
        #expect(registered)
        var out = ""
        let session = Session(output: { out += $0 }, input: { nil })
        session.observer = observer
        session.checkFinite = checkFinite
        let g = session.globals
        g.defineBuiltin("rs_new", []) { _, _, _ in .array(RecordOps.makeStack(capacity: 4)) }
        g.defineBuiltin("rs_push!", [.any, .any]) { _, a, _ in
            guard case .array(let s) = a[0] else { throw InternalError("not a stack") }
            return .int(RecordOps.push(s, a[1]))
        }
        g.defineBuiltin("rs_get", [.any, .any, .any]) { _, a, _ in
            guard case .array(let s) = a[0], case .int(let i) = a[1], case .int(let k) = a[2],
                  let r = RecordOps.record(s, at: i - k - 1) else { throw InternalError("no record") }
            return r
        }
        g.defineBuiltin("rs_length", [.any]) { _, a, _ in
            guard case .array(let s) = a[0] else { throw InternalError("not a stack") }
            return .int(RecordOps.count(s))
        }
        return (session, { out })
    }

    static func run(_ expression: String, observer: ExecutionObserver? = nil, checkFinite: Bool = false) -> String {
        let (session, _) = Self.session(observer: observer, checkFinite: checkFinite)
        do {
            let v = try session.evaluate(file: SourceFile(name: "t.zy", text: source + expression))
            return v.map(Show.repr) ?? "nothing"
        } catch {
            return ErrorReporter.render(error, color: .plain, fullTrace: false)
        }
    }

    // Records 1, x, …, x^(n-1); backward gives Σ k·x^(k-1) for k = 1…n.
    @Test(arguments: [
        ("t = rs_new(); (forward(t, 2.0, 5), backward(t))", "(32.0, 129.0)"),
        ("t = rs_new(); (forward(t, 2, 5), backward(t))", "(32, 129)"),
        // Past the first block (4 records), and past Int32 at 2^31: boxed from there.
        ("t = rs_new(); (forward(t, 2, 40), backward(t), rs_length(t))", "(1099511627776, 42880953483265, 40)"),
        // A record that is not a number boxes the rest; the multiply runs on.
        ("t = rs_new(); rs_push!(t, \"s\"); (forward(t, 3.0, 3), rs_get(t, 4, 3), rs_get(t, 4, 0))", "(27.0, \"s\", 9.0)"),
        // Redefined operators: the fused forms give way to the generic ones.
        ("t = rs_new(); a = (forward(t, 2.0, 3), backward(t)); Base.:*(a::Float64, b::Float64) = a + b; "
            + "u = rs_new(); (a, forward(u, 2.0, 3), rs_get(u, 3, 1), rs_get(u, 3, 0))", "((8.0, 17.0), 7.0, 3.0, 5.0)"),
        ("t = rs_new(); a = (forward(t, 2, 3), backward(t)); Base.:-(a::Int, b::Int) = a + (-1) * b; "
            + "u = rs_new(); (a, forward(u, 2, 3), backward(u))", "((8, 17), 8, 17)"),
        ("t = rs_new(); a = (forward(t, 2, 3), backward(t)); Base.:!=(a::Int, b::Int) = !(a == b); "
            + "u = rs_new(); (a, forward(u, 2, 3), backward(u))", "((8, 17), 8, 17)"),
    ])
    func recordLoops(_ expression: String, _ expected: String) {
        #expect(Self.run(expression) == expected, "\(expression)")
        #expect(Self.run(expression, checkFinite: true) == expected, "--check-finite: \(expression)")
    }

    /// Under `--check-finite` the fused multiply still stops at the
    /// overflow, blaming `r *= x` on its line.
    @Test func checkedPairStopsAtTheOverflow() {
        let message = Self.run("t = rs_new(); forward(t, 1e200, 3)", checkFinite: true)
        #expect(message.contains("t.zy:6"), "\(message)")
        #expect(message.contains("Inf"), "\(message)")
        #expect(Self.run("t = rs_new(); forward(t, 1e200, 3)") == "Inf")
    }

    /// An observer sees every statement, so the pairs run one at a time.
    @Test func observedRunsAgree() {
        let counter = Counter()
        let expression = "t = rs_new(); (forward(t, 1.5, 6), backward(t))"
        #expect(Self.run(expression, observer: counter) == Self.run(expression))
        #expect(counter.statements > 6 * 4)
    }

    /// The superinstructions are there (their checked forms under `--check-finite`).
    @Test func fusedWhereThePairsAre() throws {
        let (session, _) = Self.session()
        _ = try session.evaluate(file: SourceFile(name: "t.zy", text: Self.source))
        func code(_ name: String, checks: Bool = false) throws -> [Op] {
            guard case .function(let fn)? = session.globals[name], case .ir(let ir) = fn.methods[0].body else {
                throw InternalError("no \(name)")
            }
            return Array(Compiler.compile(ir, globals: session.globals, checksFinite: checks).code)
        }
        let pushMul = try code("forward").filter { if case .recordPushMulInPlace = $0 { return true } else { return false } }
        let stepBranch = try code("backward").filter { if case .decrementRecordBranch = $0 { return true } else { return false } }
        #expect(pushMul.count == 1)
        #expect(stepBranch.count == 1)
        let checked = try code("forward", checks: true)
        #expect(!checked.contains { if case .recordPushMulInPlace = $0 { return true } else { return false } })
        #expect(checked.contains { if case .recordPushCheckedArith = $0 { return true } else { return false } })
        #expect(try code("backward", checks: true).contains { if case .decrementRecordBranch = $0 { return true } else { return false } })
    }

    final class Counter: ExecutionObserver {
        var statements = 0
        func statementEntered(function: IRFunction, span: Span, phase: Phase, depth: Int) { statements += 1 }
        func functionEntered(function: IRFunction, arguments: [Value], phase: Phase, depth: Int) {}
        func functionReturned(function: IRFunction, value: Value, phase: Phase, depth: Int) {}
        func errorRaised(_ error: ZyException, function: IRFunction, span: Span, depth: Int) {}
    }
}
