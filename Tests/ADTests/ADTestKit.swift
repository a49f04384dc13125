import SourceMap
import AD
@testable import Zy

/// Runs Zy source in a fresh session with AD installed.
struct ADRun {
    var value: Value?
    var output: String
    var error: Error?

    var repr: String? { value.map(Show.repr) }
    var errorText: String? { error.map { ErrorReporter.render($0, color: .plain, fullTrace: false) } }

    init(_ source: String) {
        var out = ""
        let session = Session(output: { out += $0 }, input: { nil })
        ADRuntime.install(into: session)
        do {
            value = try session.evaluate(file: SourceFile(name: "test.zy", text: source))
        } catch {
            self.error = error
        }
        output = out
    }

    /// The value as a Double, for numeric checks.
    var number: Double? {
        switch value {
        case .float(let d)?: return d
        case .int(let i)?: return Double(i)
        default: return nil
        }
    }
}
