import Foundation
import SourceMap

/// Built-ins that need the session: `include` (files, relative paths) and
/// `@code_ir` (lowered IR of the method a call dispatches to).
extension Session {
    func installSessionBuiltins() {
        // Like the language's own built-ins, these take no keywords.
        let outer = globals.defaultBuiltinKeywords
        globals.defaultBuiltinKeywords = .none
        defer { globals.defaultBuiltinKeywords = outer }
        globals.defineBuiltin("include", [.string]) { [unowned self] _, args, _ in
            guard case .string(let path) = args[0] else { return .nothing }
            return try include(path)
        }
        // `exit(n)` ends the process, after the program's buffered output.
        globals.defineBuiltin("exit", [.integer], varargs: true) { [unowned self] _, args, _ in
            guard args.count <= 1 else { throw Exceptions.methodError(.function(GenericFunction(name: "exit")), args) }
            var code: Int32 = 0
            if case .int(let n)? = args.first { code = Int32(truncatingIfNeeded: n) }
            interpreter.flush()
            Foundation.exit(code)
        }
        globals.defineBuiltin("Core.code_ir", [.any], varargs: true) { [unowned self] context, args, _ in
            guard let f = args.first else { return .nothing }
            let ir = try Session.methodBody(f, Array(args.dropFirst()))
            context.write(IRPrinter.print(ir))
            return .nothing
        }
        installListingBuiltins()
    }

    func include(_ path: String) throws -> Value {
        let base = directories.last ?? ""
        let full = path.hasPrefix("/") || base.isEmpty ? path : base + "/" + path
        guard let data = FileManager.default.contents(atPath: full),
              let text = String(data: data, encoding: .utf8) else {
            throw Exceptions.error("could not open file \(full)")
        }
        return try execute(SourceFile(name: full, text: text)) ?? .nothing
    }

    /// The IR of the method `f(args…)` dispatches to.
    static func methodBody(_ f: Value, _ args: [Value]) throws -> IRFunction {
        switch f {
        case .closure(let c):
            return c.body
        case .function(let g):
            guard case .method(let m) = Dispatcher.select(g, args) else { throw Exceptions.methodError(f, args) }
            if case .ir(let ir) = m.body { return ir }
            throw Exceptions.error("no IR for built-in method of \(g.name)")
        case .structValue(let s) where s.type.callMethods != nil:
            guard let g = s.type.callMethods, case .method(let m) = Dispatcher.select(g, args),
                  case .ir(let ir) = m.body else { throw Exceptions.methodError(f, args) }
            return ir
        default:
            throw Exceptions.methodError(f, args)
        }
    }
}
