import Testing
import SourceMap
@testable import Zy

/// Interpreter semantics on hand-built IR (independent of parser and lowering).
@Suite struct InterpreterIRTests {
    static func call(_ name: String, _ args: [Operand], _ result: Int) -> Statement {
        Statement(result: result, .call(.global(name), args.map { .positional($0) }), span: .unknown)
    }

    /// The seed's `pow` in the DESIGN.md listing (with `%1` as self).
    static func powIR() -> IRFunction {
        IRFunction(name: "pow", parameterNames: ["x", "n"], blocks: [
            Block(id: 1, arguments: [1, 2, 3], branches: [Branch(.jump(target: 2), arguments: [.variable(3), .constant(.int(1))], span: .unknown)]),
            Block(id: 2, arguments: [4, 5], statements: [call(">", [.variable(4), .constant(.int(0))], 6)],
                  branches: [Branch(.jumpUnless(target: 4, condition: .variable(6)), span: .unknown),
                             Branch(.jump(target: 3), span: .unknown)]),
            Block(id: 3, statements: [call("-", [.variable(4), .constant(.int(1))], 7),
                                      call("*", [.variable(5), .variable(2)], 8)],
                  branches: [Branch(.jump(target: 2), arguments: [.variable(7), .variable(8)], span: .unknown)]),
            Block(id: 4, branches: [Branch(.ret(.variable(5)), span: .unknown)]),
        ])
    }

    static func session() -> (Globals, Interpreter) {
        let g = Globals()
        Builtins.installAll(into: g)
        return (g, Interpreter(globals: g))
    }

    static func define(_ g: Globals, _ ir: IRFunction, _ sig: [ZyType], varargs: Bool = false) {
        g.genericFunction(ir.name)?.methods.append(Method(signature: sig, isVarargs: varargs, body: .ir(ir)))
    }

    @Test func powLoop() throws {
        let (g, interp) = Self.session()
        Self.define(g, Self.powIR(), [.any, .any])
        let f = try #require(g["pow"])
        #expect(try interp.call(f, [.int(5), .int(3)]).isInt(125))
        if case .float(let d) = try interp.call(f, [.float(2), .int(10)]) { #expect(d == 1024) } else { Issue.record("not a float") }
    }

    /// `a, b = b, a` in a loop: block arguments are a parallel copy.
    @Test func swapLoopIsParallelCopy() throws {
        // f(a, b, n): while n > 0; a, b = b, a; n -= 1; end; return a
        let ir = IRFunction(name: "swap", parameterNames: ["a", "b", "n"], blocks: [
            Block(id: 1, arguments: [1, 2, 3, 4], branches: [Branch(.jump(target: 2), arguments: [.variable(2), .variable(3), .variable(4)], span: .unknown)]),
            Block(id: 2, arguments: [5, 6, 7], statements: [Self.call(">", [.variable(7), .constant(.int(0))], 8)],
                  branches: [Branch(.jumpUnless(target: 3, condition: .variable(8)), span: .unknown),
                             Branch(.jump(target: 2), arguments: [.variable(6), .variable(5), .variable(9)], span: .unknown)]),
            Block(id: 3, branches: [Branch(.ret(.variable(5)), span: .unknown)]),
        ])
        // %9 = n - 1 must be computed before the branches.
        ir.blocks[1].statements.append(Self.call("-", [.variable(7), .constant(.int(1))], 9))
        let (g, interp) = Self.session()
        Self.define(g, ir, [.any, .any, .any])
        let f = try #require(g["swap"])
        #expect(try interp.call(f, [.int(1), .int(2), .int(3)]).isInt(2))
        #expect(try interp.call(f, [.int(1), .int(2), .int(4)]).isInt(1))
    }

    @Test func tryCatchResumesAtHandler() throws {
        // try; throw(42); catch e; return e; end
        let thunk = IRFunction(name: "top-level scope", blocks: [
            Block(id: 1, arguments: [1], statements: [
                Statement(result: nil, .enterTry(catchBlock: 2), span: .unknown),
                Self.call("throw", [.constant(.int(42))], 2),
            ], branches: [Branch(.unreachable, span: .unknown)]),
            Block(id: 2, statements: [Statement(result: 3, .currentException, span: .unknown)],
                  branches: [Branch(.ret(.variable(3)), span: .unknown)]),
        ])
        let (_, interp) = Self.session()
        #expect(try interp.runThunk(thunk).isInt(42))
    }

    @Test func errorsGetFramesAndUncaughtPropagates() throws {
        let thunk = IRFunction(name: "top-level scope", blocks: [
            Block(id: 1, arguments: [1], statements: [Self.call("nosuchfunction", [.constant(.int(1))], 2)],
                  branches: [Branch(.ret(.variable(2)), span: .unknown)]),
        ])
        let (_, interp) = Self.session()
        do {
            _ = try interp.runThunk(thunk)
            Issue.record("expected an error")
        } catch let e as ZyException {
            #expect(e.frames.map(\.function) == ["top-level scope"])
            guard case .structValue(let s) = e.value else { Issue.record("not a struct"); return }
            #expect(s.type === Exceptions.undefVarErrorType)
        }
    }

    @Test func observerlessAndStepLimit() throws {
        let (g, interp) = Self.session()
        Self.define(g, Self.powIR(), [.any, .any])
        let f = try #require(g["pow"])
        interp.stepLimit = 50
        #expect(throws: ZyException.self) { try interp.call(f, [.int(2), .int(1000)]) }
        interp.stepLimit = nil
        #expect(try interp.call(f, [.int(2), .int(10)]).isInt(1024))
    }
}

extension Value {
    func isInt(_ n: Int) -> Bool {
        if case .int(let i) = self { return i == n }
        return false
    }
}
