import Foundation
import Testing
import SourceMap
@testable import AD
@testable import Zy

/// The tape's interpreter operations (unboxed storage widened on demand),
/// the register-friendly adjoint shapes, and the inlining of small callees:
/// exact values, pullbacks called again, and nesting through all of them.
@Suite struct TapeOpsTests {
    static let source = """
    h(x::Float64) = x * x
    h(x::Int) = x * x
    function mixed(x, n)
        r = 1
        for i = 1:n
            if iseven(i)
                r *= h(x)
            else
                r *= x
            end
        end
        r
    end
    sq(x) = x * x
    function loop2(x, n)
        r = 1.0
        for i = 1:n
            r *= sq(x)
        end
        r
    end
    sines(x) = (for i = 1:2; x = sin(x); end; x)
    D(f, x) = gradient(f, x)[1]
    """

    /// mixed(x, 3) = x⁴ (records: an Int, Float64s, pullbacks of `h`, edges);
    /// loop2(x, n) = x^(2n) through the inlined `sq`.
    @Test(arguments: [
        ("gradient(mixed, 1.5, 3)", "(13.5, nothing)"),
        ("gradient(mixed, 2, 3)", "(32, nothing)"),
        ("gradient(loop2, 1.5, 3)", "(45.5625, nothing)"),
        ("gradient(loop2, 1.5, 0)", "(nothing, nothing)"),
        ("begin; y, back = pullback(loop2, 1.5, 3); (back(1.0), back(2.0), back(1.0)); end",
         "((45.5625, nothing), (91.125, nothing), (45.5625, nothing))"),
        ("begin; y, back = pullback(mixed, 1.5, 3); (back(1.0), back(1.0)); end",
         "((13.5, nothing), (13.5, nothing))"),
        ("D(x -> D(y -> loop2(y, 2), x), 1.5)", "27.0"),
        ("D(x -> D(y -> D(z -> loop2(z, 2), y), x), 1.5)", "36.0"),
        ("D(x -> D(y -> mixed(y, 3), x), 1.5)", "27.0"),
    ])
    func exactValues(_ expression: String, _ expected: String) {
        let run = ADRun(TapeOpsTests.source + "\n" + expression)
        #expect(run.repr == expected, "\(expression): \(run.errorText ?? "")")
    }

    /// sines(x) = sin(sin(x)): the second derivative through an inlined loop.
    @Test func secondOrderThroughInlinedLoop() throws {
        let run = ADRun(TapeOpsTests.source + "\nD(x -> D(sines, x), 0.7)")
        let x = 0.7
        let expected = -sin(sin(x)) * cos(x) * cos(x) - cos(sin(x)) * sin(x)
        let g = try #require(run.number, "\(run.errorText ?? "")")
        #expect(abs(g - expected) < 1e-12)
    }

    /// A custom rule defined (or a method added) after a caller was
    /// transformed with the callee inlined: the next gradient sees it.
    @Test func inliningFollowsRedefinitions() {
        let run = ADRun(TapeOpsTests.source + """

        g1 = gradient(x -> loop2(x, 1), 1.5)
        @adjoint sq(x) = x * x, ȳ -> (7.0 * ȳ,)
        g2 = gradient(x -> loop2(x, 1), 1.5)
        (g1, g2)
        """)
        #expect(run.repr == "((3.0,), (7.0,))", "\(run.errorText ?? "")")
        let more = ADRun(TapeOpsTests.source + """

        g1 = gradient(x -> loop2(x, 2), 1.5)
        sq(x::Int) = 0
        (g1, gradient(x -> loop2(x, 2), 1.5), gradient(x -> loop2(x, 2), 2))
        """)
        #expect(more.repr == "((13.5,), (13.5,), (nothing,))", "\(more.errorText ?? "")")
    }

