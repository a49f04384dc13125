/// Renders diagnostics as text:
///
///     pow.zy:3:9: error: UndefVarError: `y` not defined
///        3 |     r = y * 2
///          |         ^
///
/// A pure function of the diagnostic and the colour mode.
public struct DiagnosticRenderer: Sendable {
    public var color: ColorMode

    public init(color: ColorMode = .plain) { self.color = color }

    public func render(_ d: Diagnostic) -> String {
        var out = header(location: d.span.shortDescription, severity: d.severity, message: d.message)
        out += snippet(d.span)
        for note in d.notes {
            if let span = note.span, !span.isUnknown {
                out += header(location: span.shortDescription, severity: .note, message: note.message)
                out += snippet(span)
            } else {
                out += paint("note: ", .bold) + note.message + "\n"
            }
        }
        return out
    }

    public func render(_ ds: [Diagnostic]) -> String {
        ds.map(render).joined()
    }

    func header(location: String, severity: Severity, message: String) -> String {
        let sev: String
        switch severity {
        case .error: sev = paint("error:", .red)
        case .warning: sev = paint("warning:", .magenta)
        case .note: sev = paint("note:", .cyan)
        }
        return paint(location + ":", .bold) + " " + sev + " " + paint(message, .bold) + "\n"
    }

    /// The source line of the span's start behind a line-number gutter, and
    /// a caret line under the span (clipped to that line; at least one caret):
    ///
    ///        2 |     return xs[2]
    ///          |            ^~~~~
    public func snippet(_ span: Span) -> String {
        guard let file = span.file else { return "" }
        let start = file.location(of: span.start)
        let lineText = file.lineText(start.line)
        let endLoc = file.location(of: span.end)
        let lineLength = lineText.unicodeScalars.count
        let width: Int
        if endLoc.line == start.line {
            width = max(1, endLoc.column - start.column)
        } else {
            width = max(1, lineLength - start.column + 1)
        }
        let number = String(start.line)
        let gutter = String(repeating: " ", count: max(0, 4 - number.count)) + number + " | "
        let blankGutter = String(repeating: " ", count: max(4, number.count)) + " | "
        let pad = String(repeating: " ", count: max(0, start.column - 1))
        let carets = "^" + String(repeating: "~", count: max(0, width - 1))
        return paint(gutter, .cyan) + lineText.replacingTabs() + "\n"
            + paint(blankGutter, .cyan) + pad + paint(carets, .green) + "\n"
    }

    enum Style: String { case red = "31", green = "32", magenta = "35", cyan = "36", bold = "1" }

    func paint(_ s: String, _ style: Style) -> String {
        color == .ansi ? "\u{1B}[\(style.rawValue)m\(s)\u{1B}[0m" : s
    }
}

extension String {
    /// Tabs become single spaces so columns (which count scalars) stay aligned.
    func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}
