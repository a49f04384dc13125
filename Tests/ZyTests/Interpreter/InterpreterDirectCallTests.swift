import Testing
import SourceMap
@testable import Zy

/// The direct call path (a global Zy method on scalar arguments, checked
/// by binding version, method-table generation and argument kinds) and
/// every way a call leaves it.
@Suite struct InterpreterDirectCallTests {
    static let cases: [(String, String)] = [
        ("fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2); (fib(20), fib(2.0))", "(6765, 1.0)"),
        // Argument kinds change at the same call site.
        ("""
         h(x) = x
         k(v) = h(v)
         (k(1), k(1.5), k(true), k(nothing), k("s"), k([1]), k(:a), k(1))
         """, "(1, 1.5, true, nothing, \"s\", [1], :a, 1)"),
        // A more specific method added after the site is armed.
        ("f(x) = x + 1; g(n) = f(n); a = g(1); f(x::Int) = x + 2; (a, g(1), g(1.0))", "(2, 3, 2.0)"),
        // A global holding a closure, reassigned.
        ("c = x -> 1; t(n) = c(n); a = t(0); c = x -> 2; (a, t(0))", "(1, 2)"),
        // Constants that hold references (strings) in the callee's registers.
        ("s(x) = string(\"a\", x); function r(n); z = \"\"; for i in 1:n; z = s(i); end; z; end; r(1000)", "\"a1000\""),
        // Several arguments of mixed kinds, and no arguments.
        ("m(a, b, c, d) = a + b + (c ? 1 : 0) + (d === nothing ? 10 : 0); q() = 5; (m(1, 2.5, true, nothing), m(1, 2, false, 0), q())",
         "(14.5, 3, 5)"),
        // Methods of other arities on the same function.
        ("p(x) = 1; p(x, y) = 2; w(a) = (p(a), p(a, a)); (w(1), w(1.0))", "((1, 2), (1, 2))"),
    ]

    @Test(arguments: 0..<cases.count)
    func calls(_ i: Int) {
        let (source, expected) = Self.cases[i]
        let run = SessionRun(source)
        #expect(run.error == nil, "\(source): \(run.errorText ?? "")")
        #expect(run.repr == expected, "\(source)")
    }

    @Test func errorsKeepEveryFrame() {
        let run = SessionRun("f(x) = x + \"a\"\ng(x) = f(x)\nh(x) = g(x) + 1\nh(1)")
        let text = run.errorText ?? ""
        #expect(text.contains("test.zy:1:8"), "\(text)")
        #expect(text.contains("[1] f at test.zy:1"), "\(text)")
        #expect(text.contains("[2] g at test.zy:2"), "\(text)")
        #expect(text.contains("[3] h at test.zy:3"), "\(text)")
    }

    @Test func deepRecursionIsAStackOverflow() {
        let run = SessionRun("d(n) = d(n + 1) + 1; d(1)")
        #expect(run.errorText?.contains("StackOverflowError") == true, "\(run.errorText ?? "")")
        // The register stack is whole again afterwards.
        let after = SessionRun("d(n) = n == 0 ? 0 : d(n - 1) + 1; (try; d(-1); catch; 0; end, d(10_000))")
        #expect(after.repr == "(0, 10000)", "\(after.errorText ?? "")")
    }

    @Test func callsCountSteps() {
        let run = SessionRun("fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2); fib(30)", stepLimit: 10_000)
        guard case .structValue(let s)? = run.zyException?.value else {
            Issue.record("expected StepLimitExceeded, got \(run.errorText ?? "no error")")
            return
        }
        #expect(s.type === Exceptions.stepLimitExceededType)
    }

    @Test func observerAttachedAfterWarmUpSeesEveryCall() throws {
        let session = Session(output: { _ in }, input: { nil })
        try session.run(file: SourceFile(name: "fib.zy", text: "fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)"))
        _ = try session.evaluate(file: SourceFile(name: "warm.zy", text: "fib(5)"))
        let recorder = TraceRecorder()
        session.observer = recorder
        _ = try session.evaluate(file: SourceFile(name: "call.zy", text: "fib(3)"))
        // fib(3) makes 5 calls of fib, plus the top-level thunk.
        #expect(recorder.calls.filter { $0.hasPrefix("enter fib") }.count == 5, "\(recorder.calls)")
    }

    @Test func registerStackFallsBackToTheHeapWhenFull() {
        var stack = RegisterStack()
        defer { stack.deallocate() }
        let a = stack.push(RegisterStack.capacity - 2)
        let b = stack.push(4)   // does not fit: its own block
        #expect(stack.top == RegisterStack.capacity - 2)
        b.initialize(repeating: .int(7), count: 4)
        b.deinitialize(count: 4)
        stack.pop(b, 4)
        #expect(stack.top == RegisterStack.capacity - 2)
        stack.pop(a, RegisterStack.capacity - 2)
        #expect(stack.top == 0)
    }
}
