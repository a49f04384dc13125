/// A source text with a precomputed line table.
///
/// Positions are UTF-8 byte offsets from the start of the text (0-based).
/// Lines and columns reported to users are 1-based; a column counts
/// Unicode scalars (characters as a terminal shows them, roughly) from the
/// start of the line, so a caret lines up under `σ` as under `x`.
public final class SourceFile: @unchecked Sendable {
    public let name: String
    public let text: String
    /// The UTF-8 bytes of `text`, kept so offsets index them directly.
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
            starts.append(i + 1)
        }
        self.lineStarts = starts
    }

    public var lineCount: Int { lineStarts.count }

    /// The 1-based line containing `offset`. Offsets before the start clamp to
    /// line 1; offsets past the end clamp to the last line.
    public func line(of offset: Int) -> Int {
        let o = max(0, min(offset, bytes.count))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= o { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// The 1-based (line, column) of `offset`, clamped as in `line(of:)`.
    /// The column counts Unicode scalars from the line start, plus one.
    public func location(of offset: Int) -> Location {
        let o = max(0, min(offset, bytes.count))
        let l = line(of: o)
        let start = lineStarts[l - 1]
        var column = 1
        var i = start
        while i < o {
            // Count only scalar-leading bytes (not UTF-8 continuation bytes 10xxxxxx).
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return Location(line: l, column: column)
    }

    /// The text of 1-based line `line`, without its newline. Out-of-range
    /// lines give "".
    public func lineText(_ line: Int) -> String {
        guard line >= 1 && line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The source text covered by `span` (clamped to the file).
    public func text(of span: Span) -> String {
        let lo = max(0, min(span.start, bytes.count))
        let hi = max(lo, min(span.end, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}

/// A 1-based line and column.
public struct Location: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public var description: String { "\(line):\(column)" }
}
