import Testing
import SourceMap
@testable import Zy

/// Every example of the talk parses without diagnostics, to the tree
/// Julia would build.
@Suite struct ParserSeedTests {
    func parse(_ source: String) -> [String] {
        let (s, parsed) = SExpression.parse(source)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map { "\($0.span.shortDescription): \($0.message)" })")
        #expect(!parsed.isIncomplete)
        return s.split(separator: "\n").map(String.init)
    }

    @Test(arguments: Array(SeedPrograms.all.indices))
    func seedProgramParsesCleanly(_ index: Int) {
        _ = parse(SeedPrograms.all[index])
    }

    @Test func pow() {
        #expect(parse(SeedPrograms.pow) == [
            "(using Zygote)",
            "(function pow (x n) (block (= r 1) (while (call > n 0) (block (-= n 1) (*= r x))) (return r)))",
            "(call pow 5 3)",
            "(call gradient (-> (x) (call pow x 3)) 5)",
        ])
    }

    @Test func pullback() {
        #expect(parse(SeedPrograms.pullback) == [
            "(call == (call pow 5 3) 125)",
            "(call == (call gradient pow 5 3) (tuple 75 0))",
            "(= (tuple y back) (call J pow 5 3))",
            "(call back 1)",
        ])
    }

    @Test func jOfFoo() {
        let lines = parse(SeedPrograms.jFoo)
        #expect(lines.count == 2)
        #expect(lines[1] == "(function J ((:: _ (call typeof foo)) x) (block (= (tuple a da) (call J bar x)) "
            + "(= (tuple b db) (call J baz a)) (return (tuple b (-> (b̄) (block (= ā (call db b̄)) "
            + "(= x̄ (call da ā)) (return x̄)))))))")
    }

    @Test func adjoints() {
        let lines = parse(SeedPrograms.adjoints)
        #expect(lines[0] == "(function f (x) (call (ref fs (call readline)) x))")
        #expect(lines[1] == "(function J ((:: _ (call typeof sin)) x) (tuple (call sin x) (-> (ȳ) (call * ȳ (call cos x)))))")
        #expect(lines[4] == "(macrocall @adjoint (function nestlevel () (tuple (call + (call nestlevel) 1) (-> (_) nothing))))")
        #expect(lines[9] == "(macrocall @adjoint (function hook (f x) (tuple x (-> (x̄) (tuple (call f x̄))))))")
        #expect(lines[10] == "(call hook - x)")
        #expect(lines[11] == "(macrocall @adjoint (function checkpoint (f (... x)) (tuple (call f (... x)) "
            + "(-> (Δ) (call (ref (call J f (... x)) 2) Δ)))))")
        #expect(lines[12] == "(macrocall @adjoint (function forwarddiff (f x) (block (= (tuple y J) "
            + "(call forward_jacobian f x)) (tuple y (-> (Δ) (tuple (call * (call adjoint J) Δ)))))))")
        #expect(lines[14] == "(macrocall @adjoint (function hook (f x) (tuple x (-> (Δ) (tuple nothing (call f Δ))))))")
    }

    @Test func doBlocks() {
        #expect(parse(SeedPrograms.doBlocks) == [
            "(call gradient (-> (a b) (block (call * a b))) 2 3)",
            "(call gradient (-> (a b) (block (call * (call hook - a) b))) 2 3)",
            "(call gradient (-> (a b) (block (call * (call hook (-> (ā) (macrocall @show ā)) a) b))) 2 3)",
        ])
    }

    @Test func colors() {
        let lines = parse(SeedPrograms.colors)
        #expect(lines[1] == "(= (tuple a b) (tuple (call RGB 1 0 0) (call RGB 0 1 0)))")
        #expect(lines[2] == "(call ^ (field a r) 2)")
        #expect(lines[3] == "(call gradient (-> (c) (call ^ (field c r) 2)) a)")
    }

    @Test func deepLearningInFiveLines() {
        #expect(parse(SeedPrograms.deepLearning) == [
            "(function dense (W b (= σ identity)) (-> (x) (broadcast σ (broadcast + (call * W x) b))))",
            "(function chain ((... f)) (call foldl ∘ (call reverse f)))",
            "(= mlp (call chain (call dense (call randn 5 10) (call randn 5) tanh) (call dense (call randn 2 5) (call randn 2))))",
            "(= x (call rand 10))",
            "(call mlp x)",
            "(= m̃ (call gradient (-> (m) (block (call sum (call m x)))) mlp))",
            "(-= m (call * η m̃))",
        ])
    }

    @Test func mutation() {
        let lines = parse(SeedPrograms.mutation)
        #expect(lines[0] == "(= vars (curly Dict (call => :r 0) (call => :n 0)))")
        #expect(lines[1] == "(function pow (x n) (block (= (ref vars :r) 1) (= (ref vars :n) n) "
            + "(while (call > (ref vars :n) 0) (block (-= (ref vars :n) 1) (*= (ref vars :r) x)))))")
        #expect(lines[2] == "(call pow 5 3)")
        #expect(lines[3] == "(ref vars :r)")
        #expect(lines[4] == "(call gradient (-> (x) (block (call pow x 3) (ref vars :r))) 5)")
    }

    @Test func bonusAndProfile() {
        let bonus = parse(SeedPrograms.bonus)
        #expect(bonus[0] == "(macrocall @grad (function * ((:: a Real) (:: b Real)) (block (= c (call * a b)) "
            + "(function back (Δ) (block (call // 0 0))) (tuple c back))))")
        let profile = parse(SeedPrograms.profile)
        #expect(profile[1] == "(function f (x) (block (for ((= i (call : 1 5))) (block (= x (call sin (call cos x))))) (return x)))")
        #expect(profile[4] == "(macrocall @profile (call loop 2 3))")
        #expect(profile[5].hasPrefix("(function logsumexp ((:: x (curly Array Float64 1)))"))
    }

    @Test func pycall() {
        let lines = parse(SeedPrograms.pycall)
        #expect(lines == ["(macrocall @adjoint (function pycall (f (... x) (parameters (... kw))) (block "
            + "(= x (call map py x)) (= y (call pycall f (... x) (kw ... kw))) (tuple (call (field (call (field y detach)) numpy)) "
            + "(-> (ȳ) (block (call (field y backward) (kw gradient (call py ȳ))) (tuple nothing (... (call map (-> (x) "
            + "(call (field (field x grad) numpy))) x)))))))))"])
    }
}
