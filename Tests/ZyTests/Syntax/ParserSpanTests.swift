import Testing
import SourceMap
@testable import Zy
import TestSupport

/// Node spans: start and end of the source text each node was parsed from.
@Suite struct ParserSpanTests {
    static let pow = SeedSource.pow

    func parse(_ s: String) -> ParsedFile { Parser.parse(SourceFile(name: "pow.zy", text: s)) }

    func located(_ e: Expr) -> String {
        guard let file = e.span.file else { return "?" }
        let a = file.location(of: e.span.start), b = file.location(of: e.span.end)
        return "\(a)-\(b) \(file.text(of: e.span))"
    }

    @Test func powSpans() throws {
        let parsed = parse(Self.pow)
        let f = try #require(parsed.statements.first)
        #expect(located(f).hasPrefix("1:1-8:4 function pow"))
        guard case .function(_, let sig, let body) = f.kind, case .block(let stmts) = body.kind else {
            Issue.record("not a function"); return
        }
        #expect(sig.parameters.map { $0.span.shortDescription } == ["pow.zy:1:14", "pow.zy:1:17"])
        #expect(located(stmts[0]) == "2:5-2:10 r = 1")
        #expect(located(stmts[1]).hasPrefix("3:5-6:8 while n > 0"))
        #expect(located(stmts[2]) == "7:5-7:13 return r")
        guard case .whileLoop(let cond, let loopBody) = stmts[1].kind, case .block(let inner) = loopBody.kind else {
            Issue.record("not a while"); return
        }
        #expect(located(cond) == "3:11-3:16 n > 0")
        #expect(located(inner[0]) == "4:9-4:15 n -= 1")
        #expect(located(inner[1]) == "5:9-5:15 r *= x")
    }

    @Test(arguments: [
        ("a + b * c", "1:5-1:10 b * c"),
        ("f(x, y)", "1:3-1:4 x"),
        ("  σ.(W * x .+ b)", "1:6-1:16 W * x .+ b"),
        ("  σ.(W * x .+ b)", "1:12-1:14 .+"),
        ("x = \"a $(f(y)) b\"", "1:10-1:14 f(y)"),
        ("m -= η * m̃", "1:6-1:12 η * m̃"),
    ])
    func secondNodeSpan(_ source: String, _ expected: String) throws {
        let nodes = allNodes(try #require(parse(source).statements.first))
        #expect(nodes.map(located).contains(expected), "\(nodes.map(located))")
    }

    @Test func statementSpansWithUnicode() {
        let parsed = parse("ā = 1\nm̃ = gradient(mlp) do m\n  sum(m(x))\nend")
        #expect(parsed.statements.map(located) == [
            "1:1-1:6 ā = 1",
            "2:1-4:4 m̃ = gradient(mlp) do m\n  sum(m(x))\nend",
        ])
    }

    /// Every child's span lies inside its parent's, for all seed programs.
    @Test func childSpansNestInParents() {
        for source in SeedPrograms.all {
            let parsed = parse(source)
            for stmt in parsed.statements {
                for node in allNodes(stmt) {
                    for child in children(node) {
                        #expect(child.span.start >= node.span.start && child.span.end <= node.span.end,
                                "\(located(child)) outside \(located(node))")
                        #expect(child.span.file === parsed.file)
                    }
                }
            }
        }
    }
}
