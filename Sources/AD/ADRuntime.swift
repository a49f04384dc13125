import SourceMap
import Zy

/// Installs reverse-mode AD into a session: the tape and helper built-ins,
/// `Core._pullback`, the user API (`gradient`, `pullback`/`J`,
/// `withgradient`, `@code_adjoint`) and the Zy prelude of rules.
public final class ADRuntime {
    let session: Session
    var globals: Globals { session.globals }
    var interpreter: Interpreter { session.interpreter }
    let transformer: Transformer
    let shadows = Shadows()
    /// Wrappers `(%1, args…) → name(args…)` that give built-in primitives a
    /// forward and adjoint IR of their own, by name and arity.
    var primitiveWrappers: [RuleKey: IRFunction] = [:]
    /// Global arrays written per forward pass (`API/GlobalWrites.swift`).
    let writtenGlobals = WrittenGlobals()
    /// `Core._pullback`'s binding, and per generic function the binding of
    /// its custom rules' table (`Core.adjoint.name`): read on every
    /// `_pullback` call, resolved once instead of by name each time.
    lazy var pullbackBinding = globals.binding(Helper.pullback)
    /// (The function is kept alive so its identifier is never reused.)
    var customRuleBindings: [ObjectIdentifier: (function: GenericFunction, binding: GlobalBinding)] = [:]

    init(session: Session) {
        self.session = session
        self.transformer = Transformer(globals: session.globals)
        transformer.writtenGlobals = writtenGlobals
    }

    /// Installs AD into `session`; the runtime stays alive through the
    /// built-ins it registers.
    @discardableResult
    public static func install(into session: Session) -> ADRuntime {
        let ad = ADRuntime(session: session)
        ad.installHelpers()
        Tape.install(into: session.globals)
        ad.installPullback()
        ad.installAPI()
        ad.installModelUpdate()
        ad.installCheckpoint()
        ad.loadPrelude()
        _ = ForwardMode.install(into: ad)
        ad.installFiniteCheck()
        TaylorMode.install(into: session.globals)
        return ad
    }

    /// Calls a global function by name.
    func call(_ name: String, _ args: [Value]) throws -> Value {
        guard let f = globals[name] else { throw Exceptions.undefVarError(name) }
        return try interpreter.call(f, args)
    }

    var accum: Accum { Accum(call: { [self] in try self.call($0, $1) }) }

    func accum(_ a: Value, _ b: Value) throws -> Value { try accum.callAsFunction(a, b) }

    private func loadPrelude() {
        let before = Set(globals.names)
        do {
            try session.run(file: SourceFile(name: "AD prelude", text: Prelude.source))
        } catch {
            // The prelude is fixed text covered by tests; a failure here is a bug.
            interpreter.write("internal error: AD prelude failed: \(error)\n")
        }
        // Prelude code is implementation: hidden in backtraces, so errors
        // point at the user's line.
        for name in globals.names where !before.contains(name) || name.hasPrefix("Core.adjoint.") {
            guard case .function(let g)? = globals[name] else { continue }
            for m in g.methods { if case .ir(let ir) = m.body { ADRuntime.markInternal(ir) } }
        }
    }

    static func markInternal(_ ir: IRFunction) {
        ir.isInternal = true
        for b in ir.blocks {
            for s in b.statements {
                if case .closure(let fn, _) = s.instruction { markInternal(fn) }
            }
        }
    }
}
