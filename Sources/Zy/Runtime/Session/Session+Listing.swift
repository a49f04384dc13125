import SourceMap

/// Listings annotated with source lines: `@code_ir debuginfo=:source f(a)`
/// (`Core.code_ir_source`), every method of a function
/// (`Core.code_ir_methods`), and the entry point of `zygote --ir FUNC` and
/// `--adjoint FUNC` (`printListing`), where FUNC is a function name or a call.
extension Session {
    /// Built-in names the listing entry points call; `@code_adjoint`'s are
    /// installed by the AD runtime.
    public static let listingBuiltins = (ir: "Core.code_ir_source", irMethods: "Core.code_ir_methods",
                                         adjoint: "Core.code_adjoint_source", adjointMethods: "Core.code_adjoint_methods")

    func installListingBuiltins() {
        globals.defineBuiltin(Session.listingBuiltins.ir, [.any], varargs: true) { context, args, _ in
            guard let f = args.first else { return .nothing }
            let (ir, header) = try Session.selectMethod(f, Array(args.dropFirst()))
            context.write(header + "\n" + IRPrinter.printWithSource(ir))
            return .nothing
        }
        globals.defineBuiltin(Session.listingBuiltins.irMethods, [.any, .symbol]) { context, args, _ in
            let methods = try Session.methodsWithIR(args[0], name: args[1])
            context.write(methods.map { $0.header + "\n" + IRPrinter.printWithSource($0.ir) }.joined(separator: "\n"))
            return .nothing
        }
    }

    /// The IR of the method `f(args…)` dispatches to, and its header line.
    public static func selectMethod(_ f: Value, _ args: [Value]) throws -> (IRFunction, String) {
        if case .function(let g) = f, case .method(let m) = Dispatcher.select(g, args), case .ir(let ir) = m.body {
            return (ir, SourceListing.methodHeader(g.name, ir, signature: m.signature.map(\.description)))
        }
        let ir = try methodBody(f, args)
        return (ir, SourceListing.methodHeader(ir.name, ir))
    }

    /// Every method of `f` written in Zy, each with its header (`# pow(x, n) @ loop.zy:3`),
    /// after a first line counting them as Julia's `methods` does. `name`
    /// is the symbol `f` was named by, for messages.
    public static func methodsWithIR(_ f: Value, name: Value) throws -> [(header: String, ir: IRFunction)] {
        let shown: String
        if case .symbol(let s) = name { shown = s.name } else { shown = Show.repr(name) }
        switch f {
        case .closure(let c):
            return [(SourceListing.methodHeader(c.body.name, c.body), c.body)]
        case .structValue(let s) where s.type.callMethods != nil:
            // a callable struct: the methods of its type's call table
            guard let table = s.type.callMethods else { return [] }
            return try methodsWithIR(.function(table), name: name)
        case .function(let g):
            var out: [(String, IRFunction)] = []
            for m in g.methods {
                guard case .ir(let ir) = m.body else { continue }
                out.append((SourceListing.methodHeader(g.name, ir, signature: m.signature.map(\.description)), ir))
            }
            let builtins = g.methods.count - out.count
            guard !out.isEmpty else {
                throw Exceptions.argumentError("`\(shown)` has only built-in methods, which have no IR; "
                                               + "pass a call such as `\(shown)(1.0)` to see the rule used for it")
            }
            // Julia counts a callable struct's methods "for callable object".
            let owner = g.name.hasPrefix("(::") ? "callable object" : "generic function \"\(g.name)\""
            var count = "# \(out.count) method\(out.count == 1 ? "" : "s") for \(owner)"
            if builtins > 0 { count += " (and \(builtins) built-in, not shown)" }
            out[0].0 = count + ":\n\n" + out[0].0
            return out
        default:
            throw Exceptions.argumentError("`\(shown)` is not a function: it is a \(f.type)")
        }
    }

    /// `zygote --ir FUNC` / `--adjoint FUNC`, after the program has run:
    /// `request` holds FUNC, a function name (every method is listed) or a
    /// call (the method it dispatches to). Errors carry spans into `request`.
    public func printListing(of request: SourceFile, adjoint: Bool) throws {
        defer { interpreter.flush() }
        let parsed = Parser.parse(request)
        if !parsed.diagnostics.isEmpty { throw CompileError(stage: .parse, diagnostics: parsed.diagnostics) }
        guard parsed.statements.count == 1, let e = parsed.statements.first else {
            let span = Span(file: request, start: 0, end: request.bytes.count)
            throw CompileError(stage: .parse, diagnostics: [.error(Session.listingUsage, at: span)])
        }
        let statement: Expr
        switch e.kind {
        case .identifier(let name), .field(_, let name):
            let builtin = adjoint ? Session.listingBuiltins.adjointMethods : Session.listingBuiltins.irMethods
            statement = Expr(.call(Expr(.identifier(builtin), e.span),
                                   [.positional(e), .positional(Expr(.symbol(name), e.span))]), e.span)
        case .call:
            let option = Expr(.assign(Expr(.identifier("debuginfo"), e.span), Expr(.symbol("source"), e.span)), e.span)
            statement = Expr(.macroCall(name: adjoint ? "code_adjoint" : "code_ir", [option, e]), e.span)
        default:
            throw CompileError(stage: .parse, diagnostics: [.error(Session.listingUsage, at: e.span)])
        }
        let thunk = try lower(statement, file: request)
        _ = try BigStack.run { [self] in try interpreter.runThunk(thunk) }
    }

    static let listingUsage = "expected a function name (`pow`) or a call (`pow(2.0, 3)`)"
}
