import Testing
import SourceMap
@testable import Zy
import TestSupport

/// Records what the interpreter reports to an observer.
final class TraceRecorder: ExecutionObserver {
    var lines: [String] = []
    var calls: [String] = []
    var errors: [String] = []

    func statementEntered(function: IRFunction, span: Span, phase: Phase, depth: Int) {
        lines.append("\(function.name):\(span.line ?? 0)")
    }
    func functionEntered(function: IRFunction, arguments: [Value], phase: Phase, depth: Int) {
        calls.append("enter \(function.name) \(depth)")
    }
    func functionReturned(function: IRFunction, value: Value, phase: Phase, depth: Int) {
        calls.append("return \(function.name) \(Show.repr(value))")
    }
    func errorRaised(_ error: ZyException, function: IRFunction, span: Span, depth: Int) {
        errors.append("\(function.name):\(span.line ?? 0)")
    }
}

@Suite struct ObserverTests {
    static let pow = SeedSource.pow

    static func session(_ recorder: TraceRecorder) throws -> Session {
        let session = Session(output: { _ in }, input: { nil })
        try session.run(file: SourceFile(name: "pow.zy", text: pow))
        session.observer = recorder
        return session
    }

    @Test func statementTraceOfPow() throws {
        let recorder = TraceRecorder()
        let session = try Self.session(recorder)
        let value = try session.evaluate(file: SourceFile(name: "call.zy", text: "pow(5, 3)"))
        #expect(value.map(Show.repr) == "125")
        #expect(recorder.lines == [
            "top-level scope:1",
            "pow:3", "pow:4", "pow:5", "pow:3", "pow:4", "pow:5", "pow:3", "pow:4", "pow:5", "pow:3",
            "pow:7",
            "top-level scope:1",
        ])
        #expect(recorder.calls == ["enter top-level scope 1", "enter pow 2", "return pow 125", "return top-level scope 125"])
    }

    @Test func errorsAreReportedPerFrame() throws {
        let recorder = TraceRecorder()
        let session = try Self.session(recorder)
        #expect(throws: ZyException.self) {
            try session.run(file: SourceFile(name: "bad.zy", text: "pow(\"a\", 1)"))
        }
        #expect(recorder.errors == ["pow:5", "top-level scope:1"])
    }

    @Test func detachedObserverSeesNothing() throws {
        let recorder = TraceRecorder()
        let session = try Self.session(recorder)
        session.observer = nil
        _ = try session.evaluate(file: SourceFile(name: "call.zy", text: "pow(2, 10)"))
        #expect(recorder.lines.isEmpty && recorder.calls.isEmpty)
    }
}