    /// A callee that can throw (`sqrt`) is not inlined: the stack trace
    /// of an error inside it still names it.
    @Test func throwingCalleeKeepsItsFrame() {
        let run = ADRun("""
        sr(x) = sqrt(x)
        function many(x)
            s = 0.0
            for i = 1:3
                s += sr(x)
            end
            s
        end
        gradient(many, -1.0)
        """)
        let text = run.errorText ?? ""
        #expect(text.contains("DomainError") && text.contains("sr at test.zy:1") && text.contains("many at test.zy:5"),
                "\(text)")
        #expect(ADRun("sr(x) = sqrt(x)\nfunction many(x)\n s = 0.0\n for i = 1:3\n s += sr(x)\n end\n s\nend\ngradient(many, 4.0)").repr
                == "(0.75,)")
    }

    private func transformed(_ name: String) throws -> Transformed {
        let session = Session(output: { _ in }, input: { nil })
        let ad = ADRuntime.install(into: session)
        _ = try session.evaluate(file: SourceFile(name: "t.zy", text: TapeOpsTests.source))
        guard case .function(let g)? = session.globals[name], case .ir(let ir)? = g.methods.first?.body else {
            throw InternalError("no method \(name)")
        }
        return try ad.transformer.transform(ir)
    }

    private func calls(_ ir: IRFunction) -> [String] {
        ir.blocks.flatMap { $0.statements }.compactMap {
            if case .call(.global(let n), _) = $0.instruction { return n } else { return nil }
        }
    }

    /// `sq` is inlined into what runs; the listing keeps the call.
    @Test func smallCalleesAreInlinedOutOfTheListing() throws {
        let t = try transformed("loop2")
        #expect(!calls(t.forward).contains(Helper.pullback))
        #expect(calls(t.primal).contains("sq"))
        #expect(t.adjoint.blocks.flatMap { $0.statements }.contains { s in
            if case .call(.variable, _) = s.instruction { return true } else { return false }
        })
        // `h` has two methods: its pullback is recorded.
        #expect(calls(try transformed("mixed").forward).contains(Helper.pullback))
    }

    /// The adjoint that runs: the reversed loop's test comes right before
    /// its body, which takes no arguments (it reads the test's) and ends
    /// with the new sensitivities computed last, next to the back edge.
    @Test func reversedLoopIsShapedForRegisters() throws {
        let t = try transformed("loop2")
        let lambdas = t.forward.blocks.flatMap { $0.statements }.compactMap { s -> IRFunction? in
            if case .closure(let fn, _) = s.instruction { return fn } else { return nil }
        }
        let adjoint = try #require(lambdas.first)
        let test = try #require(adjoint.blocks.firstIndex { b in
            b.branches.count == 2 && b.branches.allSatisfy { $0.arguments.isEmpty }
                && { if case .jumpUnless = b.branches[0].kind { return true } else { return false } }()
        })
        guard case .jump(let bodyID) = adjoint.blocks[test].branches[1].kind else {
            Issue.record("no jump to the body"); return
        }
        let body = adjoint.blocks[test + 1]
        #expect(body.id == bodyID && body.arguments.isEmpty)
        let back = try #require(body.branches.last)
        #expect(back.arguments.count == adjoint.blocks[test].arguments.count)
        let tail = body.statements.suffix(back.arguments.count).compactMap(\.result).map { Operand.variable($0) }
        #expect(Set(back.arguments.filter { tail.contains($0) }).count >= back.arguments.count - 1)
    }

    /// Unboxed records until the first that is not a Float64, then boxed;
    /// reads by position never consume.
    @Test func tapeWidensOnFirstBoxedRecord() throws {
        let tape = Tape.new()
        _ = try Tape.push(tape, .float(1.5))
        guard case .array(let a) = tape, RecordOps.isUnboxed(a) else { Issue.record("not unboxed"); return }
        _ = try Tape.push(tape, .int(2))
        #expect(RecordOps.isUnboxed(a))
        #expect(Show.repr(try Tape.push(tape, .string("r"))) == "3")
        let read = try (0..<3).map { Show.repr(try Tape.get(tape, .int(3), .int($0))) }
        #expect(read == ["\"r\"", "2", "1.5"])
        #expect(Show.repr(try Tape.get(tape, .int(3), .int(0))) == "\"r\"")
        #expect(Show.repr(try Tape.length(tape)) == "3")
        #expect(a.dims == [0] && !RecordOps.isUnboxed(a) && RecordOps.isStack(a))
        #expect(throws: (any Error).self) { try Tape.get(tape, .int(3), .int(3)) }
    }

    /// Ints in Int32 range stay unboxed (tagged NaNs); a wider Int, or a
    /// Float64 NaN carrying the tag's bits, widens the storage, and every
    /// record reads back exactly (Int stays Int, the NaN keeps its bits).
    @Test func intRecordsStayUnboxed() throws {
        func isUnboxed(_ t: Value) -> Bool {
            if case .array(let a) = t { return RecordOps.isUnboxed(a) }
            return false
        }
        let tape = Tape.new()
        for v: Value in [.int(1), .float(2.5), .int(-7), .int(Int(Int32.max)), .float(-0.0), .float(.nan)] {
            _ = try Tape.push(tape, v)
        }
        #expect(isUnboxed(tape))
        let read = try (0..<6).reversed().map { Show.repr(try Tape.get(tape, .int(6), .int($0))) }
        #expect(read == ["1", "2.5", "-7", "\(Int32.max)", "-0.0", "NaN"])
        let wide = Tape.new()
        _ = try Tape.push(wide, .int(1))
        _ = try Tape.push(wide, .int(Int(Int32.max) + 1))
        #expect(!isUnboxed(wide))
        #expect(try (0..<2).map { Show.repr(try Tape.get(wide, .int(2), .int($0))) } == ["2147483648", "1"])
        let tagged = Double(bitPattern: RecordOps.intTag << 32 | 5)
        let nan = Tape.new()
        _ = try Tape.push(nan, .int(3))
        _ = try Tape.push(nan, .float(tagged))
        #expect(!isUnboxed(nan))
        guard case .float(let d) = try Tape.get(nan, .int(2), .int(0)) else { Issue.record("not a Float64"); return }
        #expect(d.bitPattern == tagged.bitPattern)
        #expect(Show.repr(try Tape.get(nan, .int(2), .int(1))) == "3")
    }

    /// The same through the interpreter's inline push and read: a loop
    /// whose first record is an Int (`r = 1`), Int-only loops (the gradient
    /// stays an Int), and records past Int32 (boxed from there on).
    @Test(arguments: [
        ("function p(x, n); r = 1; while n > 0; n -= 1; r *= x; end; r; end; gradient(x -> p(x, 4), 1.5)",
         "(13.5,)"),
        ("function p(x, n); r = 1; while n > 0; n -= 1; r *= x; end; r; end; gradient(x -> p(x, 4), 2)",
         "(32,)"),
        ("function q(x, n); r = 1; for i = 1:n; r = r * x + i * 3_000_000_000; end; r; end; gradient(x -> q(x, 3), 2)",
         "(18000000012,)"),
        ("function p(x, n); r = 1; while n > 0; n -= 1; r *= x; end; r; end; " +
         "y, back = pullback(x -> p(x, 3), 2.0); (back(1.0), back(0.5))", "((12.0,), (6.0,))"),
        // 40 records: the unboxed buffer grows (16, 32, 64), and 2^31 is
        // the first record past Int32: boxed from there, after growing.
        ("function p(x, n); r = 1; while n > 0; n -= 1; r *= x; end; r; end; gradient(x -> p(x, 40), 2)",
         "(21990232555520,)"),
    ])
    func inlineRecordsOfInts(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(source): \(run.errorText ?? "")")
    }

    /// The reversed loop's test and its first tape read are one instruction
    /// (`recordBranch`); observed runs do the read as its own statement, and
    /// a user `!=` for Int (deoptimisation) takes the generic compare.
    @Test func reversedLoopTestReadsTheTape() throws {
        let pow = "function p(x, n); r = 1; while n > 0; n -= 1; r *= x; end; r; end\n"
        let plain = ADRun(pow + "y, back = pullback(x -> p(x, 4), 1.5); (back(1.0), back(2.0))")
        #expect(plain.repr == "((13.5,), (27.0,))", "\(plain.errorText ?? "")")
        let session = Session(output: { _ in }, input: { nil })
        ADRuntime.install(into: session)
        let recorder = StatementCounter()
        session.observer = recorder
        let observed = try session.evaluate(file: SourceFile(name: "t.zy", text: pow + "gradient(x -> p(x, 4), 1.5)"))
        #expect(observed.map(Show.repr) == "(13.5,)")
        #expect(recorder.count > 0)
        let deoptimised = ADRun(pow + """
            a = gradient(x -> p(x, 3), 2.0)
            Base.:!=(a::Int, b::Int) = !(a == b)
            (a, gradient(x -> p(x, 3), 2.0), gradient(x -> p(x, 5), 1.0))
            """)
        #expect(deoptimised.repr == "((12.0,), (12.0,), (5.0,))", "\(deoptimised.errorText ?? "")")
    }

    final class StatementCounter: ExecutionObserver {
        var count = 0
        func statementEntered(function: IRFunction, span: Span, phase: Phase, depth: Int) { count += 1 }
        func functionEntered(function: IRFunction, arguments: [Value], phase: Phase, depth: Int) {}
        func functionReturned(function: IRFunction, value: Value, phase: Phase, depth: Int) {}
        func errorRaised(_ error: ZyException, function: IRFunction, span: Span, depth: Int) {}
    }
}
