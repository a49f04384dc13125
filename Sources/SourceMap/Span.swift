/// A half-open range of UTF-8 byte offsets `[start, end)` in one source file.
///
/// Spans are small values so every AST node, IR statement and adjoint
/// statement can carry one. `file` is nil only for synthesized code with no
/// user source (for example IR built by hand in a test).
public struct Span: Hashable, Sendable {
    public var file: SourceFile?
    public var start: Int
    public var end: Int

    public init(file: SourceFile?, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// A span that points nowhere; used for synthesized statements.
    public static let unknown = Span(file: nil, start: 0, end: 0)

    public var isUnknown: Bool { file == nil }

    /// The smallest span covering both (same file assumed; `self`'s file wins).
    public func merged(with other: Span) -> Span {
        if isUnknown { return other }
        if other.isUnknown { return self }
        return Span(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    public var startLocation: Location? { file?.location(of: start) }
    public var line: Int? { file?.line(of: start) }

    /// `file.zy:LINE:COL`, or `<unknown>` for synthesized spans.
    public var shortDescription: String {
        guard let file, let loc = startLocation else { return "<unknown>" }
        return "\(file.name):\(loc.line):\(loc.column)"
    }

    /// `file.zy:LINE`, the form backtrace frames use.
    public var fileAndLine: String {
        guard let file, let l = line else { return "<unknown>" }
        return "\(file.name):\(l)"
    }

    public static func == (a: Span, b: Span) -> Bool {
        a.file === b.file && a.start == b.start && a.end == b.end
    }

    public func hash(into h: inout Hasher) {
        h.combine(start); h.combine(end)
        if let file { h.combine(ObjectIdentifier(file)) }
    }
}
