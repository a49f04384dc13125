import Testing
@testable import Zy

/// Regression tests for lowering gaps: each program ran wrongly (or was
/// lowered wrongly) before its fix.
@Suite struct LoweringFixTests {
    /// Julia evaluates the whole right side of a destructuring before
    /// writing any target, whatever the targets are.
    static let parallelAssignment: [(source: String, expected: String)] = [
        ("p, q = 1, 2\np, q = q, p\n(p, q)", "(2, 1)"),
        ("p, q = 1, 2\np, q = q, p", "(2, 1)"),
        ("u, v, w = 1, 2, 3\nu, v, w = w, u, v\n(u, v, w)", "(3, 1, 2)"),
        ("gp = 1\ngq = 2\nfunction sw()\n global gp, gq\n gp, gq = gq, gp\nend\nsw()\n(gp, gq)", "(2, 1)"),
        ("for i = 1:3\n global a1, b1 = i, 0\n a1, b1 = b1, a1\nend\n(a1, b1)", "(0, 3)"),
        ("function bx()\n a, b = 1, 2\n f = () -> (a, b)\n a, b = b, a\n f()\nend\nbx()", "(2, 1)"),
        ("r = (x = 1, y = 2)\nr.x, r.y = r.y, r.x\n(r.x, r.y)", "(2, 1)"),
        ("x = [1, 2]\nx[1], x[2] = x[2], x[1]\n(x[1], x[2])", "(2, 1)"),
        ("t = (1, 2)\nt, u = t\n(t, u)", "(1, 2)"),
    ]

    @Test(arguments: Array(LoweringFixTests.parallelAssignment.indices))
    func parallelAssignment(_ index: Int) throws {
        let c = Self.parallelAssignment[index]
        let value = try MiniEvaluator().run(c.source)
        #expect(value.description == c.expected, "\(c.source)")
    }

    /// `x[I] .= v` and `x[I] .op= v` write into `x`.
    static let indexedBroadcast: [(source: String, expected: String)] = [
        ("x = [1, 2, 3]\nx[2:3] .= 0\n(x[1], x[2], x[3])", "(1, 0, 0)"),
        ("x = [1, 2, 3]\nx[2:3] .+= 10\n(x[1], x[2], x[3])", "(1, 12, 13)"),
        ("function f()\n x = [1, 2, 3]\n x[end] .*= 5\n x[[1, 2]] .= x[[2, 1]]\n (x[1], x[2], x[3])\nend\nf()", "(2, 1, 15)"),
    ]

    @Test(arguments: Array(LoweringFixTests.indexedBroadcast.indices))
    func indexedBroadcast(_ index: Int) throws {
        let c = Self.indexedBroadcast[index]
        let value = try MiniEvaluator().run(c.source)
        #expect(value.description == c.expected, "\(c.source)")
    }
}

extension LoweringFixTests {
    /// Distinct local functions of the same name are not "several methods".
    @Test(arguments: [
        "function f(x)\n  a = () -> (g(y) = y; g(1))\n  b = () -> (g(y) = 2y; g(1))\n  a() + b()\nend",
        "function f(x)\n  for i = 1:2\n    g(y) = y + i\n    x += g(i)\n  end\n  x\nend",
    ])
    func singleLocalMethodsAreAccepted(_ source: String) {
        let results = LoweringTest.lowerSource(source)
        #expect(results.allSatisfy { $0.diagnostics.isEmpty }, "\(results.flatMap { $0.diagnostics.map(\.message) })")
    }
}

extension LoweringFixTests {
    /// Every assignment to a typed local converts, as in Julia.
    static let typedLocals: [(source: String, expected: String)] = [
        ("function f()\n b::Bool = 1\n b\nend\nf()", "true"),
        ("function f()\n b::Bool = 1\n b = 0\n b\nend\nf()", "false"),
        ("function f()\n local b::Bool\n b = 1\n b\nend\nf()", "true"),
        ("function f()\n n::Int = 0\n for i = 1:3\n n += true\n end\n n\nend\nf()", "3"),
        ("function f()\n b::Bool = 1\n g = () -> (b = 0)\n g()\n b\nend\nf()", "false"),
        ("function f()\n a::Int, b::Bool = true, 1\n (a, b)\nend\nf()", "(1, true)"),
        ("function f()\n b = let c::Bool = 2\n c\n end\n b\nend\nf()", "true"),
        ("g0::Bool = 1\ng0", "true"),
        ("function f()\n x::Int = true\nend\nf()", "true"),
    ]

    @Test(arguments: Array(LoweringFixTests.typedLocals.indices))
    func typedLocalsConvert(_ index: Int) throws {
        let c = Self.typedLocals[index]
        let value = try MiniEvaluator().run(c.source)
        #expect(value.description == c.expected, "\(c.source)")
    }
}

extension LoweringFixTests {
    /// Keyword splats pass their keywords on; `kw...` gets the keywords the
    /// other keyword parameters did not take.
    static let keywordSplats: [(source: String, expected: String)] = [
        ("g(; a = 0, b = 0) = (a, b)\nf(; kw...) = g(; kw...)\n(f(), f(b = 2), f(a = 1, b = 2))", "((0, 0), (0, 2), (1, 2))"),
        ("g(x; a = 0, b = 0) = (x, a, b)\nf(x; a = 5, kw...) = g(x; a = a, kw...)\nf(1; b = 2)", "(1, 5, 2)"),
        ("f(; a = 0, kw...) = kw\nf(a = 1, b = 2, c = 3)", "(b = 2, c = 3)"),
        ("g(; a = 0) = a\nk = (a = 3,)\n(g(; k...), g(; a = 1, k...), g(; k..., a = 1))", "(3, 3, 1)"),
        ("k = (b = 2,)\n(; a = 1, k...)", "(a = 1, b = 2)"),
        ("k = (b = 2,)\n(; k...)", "(b = 2)"),
        ("h(x, y = 2; kw...) = (x, y, kw)\nh(1; c = 3)", "(1, 2, (c = 3))"),
    ]

    @Test(arguments: Array(LoweringFixTests.keywordSplats.indices))
    func keywordSplats(_ index: Int) throws {
        let c = Self.keywordSplats[index]
        let value = try MiniEvaluator().run(c.source)
        #expect(value.description == c.expected, "\(c.source)")
    }

    @Test func keywordSplatPrintsAndParsesInIR() throws {
        let text = "1: (%2, %3)\n  %4 = f(%2; a = 1, %3..., kw...)\n  return %4\n"
        let r = IRParser.parse(text)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map { $0.message })")
        let f = try #require(r.function)
        #expect(IRPrinter.print(f) == text)
        guard case .call(_, let args)? = f.blocks.first?.statements.first?.instruction else { return #expect(Bool(false)) }
        #expect(args == [.positional(.variable(2)), .keyword("a", .constant(.int(1))),
                         .keyword(CallArgument.keywordSplatName, .variable(3)), .keyword("...", .global("kw"))])
    }

    @Test func pairAfterSemicolonIsAKeyword() {
        let r = LoweringTest.lowerSource("f(x; :a => 1)")
        #expect(r.first.map { IRPrinter.print($0.function) } == "1:\n  %2 = :a => 1\n  %3 = Core.tuple(%2)\n  %4 = f(x; %3...)\n  return %4\n")
    }

    @Test func repeatedKeywordIsAnError() {
        let r = LoweringTest.lowerSource("f(a = 1, b = 2, a = 3)")
        #expect(r.first?.diagnostics.map(\.message) == ["syntax: keyword argument \"a\" repeated in call to \"f\""])
    }
}
