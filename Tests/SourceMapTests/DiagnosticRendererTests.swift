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
    let file = SourceFile(name: "loop.zy", text: "a\nb\n  r *= x\nd\n")

    func span(_ start: Int, _ end: Int) -> Span { Span(file: file, start: start, end: end) }

    @Test func framesInnermostFirstHidingInternal() {
        var pullback = Frame(function: "pullback of pow", span: span(2, 3), phase: .backward,
                             recordedAt: span(6, 12))
        pullback.recordedIn = "pow"
        let frames = [
            Frame(function: "+", span: span(0, 1), phase: .backward, isInternal: true),
            pullback,
            Frame(function: "top-level scope", span: span(13, 14)),
        ]
        #expect(BacktraceRenderer().render(frames) == """
            Stacktrace (backward pass):
             [1] ◀ pullback of pow at loop.zy:2
                   recorded at loop.zy:3:3 in pow: r *= x
             [2] top-level scope at loop.zy:4

            """)
        #expect(BacktraceRenderer(showInternal: true).render(frames).contains("[1] ◀ + at loop.zy:1"))
    }

    @Test func callSiteSharesItsCallersLine() {
        var forward = Frame(function: "pow", span: span(2, 3))
        forward.isDifferentiated = true
        let inTopLevel = [forward, .callSite("gradient(pow, 2)"), Frame(function: "top-level scope", span: span(13, 14))]
        #expect(BacktraceRenderer().render(inTopLevel) == """
            Stacktrace (forward pass):
             [1] ▶ pow at loop.zy:2
             [2] gradient(pow, 2) at loop.zy:4

            """)
        let inFunction = [Frame.callSite("gradient(f, 1.0)"), Frame(function: "train", span: span(0, 1)),
                          Frame(function: "top-level scope", span: span(13, 14))]
        #expect(BacktraceRenderer().render(inFunction) == """
            Stacktrace:
             [1] gradient(f, 1.0) in train at loop.zy:1
             [2] top-level scope at loop.zy:4

            """)
        #expect(BacktraceRenderer().render([.callSite("gradient(f, 1.0)")]) == "Stacktrace:\n [1] gradient(f, 1.0)\n")
    }
}
