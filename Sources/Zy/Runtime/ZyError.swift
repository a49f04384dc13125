import SourceMap

/// A Zy exception in flight: the thrown value (an exception struct such as
/// `ErrorException("bad")`, or any value passed to `throw`) and the frames
/// it unwound through, innermost first. Built-ins throw it through the
/// helpers on `Exceptions` (`Exceptions.boundsError`, …); the interpreter adds
/// frames as it unwinds, and `catch` turns it back into a value.
public struct ZyException: Error {
    public var value: Value
    /// Innermost first. The first frame's span is where the error was raised.
    public var frames: [Frame]

    public init(_ value: Value, frames: [Frame] = []) {
        self.value = value
        self.frames = frames
    }
}

/// A failure of the implementation itself (a broken invariant), never the
/// user's fault. Reported as an internal error, distinct from user errors.
public struct InternalError: Error, CustomStringConvertible {
    public var message: String
    public var span: Span?
    public init(_ message: String, span: Span? = nil) {
        self.message = message
        self.span = span
    }
    public var description: String { "internal error: \(message)" }
}

/// Errors found before running: syntax errors and lowering errors, each
/// already a diagnostic with its span.
public struct CompileError: Error {
    public enum Stage: String { case parse, lowering }
    public var stage: Stage
    public var diagnostics: [Diagnostic]
    public init(stage: Stage, diagnostics: [Diagnostic]) {
        self.stage = stage
        self.diagnostics = diagnostics
    }
}
