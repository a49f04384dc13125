import Testing
import SourceMap
@testable import Zy

@Suite struct BacktraceTests {
    static let source = """
        function inner(x)
            return x.missing
        end
        middle(x) = inner(x) + 1
        function outer(x)
            y = middle(x)
            return y
        end
        outer(3)
        """

    @Test func framesThreeCallsDeep() throws {
        let run = SessionRun(Self.source)
        let ex = try #require(run.zyException)
        #expect(ex.frames.map(\.function) == ["inner", "middle", "outer", "top-level scope"])
        #expect(ex.frames.map { $0.span.line ?? 0 } == [2, 4, 6, 9])
    }

    @Test func reportPointsAtInnermostUserFrame() throws {
        let run = SessionRun(Self.source)
        #expect(run.errorText == """
            test.zy:2:12: error: type Int64 has no field missing
               2 |     return x.missing
                 |            ^~~~~~~~~
            Stacktrace:
             [1] inner at test.zy:2
             [2] middle at test.zy:4
             [3] outer at test.zy:6
             [4] top-level scope at test.zy:9

            """)
    }

    @Test func rethrowKeepsTheOriginalFrames() throws {
        let run = SessionRun("""
            f() = throw(42)
            try
                f()
            catch e
                rethrow()
            end
            """)
        let ex = try #require(run.zyException)
        #expect(ex.frames.map(\.function) == ["f", "top-level scope", "top-level scope"])
        #expect(ex.frames.map { $0.span.line ?? 0 } == [1, 3, 5])
    }

    @Test func stackOverflowCollapsesRepeatedFrames() throws {
        let run = SessionRun("f(x) = f(x) + 1\nf(1)")
        let text = try #require(run.errorText)
        #expect(text.hasPrefix("test.zy:1:8: error: StackOverflowError:"))
        #expect(text.contains(" [1] f (repeats "))
        #expect(text.hasSuffix(" [2] top-level scope at test.zy:2\n"))
    }

    @Test func compileErrorsRenderEveryDiagnostic() throws {
        let run = SessionRun("x = (1 +\ny = ]")
        let error = try #require(run.error as? CompileError)
        #expect(!error.diagnostics.isEmpty)
        #expect(run.errorText?.hasPrefix("test.zy:") == true)
    }
}
