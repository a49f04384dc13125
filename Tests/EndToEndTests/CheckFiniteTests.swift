import Foundation
import Testing
import TestSupport

/// `zygote --check-finite`: the samples of `samples/finite/` stop at the
/// statement that made the first NaN or Inf (goldens `x.finite.out` and
/// `x.finite.err`, written by hand); every other sample runs unchanged.
/// (`SamplesTests` runs `samples/finite/` without the flag against `x.out`.)
@Suite("--check-finite through the zygote executable")
struct CheckFiniteTests {
    static let root = Executables.packageRoot

    static var finiteSamples: [Sample] {
        Sample.all.filter { $0.path.hasPrefix("samples/finite/") }
    }

    static var otherSamples: [Sample] {
        Sample.all.filter { !$0.path.hasPrefix("samples/finite/") }
    }

    @Test("the finite samples exist", .tags(.samples))
    func populated() {
        #expect(CheckFiniteTests.finiteSamples.count >= 8)
    }

    @Test("stops at the origin of the first NaN or Inf", .tags(.samples), arguments: CheckFiniteTests.finiteSamples)
    func finiteSample(_ sample: Sample) throws {
        let stem = String(sample.path.dropLast(".zy".count)) + ".finite"
        let result = try Executables.run("zygote", ["--check-finite", sample.path])
        expectGolden(result.stdout, stem + ".out")
        let expectedError = read(stem + ".err") ?? ""
        expectGolden(result.stderr, stem + ".err")
        #expect(result.status == (expectedError.isEmpty ? 0 : 1))
    }

    @Test("no false positives: other samples print the same", .tags(.samples),
          arguments: CheckFiniteTests.otherSamples)
    func unchanged(_ sample: Sample) throws {
        let input = read(sample.inputPath) ?? ""
        let result = try Executables.run("zygote", ["--check-finite", sample.path], input: input)
        expectGolden(result.stdout, sample.outputPath)
        if sample.isErrorSample {
            #expect(result.status == 1)
            expectGolden(result.stderr, sample.errorPath)
        } else {
            #expect(result.status == 0, "stderr:\n\(result.stderr)")
            #expect(result.stderr == "")
        }
    }

    @Test("without the flag nothing is checked", .tags(.cli))
    func flagOff() throws {
        let result = try Executables.run("zygote", ["-e", "x = 0.0; println(log(x)); gradient(sqrt, x)"])
        #expect(result.status == 0)
        #expect(result.stdout == "-Inf\n(Inf,)\n")
    }

    @Test("the flag also applies to -e, whose file is none", .tags(.cli))
    func evaluate() throws {
        let result = try Executables.run("zygote", ["--check-finite", "-e", "x = 0.0; log(x)"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(
            "none:1:10: error: NonFiniteError: log(x) is -Inf in the forward pass, with finite inputs x == 0.0\n"))
    }

    private func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: CheckFiniteTests.root.appendingPathComponent(relative).path)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// Goldens are written by hand: never recorded.
    private func expectGolden(_ actual: String, _ relative: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = CheckFiniteTests.root.appendingPathComponent(relative)
        if read(relative) == nil, actual.isEmpty { return }
        switch Golden.compare(actual, with: url, recordable: false) {
        case .matched, .recorded: break
        case .missing: Issue.record("missing \(relative); actual:\n\(actual)", sourceLocation: sourceLocation)
        case .mismatch(let d): Issue.record("\(relative) differs at \(d)\nfull output:\n\(actual)", sourceLocation: sourceLocation)
        }
    }
}
