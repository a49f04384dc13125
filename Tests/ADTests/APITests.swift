import SourceMap
import Testing
import AD
@testable import Zy

/// gradcheck, withgradient, dropgrad, pullbacks called many times, and the
/// phase the observer sees.
@Suite struct APITests {
    @Test(arguments: [
        ("gradcheck(x -> sin(x) * exp(x), 0.7)", "true"),
        ("gradcheck((x, y) -> x^2 * y, 1.5, 2.0)", "true"),
        ("gradcheck(v -> sum(v .* v) + v[1] * v[2], [1.0, 2.0, 3.0])", "true"),
        ("bad(x) = 2x; @adjoint bad(x) = bad(x), ȳ -> (ȳ * 3,); gradcheck(bad, 1.0)", "false"),
        ("withgradient((x, y) -> x * y, 2.0, 5.0)", "(val = 10.0, grad = (5.0, 2.0))"),
        ("gradient(x -> dropgrad(x) * x, 3.0)", "(3.0,)"),
        ("begin; y, back = pullback(x -> x^3, 2.0); (back(1.0), back(2.0), back(1.0)); end", "((12.0,), (24.0,), (12.0,))"),
        ("gradient(x -> string(x), 1.0)", nil),
    ] as [(String, String?)])
    func api(_ source: String, _ expected: String?) {
        let run = ADRun(source)
        if let expected {
            #expect(run.repr == expected, "\(run.errorText ?? "")")
        } else {
            #expect(run.errorText?.contains("Output should be scalar") == true, "\(run.errorText ?? run.repr ?? "")")
        }
    }

    @Test func undifferentiableBuiltinNamesTheFunctionAndLine() {
        // parse(string(x)) depends on x: treating it as a constant would be
        // a silently wrong gradient, so it is an error naming the method.
        let run = ADRun("f(x) = x * parse(Float64, string(x))\ngradient(f, 2.0)")
        #expect(run.errorText?.contains("no derivative rule for parse(::Type{Float64}, ::String)") == true,
                "\(run.errorText ?? run.repr ?? "")")
        #expect(ADRun("f(x) = x * dropgrad(parse(Float64, string(x)))\ngradient(f, 2.0)").repr == "(2.0,)")
        let fails = ADRun("g(x) = floor(x)^2 + x * cumprod([x, 1.0])[2]\ngradient(g, 2.0)")
        #expect(fails.errorText?.contains("cumprod") == true, "\(fails.errorText ?? fails.repr ?? "")")
        #expect(fails.errorText?.contains("test.zy:1") == true, "\(fails.errorText ?? "")")
    }

    final class PhaseRecorder: ExecutionObserver {
        var phases: [String: Set<Phase>] = [:]
        func statementEntered(function: IRFunction, span: Span, phase: Phase, depth: Int) {}
        func functionEntered(function: IRFunction, arguments: [Value], phase: Phase, depth: Int) {
            phases[function.name, default: []].insert(phase)
        }
        func functionReturned(function: IRFunction, value: Value, phase: Phase, depth: Int) {}
        func errorRaised(_ error: ZyException, function: IRFunction, span: Span, depth: Int) {}
    }

    @Test func adjointCodeRunsInTheBackwardPhase() throws {
        let session = Session(output: { _ in }, input: { nil })
        ADRuntime.install(into: session)
        let recorder = PhaseRecorder()
        session.observer = recorder
        try session.run(file: SourceFile(name: "t.zy", text: "sq(x) = x * x\ngradient(sq, 3.0)"))
        #expect(recorder.phases["sq"] == [.forward])
        #expect(recorder.phases["∂sq"] == [.backward])
        #expect(session.interpreter.phase == .forward)
    }
}
