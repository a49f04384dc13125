import Zy

/// `@code_adjoint f(args…)`: the primal IR of the method called and its
/// adjoint, in the seed's format.
extension ADRuntime {
    func installCodeAdjoint() {
        globals.defineBuiltin("Core.code_adjoint", [.any], varargs: true) { [self] context, args, _ in
            guard let f = args.first else { return .nothing }
            let ir = try methodBody(f, Array(args.dropFirst()))
            let t = try transformer.transform(ir)
            context.write("Primal\n" + IRPrinter.print(ir) + "\nAdjoint\n" + AdjointListing(t).text)
            return .nothing
        }
    }

    func methodBody(_ f: Value, _ args: [Value]) throws -> IRFunction {
        switch f {
        case .closure(let c): return c.body
        case .function(let g):
            guard case .method(let m) = Dispatcher.select(g, args) else { throw Exceptions.methodError(f, args) }
            if case .ir(let ir) = m.body { return ir }
            if let w = primitiveWrapper(g.name, arity: args.count) { return w }
            throw Exceptions.error("no IR for built-in method of \(g.name)")
        default:
            throw Exceptions.methodError(f, args)
        }
    }
}
