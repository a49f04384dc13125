import Testing
import SourceMap
@testable import AD
@testable import Zy

/// Jump threading of the adjoint that runs (`Simplify.threadJumps`).
@Suite struct TransformThreadingTests {
    private func call(_ r: VariableID, _ f: String, _ args: [Operand]) -> Statement {
        Statement(result: r, .call(.global(f), args.map { .positional($0) }), span: .unknown)
    }

    /// 1 → H(2): `%3 = %2 != 0; br 3 unless %3; br 4 (%2)`; 4: (%5) `%6 = %5 - 1; br 2 (%6)`.
    private func reversedLoop(bodyReadsTest: Bool) -> IRFunction {
        let h = Block(id: 2, arguments: [2], statements: [call(3, "!=", [.variable(2), .constant(.int(0))])],
                      branches: [Branch(.jumpUnless(target: 3, condition: .variable(3)), span: .unknown),
                                 Branch(.jump(target: 4), arguments: [.variable(2)], span: .unknown)])
        let bodyStatement = call(6, "-", [.variable(bodyReadsTest ? 3 : 5), .constant(.int(1))])
        let body = Block(id: 4, arguments: [5], statements: [bodyStatement],
                         branches: [Branch(.jump(target: 2), arguments: [.variable(6)], span: .unknown)])
        let entry = Block(id: 1, arguments: [1], branches: [Branch(.jump(target: 2), arguments: [.constant(.int(3))], span: .unknown)])
        let exit = Block(id: 3, branches: [Branch(.ret(.constant(.nothing)), span: .unknown)])
        return IRFunction(name: "t", blocks: [entry, h, exit, body])
    }

    @Test func loopBodyEndsWithTheCopiedTest() throws {
        let ir = reversedLoop(bodyReadsTest: false)
        Simplify.threadJumps(ir)
        let body = try #require(ir.blocks.first { $0.id == 4 })
        #expect(body.statements.count == 2)
        guard case .call(.global("!="), let args) = body.statements[1].instruction else {
            Issue.record("the test was not copied"); return
        }
        #expect(args.first?.operand == .variable(6))
        #expect(body.branches.count == 2)
        guard case .jumpUnless(3, .variable(let c)) = body.branches[0].kind else {
            Issue.record("no conditional exit"); return
        }
        #expect(body.statements[1].result == c && c != 3)
        guard case .jump(4) = body.branches[1].kind else { Issue.record("no back edge to the body"); return }
        #expect(body.branches[1].arguments == [.variable(6)])
        // The entry, which only jumps to the test, is threaded too; the
        // test, which branches before its jump, is not.
        #expect(ir.blocks[0].statements.count == 1)
        guard case .jumpUnless(3, _) = ir.blocks[0].branches.first?.kind else { Issue.record("entry not threaded"); return }
        let test = try #require(ir.blocks.first { $0.id == 2 })
        #expect(test.statements.count == 1)
    }

    @Test func aBlockReadByOthersIsNotCopied() throws {
        let ir = reversedLoop(bodyReadsTest: true)
        Simplify.threadJumps(ir)
        let body = try #require(ir.blocks.first { $0.id == 4 })
        #expect(body.statements.count == 1)
        guard case .jump(2) = body.branches.last?.kind else { Issue.record("threaded"); return }
    }

    /// Loops whose reversed test is threaded, run zero, one and many times,
    /// and loops with branches inside.
    @Test(arguments: [
        ("gradient(x -> pow(x, 0), 2.0)", "(nothing,)"),
        ("gradient(x -> pow(x, 1), 2.0)", "(1.0,)"),
        ("gradient(x -> pow(x, 7), 2.0)", "(448.0,)"),
        ("begin; y, back = pullback(pow, 2.0, 4); (back(1.0), back(2.0)); end", "((32.0, nothing), (64.0, nothing))"),
        ("gradient(x -> twice(x, 6), 1.5)", "(2.0,)"),
        ("gradient(x -> nested(x, 3), 2.0)", "(12.0,)"),
    ])
    func threadedLoopsGiveExactGradients(_ expression: String, _ expected: String) {
        let source = ControlFlowTests.pow + """

        function twice(x, n)
            s = 0.0
            for i in 1:n
                if iseven(i)
                    s += x
                else
                    s -= x / 3
                end
            end
            s
        end
        function nested(x, n)
            s = 0.0
            for i in 1:n
                for j in 1:i
                    s += x
                end
            end
            s * x / 2
        end
        """ + "\n" + expression
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }
}
