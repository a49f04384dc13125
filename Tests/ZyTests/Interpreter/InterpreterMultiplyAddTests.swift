import Foundation
import Testing
import SourceMap
@testable import Zy

/// `floatMulAdd`: a product of a float-operator alias read only by a later
/// add alias compiles to one instruction (the AD's `x̄ += r̄ * r`). Float64
/// inline; Ints, mixed operands, `nothing`-like user values and redefined
/// operators take both call sites in turn; a product whose add cannot move
/// up (its accumulator is read in between) stays two instructions.
@Suite struct InterpreterMultiplyAddTests {
    static let registered: Bool = {
        Interpreter.registerFloatOperator("madd_mul", as: "*")
        && Interpreter.registerFloatOperator("madd_add", as: "+")
    }()

    static let source = """
    struct Z; k::Int; end
    madd_mul(a, b) = a * b
    madd_mul(a::Z, b) = Z(a.k + 1)
    madd_add(a, b) = a + b
    madd_add(a::Z, b::Z) = Z(a.k + b.k)
    function f(acc, u, v)
        t = madd_mul(u, v)
        s = madd_add(acc, t)
        s
    end
    function g(acc, u, v)
        s = acc
        for i = 1:3
            t = madd_mul(u, v)
            s = madd_add(s, t)
        end
        s
    end
    function h(acc, u, v)
        t = madd_mul(u, v)
        w = acc * 2.0
        s = madd_add(acc, t)
        (s, w)
    end

    """

    @Test(arguments: [
        ("f(1.5, 2.0, 0.25)", "2.0"),
        ("f(1, 2, 3)", "7"),
        ("f(1, 2.0, 3)", "7.0"),
        ("f(Z(1), Z(5), 3)", "Z(7)"),
        ("g(0.5, 2.0, 0.25)", "2.0"),
        ("g(0, 2, 3)", "18"),
        ("h(1.5, 2.0, 0.25)", "(2.0, 3.0)"),
        ("a = f(1.5, 2.0, 0.25); Base.:*(a::Float64, b::Float64) = 10.0; (a, f(1.5, 2.0, 0.25), g(0.0, 1.0, 1.0))",
         "(2.0, 11.5, 30.0)"),
    ])
    func multiplyAdds(_ expression: String, _ expected: String) {
        #expect(Self.registered)
        let run = SessionRun(Self.source + expression)
        #expect(run.repr == expected, "\(expression): \(run.errorText ?? "")")
    }

    /// The fused instruction is there (`checkedMulAdd` under `--check-finite`).
    @Test func fusedOnlyWhereAllowed() throws {
        #expect(Self.registered)
        let session = Session(output: { _ in }, input: { nil })
        _ = try session.evaluate(file: SourceFile(name: "t.zy", text: Self.source + "f(1.0, 2.0, 3.0)"))
        func code(_ name: String, checks: Bool) throws -> [Op] {
            guard case .function(let fn)? = session.globals[name], case .ir(let ir) = fn.methods[0].body else {
                throw InternalError("no \(name)")
            }
            return Array(Compiler.compile(ir, globals: session.globals, checksFinite: checks).code)
        }
        func fusedCount(_ ops: [Op]) -> Int {
            ops.filter { if case .floatMulAdd = $0 { return true } else { return false } }.count
        }
        #expect(fusedCount(try code("f", checks: false)) == 1)
        #expect(fusedCount(try code("g", checks: false)) == 1)
        #expect(fusedCount(try code("h", checks: false)) == 0)
        #expect(fusedCount(try code("f", checks: true)) == 0)
        let checked = try code("g", checks: true).filter { if case .checkedMulAdd = $0 { return true } else { return false } }
        #expect(checked.count == 1)
    }
}
