/// How serious a diagnostic is.
public enum Severity: String, Sendable {
    case error, warning, note
}

/// A message about the user's program, tied to a span. Diagnostics are plain
/// values; `DiagnosticRenderer` turns them into text.
public struct Diagnostic: Sendable, Equatable {
    public var severity: Severity
    public var message: String
    public var span: Span
    /// Secondary messages, each optionally with its own span.
    public var notes: [Note]

    public struct Note: Sendable, Equatable {
        public var message: String
        public var span: Span?
        public init(message: String, span: Span? = nil) {
            self.message = message
            self.span = span
        }
    }

    public init(severity: Severity = .error, message: String, span: Span, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.span = span
        self.notes = notes
    }

    public static func error(_ message: String, at span: Span, notes: [Note] = []) -> Diagnostic {
        Diagnostic(severity: .error, message: message, span: span, notes: notes)
    }
}

/// Whether rendered text uses ANSI colour escapes.
public enum ColorMode: Sendable {
    case plain, ansi
}
