import Foundation
import SourceMap
import Testing
@testable import Zy
import TestSupport

/// `debuginfo=:source` listings: layout, method headers, and the parser
/// reading annotated text back as the plain IR.
@Suite struct SourceListingTests {
    static let pow = SeedSource.pow

    @Test func powIsAnnotatedInAColumnWithTheSourceOncePerRun() throws {
        let r = try #require(LoweringTest.lowerSource(Self.pow, name: "loop.zy").first)
        let body = try #require(LoweringTest.nested(r.function, "pow"))
        // Derived by hand from the plain listing and the spans lowering gives
        // (the loop entry and back edge belong to `while n > 0`).
        let expected = """
        1: (%2, %3)
          br 2 (%3, 1)    # loop.zy:3  while n > 0
        2: (%4, %5)
          %6 = %4 > 0     # loop.zy:3  while n > 0
          br 4 unless %6  # loop.zy:3
          br 3            # loop.zy:3
        3:
          %7 = %4 - 1     # loop.zy:4  n -= 1
          %8 = %5 * %2    # loop.zy:5  r *= x
          br 2 (%7, %8)   # loop.zy:3  while n > 0
        4:
          return %5       # loop.zy:7  return r

        """
        #expect(IRPrinter.printWithSource(body) == expected)
        #expect(SourceListing.render(IRPrinter().lines(body), annotated: false) == IRPrinter.print(body))
    }

    @Test func notesGetTheirOwnColumnBeforeTheSource() {
        let file = SourceFile(name: "f.zy", text: "y = a * b\nreturn y\n")
        let lines = [
            ListingLine(.header, "1: (%2)"),
            ListingLine(.code, "%3 = %2 * @4", span: Span(file: file, start: 4, end: 9), note: "%5 = %3 * %4"),
            ListingLine(.code, "%6 = @3 * %2", span: Span(file: file, start: 4, end: 9), note: "%5 = %3 * %4"),
            ListingLine(.code, "return (%3, %6)", span: Span(file: file, start: 10, end: 18)),
            ListingLine(.code, "unreachable"),
        ]
        let expected = """
        1: (%2)
          %3 = %2 * @4     # f.zy:1  ∂ %5 = %3 * %4  y = a * b
          %6 = @3 * %2     # f.zy:1  ∂ %5 = %3 * %4
          return (%3, %6)  # f.zy:2                  return y
          unreachable

        """
        #expect(SourceListing.render(lines, annotated: true) == expected)
    }

    @Test func methodHeadersReadLikeJuliasMethods() {
        let file = SourceFile(name: "m.zy", text: "\nf(x, ys...; k) = 1\n")
        let ir = IRFunction(name: "f", parameterNames: ["x", "ys"], isVarargs: true, keywordNames: ["k"],
                            span: Span(file: file, start: 1, end: 19))
        #expect(SourceListing.methodHeader("f", ir, signature: ["Float64", "Int64"]) == "# f(x::Float64, ys::Int64...; k) @ m.zy:2")
        #expect(SourceListing.methodHeader("f", ir, signature: ["Any", "Any"]) == "# f(x, ys...; k) @ m.zy:2")
        #expect(SourceListing.methodHeader("g", IRFunction(name: "g")) == "# g()")
    }

    /// parse(printWithSource(f)) prints as print(f), for every function of
    /// the source corpus and the bodies nested in them.
    @Test(arguments: SourceCorpusTests.files)
    func annotationsAreIgnoredByTheParser(_ name: String) throws {
        let text = try String(contentsOf: SourceCorpusTests.corpusDirectory.appendingPathComponent(name), encoding: .utf8)
        var checked = 0
        for r in LoweringTest.lowerSource(text, name: name) {
            checked += try checkAnnotatedRoundTrip(r.function)
        }
        #expect(checked >= 3)
    }

    private func checkAnnotatedRoundTrip(_ f: IRFunction) throws -> Int {
        let annotated = "# header line\n" + IRPrinter.printWithSource(f)
        let nested = Dictionary(IRPrinter.nestedFunctions(of: f).map { ($0.key, $0.function) }, uniquingKeysWith: { a, _ in a })
        let parsed = IRParser.parse(annotated, nested: nested)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map { $0.message })\n\(annotated)")
        let g = try #require(parsed.function)
        #expect(IRPrinter.print(g) == IRPrinter.print(f))
        var count = 1
        for (_, fn) in IRPrinter.nestedFunctions(of: f) { count += try checkAnnotatedRoundTrip(fn) }
        return count
    }
}
