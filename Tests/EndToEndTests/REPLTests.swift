import Foundation
import Testing
import TestSupport

/// The REPL, scripted through standard input. Without a terminal (and
/// without -i) it prints no prompts, so outputs are just results.
@Suite("zygote REPL")
struct REPLTests {
    private func repl(_ input: String, _ options: [String] = []) throws -> Executables.Result {
        try Executables.run("zygote", options, input: input)
    }

    @Test("multi-line definitions continue until complete", .tags(.cli))
    func multiLine() throws {
        let result = try repl("""
            function sq(x)
                x^2
            end
            sq(4)
            for i in 1:2
                println(i)
            end

            """)
        #expect(result.stdout == "sq (generic function with 1 method)\n16\n1\n2\n")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test("an error is reported and the session goes on", .tags(.cli))
    func errorThenContinue() throws {
        let result = try repl("x = 5\nundefined_name + 1\nx + 1\n")
        #expect(result.stdout == "5\n6\n")
        #expect(result.stderr.contains("REPL[2]:1:1"))
        #expect(result.stderr.contains("undefined_name"))
        // A scripted session that had an error fails like a script would.
        #expect(result.status == 1)
    }

    @Test("results use the display forms; nothing and `;` print nothing", .tags(.cli))
    func displayForms() throws {
        let result = try repl("""
            x = 3;
            x
            nothing
            println("side")
            [1 2; 3 4]
            Dict(:a => 1)
            (75,)
            "s"
            [1.0, 2.0, 3.0]

            """)
        #expect(result.stdout == """
            3
            side
            2×2 Matrix{Int64}:
             1  2
             3  4
            Dict{Symbol, Int64} with 1 entry:
              :a => 1
            (75,)
            "s"
            3-element Vector{Float64}:
             1.0
             2.0
             3.0

            """)
        #expect(result.status == 0)
    }

    @Test("globals persist across entries and methods accumulate", .tags(.cli))
    func sessionState() throws {
        let result = try repl("f(x) = 1\nf(x::Int) = 2\nf(1.0), f(1)\ny = f(1) + 1\ny\n")
        #expect(result.stdout == "f (generic function with 1 method)\nf (generic function with 2 methods)\n(1, 2)\n3\n3\n")
    }

    @Test("readline() reads the lines after the entry", .tags(.cli))
    func readlineInREPL() throws {
        let result = try repl("x = readline()\nhello\nx * \"!\"\n")
        #expect(result.stdout == "\"hello\"\n\"hello!\"\n")
    }

    @Test("-i shows the prompt and continuation prompt", .tags(.cli))
    func prompts() throws {
        let result = try repl("begin\n1\nend\n", ["-i"])
        #expect(result.stdout == "zy> " + "    " + "    " + "1\n" + "zy> " + "\n")
        #expect(result.status == 0)
    }

    @Test("prompts pasted from a Julia transcript are ignored", .tags(.cli))
    func pastedPrompt() throws {
        let result = try repl("julia> 1 + 2\nzy> 3 * 3\n")
        #expect(result.stdout == "3\n9\n")
    }

    @Test("exit() leaves the REPL", .tags(.cli))
    func exitCall() throws {
        let result = try repl("println(1)\nexit()\nprintln(2)\n")
        #expect(result.stdout == "1\n")
        #expect(result.status == 0)
    }

    @Test("an entry left unfinished at end of input is reported", .tags(.cli))
    func unfinishedAtEOF() throws {
        let result = try repl("1 + 1\nfunction g(x)\n")
        #expect(result.stdout == "2\n")
        #expect(result.stderr.contains("REPL[2]"))
        #expect(result.status == 1)
    }
}
