import Foundation
import SourceMap

/// A running Zy program or REPL: the globals with all built-ins installed,
/// the interpreter, standard streams, `ARGS` and `include`.
public final class Session {
    public let globals: Globals
    public let interpreter: Interpreter
    /// Directories of the files being run, innermost last (`include` resolves
    /// relative paths against the including file).
    var directories: [String] = []

    public init(output: @escaping (String) -> Void, input: @escaping () -> String?) {
        globals = Globals()
        interpreter = Interpreter(globals: globals, output: output, input: input)
        arguments = []
        Builtins.installAll(into: globals)
        installSessionBuiltins()
        globals.defineConstant("NonFiniteError", .type(.structType(StructTypeRef(Exceptions.nonFiniteErrorType))))
        setArguments()
    }

    /// `ARGS`.
    public var arguments: [String] {
        didSet { setArguments() }
    }

    public var observer: ExecutionObserver? {
        get { interpreter.observer }
        set { interpreter.observer = newValue }
    }

    public var stepLimit: Int? {
        get { interpreter.stepLimit }
        set { interpreter.stepLimit = newValue }
    }

    /// `--check-finite`: stop at the first statement, forward or backward,
    /// that makes a NaN or Inf from finite inputs (see `NonFinite`). Code
    /// entered afterwards is compiled with the checks; set it before running.
    public var checkFinite: Bool {
        get { interpreter.checkFinite }
        set { interpreter.checkFinite = newValue }
    }

    /// Parses the whole file (reporting every syntax error before anything
    /// runs), then lowers and runs each top-level statement in order.
    public func run(file: SourceFile) throws {
        _ = try execute(file)
    }

    /// Like `run`, returning the last statement's value; nil when the input
    /// is empty or ends with `;`.
    public func evaluate(file: SourceFile) throws -> Value? {
        let value = try execute(file)
        if Session.endsWithSemicolon(file.text) { return nil }
        return value
    }

    public static func isIncomplete(_ text: String) -> Bool {
        Parser.parse(SourceFile(name: "REPL", text: text)).isIncomplete
    }

    public func display(_ value: Value) -> String {
        Show.display(value)
    }

    /// Runs on the big-stack thread; output is flushed even when it fails.
    func execute(_ file: SourceFile) throws -> Value? {
        defer { interpreter.flush() }
        // Parsing and lowering recurse on nesting depth: the big stack too.
        return try BigStack.run { [self] in
            // Each run (not an `include` inside one) gets the whole step budget.
            if directories.isEmpty { interpreter.resetStepBudget() }
            let parsed = Parser.parse(file)
            if !parsed.diagnostics.isEmpty {
                throw CompileError(stage: .parse, diagnostics: parsed.diagnostics)
            }
            directories.append(Session.directory(of: file.name))
            defer { directories.removeLast() }
            var last: Value?
            for statement in parsed.statements {
                let thunk = try lower(statement, file: file)
                last = try interpreter.runThunk(thunk)
            }
            return last
        }
    }

    func lower(_ statement: Expr, file: SourceFile) throws -> IRFunction {
        let result = Lowerer.lowerTopLevel(statement, file: file)
        let errors = result.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw CompileError(stage: .lowering, diagnostics: errors) }
        return result.function
    }

    static func endsWithSemicolon(_ text: String) -> Bool {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { line -> Substring in
            // A trailing comment does not count (`x = 1; # note`).
            if let hash = line.firstIndex(of: "#") { return line[..<hash] }
            return line
        }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        guard let last = lines.last else { return true }
        return last.trimmingCharacters(in: .whitespaces).hasSuffix(";")
    }

    static func directory(of path: String) -> String {
        (path as NSString).deletingLastPathComponent
    }

    func setArguments() {
        let values = arguments.map(Value.string)
        globals["ARGS"] = .array(ArrayValue(storage: .values(values), elementType: .string, dims: [values.count]))
    }
}
