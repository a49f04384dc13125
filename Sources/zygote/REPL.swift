import SourceMap
import Zy

/// Read–eval–print over standard input: one entry is a line plus more
/// lines while the text is an unfinished construct. Results print through
/// `Session.display`; errors are reported and the loop goes on. Ends at end
/// of input (Ctrl-D); `exit()` ends the process from inside the runtime.
struct REPL {
    let session: Session
    let console: Console
    let showsPrompts: Bool
    /// Entries evaluated so far, naming each one `REPL[n]` as Julia does.
    private var entryCount = 0

    static let prompt = "zy> "
    static let continuationPrompt = "    "

    init(session: Session, console: Console, showsPrompts: Bool) {
        self.session = session
        self.console = console
        self.showsPrompts = showsPrompts
    }

    /// Returns false when some entry failed.
    mutating func run() -> Bool {
        var allSucceeded = true
        while let entry = readEntry() {
            if entry.allSatisfy(\.isWhitespace) { continue }
            entryCount += 1
            if !evaluate(entry) { allSucceeded = false }
        }
        if showsPrompts { console.write("\n") }
        return allSucceeded
    }

    private func evaluate(_ text: String) -> Bool {
        do {
            let file = SourceFile(name: "REPL[\(entryCount)]", text: text)
            if let value = try session.evaluate(file: file) {
                console.show(value, in: session)
            }
            return true
        } catch {
            console.report(error)
            return false
        }
    }

    /// One complete entry, or nil at end of input. An entry still
    /// incomplete at end of input is returned as is, so its syntax error is
    /// reported rather than silently dropped.
    private func readEntry() -> String? {
        prompt(REPL.prompt)
        guard let first = console.readLine() else { return nil }
        var text = REPL.strippingPastedPrompt(first)
        while Session.isIncomplete(text) {
            prompt(REPL.continuationPrompt)
            guard let more = console.readLine() else { break }
            text += "\n" + more
        }
        return text
    }

    private func prompt(_ text: String) {
        if showsPrompts { console.write(text) }
    }

    /// Lines copied from a Julia or Zy session (the seed's transcripts)
    /// keep working when pasted: a leading prompt is dropped.
    static func strippingPastedPrompt(_ line: String) -> String {
        for prompt in ["julia> ", REPL.prompt] where line.hasPrefix(prompt) {
            return String(line.dropFirst(prompt.count))
        }
        return line
    }
}
