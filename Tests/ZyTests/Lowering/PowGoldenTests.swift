import Testing
@testable import Zy

@Suite struct PowGoldenTests {
    /// `function pow(x, n); r = 1; while n > 0; n -= 1; r *= x; end; return r; end`
    static let pow = A.function("pow", ["x", "n"],
        A.assign("r", A.int(1)),
        A.whileLoop(A.op(A.id("n"), ">", A.int(0)),
            A.update("-", "n", A.int(1)),
            A.update("*", "r", A.id("x"))),
        A.ret(A.id("r")))

    @Test func powLowersToTheSeedListing() throws {
        let r = LoweringTest.lower(Self.pow)
        #expect(r.diagnostics.isEmpty)
        let body = try #require(LoweringTest.nested(r.function, "pow"))
        #expect(IRPrinter.print(body) == """
        1: (%2, %3)
          br 2 (%3, 1)
        2: (%4, %5)
          %6 = %4 > 0
          br 4 unless %6
          br 3
        3:
          %7 = %4 - 1
          %8 = %5 * %2
          br 2 (%7, %8)
        4:
          return %5

        """)
        #expect(IRVerifier.verify(r.function).isEmpty)
        #expect(body.variableNames[4] == "n" && body.variableNames[5] == "r" && body.variableNames[2] == "x")
    }

    @Test func powThunkDefinesTheMethodAndReturnsTheFunction() {
        let r = LoweringTest.lower(Self.pow)
        #expect(IRPrinter.print(r.function) == """
        1:
          method pow(Any, Any) = pow
          return pow

        """)
    }
}
