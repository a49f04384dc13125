import Foundation
import Testing
import TestSupport

/// The diagnostics catalogue: `samples/errors/{parse,lower,run,ad}_*.zy`,
/// one error each, whose `.err` goldens `SamplesTests` compares. This suite
/// checks the catalogue's shape, so a re-recorded golden cannot drift into
/// a diagnostic without a location, a snippet that is not the source line,
/// a caret off its column, or frames that do not lead back to the line.
@Suite("diagnostics catalogue")
struct DiagnosticsCatalogueTests {
    enum Phase: String, CaseIterable { case parse, lower, run, ad }

    struct Case: CustomTestStringConvertible {
        let name: String
        let phase: Phase
        var testDescription: String { name }
        var path: String { "samples/errors/\(name).zy" }
    }

    static var cases: [Case] {
        let dir = Executables.packageRoot.appendingPathComponent("samples/errors")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".zy") }.sorted().compactMap { file in
            let name = String(file.dropLast(3))
            guard let prefix = name.split(separator: "_").first, let phase = Phase(rawValue: String(prefix)) else { return nil }
            return Case(name: name, phase: phase)
        }
    }

    @Test("at least 25 cases, every phase covered")
    func coverage() {
        let cases = Self.cases
        #expect(cases.count >= 25, "\(cases.map(\.name))")
        for phase in Phase.allCases {
            #expect(cases.contains { $0.phase == phase }, "no \(phase) case")
        }
        #expect(cases.filter { $0.phase != .ad }.count >= 16)
        // Backward errors name the pullback frames they happened in.
        let backward = cases.filter { $0.phase == .ad }.compactMap { try? read($0.name + ".err") }
        #expect(backward.contains { $0.contains("◀ pullback of") })
    }

    @Test("location, snippet, caret and frames agree with the source", arguments: DiagnosticsCatalogueTests.cases)
    func shape(_ c: Case) throws {
        let source = try read(c.name + ".zy").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let err = try read(c.name + ".err").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let (line, column) = try #require(primaryLocation(err.first ?? "", c), "first line: \(err.first ?? "")")
        let sourceLine = try #require(line >= 1 && line <= source.count ? source[line - 1] : nil)
        // The snippet: the source line behind its gutter, then the caret.
        let gutter = String(repeating: " ", count: max(0, 4 - String(line).count)) + "\(line) | "
        let at = try #require(err.firstIndex { $0.hasPrefix(gutter) }, "no snippet of line \(line)")
        #expect(err[at] == gutter + sourceLine.replacingOccurrences(of: "\t", with: " "))
        let caretLine = at + 1 < err.count ? err[at + 1] : ""
        let blank = String(repeating: " ", count: max(4, String(line).count)) + " | "
        #expect(caretLine.hasPrefix(blank + String(repeating: " ", count: column - 1) + "^"), "caret: \(caretLine)")
        #expect(column <= sourceLine.unicodeScalars.count + 1)

        let text = err.joined(separator: "\n")
        for leak in ["internal error", ".swift", "Optional(", "Swift.", "Core.∂", "__ad_"] {
            #expect(!text.contains(leak), "implementation detail \(leak) in \(c.name).err")
        }
        let frames = err.filter { $0.hasPrefix(" [") }
        switch c.phase {
        case .parse, .lower:
            // Nothing ran: no frames, no output.
            #expect(!text.contains("Stacktrace:"))
            #expect(try read(c.name + ".out").isEmpty)
        case .run, .ad:
            // Under AD the header names the pass the error unwound through.
            let headers = c.phase == .run ? ["Stacktrace:"]
                : ["Stacktrace:", "Stacktrace (forward pass):", "Stacktrace (backward pass):"]
            #expect(headers.contains { text.contains("\n\($0)\n") }, "no stacktrace header")
            // The innermost frame shown is the line the diagnostic points at
            // (for a backward error, some frame: the report may lead with the
            // pullback's or the recording's frame).
            let atLine = " at \(c.path):\(line)"
            if c.phase == .run {
                #expect(frames.first?.hasSuffix(atLine) == true, "\(frames)")
            } else {
                #expect(frames.contains { $0.hasSuffix(atLine) }, "\(frames)")
            }
            // The outermost frame is the top-level statement that ran it, or
            // for AD the user's call of gradient/pullback/back on its line.
            let outermost = c.phase == .run ? "top-level scope at \(c.path):" : " at \(c.path):"
            #expect(frames.last?.contains(outermost) == true, "\(frames)")
        }
    }

    /// The depth reached depends on the build's frame sizes, so this case
    /// is checked with the repeat count left out instead of by a golden.
    @Test("stack overflow: one collapsed frame with its count")
    func stackOverflow() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zy-\(UUID().uuidString).zy")
        try "# recursion without a base case\ndown(n) = down(n - 1) + 1\nprintln(down(3))\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try Executables.run("zygote", [url.path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        try #require(lines.count == 6, "\(result.stderr)")
        #expect(lines[0] == "\(url.path):2:11: error: StackOverflowError:")
        #expect(lines[1] == "   2 | down(n) = down(n - 1) + 1")
        #expect(lines[2] == "     |           ^~~~~~~~~~~")
        #expect(lines[3] == "Stacktrace:")
        #expect(lines[4].hasPrefix(" [1] down (repeats ") && lines[4].hasSuffix(" times) at \(url.path):2"))
        #expect(lines[5] == " [2] top-level scope at \(url.path):3")
    }

    private func primaryLocation(_ first: String, _ c: Case) -> (Int, Int)? {
        let prefix = c.path + ":"
        guard first.hasPrefix(prefix) else { return nil }
        let parts = first.dropFirst(prefix.count).split(separator: ":", maxSplits: 2)
        guard parts.count == 3, let line = Int(parts[0]), let column = Int(parts[1]),
              parts[2].hasPrefix(" error: "), parts[2].count > " error: ".count else { return nil }
        return (line, column)
    }

    private func read(_ file: String) throws -> String {
        let url = Executables.packageRoot.appendingPathComponent("samples/errors/" + file)
        return try String(contentsOf: url, encoding: .utf8)
    }
}
