import SourceMap
import Testing
@testable import Zy

/// The runtime's extension points for layered modules (the AD): inline
/// operator aliases, intrinsics, and running an IR body with a given self.
@Suite struct ExtensionPointTests {
    func parse(_ text: String) throws -> IRFunction {
        let r = IRParser.parse(text)
        guard let f = r.function else { throw InternalError("bad IR: \(r.diagnostics)") }
        return f
    }

    @Test func inlineAliasComputesInlineAndFallsBackToItsOwnMethods() throws {
        Interpreter.registerInlineOperator("Core.test_add_or_nothing", as: "+")
        var out = ""
        let session = Session(output: { out += $0 }, input: { nil })
        session.globals.defineBuiltin("Core.test_add_or_nothing", [.any, .any]) { _, a, _ in
            if case .nothing = a[0] { return a[1] }
            return .string("fallback")
        }
        let ir = try parse("""
        1: (%2, %3)
          %4 = Core.test_add_or_nothing(%2, %3)
          return %4
        """)
        let f = Value.closure(Closure(body: ir, captures: []))
        #expect(Show.repr(try session.interpreter.call(f, [.int(2), .float(0.5)])) == "2.5")
        #expect(Show.repr(try session.interpreter.call(f, [.nothing, .int(7)])) == "7")
        #expect(Show.repr(try session.interpreter.call(f, [.string("a"), .int(7)])) == "\"fallback\"")
        #expect(Interpreter.registerInlineOperator("Core.x", as: "no-such-op") == false)
    }

    @Test func intrinsicIsCalledDirectly() throws {
        Interpreter.registerIntrinsic("Core.test_triple", arity: 3) { a, b, c in .tuple([c, b, a]) }
        let session = Session(output: { _ in }, input: { nil })
        let ir = try parse("""
        1: (%2)
          %3 = Core.test_triple(%2, 2, 3)
          return %3
        """)
        let v = try session.interpreter.call(.closure(Closure(body: ir, captures: [])), [.int(1)])
        #expect(Show.repr(v) == "(3, 2, 1)")
    }

    @Test func invokeRunsABodyWithAGivenSelf() throws {
        let session = Session(output: { _ in }, input: { nil })
        let ir = try parse("""
        1: (%2)
          %3 = getfield(%1, :k)
          %4 = %3 * %2
          return %4
        """)
        ir.captureNames = ["k"]
        let selfValue = Value.closure(Closure(body: ir, captures: [.int(10)]))
        let copy = try parse("""
        1: (%2)
          %3 = getfield(%1, :k)
          %4 = %3 + %2
          return %4
        """)
        copy.captureNames = ["k"]
        #expect(Show.repr(try session.interpreter.invoke(copy, selfValue: selfValue, arguments: [.int(5)])) == "15")
    }
}
