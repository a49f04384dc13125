import Testing
import SourceMap
@testable import Zy

/// The frames of errors raised under differentiation, as Zygote's own
/// backtrace test checks them (`trace_contains(bt, :badly, file, line)`).
@Suite struct ADFrameTests {
    func frames(_ source: String) throws -> [Frame] {
        let run = ADRun(source)
        let ex = try #require(run.error as? ZyException, "\(run.repr ?? "no error")")
        return ex.frames
    }

    func visible(_ frames: [Frame]) -> [String] {
        frames.filter { !$0.isInternal }.map { "\($0.marker)\($0.function):\($0.span.line ?? 0)" }
    }

    @Test func zygoteBacktraceTest() throws {
        let fs = try frames("""
            bad(x) = x
            @adjoint bad(x) = x, Δ -> error("bad")
            function badly(x)
              x = x + 1
              x = bad(x)
              return x
            end
            y, back = pullback(badly, 2)
            back(1)
            """)
        #expect(visible(fs) == [
            "◀ pullback of bad(x) (@adjoint at test.zy:2):2",
            "◀ pullback of badly:5",
            "(pullback of badly)(1):0",
            "top-level scope:9",
        ])
        let failing = try #require(fs.first { !$0.isInternal })
        #expect(failing.recordedAt?.shortDescription == "test.zy:5:7")
        #expect(failing.recordedIn == "badly")
        #expect(fs.contains { $0.isInternal }, "the prelude's wrapper is there, hidden")
    }

    @Test func forwardFramesUnderGradientAreMarked() throws {
        let fs = try frames("""
            inner(x) = x > 1 ? error("too big") : x
            outer(x) = 2 * inner(x)
            outer(0.5)
            gradient(outer, 3.0)
            """)
        #expect(visible(fs) == ["▶ inner:1", "▶ outer:2", "gradient(outer, 3.0):0", "top-level scope:4"])
        #expect(fs.allSatisfy { $0.recordedAt == nil })
    }

    @Test func plainErrorsAreNotMarked() throws {
        let fs = try frames("inner(x) = error(\"no\")\nouter(x) = inner(x)\nouter(1)")
        #expect(visible(fs) == ["inner:1", "outer:2", "top-level scope:3"])
    }

    @Test func framesOfACaughtGradientErrorDoNotLeakIntoTheNext() throws {
        let fs = try frames("""
            f(x) = try; error("inner"); catch; 0.0; end + x
            g = try; gradient(f, 1.0); catch e; e; end
            occursin("catch block", g.msg) || error("expected the catch-block error")
            error("later")
            """)
        #expect(visible(fs) == ["top-level scope:4"])
    }
}
