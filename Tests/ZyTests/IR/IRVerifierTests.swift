import SourceMap
import Testing
@testable import Zy

@Suite struct IRVerifierTests {
    func problems(_ text: String, parameters: Int = 0) -> [String] {
        guard let f = IRParser.parse(text).function else { return ["unparseable"] }
        return IRVerifier.verify(f).map { $0.description }
    }

    @Test func acceptsPow() {
        #expect(problems("""
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
        """).isEmpty)
    }

    @Test(arguments: [
        ("1:\n  br 3\n2:\n  return 1\n", "missing block 3"),
        ("1:\n  br 2 (1)\n2:\n  return 1\n", "passes 1 arguments"),
        ("1:\n  br 2\n2: (%2)\n  return %2\n", "passes 0 arguments"),
        ("1:\n  %2 = f()\n", "no terminator"),
        ("1: (%2)\n  br 2 unless %2\n2:\n  return 1\n", "ends with a conditional"),
        ("1:\n  return 1\n  br 2\n2:\n  return 1\n", "unconditional terminator before"),
        ("1:\n  %2 = f()\n  %2 = g()\n  return %2\n", "defined more than once"),
        ("1:\n  %2 = f(%3)\n  %3 = g()\n  return %2\n", "used before its definition"),
        ("1:\n  return %9\n", "never defined"),
        ("1: (%2)\n  br 3 unless %2\n  br 2\n2:\n  %3 = f()\n  br 4\n3:\n  br 4\n4:\n  return %3\n", "does not dominate"),
        ("1:\n  try 2\n  br 3\n2: (%2)\n  return %2\n3:\n  return 1\n", "handler block 2 takes arguments"),
        ("1:\n  br 2\n2:\n  br 1\n", "branch to the entry block"),
    ])
    func rejects(_ text: String, _ expected: String) {
        let found = problems(text)
        #expect(found.contains { $0.contains(expected) }, "\(found)")
    }

    @Test func blockIDsMustBeDense() {
        let f = IRFunction(name: "f", blocks: [Block(id: 1, arguments: [1], branches: [Branch(.jump(target: 3), span: .unknown)]),
                                              Block(id: 3, branches: [Branch(.ret(.constant(.nothing)), span: .unknown)])])
        #expect(IRVerifier.verify(f).contains { $0.message.contains("not dense") })
    }

    @Test func selfMustBeFirstArgument() {
        let f = IRFunction(name: "f", blocks: [Block(id: 1, arguments: [2], branches: [Branch(.ret(.constant(.nothing)), span: .unknown)])])
        #expect(IRVerifier.verify(f).contains { $0.message.contains("%1") })
    }

    @Test func handlerEdgesCountForDominance() {
        #expect(problems("""
        1:
          %2 = f()
          try 3
          br 2
        2:
          leave
          return %2
        3:
          %3 = catch
          return %2
        """).isEmpty)
    }
}
