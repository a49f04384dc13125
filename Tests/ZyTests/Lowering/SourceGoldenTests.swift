import Foundation
import Testing
@testable import Zy

/// Golden listings (annotated with source lines) of the `.zy` programs in
/// `Golden/source/`; re-recorded with ZY_RECORD=1.
@Suite struct SourceGoldenTests {
    static var directory: URL { LoweringTest.goldenDirectory.appendingPathComponent("source") }

    static var programs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".zy") }.map { String($0.dropLast(3)) }.sorted()
    }

    @Test(arguments: SourceGoldenTests.programs)
    func golden(_ name: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(name + ".zy"), encoding: .utf8)
        let results = LoweringTest.lowerSource(text, name: name + ".zy")
        for r in results {
            #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map { $0.span.shortDescription + ": " + $0.message })")
            #expect(IRVerifier.verify(r.function).isEmpty)
        }
        let listing = results.map { LoweringTest.annotatedListing($0.function) }.joined(separator: "\n")
        LoweringTest.expectGolden(listing, "source/" + name)
    }
}
