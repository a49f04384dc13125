import Foundation
import Testing
import TestSupport

/// `zygote --ir FUNC FILE` and `zygote --adjoint FUNC FILE`: the program
/// runs, then the annotated listing of FUNC (a name: every method; a call:
/// the method it dispatches to). Goldens under `Listing/` were checked by
/// hand against `loop.zy` (the adjoint against the seed's hand derivation).
@Suite("zygote --ir / --adjoint")
struct ListingCommandTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Listing")

    /// Runs in `Listing/` so annotations read `loop.zy:6`, as a user sees them.
    private func zygote(_ arguments: [String]) throws -> Executables.Result {
        try Executables.run("zygote", arguments, currentDirectory: ListingCommandTests.directory)
    }

    @Test("listings match their goldens", .tags(.cli), arguments: [
        (["--ir", "pow", "loop.zy"], "pow.ir.txt"),
        (["--adjoint", "pow", "loop.zy"], "pow.adjoint.txt"),
        (["--adjoint", "pow(5, 3)", "loop.zy"], "pow_call.adjoint.txt"),
    ])
    func listing(_ arguments: [String], _ golden: String) throws {
        let result = try zygote(arguments)
        #expect(result.status == 0, "stderr:\n\(result.stderr)")
        #expect(result.stderr == "")
        let outcome = Golden.compare(result.stdout, with: ListingCommandTests.directory.appendingPathComponent(golden))
        #expect(outcome == .matched || outcome == .recorded, "\(outcome)\n\(result.stdout)")
    }

    @Test("a call lists only the method it dispatches to", .tags(.cli))
    func callSelectsOneMethod() throws {
        let result = try zygote(["--ir", "pow(2.0, 3, 0.5)", "loop.zy"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("8\n# pow(x::Float64, n::Int64, scale) @ loop.zy:11\n1: (%2, %3, %4)\n"))
        #expect(!result.stdout.contains("while n > 0"))
    }

    @Test("the program's output comes first, on stdout", .tags(.cli))
    func programOutputFirst() throws {
        let result = try zygote(["--ir", "pow", "loop.zy"])
        #expect(result.stdout.hasPrefix("8\n# 2 methods for generic function \"pow\":\n\n# pow(x, n) @ loop.zy:2\n"))
    }

    @Test("unknown names, missing methods and malformed FUNC are diagnostics", .tags(.cli), arguments: [
        (["--ir", "nope", "loop.zy"], "--ir:1:1: error: UndefVarError: `nope` not defined\n   1 | nope\n     | ^~~~\n"),
        (["--adjoint", "pow(\"a\")", "loop.zy"],
         "--adjoint:1:1: error: MethodError: no method matching pow(::String)\n   1 | pow(\"a\")\n     | ^~~~~~~~\n"),
        (["--ir", "sin", "loop.zy"], "--ir:1:1: error: ArgumentError: `sin` has only built-in methods, which have no IR"),
        (["--ir", "[1, 2]", "loop.zy"], "--ir:1:1: error: expected a function name (`pow`) or a call (`pow(2.0, 3)`)\n"),
        (["--ir", "pow(", "loop.zy"], "--ir:1:5: error:"),
    ])
    func badRequest(_ arguments: [String], _ expectedStart: String) throws {
        let result = try zygote(arguments)
        #expect(result.status == 1)
        #expect(result.stdout == "8\n", "the program still ran")
        #expect(result.stderr.hasPrefix(expectedStart), "\(result.stderr)")
    }

    @Test("a syntax error in FILE stops before anything runs", .tags(.cli))
    func syntaxErrorInFile() throws {
        let file = try temporary("println(1)\nf(x) = (x +\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Executables.run("zygote", ["--ir", "f", file.path])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.contains(":3:1: error:"))
    }

    /// The listing is what a user wants after a failure, so it still comes.
    @Test("after a runtime error the methods defined so far are listed, status 1", .tags(.cli))
    func runtimeErrorInFile() throws {
        let file = try temporary("sq(x) = x * x\nerror(\"boom\")\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Executables.run("zygote", ["--ir", "sq", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(":2:1: error: boom"))
        #expect(result.stdout.contains("# sq(x) @ \(file.path):1\n1: (%2)\n  %3 = %2 * %2  # \(file.path):1  sq(x) = x * x\n"))
    }

    @Test("--ir needs a program file", .tags(.cli))
    func needsAFile() throws {
        let result = try Executables.run("zygote", ["--ir", "pow"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--ir needs a program file"))
    }

    private func temporary(_ source: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zy-\(UUID().uuidString).zy")
        try source.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
