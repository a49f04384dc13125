import SourceMap

/// One line of an IR listing before layout: a block header, a comment, or a
/// statement or branch (indented) with the span it comes from and, in an
/// adjoint, a note naming the primal statement it differentiates.
public struct ListingLine {
    public enum Kind { case header, comment, code }
    public var kind: Kind
    public var text: String
    public var span: Span
    public var note: String?

    public init(_ kind: Kind, _ text: String, span: Span = .unknown, note: String? = nil) {
        self.kind = kind
        self.text = text
        self.span = span
        self.note = note
    }
}

/// Lays out listings, plain (exactly `IRPrinter`'s text) or with source
/// annotations (`@code_ir debuginfo=:source`, `zygote --ir`):
///
///     3:
///       %7 = %4 - 1       # loop.zy:6    n -= 1
///       %8 = %5 * %2      # loop.zy:7    r *= x
///       br 2 (%7, %8)     # loop.zy:7
///
/// Comments line up in a column; the source text of a line is shown once per
/// run of consecutive statements from that line (a block header starts a new
/// run). In an adjoint each statement also names the primal statement it
/// differentiates (`∂ %8 = %5 * %2`), in a column of its own before the
/// source text. `IRParser` ignores everything after `#`, and comment lines.
public enum SourceListing {
    /// Code wider than this does not push the comment column further right.
    static let maximumCodeWidth = 40
    static let maximumSourceWidth = 60

    public static func render(_ lines: [ListingLine], annotated: Bool) -> String {
        guard annotated else {
            return lines.map { line in
                line.kind == .code ? "  " + line.text + "\n" : line.text + "\n"
            }.joined()
        }
        let located = lines.filter { $0.kind == .code && !$0.span.isUnknown }
        let codeWidth = min(maximumCodeWidth, located.map { 2 + $0.text.count }.max() ?? 0)
        let locationWidth = located.map { $0.span.fileAndLine.count }.max() ?? 0
        let noteWidth = located.compactMap { $0.note?.count }.max()
        var out = ""
        var previous: (SourceFile, Int)?
        for line in lines {
            switch line.kind {
            case .header, .comment:
                out += line.text + "\n"
                if line.kind == .header { previous = nil }
            case .code:
                let code = "  " + line.text
                guard let file = line.span.file, let number = line.span.line else {
                    out += code + "\n"
                    continue
                }
                var comment = "# " + pad(line.span.fileAndLine, locationWidth)
                if let noteWidth { comment += "  " + pad(line.note.map { "∂ " + $0 } ?? "", noteWidth + 2) }
                if previous.map({ $0.0 !== file || $0.1 != number }) ?? true {
                    comment += "  " + sourceText(file, number)
                }
                previous = (file, number)
                out += trimmedRight(pad(code, codeWidth) + "  " + comment) + "\n"
            }
        }
        return out
    }

    /// The source line without its indentation, shortened when long.
    static func sourceText(_ file: SourceFile, _ line: Int) -> String {
        let text = file.lineText(line).trimmingWhitespace()
        guard text.count > maximumSourceWidth else { return text }
        return String(text.prefix(maximumSourceWidth - 1)) + "…"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func trimmedRight(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }

    /// `# pow(x, n) @ loop.zy:3`: a method as Julia's `methods` shows it.
    public static func methodHeader(_ name: String, _ ir: IRFunction, signature: [String]? = nil) -> String {
        var params: [String] = []
        for (i, p) in ir.parameterNames.enumerated() {
            var text = p
            if let t = signature?[safe: i], t != "Any" { text += "::" + t }
            if ir.isVarargs && i == ir.parameterNames.count - 1 { text += "..." }
            params.append(text)
        }
        var text = "# " + name + "(" + params.joined(separator: ", ")
        if !ir.keywordNames.isEmpty { text += "; " + ir.keywordNames.joined(separator: ", ") }
        text += ")"
        if !ir.span.isUnknown { text += " @ " + ir.span.fileAndLine }
        return text
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
