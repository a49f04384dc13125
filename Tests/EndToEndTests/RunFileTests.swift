import Foundation
import Testing
import TestSupport

/// `zygote FILE [ARGS…]` beyond what the samples cover: arguments, standard
/// input, exit statuses, colour and command-line errors.
@Suite("zygote FILE")
struct RunFileTests {
    /// Writes `source` to a fresh temporary `.zy` file.
    private func program(_ source: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("zy-\(UUID().uuidString).zy")
        try source.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("arguments after FILE, flags included, become ARGS", .tags(.cli))
    func arguments() throws {
        let file = try program("println(ARGS)\nprintln(length(ARGS))\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Executables.run("zygote", [file.path, "x", "--full-trace", "-e"])
        #expect(result.stdout == "[\"x\", \"--full-trace\", \"-e\"]\n3\n")
        #expect(result.status == 0)
    }

    @Test("standard input reaches readline()", .tags(.cli))
    func readline() throws {
        let file = try program("a = readline()\nb = readline()\nprintln(b, a)\nprintln(repr(readline()))\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Executables.run("zygote", [file.path], input: "one\r\ntwo\n")
        // Julia's readline() gives "" at end of input.
        #expect(result.stdout == "twoone\n\"\"\n")
        #expect(result.status == 0)
    }

    @Test("a file that cannot be read fails with status 1", .tags(.cli))
    func missingFile() throws {
        let result = try Executables.run("zygote", ["no/such/file.zy"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no/such/file.zy"))
        #expect(result.stdout == "")
    }

    @Test("an unknown option is a usage error", .tags(.cli))
    func unknownOption() throws {
        let result = try Executables.run("zygote", ["--no-such-flag", "samples/pow.zy"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--no-such-flag"))
    }

    @Test("--help describes the modes", .tags(.cli))
    func help() throws {
        let result = try Executables.run("zygote", ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: zygote"))
        #expect(result.stdout.contains("--color"))
    }

    static let escape = "\u{1B}["

    @Test("--color=yes colours diagnostics; no and auto (not a terminal) do not", .tags(.cli),
          arguments: [("yes", true), ("no", false), ("auto", false)])
    func color(_ choice: String, _ coloured: Bool) throws {
        let result = try Executables.run("zygote", ["--color=\(choice)", "samples/errors/divide.zy"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(RunFileTests.escape) == coloured)
        #expect(!result.stdout.contains(RunFileTests.escape))
    }

    @Test("--full-trace is accepted and still reports the error", .tags(.cli))
    func fullTrace() throws {
        let result = try Executables.run("zygote", ["--full-trace", "samples/errors/uncaught_error.zy"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Stacktrace:"))
        #expect(result.stderr.contains("check at samples/errors/uncaught_error.zy:2"))
    }

    @Test("syntax errors stop the program before it prints anything", .tags(.cli))
    func syntaxErrorsFirst() throws {
        let file = try program("println(\"side effect\")\nx = (1 +\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Executables.run("zygote", [file.path])
        #expect(result.stdout == "")
        #expect(result.stderr.contains("\(file.path):"))
        #expect(result.status == 1)
    }
}
