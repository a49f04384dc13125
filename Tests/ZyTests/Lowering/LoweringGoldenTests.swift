import Testing
@testable import Zy

@Suite struct LoweringGoldenTests {
    @Test(arguments: GoldenCorpus.cases.map { $0.name })
    func golden(_ name: String) throws {
        let entry = try #require(GoldenCorpus.cases.first { $0.name == name })
        LoweringTest.expectGolden(LoweringTest.checkedListing(entry.expr), name)
    }
}
