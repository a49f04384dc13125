import Foundation
import Testing
@testable import Zy

/// The colours sample's CIEDE2000 gradient against central finite
/// differences, at several colour pairs (different hue branches).
@Suite struct RulesColorsTests {
    static let source: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../samples/ad/colors.zy").standardized
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        // the definitions only: drop the sample's printing tail
        return text.components(separatedBy: "\na, b = ").first ?? text
    }()

    static let pairs: [(String, String)] = [
        ("RGB(1.0, 0.0, 0.0)", "RGB(0.0, 1.0, 0.0)"),
        ("RGB(0.2, 0.5, 0.7)", "RGB(0.3, 0.4, 0.9)"),
        ("RGB(0.9, 0.8, 0.1)", "RGB(0.1, 0.2, 0.8)"),
        ("RGB(0.6, 0.3, 0.3)", "RGB(0.55, 0.35, 0.3)"),
    ]

    @Test func valueMatchesReference() {
        let run = ADRun(Self.source + "\ncolordiff(RGB(1.0, 0.0, 0.0), RGB(0.0, 1.0, 0.0))")
        // Float64 reference (Python with the same formulas); the seed's
        // 86.60823557376344 comes from N0f8 colours converted in Float32.
        #expect(abs((run.number ?? 0) - 86.6082374535373) < 1e-10, "\(run.errorText ?? run.repr ?? "")")
    }

    @Test func gradientMatchesFiniteDifferences() {
        for (a, b) in Self.pairs {
            let source = Self.source + """

            a, b = \(a), \(b)
            g = gradient(c -> colordiff(c, b), a)[1]
            h = 1e-6
            fd(f) = (colordiff(f(h), b) - colordiff(f(-h), b)) / (2h)
            (g.r, g.g, g.b,
             fd(e -> RGB(a.r + e, a.g, a.b)), fd(e -> RGB(a.r, a.g + e, a.b)), fd(e -> RGB(a.r, a.g, a.b + e)))
            """
            let run = ADRun(source)
            guard case .tuple(let xs)? = run.value, xs.count == 6 else {
                Issue.record("\(a), \(b): \(run.errorText ?? run.repr ?? "no value")")
                continue
            }
            let d = xs.compactMap { v -> Double? in if case .float(let f) = v { return f } else { return nil } }
            #expect(d.count == 6)
            guard d.count == 6 else { continue }
            for k in 0..<3 {
                #expect(abs(d[k] - d[k + 3]) <= 1e-5 * max(1, abs(d[k + 3])), "\(a) \(b) component \(k): \(d[k]) vs \(d[k + 3])")
            }
        }
    }

    @Test func fieldGradientShape() {
        let run = ADRun(Self.source + "\ngradient(c -> c.r^2, RGB(1.0, 0.0, 0.0))")
        #expect(run.repr == "((r = 2.0, g = nothing, b = nothing),)")
    }
}
