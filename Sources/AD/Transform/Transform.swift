import Zy

/// The forward and adjoint IR of one primal method, with what the listing
/// needs to print it.
final class Transformed {
    let primal: IRFunction
    let forward: IRFunction
    let adjoint: IRFunction
    /// Adjoint variable → primal variable whose recorded value it holds.
    let recorded: [VariableID: VariableID]
    /// Adjoint variables that are tape and capture plumbing.
    let plumbing: Set<VariableID>
    let cursorArguments: Set<VariableID>
    let pullbackNames: [VariableID: String]
    let ruleOrigins: [AdjointOrigin]
    /// Adjoint variable → the primal statement it differentiates.
    let origins: [VariableID: StatementRef]
    /// Functions whose methods decided inlining, with their generation then.
    let dependencies: [(GenericFunction, Int)]

    init(primal: IRFunction, forward: IRFunction, adjoint: IRFunction, pass: AdjointPass,
         dependencies: [(GenericFunction, Int)]) {
        self.primal = primal
        self.forward = forward
        self.adjoint = adjoint
        self.recorded = pass.recorded
        self.plumbing = pass.plumbing
        self.cursorArguments = pass.cursorArguments
        self.pullbackNames = pass.pullbackNames
        self.origins = pass.origins
        self.ruleOrigins = pass.ruleOrigins
        self.dependencies = dependencies
    }

    var isCurrent: Bool { dependencies.allSatisfy { $0.0.generation == $0.1 } }
}

/// Runs the passes and caches the result per primal IRFunction.
final class Transformer {
    let globals: Globals
    private(set) var cache: [ObjectIdentifier: Transformed] = [:]
    /// Primitive wrappers: their one call is always inlined (no custom rule
    /// or user method is consulted again, which would recurse).
    var forceInline: Set<ObjectIdentifier> = []
    /// Keeps the original too: a key is only unique while its object lives.
    var shiftCache: [ObjectIdentifier: (IRFunction, IRFunction)] = [:]
    /// Which global arrays differentiated code has written (`GlobalArrays`).
    var writtenGlobals: WrittenGlobals?

    init(globals: Globals) { self.globals = globals }

    func transform(_ ir: IRFunction) throws -> Transformed {
        let key = ObjectIdentifier(ir)
        if let t = cache[key], t.isCurrent { return t }
        var dependencies: [ObjectIdentifier: (GenericFunction, Int)] = [:]
        let force = forceInline.contains(key)
        let inlined = force ? nil : Inliner(globals: globals).inline(ir, dependencies: &dependencies)
        let hoisted = force ? nil : GlobalArrays.hoist(inlined ?? ir, globals: globals, written: writtenGlobals,
                                                          dependencies: &dependencies)
        let analysis = try Analysis(hoisted ?? inlined ?? ir) { s in self.classify(s, force: force, dependencies: &dependencies) }
        let plan = Plan(analysis)
        var adjointPass = AdjointPass(plan: plan)
        var adjoint = adjointPass.run()
        Simplify.mergeStraightLines(adjoint)
        Simplify.removeDeadCode(adjoint)
        let executed = Simplify.copy(adjoint)
        if inlined != nil || hoisted != nil {
            // The listing shows the calls as written (and globals by name).
            let original = try Analysis(ir) { s in self.classify(s, force: force, dependencies: &dependencies) }
            adjointPass = AdjointPass(plan: Plan(original))
            adjoint = adjointPass.run()
            Simplify.mergeStraightLines(adjoint)
            Simplify.removeDeadCode(adjoint)
        }
        Simplify.dropSingleEntryArguments(executed)
        Simplify.threadJumps(executed)
        Simplify.sinkIntoJumps(executed)
        Simplify.layOutAfterJumps(executed)
        var forwardPass = ForwardPass(plan: plan, adjoint: executed)
        let forward = forwardPass.run()
        let t = Transformed(primal: ir, forward: forward, adjoint: adjoint, pass: adjointPass,
                            dependencies: Array(dependencies.values))
        cache[key] = t
        return t
    }

    /// The generic function of custom rules for `name` (`@adjoint name(…)`).
    static func adjointName(_ name: String) -> String { "Core.adjoint." + name }

    private func classify(_ s: Statement, force: Bool, dependencies: inout [ObjectIdentifier: (GenericFunction, Int)]) -> StatementKind {
        switch s.instruction {
        case .closure(let fn, _):
            return .closure(captureNames: fn.captureNames)
        case .call(let callee, let args):
            guard case .global(let name) = callee else { return .pullback }
            if Rules.nonDifferentiable.contains(name) { return .inactive }
            let positional = args.allSatisfy { if case .positional = $0 { return true } else { return false } }
            guard positional else { return .pullback }
            guard let found = Rules.ruleForCall(name, arity: args.count) else {
                // A built-in applied to literals only (`[0.5 -0.3]`) computes
                // a constant: nothing to differentiate.
                let literal = args.allSatisfy { if case .positional(.constant) = $0 { return true } else { return false } }
                if literal, case .function(let g)? = globals[name],
                   !g.methods.contains(where: { if case .ir = $0.body { return true } else { return false } }) {
                    return .inactive
                }
                return .pullback
            }
            if name.hasPrefix("Core.") || force { return .rule(found) }
            // Inline only while no user method or custom rule could apply.
            guard case .function(let g)? = globals[name] else { return .pullback }
            dependencies[ObjectIdentifier(g)] = (g, g.generation)
            if g.methods.contains(where: { if case .ir = $0.body { return true } else { return false } }) { return .pullback }
            if let custom = globals.genericFunction(Transformer.adjointName(name)) {
                dependencies[ObjectIdentifier(custom)] = (custom, custom.generation)
                if !custom.methods.isEmpty { return .pullback }
            }
            return .rule(found)
        default:
            return .inactive
        }
    }
}
