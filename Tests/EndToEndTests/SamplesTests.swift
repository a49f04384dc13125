import Foundation
import Testing
import TestSupport

/// One program of `samples/`: its source and the files beside it.
struct Sample: Sendable, CustomTestStringConvertible {
    /// Relative to the package root, as the program is run (so diagnostics
    /// name `samples/errors/x.zy`).
    let path: String

    var testDescription: String { path }
    /// Error samples must fail, and their stderr is a golden too.
    var isErrorSample: Bool { path.hasPrefix("samples/errors/") }

    private var stem: String { String(path.dropLast(".zy".count)) }
    var outputPath: String { stem + ".out" }
    var errorPath: String { stem + ".err" }
    var inputPath: String { stem + ".in" }

    /// Every `samples/**/*.zy`, sorted so runs are reproducible.
    static var all: [Sample] {
        let root = Executables.packageRoot
        let dir = root.appendingPathComponent("samples")
        guard let walker = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        var found: [Sample] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".zy") { found.append(Sample(path: "samples/" + relative)) }
        }
        return found.sorted { $0.path < $1.path }
    }
}

@Suite("samples/ through the zygote executable")
struct SamplesTests {
    static let root = Executables.packageRoot

    @Test("the suite is not empty", .tags(.samples))
    func suiteIsPopulated() {
        #expect(Sample.all.count >= 20)
        #expect(Sample.all.contains { $0.isErrorSample })
    }

    @Test("sample prints what Julia prints", .tags(.samples), arguments: Sample.all)
    func sample(_ sample: Sample) throws {
        let input = FileManager.default.contents(atPath: url(sample.inputPath).path)
            .map { String(decoding: $0, as: UTF8.self) } ?? ""
        let result = try Executables.run("zygote", [sample.path], input: input)

        // .out files are Julia's output, written by hand: never re-recorded.
        expectGolden(result.stdout, sample.outputPath, recordable: false)
        if sample.isErrorSample {
            #expect(result.status == 1, "an error sample must exit with status 1")
            expectGolden(result.stderr, sample.errorPath, recordable: true)
        } else {
            #expect(result.status == 0, "stderr:\n\(result.stderr)")
            #expect(result.stderr == "")
        }
    }

    private func url(_ relative: String) -> URL {
        SamplesTests.root.appendingPathComponent(relative)
    }

    private func expectGolden(_ actual: String, _ relative: String, recordable: Bool,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        switch Golden.compare(actual, with: url(relative), recordable: recordable) {
        case .matched, .recorded:
            break
        case .missing:
            Issue.record("missing \(relative)\(recordable ? " (record it with ZY_RECORD=1)" : ""); actual:\n\(actual)",
                         sourceLocation: sourceLocation)
        case .mismatch(let difference):
            Issue.record("\(relative) differs at \(difference)\nfull output:\n\(actual)",
                         sourceLocation: sourceLocation)
        }
    }
}

extension Tag {
    @Tag static var samples: Self
    @Tag static var cli: Self
}
