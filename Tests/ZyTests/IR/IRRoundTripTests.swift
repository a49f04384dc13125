import Testing
@testable import Zy

@Suite struct IRRoundTripTests {
    /// print(parse(print(f))) == print(f) for every function of the corpus,
    /// nested bodies resolved through the printer's keys.
    @Test(arguments: GoldenCorpus.cases.map { $0.name })
    func roundTrip(_ name: String) throws {
        let entry = try #require(GoldenCorpus.cases.first { $0.name == name })
        try checkRoundTrip(LoweringTest.lower(entry.expr).function)
    }

    func checkRoundTrip(_ f: IRFunction) throws {
        let text = IRPrinter.print(f)
        let nested = Dictionary(IRPrinter.nestedFunctions(of: f).map { ($0.key, $0.function) }, uniquingKeysWith: { a, _ in a })
        let parsed = IRParser.parse(text, nested: nested)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map { $0.message })")
        let g = try #require(parsed.function)
        #expect(IRPrinter.print(g) == text)
        #expect(IRVerifier.verify(g, recursive: false).isEmpty)
        for (_, fn) in IRPrinter.nestedFunctions(of: f) { try checkRoundTrip(fn) }
    }

    @Test func literalsRoundTrip() throws {
        let text = """
        1: (%2)
          %3 = f(1, -2, 2.5, 1.0e-5, -Inf, NaN, "a\\"b\\$c\\n", 'x', :r, Symbol("a b"), nothing, true, false)
          %4 = g(%3...; k = %2, m = :s)
          %5 = -%4
          %6 = %5 isa Int
          %7 = broadcast(+, %2, %6)
          global x = %7
          const Y = 3
          br 2 (%7) unless %6
          br 3
        2: (%8)
          return %8
        3:
          unreachable

        """
        let r = IRParser.parse(text)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map { $0.message })")
        let f = try #require(r.function)
        #expect(IRPrinter.print(f) == text)
        #expect(IRVerifier.verify(f).isEmpty)
    }

    @Test func structSupertypeRoundTrips() throws {
        let text = "1:\n  %2 = f()\n  struct A(x::Any) <: Exception\n  mutable struct B(y::Int) <: %2\n  struct C()\n  return nothing\n"
        let r = IRParser.parse(text)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map { $0.message })")
        let f = try #require(r.function)
        #expect(IRPrinter.print(f) == text)
        let supertypes = f.blocks[0].statements.compactMap { s -> Operand? in
            if case .defineStruct(_, _, _, _, let t) = s.instruction { return t }
            return nil
        }
        #expect(supertypes == [.global("Exception"), .variable(2), .global("Any")])
    }

    @Test func sourceAnnotationsAreIgnoredByTheParser() throws {
        let text = "1: (%2)\n  %3 = %2 + 1  # f.zy:3\n  return %3  # f.zy:4\n"
        let f = try #require(IRParser.parse(text).function)
        #expect(IRPrinter.print(f) == "1: (%2)\n  %3 = %2 + 1\n  return %3\n")
    }

    @Test(arguments: [
        ("1:\n  %2 = \n", 2),
        ("1:\n  br\n", 2),
        ("2:\n  return 1\n", 1),
        ("1:\n  %2 = f(1\n", 2),
        ("1:\n  return 1\n  %2 = f()\n", 3),
        ("1:\n  %2 = closure nope(%1)\n", 2),
        ("1:\n  %2 = %1 +++ 3\n", 2),
        ("1:\n  %2 = f(\"abc)\n", 2),
    ])
    func malformedTextGivesDiagnostics(_ text: String, _ line: Int) {
        let r = IRParser.parse(text)
        #expect(r.function == nil)
        #expect(r.diagnostics.first?.span.line == line)
    }
}
