import SourceMap
import Testing
@testable import Zy

@Suite struct ScopeAnalysisTests {
    func body(_ source: String) -> [Expr] {
        let parsed = Parser.parse(SourceFile(name: "s.zy", text: source))
        return parsed.statements
    }

    @Test func assignedNamesStopAtNestedScopes() {
        let names = ScopeAnalysis.assignedNames(in: body("""
        a = 1
        b, (c, d) = t
        e += 1
        local f
        x[1] = 2
        s.field = 3
        for i = 1:3; g = i; end
        while true; h = 1; end
        k = () -> (m = 1)
        inner(y) = y
        global q = 1
        """))
        #expect(names == ["a", "b", "c", "d", "e", "f", "k", "inner"])
    }

    /// `x .= e` and `x .+= e` write into x's array (`broadcast!`): x is
    /// read, so a global stays global and a captured local is not boxed.
    @Test func broadcastAssignmentDoesNotBind() {
        #expect(ScopeAnalysis.assignedNames(in: body("buf .= [1, 2]\nacc .+= 1\nn += 1")) == ["n"])
        #expect(!ScopeAnalysis.needsBox("y", in: body("y = zeros(2)\nf = () -> (y .= 1)"), isParameter: false))
    }

    @Test func declaredGlobals() {
        #expect(ScopeAnalysis.declaredGlobals(in: body("global a, b = 1\nglobal c += 1\nfor i = 1:2; global z; end")) == ["a", "b", "c"])
    }

    @Test(arguments: [
        ("x = 1\nf = () -> x", "x", false, false),
        ("x = 1\nf = () -> x\nx = 2", "x", false, true),
        ("f = () -> x\nx = 1", "x", false, true),
        ("x = 1\nf = () -> (x += 1)", "x", false, true),
        ("for i = 1:2; x = i; end\ng = () -> x", "x", false, true),
        ("g = () -> x", "x", true, false),
        ("x = 5\ng = () -> x", "x", true, true),
        ("g = x -> x", "x", false, false),
        ("try\n x = 1\ncatch\nend", "x", false, true),
        ("x = 1\nh(y) = y + x", "x", false, false),
        ("h(y) = h(y - 1)", "h", false, true),
    ])
    func boxing(_ source: String, _ name: String, _ isParameter: Bool, _ boxed: Bool) {
        #expect(ScopeAnalysis.needsBox(name, in: body(source), isParameter: isParameter) == boxed)
    }
}
