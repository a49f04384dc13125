import ArgumentParser
import Foundation
import SourceMap
import Zy

/// `zygote FILE.zy [ARGS…]`, `zygote -e EXPR`, or `zygote` for a REPL.
///
/// Thin on purpose: everything about the language lives in `Zy`; this only
/// chooses a mode, wires standard streams to a `Session`, and turns errors
/// into diagnostics (through `ErrorReporter`) and exit statuses.
@main
struct ZygoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zygote",
        abstract: "Run Zy programs, evaluate expressions, or start a REPL.",
        discussion: """
            With FILE, runs it (arguments after FILE become ARGS). With -e, \
            evaluates EXPR and, unlike `julia -e`, prints its value unless it \
            is `nothing` or EXPR ends with `;`. With neither, reads statements \
            from standard input as a REPL (prompt `zy> ` on a terminal or \
            with -i). With --ir FUNC or --adjoint FUNC, runs FILE, then \
            prints FUNC's IR (and adjoint) annotated with source lines. \
            Exit status: 0 on success, 1 on any error.
            """)

    @Option(name: [.customShort("e"), .customLong("eval")],
            help: ArgumentHelp("Evaluate EXPR and print its value (unless `nothing`).", valueName: "EXPR"))
    var expression: String?

    @Flag(name: .customShort("i"),
          help: "Run the REPL with prompts even when standard input is not a terminal.")
    var interactive = false

    @Option(help: "Colour diagnostics: auto (when stderr is a terminal and NO_COLOR is unset), yes or no.")
    var color: ColorChoice = .auto

    @Flag(help: "Show implementation (prelude and built-in) frames in backtraces.")
    var fullTrace = false

    @Flag(help: "Stop at the first statement, forward or backward, that makes a NaN or Inf from finite inputs.")
    var checkFinite = false

    @Option(name: .customLong("ir"),
            help: ArgumentHelp("Run FILE, then print the IR of FUNC (a name: every method; or a call such as 'pow(2.0, 3)': the method it dispatches to), each statement with its source line.", valueName: "FUNC"))
    var irFunction: String?

    @Option(name: .customLong("adjoint"),
            help: ArgumentHelp("Like --ir, then the adjoint of each method, each statement with the source line and primal statement it differentiates.", valueName: "FUNC"))
    var adjointFunction: String?

    @ArgumentParser.Argument(parsing: .captureForPassthrough,
              help: ArgumentHelp("The program file, then the arguments it sees as ARGS.", valueName: "FILE ARGS"))
    var program: [String] = []

    /// Passthrough capture keeps everything from the first positional on,
    /// so a leading unknown option (or `--help` after known options) lands
    /// here instead of being diagnosed by the parser.
    func validate() throws {
        guard let first = program.first, first.hasPrefix("-"), first != "-" else { return }
        if first == "-h" || first == "--help" { throw CleanExit.helpRequest(ZygoteCommand.self) }
        throw ValidationError("Unknown option '\(first)'")
    }

    mutating func run() throws {
        let console = Console(color: color.mode, fullTrace: fullTrace)
        let succeeded: Bool
        if let listing = irFunction ?? adjointFunction {
            succeeded = printListing(listing, adjoint: irFunction == nil, console: console)
        } else if let expression {
            succeeded = evaluate(expression, arguments: program, console: console)
        } else if let path = program.first {
            succeeded = runFile(path, arguments: Array(program.dropFirst()), console: console)
        } else {
            let showsPrompts = interactive || Console.standardInputIsTerminal
            var repl = REPL(session: makeSession(console, arguments: []), console: console,
                            showsPrompts: showsPrompts)
            // A scripted REPL fails like a script would; an interactive one
            // has already shown every error to its user.
            succeeded = repl.run() || showsPrompts
        }
        console.flush()
        if !succeeded { throw ExitCode(1) }
    }

    /// A session with the options that change how programs run.
    private func makeSession(_ console: Console, arguments: [String]) -> Session {
        let session = console.makeSession(arguments: arguments)
        session.checkFinite = checkFinite
        return session
    }

    private func runFile(_ path: String, arguments: [String], console: Console) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else {
            console.reportMessage("\(path): error: could not open file \(path)\n")
            return false
        }
        let source = SourceFile(name: path, text: String(decoding: data, as: UTF8.self))
        let session = makeSession(console, arguments: arguments)
        do {
            try session.run(file: source)
            return true
        } catch {
            console.report(error)
            return false
        }
    }

    /// `--ir FUNC FILE` / `--adjoint FUNC FILE`: the program runs first (its
    /// output and errors as usual), then the listing is printed, even after
    /// a runtime error, for the methods defined by then; a syntax error in
    /// FILE stops before anything runs. Errors in FUNC (unknown name, no
    /// method) are diagnostics against FUNC's text, named after the option.
    private func printListing(_ request: String, adjoint: Bool, console: Console) -> Bool {
        guard let path = program.first else {
            console.reportMessage("error: --\(adjoint ? "adjoint" : "ir") needs a program file: zygote --\(adjoint ? "adjoint" : "ir") FUNC FILE.zy")
            return false
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            console.reportMessage("\(path): error: could not open file \(path)\n")
            return false
        }
        let session = makeSession(console, arguments: Array(program.dropFirst()))
        var succeeded = true
        do {
            try session.run(file: SourceFile(name: path, text: String(decoding: data, as: UTF8.self)))
        } catch {
            console.report(error)
            if error is CompileError { return false }
            succeeded = false
        }
        do {
            try session.printListing(of: SourceFile(name: adjoint ? "--adjoint" : "--ir", text: request), adjoint: adjoint)
        } catch {
            console.report(error)
            return false
        }
        return succeeded
    }

    /// Julia names `-e` code "none" in diagnostics; so do we.
    private func evaluate(_ text: String, arguments: [String], console: Console) -> Bool {
        let session = makeSession(console, arguments: arguments)
        do {
            if let value = try session.evaluate(file: SourceFile(name: "none", text: text)) {
                console.show(value, in: session)
            }
            return true
        } catch {
            console.report(error)
            return false
        }
    }
}

/// `--color=auto|yes|no`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, yes, no

    var mode: ColorMode {
        switch self {
        case .yes: return .ansi
        case .no: return .plain
        case .auto:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return Console.standardErrorIsTerminal && !noColor ? .ansi : .plain
        }
    }
}
