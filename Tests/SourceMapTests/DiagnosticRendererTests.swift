import Testing
@testable import SourceMap

@Suite struct DiagnosticRendererTests {
    let file = SourceFile(name: "pow.zy", text: "function pow(x, n)\n  r = y * 2\nend\n")

    @Test func plainErrorWithCaret() {
        let span = Span(file: file, start: 25, end: 26)
        let d = Diagnostic.error("UndefVarError: y not defined", at: span)
        #expect(DiagnosticRenderer().render(d) == """
            pow.zy:2:7: error: UndefVarError: y not defined
               2 |   r = y * 2
                 |       ^

            """)
    }

    @Test func multiCharacterSpanUsesTildes() {
        let span = Span(file: file, start: 25, end: 30)
        let text = DiagnosticRenderer().render(.error("bad", at: span))
        #expect(text.hasSuffix("     |       ^~~~~\n"))
    }

    @Test func spanAcrossLinesIsClippedToFirstLine() {
        let span = Span(file: file, start: 0, end: 30)
        let text = DiagnosticRenderer().render(.error("bad", at: span))
        #expect(text.contains("     | ^" + String(repeating: "~", count: 17) + "\n"))
    }

    @Test func notesWithAndWithoutSpans() {
        let d = Diagnostic.error("bad", at: Span(file: file, start: 25, end: 26),
                                 notes: [.init(message: "defined here", span: Span(file: file, start: 9, end: 12)),
                                         .init(message: "plain note")])
        let text = DiagnosticRenderer().render(d)
        #expect(text.contains("pow.zy:1:10: note: defined here\n"))
        #expect(text.hasSuffix("note: plain note\n"))
    }

    @Test func ansiColourWrapsParts() {
        let d = Diagnostic.error("bad", at: Span(file: file, start: 25, end: 26))
        let text = DiagnosticRenderer(color: .ansi).render(d)
        #expect(text.contains("\u{1B}[31merror:\u{1B}[0m"))
        #expect(text.contains("\u{1B}[32m^\u{1B}[0m"))
        #expect(text.contains("\u{1B}[36m   2 | \u{1B}[0m"))
    }

    @Test func unknownSpanHasNoSnippet() {
        let text = DiagnosticRenderer().render(.error("bad", at: .unknown))
        #expect(text == "<unknown>: error: bad\n")
    }
}

@Suite struct BacktraceRendererTests {
    let file = SourceFile(name: "loop.zy", text: "a\nb\nc\nd\n")

    @Test func framesInnermostFirstHidingInternal() {
        let frames = [
            Frame(function: "+", span: Span(file: file, start: 0, end: 1), isInternal: true),
            Frame(function: "pow", span: Span(file: file, start: 2, end: 3), phase: .backward,
                  recordedAt: Span(file: file, start: 4, end: 5)),
            Frame(function: "top-level scope", span: Span(file: file, start: 6, end: 7)),
        ]
        #expect(BacktraceRenderer().render(frames) == """
            Stacktrace:
             [1] ◀ pullback of pow at loop.zy:2
                 recorded at loop.zy:3:1
             [2] top-level scope at loop.zy:4

            """)
        #expect(BacktraceRenderer(showInternal: true).render(frames).contains("[1] + at loop.zy:1"))
    }
}
