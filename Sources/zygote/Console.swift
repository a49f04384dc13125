import Foundation
import SourceMap
import Zy
import AD

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's standard streams as the program and the diagnostics see
/// them. Program output goes through C stdio's buffer (so a built-in `exit`
/// that calls `exit(3)` still flushes it); stdout is flushed before anything
/// is written to stderr or read from stdin, so interleavings stay in order.
final class Console {
    let color: ColorMode
    let fullTrace: Bool

    init(color: ColorMode, fullTrace: Bool) {
        self.color = color
        self.fullTrace = fullTrace
    }

    static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    func makeSession(arguments: [String]) -> Session {
        let session = Session(output: { [unowned self] in self.write($0) },
                              input: { [unowned self] in self.readLine() })
        session.arguments = arguments
        ADRuntime.install(into: session)
        return session
    }

    func write(_ text: String) {
        Console.put(text, to: stdout)
    }

    /// One line of standard input without its line ending (`\n` or `\r\n`),
    /// as Julia's `readline()`; nil at end of input.
    func readLine() -> String? {
        fflush(stdout)
        guard var line = Swift.readLine(strippingNewline: true) else { return nil }
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }

    /// The REPL's and `-e`'s display of a result: nothing for `nothing`.
    func show(_ value: Value, in session: Session) {
        if case .nothing = value { return }
        write(session.display(value) + "\n")
    }

    func report(_ error: Error) {
        reportMessage(ErrorReporter.render(error, color: color, fullTrace: fullTrace))
    }

    func reportMessage(_ text: String) {
        fflush(stdout)
        Console.put(text.hasSuffix("\n") ? text : text + "\n", to: stderr)
        fflush(stderr)
    }

    func flush() {
        fflush(stdout)
        fflush(stderr)
    }

    /// Writes bytes, not a C string, so text containing NUL is not cut short.
    private static func put(_ text: String, to stream: UnsafeMutablePointer<FILE>?) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            _ = fwrite(base, 1, bytes.count, stream)
        }
    }
}
