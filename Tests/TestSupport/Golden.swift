import Foundation

/// Golden-file comparison: `actual` must equal the file's text exactly.
/// With `ZY_RECORD=1` in the environment, recordable goldens are rewritten
/// from `actual` instead (review the diff before committing).
public enum Golden {
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment["ZY_RECORD"] == "1"
    }

    public enum Outcome: Equatable {
        case matched
        case recorded
        /// A description of the first difference, for the test failure.
        case mismatch(String)
        case missing
    }

    /// Compares `actual` with the file at `url`. `recordable: false` is for
    /// goldens that are references from outside (Julia's own output), which
    /// recording must never overwrite.
    public static func compare(_ actual: String, with url: URL, recordable: Bool = true) -> Outcome {
        if recordable && isRecording {
            do {
                try actual.write(to: url, atomically: true, encoding: .utf8)
                return .recorded
            } catch {
                return .mismatch("could not record \(url.path): \(error)")
            }
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return .missing }
        let expected = String(decoding: data, as: UTF8.self)
        if expected == actual { return .matched }
        return .mismatch(firstDifference(expected: expected, actual: actual))
    }

    /// The first differing line, numbered from 1, with both versions.
    public static func firstDifference(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : "<end of text>"
            let al = i < a.count ? String(a[i]) : "<end of text>"
            if el != al {
                return "line \(i + 1):\n  expected: \(el.debugDescription)\n  actual:   \(al.debugDescription)"
            }
        }
        return "texts differ only in line endings"
    }
}
