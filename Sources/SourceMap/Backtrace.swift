/// Which pass of a gradient computation a frame or statement belongs to.
/// Plain (non-AD) execution is `.forward`.
public enum Phase: String, Sendable, Hashable {
    case forward, backward
}

/// One frame of a Zy backtrace: the function, where in it execution was,
/// and which pass it belongs to.
public struct Frame: Sendable, Equatable {
    /// What the frame shows: a function name, or a label such as
    /// `pullback of pow` or `gradient(pow, 2, 3)`.
    public var function: String
    public var span: Span
    public var phase: Phase
    /// Frames of the implementation (prelude code, built-in rules) that are
    /// hidden unless a full trace is asked for.
    public var isInternal: Bool
    /// For the failing pullback: the forward statement that recorded it.
    public var recordedAt: Span?
    /// The function `recordedAt` is in.
    public var recordedIn: String?
    /// Ran under differentiation: a forward frame shows `▶` (backward
    /// frames always show `◀`).
    public var isDifferentiated: Bool
    /// A call of a built-in (`gradient(f, x)`) with no source of its own:
    /// it happened at the statement of the next (calling) frame.
    public var isCallSite: Bool

    public init(function: String, span: Span, phase: Phase = .forward,
                isInternal: Bool = false, recordedAt: Span? = nil) {
        self.function = function
        self.span = span
        self.phase = phase
        self.isInternal = isInternal
        self.recordedAt = recordedAt
        self.recordedIn = nil
        self.isDifferentiated = false
        self.isCallSite = false
    }

    /// A built-in's call, located by its caller's frame.
    public static func callSite(_ label: String) -> Frame {
        var f = Frame(function: label, span: .unknown)
        f.isCallSite = true
        return f
    }

    /// `◀ ` for backward frames, `▶ ` for forward frames under
    /// differentiation, nothing otherwise.
    public var marker: String {
        if phase == .backward { return "◀ " }
        return isDifferentiated ? "▶ " : ""
    }
}

/// Renders a list of frames, innermost first, one per line, the way Julia
/// prints a stacktrace; pullbacks are marked `◀`, forward passes under
/// differentiation `▶`, and the failing pullback says which forward
/// statement recorded it:
///
///     Stacktrace (backward pass):
///      [1] ◀ pullback of *(a::Real, b::Real) (@adjoint at pow.zy:10) at pow.zy:13
///            recorded at pow.zy:5:9 in pow: r *= x
///      [2] ◀ pullback of pow at pow.zy:5
///      [3] gradient(pow, 2, 3) at pow.zy:17
public struct BacktraceRenderer: Sendable {
    public var showInternal: Bool
    public init(showInternal: Bool = false) { self.showInternal = showInternal }

    public func render(_ frames: [Frame]) -> String {
        let shown = frames.filter { showInternal || !$0.isInternal }
        guard !shown.isEmpty else { return "" }
        var out = header(shown)
        var number = 0
        var i = 0
        while i < shown.count {
            let f = shown[i]
            number += 1
            let prefix = " [\(number)] "
            if f.isCallSite, f.span.isUnknown, i + 1 < shown.count, !shown[i + 1].isCallSite {
                // `gradient(…)` and its caller share one line.
                let caller = shown[i + 1]
                let context = caller.function == "top-level scope" ? "" : " in \(caller.marker)\(caller.function)"
                out += prefix + f.function + context + " at \(caller.span.fileAndLine)\n"
                i += 2
                continue
            }
            let location = f.span.isUnknown ? "" : " at \(f.span.fileAndLine)"
            out += prefix + f.marker + f.function + location + "\n"
            if let rec = f.recordedAt, !rec.isUnknown {
                out += String(repeating: " ", count: prefix.count + 2) + "recorded at \(rec.shortDescription)"
                if let name = f.recordedIn { out += " in \(name)" }
                let code = Self.sourceLine(rec)
                out += code.isEmpty ? "\n" : ": \(code)\n"
            }
            i += 1
        }
        return out
    }

    /// Says which pass the error happened in when it was under
    /// differentiation.
    func header(_ frames: [Frame]) -> String {
        guard let first = frames.first(where: { !$0.isCallSite }) else { return "Stacktrace:\n" }
        if first.phase == .backward { return "Stacktrace (backward pass):\n" }
        if first.isDifferentiated { return "Stacktrace (forward pass):\n" }
        return "Stacktrace:\n"
    }

    /// The source a span covers, on one line, shortened if long.
    static func sourceLine(_ span: Span) -> String {
        guard let file = span.file else { return "" }
        let text = file.text(of: span)
        var line = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        line = line.trimmingWhitespace()
        if line.unicodeScalars.count > 60 { line = String(line.prefix(57)) + "..." }
        if text.contains("\n") && !line.hasSuffix("...") { line += " ..." }
        return line
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
