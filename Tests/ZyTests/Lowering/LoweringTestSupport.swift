import Foundation
import SourceMap
import Testing
@testable import Zy

/// Lowering helpers for tests: full listings (thunk plus nested bodies) and
/// golden-file comparison, re-recorded when `ZY_RECORD=1`.
enum LoweringTest {
    static func lower(_ e: Expr) -> LoweringResult { Lowerer.lowerTopLevel(e, file: nil) }

    /// The thunk and every nested body, each under a `## key` header.
    static func listing(_ fn: IRFunction) -> String { IRPrinter().printWithNested(fn) }

    /// The body of the first nested function named `name`, searched depth first.
    static func nested(_ fn: IRFunction, _ name: String) -> IRFunction? {
        for (_, f) in IRPrinter.nestedFunctions(of: fn) {
            if f.name == name { return f }
            if let g = nested(f, name) { return g }
        }
        return nil
    }

    static var goldenDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// Compares `actual` with `Golden/<name>.ir`; records it under ZY_RECORD=1.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = goldenDirectory.appendingPathComponent(name + ".ir")
        if ProcessInfo.processInfo.environment["ZY_RECORD"] == "1" {
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name).ir; run with ZY_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "golden \(name).ir differs", sourceLocation: sourceLocation)
    }

    /// Lowers, checks there are no diagnostics and the IR verifies, and
    /// returns the full listing.
    static func checkedListing(_ e: Expr, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let r = lower(e)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map { $0.message })", sourceLocation: sourceLocation)
        let problems = IRVerifier.verify(r.function)
        #expect(problems.isEmpty, "\(problems)", sourceLocation: sourceLocation)
        return listing(r.function)
    }
}

extension LoweringTest {
    /// Parses `text` (which must parse cleanly) and lowers each statement.
    static func lowerSource(_ text: String, name: String = "t.zy",
                            sourceLocation: SourceLocation = #_sourceLocation) -> [LoweringResult] {
        let parsed = Parser.parse(SourceFile(name: name, text: text))
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map { $0.message })", sourceLocation: sourceLocation)
        return Lowerer.lower(parsed)
    }

    /// Listings of every statement of `text`, statements annotated with
    /// their source lines.
    static func annotatedListing(_ text: String, name: String = "t.zy") -> String {
        lowerSource(text, name: name).map { annotatedListing($0.function) }.joined(separator: "\n")
    }

    static func annotatedListing(_ fn: IRFunction) -> String {
        IRPrinter(annotateSource: true).printWithNested(fn)
    }
}
