/// Which pass of a gradient computation a frame or statement belongs to.
/// Plain (non-AD) execution is `.forward`.
public enum Phase: String, Sendable, Hashable {
    case forward, backward
}

/// One frame of a Zy backtrace: the function, where in it execution was,
/// and which pass it belongs to.
public struct Frame: Sendable, Equatable {
    public var function: String
    public var span: Span
    public var phase: Phase
    /// Frames of the implementation (prelude code, built-in rules) that are
    /// hidden unless a full trace is asked for.
    public var isInternal: Bool
    /// For a backward frame: where the forward pass recorded this pullback.
    public var recordedAt: Span?

    public init(function: String, span: Span, phase: Phase = .forward,
                isInternal: Bool = false, recordedAt: Span? = nil) {
        self.function = function
        self.span = span
        self.phase = phase
        self.isInternal = isInternal
        self.recordedAt = recordedAt
    }
}

/// Renders a list of frames, innermost first, one per line:
///
///     Stacktrace:
///      [1] pow at pow.zy:5
///      [2] top-level scope at pow.zy:9
public struct BacktraceRenderer: Sendable {
    public var showInternal: Bool
    public init(showInternal: Bool = false) { self.showInternal = showInternal }

    public func render(_ frames: [Frame]) -> String {
        let shown = frames.filter { showInternal || !$0.isInternal }
        guard !shown.isEmpty else { return "" }
        var out = "Stacktrace:\n"
        for (i, f) in shown.enumerated() {
            let marker = f.phase == .backward ? "◀ pullback of " : ""
            out += " [\(i + 1)] \(marker)\(f.function) at \(f.span.fileAndLine)\n"
            if let rec = f.recordedAt, !rec.isUnknown {
                out += "     recorded at \(rec.shortDescription)\n"
            }
        }
        return out
    }
}
