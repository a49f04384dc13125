import Zy

/// `@code_adjoint f(args…)`: the primal IR of the method called and its
/// adjoint, in the seed's format. `@code_adjoint debuginfo=:source f(args…)`
/// (`Core.code_adjoint_source`) and `zygote --adjoint FUNC`
/// (`Core.code_adjoint_methods` for a name: every method) annotate each
/// statement with its source line and each adjoint statement with the
/// primal statement it differentiates.
extension ADRuntime {
    func installCodeAdjoint() {
        globals.defineBuiltin("Core.code_adjoint", [.any], varargs: true) { [self] context, args, _ in
            guard let f = args.first else { return .nothing }
            let ir = try methodBody(f, Array(args.dropFirst()))
            let t = try transformer.transform(ir)
            context.write("Primal\n" + IRPrinter.print(ir) + "\nAdjoint\n" + AdjointListing(t).text)
            return .nothing
        }
        globals.defineBuiltin(Session.listingBuiltins.adjoint, [.any], varargs: true) { [self] context, args, _ in
            guard let f = args.first else { return .nothing }
            let rest = Array(args.dropFirst())
            let header: String
            let ir: IRFunction
            if let selected = try? Session.selectMethod(f, rest) {
                (ir, header) = selected
            } else {
                ir = try methodBody(f, rest)
                header = SourceListing.methodHeader(ir.name, ir) + " (built-in: its rule, inlined)"
            }
            context.write(try annotatedListing(ir, header: header))
            return .nothing
        }
        globals.defineBuiltin(Session.listingBuiltins.adjointMethods, [.any, .symbol]) { [self] context, args, _ in
            let methods = try Session.methodsWithIR(args[0], name: args[1])
            context.write(try methods.map { try annotatedListing($0.ir, header: $0.header) }.joined(separator: "\n"))
            return .nothing
        }
    }

    /// Header, then the primal and the adjoint, both annotated.
    func annotatedListing(_ ir: IRFunction, header: String) throws -> String {
        let t = try transformer.transform(ir)
        return header + "\nPrimal\n" + IRPrinter.printWithSource(ir) + "\nAdjoint\n" + AdjointListing(t).annotatedText
    }

    func methodBody(_ f: Value, _ args: [Value]) throws -> IRFunction {
        switch f {
        case .closure(let c): return c.body
        case .function(let g):
            guard case .method(let m) = Dispatcher.select(g, args) else { throw Exceptions.methodError(f, args) }
            if case .ir(let ir) = m.body { return ir }
            if let w = primitiveWrapper(g.name, arity: args.count) { return w }
            throw Exceptions.error("no IR for built-in method of \(g.name)")
        case .structValue:
            // a callable struct's method `(m::T)(x) = …`
            guard let (ir, _) = try resolve(f, args, []) else { throw Exceptions.methodError(f, args) }
            return ir
        default:
            throw Exceptions.methodError(f, args)
        }
    }
}
