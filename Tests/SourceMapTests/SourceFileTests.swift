import Testing
@testable import SourceMap

@Suite struct SourceFileTests {
    let file = SourceFile(name: "t.zy", text: "ab\nσx = 1\n\nlast")

    @Test(arguments: [
        (0, 1, 1), (1, 1, 2), (2, 1, 3), (3, 2, 1),
        (5, 2, 2),   // σ is two UTF-8 bytes: x starts at byte 5, column 2
        (9, 2, 6), (11, 3, 1), (12, 4, 1), (15, 4, 4),
    ])
    func locations(offset: Int, line: Int, column: Int) {
        #expect(file.location(of: offset) == Location(line: line, column: column))
    }

    @Test func clampsOutOfRangeOffsets() {
        #expect(file.location(of: -5) == Location(line: 1, column: 1))
        #expect(file.location(of: 1000) == Location(line: 4, column: 5))
    }

    @Test func lineText() {
        #expect(file.lineText(2) == "σx = 1")
        #expect(file.lineText(3) == "")
        #expect(file.lineText(4) == "last")
        #expect(file.lineText(0) == "")
        #expect(file.lineText(9) == "")
        #expect(SourceFile(name: "w", text: "a\r\nb").lineText(1) == "a")
    }

    @Test func textOfSpan() {
        #expect(file.text(of: Span(file: file, start: 3, end: 6)) == "σx")
    }
}
