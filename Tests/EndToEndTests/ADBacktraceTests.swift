import Foundation
import Testing
import TestSupport

/// Backtraces of errors under differentiation, beyond the goldens of
/// `samples/errors/ad_*`: what `--full-trace` adds, and the REPL.
@Suite("AD backtraces")
struct ADBacktraceTests {
    static let bonus = "samples/errors/ad_bonus.zy"

    @Test("prelude frames are hidden by default", .tags(.cli))
    func hiddenByDefault() throws {
        let result = try Executables.run("zygote", [Self.bonus])
        #expect(result.status == 1)
        #expect(!result.stderr.contains("AD prelude"))
        #expect(result.stderr.hasSuffix("\n"))
    }

    @Test("--full-trace shows the prelude frames between the user's", .tags(.cli))
    func fullTraceShowsImplementationFrames() throws {
        let result = try Executables.run("zygote", ["--full-trace", Self.bonus])
        #expect(result.status == 1)
        let file = Self.bonus
        // The report still starts at the user's line.
        #expect(result.stderr.hasPrefix("\(file):13:16: error: ArgumentError: invalid rational: zero(Int64)//zero(Int64)\n"))
        let trace = try #require(result.stderr.range(of: "Stacktrace (backward pass):\n")).upperBound
        #expect(String(result.stderr[trace...]) == """
             [1] ◀ pullback of *(a::Real, b::Real) (@adjoint at \(file):10) at \(file):13
                   recorded at \(file):5:9 in pow: r *= x
             [2] ◀ #1 of __ad_checked_back at AD prelude:2
             [3] ◀ pullback of pow at \(file):5
             [4] gradient(pow, 2, 3) at \(file):17

            """)
    }

    @Test("--full-trace shows the wrapper of a user's pullback call", .tags(.cli))
    func fullTraceUserPullback() throws {
        let file = "samples/errors/ad_backtrace.zy"
        let plain = try Executables.run("zygote", [file])
        let full = try Executables.run("zygote", ["--full-trace", file])
        #expect(plain.stderr.contains(" [3] (pullback of badly)(1) at \(file):15\n"))
        #expect(full.stderr.contains("AD prelude"))
        #expect(full.stderr.contains("top-level scope at \(file):15\n"))
        // Same diagnostic either way.
        #expect(plain.stderr.prefix(while: { $0 != "S" }) == full.stderr.prefix(while: { $0 != "S" }))
    }

    @Test("the REPL reports an error in a pullback and goes on", .tags(.cli))
    func repl() throws {
        let input = "f(x) = x * cumprod([x, 1.0])[2]\ngradient(f, 2.0)\n1 + 1\n"
        let result = try Executables.run("zygote", [], input: input)
        #expect(result.stdout.contains("2"))
        #expect(result.stderr.contains("no derivative rule for cumprod(::Vector{Float64})"))
        #expect(result.stderr.contains("◀ pullback of f at REPL"))
        #expect(result.stderr.contains("gradient(f, 2.0) at REPL"))
    }
}
