import Foundation
import SourceMap
import Testing
@testable import Zy

/// Parses the `.zy` files under `Corpus/` and lowers every statement: none
/// may produce a diagnostic, and every function produced must verify.
@Suite struct SourceCorpusTests {
    static var corpusDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    }

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path)) ?? []).filter { $0.hasSuffix(".zy") }.sorted()
    }

    @Test(arguments: SourceCorpusTests.files)
    func lowersAndVerifies(_ name: String) throws {
        let text = try String(contentsOf: Self.corpusDirectory.appendingPathComponent(name), encoding: .utf8)
        let parsed = Parser.parse(SourceFile(name: name, text: text))
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map { $0.span.shortDescription + " " + $0.message })")
        for statement in parsed.statements {
            let r = Lowerer.lowerTopLevel(statement, file: parsed.file)
            #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map { $0.span.shortDescription + " " + $0.message })")
            let problems = IRVerifier.verify(r.function)
            #expect(problems.isEmpty, "\(statement.span.shortDescription): \(problems)")
            try IRRoundTripTests().checkRoundTrip(r.function)
        }
    }
}

extension SourceCorpusTests {
    /// With ZY_DUMP=1, prints every listing (for reviewing lowering by eye).
    @Test func dump() throws {
        guard ProcessInfo.processInfo.environment["ZY_DUMP"] == "1" else { return }
        for name in Self.files {
            let text = try String(contentsOf: Self.corpusDirectory.appendingPathComponent(name), encoding: .utf8)
            let parsed = Parser.parse(SourceFile(name: name, text: text))
            for statement in parsed.statements {
                let r = Lowerer.lowerTopLevel(statement, file: parsed.file)
                print("#### " + statement.span.shortDescription)
                print(LoweringTest.listing(r.function))
            }
        }
    }
}

extension SourceCorpusTests {
    /// The talk's programs as the parser's tests hold them: every statement
    /// lowers to verified IR; the only errors are the macros of later issues.
    @Test(arguments: Array(SeedPrograms.all.indices))
    func seedProgramLowers(_ index: Int) {
        let parsed = Parser.parse(SourceFile(name: "seed.zy", text: SeedPrograms.all[index]))
        for statement in parsed.statements {
            let r = Lowerer.lowerTopLevel(statement, file: parsed.file)
            let unexpected = r.diagnostics.filter { !$0.message.hasSuffix("is not available yet") }
            #expect(unexpected.isEmpty, "\(unexpected.map { $0.span.shortDescription + " " + $0.message })")
            #expect(IRVerifier.verify(r.function).isEmpty)
        }
    }
}

extension SourceCorpusTests {
    /// Broken programs: whatever the parser recovers must lower without a
    /// crash to IR that verifies.
    @Test(arguments: [
        "function f(x\n  x +\nend",
        "for = 1:3\n  y\nend",
        "x = [1, 2\ny = 3",
        "if\nend\nwhile\nend",
        "a, = \n",
        "f(x) = (x ->",
        "try\ncatch e\n  e[end] +=\nfinally\nend",
        "struct\nend\nmutable struct S x end",
        "break; continue; return",
        "let x = \n x\nend",
        "@show\n@assert\n@time",
        "[x for x in]",
        "function (a, b) a end",
        "x.y.z = w[end][end] .+= 1",
    ])
    func brokenProgramsLowerSafely(_ source: String) {
        let parsed = Parser.parse(SourceFile(name: "broken.zy", text: source))
        for statement in parsed.statements {
            let r = Lowerer.lowerTopLevel(statement, file: parsed.file)
            #expect(IRVerifier.verify(r.function).isEmpty, "\(source)")
        }
    }
}
