import Foundation
import Testing
import TestSupport

/// `zygote -e EXPR`: evaluates and, unlike `julia -e`, prints the value
/// (in the REPL's display form) unless it is `nothing` or EXPR ends in `;`.
@Suite("zygote -e")
struct EvalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var expression: String
        var stdout: String
        var testDescription: String { expression }
    }

    static let cases: [Case] = [
        Case(expression: "1 + 1", stdout: "2\n"),
        Case(expression: "x = 1;", stdout: ""),
        Case(expression: "println(\"hi\")", stdout: "hi\n"),
        Case(expression: "nothing", stdout: ""),
        Case(expression: "x = 2; x * 3.5", stdout: "7.0\n"),
        Case(expression: "\"s\"", stdout: "\"s\"\n"),
        Case(expression: "(75,)", stdout: "(75,)\n"),
        Case(expression: ":r", stdout: ":r\n"),
        Case(expression: "2 + 4im", stdout: "2 + 4im\n"),
        Case(expression: "3 // 4", stdout: "3//4\n"),
        Case(expression: "[1.0, 2.0, 3.0]", stdout: "3-element Vector{Float64}:\n 1.0\n 2.0\n 3.0\n"),
        Case(expression: "[1 2; 3 4]", stdout: "2×2 Matrix{Int64}:\n 1  2\n 3  4\n"),
        Case(expression: "Dict(:a => 1)", stdout: "Dict{Symbol, Int64} with 1 entry:\n  :a => 1\n"),
        Case(expression: "pow(x, n) = x^n", stdout: "pow (generic function with 1 method)\n"),
    ]

    @Test("prints the value", .tags(.cli), arguments: cases)
    func printsValue(_ c: Case) throws {
        let result = try Executables.run("zygote", ["-e", c.expression])
        #expect(result.stdout == c.stdout)
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test("arguments after the expression become ARGS", .tags(.cli))
    func arguments() throws {
        let result = try Executables.run("zygote", ["-e", "println(ARGS)", "a", "b c"])
        #expect(result.stdout == "[\"a\", \"b c\"]\n")
        #expect(result.status == 0)
    }

    @Test("an error is a diagnostic on stderr and exit status 1", .tags(.cli))
    func error() throws {
        let result = try Executables.run("zygote", ["-e", "println(\"first\"); error(\"bad\")"])
        #expect(result.stdout == "first\n")
        #expect(result.stderr.hasPrefix("none:1:"))
        #expect(result.stderr.contains("error: bad"))
        #expect(result.status == 1)
    }

    @Test("@time prints the elapsed time and returns the value", .tags(.cli))
    func time() throws {
        let result = try Executables.run("zygote", ["-e", "@time 1 + 1"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first.map { $0.hasPrefix("  ") && $0.contains(" seconds") } == true)
        #expect(lines.last == "2")
        #expect(result.status == 0)
    }

    @Test("exit(n) ends the process with status n", .tags(.cli))
    func exitStatus() throws {
        let result = try Executables.run("zygote", ["-e", "println(1); exit(3); println(2)"])
        #expect(result.stdout == "1\n")
        #expect(result.status == 3)
    }
}
