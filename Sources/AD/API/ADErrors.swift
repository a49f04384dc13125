import SourceMap
import Zy

/// Clear errors for what cannot be differentiated, raised only when a
/// gradient actually reaches it (in the backward pass), so the report lands
/// on the user's line through the frames of the pullback that failed:
///   - a built-in without a derivative rule, named with its argument types
///     (`no derivative rule for parse(::Type{Float64}, ::String)`);
///   - a pullback of a user's `@adjoint` returning gradients of the wrong
///     shape (not a tuple, one per argument; an array of another size);
///   - a path through a `catch` block (`ADRuntime.catchBlockReached`, called by
///     the adjoint of a catch block).
extension ADRuntime {
    /// Pullback wrappers as Zy code, so they stay differentiable (nested AD)
    /// and appear as (hidden) prelude frames. As in ZygoteRules, a user's
    /// pullback is not called with `nothing` (no gradient flows): nested AD
    /// asks for the gradient of the adjoint's `y` too, which is usually unused.
    static let errorPrelude = #"""
    __ad_no_rule_back(f, args) = Δ -> __ad_no_rule(f, args, Δ)
    __ad_checked_back(back, args, rule) = Δ -> Δ === nothing ? nothing : __ad_self_nothing(__ad_check_adjoint(back(Δ), args, rule))
    @adjoint __ad_check_adjoint(g, args, rule) = __ad_check_adjoint(g, args, rule), z̄ -> (z̄, nothing, nothing)
    """#

    /// Called by the adjoint of a catch block with its location and function.
    static let catchBlockReached = "__ad_catch_block!"

    func installErrorChecks() {
        globals.defineBuiltin("__ad_no_rule", [.any, .any, .any]) { _, a, _ in
            if case .nothing = a[2] { return .nothing }
            // Float64(x), Int(x) convert: the gradient passes through (Zygote's
            // `(T::Type{<:Real})(x::Real)` rule).
            if case .type(let t) = a[0], t == .float64 || t == .int64, case .tuple(let xs) = a[1], xs.count == 1 {
                return .tuple([.nothing, a[2]])
            }
            var types: [Value] = []
            if case .tuple(let xs) = a[1] { types = xs }
            throw Exceptions.error(Self.noRuleMessage(a[0], types))
        }
        globals.defineBuiltin("__ad_check_adjoint", [.any, .any, .any]) { _, a, _ in
            try Self.checkCustomGradient(a[0], a[1], a[2])
            return a[0]
        }
        globals.defineBuiltin(ADRuntime.catchBlockReached, [.any, .any]) { _, a, _ in
            throw Exceptions.error("Can't differentiate function execution in catch block at \(Show.string(a[0])): "
                + "the forward pass of \(Show.string(a[1])) caught an exception, so its gradient is not defined")
        }
        do {
            let before = Set(globals.names)
            try session.run(file: SourceFile(name: "AD prelude", text: Self.errorPrelude))
            for name in globals.names where !before.contains(name) {
                guard case .function(let g)? = globals[name] else { continue }
                for m in g.methods { if case .ir(let ir) = m.body { ADRuntime.markInternal(ir) } }
            }
        } catch {
            // Fixed text covered by tests; a failure here is a bug.
            interpreter.write("internal error: AD error prelude failed: \(error)\n")
        }
    }

    /// `parse(::Type{Float64}, ::String)`, as Julia's MethodError shows a call.
    static func signature(_ f: Value, _ args: [Value]) -> String {
        let types = args.map { v -> String in
            if case .type(let t) = v { return "::Type{\(t)}" }
            return "::" + v.type.description
        }
        return "\(describe(f))(\(types.joined(separator: ", ")))"
    }

    /// The gradients a user's `@adjoint` pullback returned: `nothing`, or a
    /// tuple with one per argument, arrays the size of their argument.
    static func checkCustomGradient(_ g: Value, _ arguments: Value, _ rule: Value) throws {
        guard case .tuple(let args) = arguments else { return }
        func name() -> String { describeRule(rule, args) }
        switch g {
        case .nothing:
            return
        case .tuple(let gs):
            guard gs.count == args.count else {
                let n = gs.count == 1 ? "1 gradient" : "\(gs.count) gradients"
                throw Exceptions.error("the pullback of \(name()) returned \(n) for \(args.count) argument\(args.count == 1 ? "" : "s"): "
                    + "\(Show.repr(g)); it must return a tuple with one gradient (or nothing) per argument")
            }
            for (k, (x, dx)) in zip(args, gs).enumerated() {
                switch (x, dx) {
                case (.array(let a), .array(let d)) where a.dims != d.dims:
                    throw Exceptions.dimensionMismatch("the pullback of \(name()) returned a gradient of size "
                        + "\(shape(d.dims)) for argument \(k + 1) of size \(shape(a.dims))")
                case (.int, .array), (.float, .array), (.bool, .array), (.rational, .array):
                    throw Exceptions.dimensionMismatch("the pullback of \(name()) returned an array gradient "
                        + "for argument \(k + 1), the number \(Show.repr(x))")
                default:
                    continue
                }
            }
        default:
            throw Exceptions.error("the pullback of \(name()) must return a tuple of gradients, one per argument; "
                + "got \(Show.repr(g))")
        }
    }

    static func describeRule(_ rule: Value, _ args: [Value]) -> String {
        guard case .function(let table) = rule, case .method(let m) = Dispatcher.select(table, args),
              case .ir(let ir) = m.body else { return "an @adjoint rule" }
        return ruleLabel(String(table.name.dropFirst(Transformer.adjointName("").count)), m, ir)
    }

    static func shape(_ dims: [Int]) -> String {
        dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.map(String.init).joined(separator: ", ") + ")"
    }
}
