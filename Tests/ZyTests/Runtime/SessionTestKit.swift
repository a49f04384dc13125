import SourceMap
@testable import Zy

/// Runs Zy source through a fresh `Session` and reports value, output, error.
struct SessionRun {
    var value: Value?
    var output: String
    var error: Error?

    var repr: String? { value.map(Show.repr) }
    var errorText: String? { error.map { ErrorReporter.render($0, color: .plain, fullTrace: false) } }
    var zyException: ZyException? { error as? ZyException }

    init(_ source: String, stepLimit: Int? = nil, observer: ExecutionObserver? = nil) {
        var out = ""
        let session = Session(output: { out += $0 }, input: { nil })
        session.stepLimit = stepLimit
        session.observer = observer
        do {
            value = try session.evaluate(file: SourceFile(name: "test.zy", text: source))
        } catch {
            self.error = error
        }
        output = out
    }
}
