import Zy

/// The user API: `gradient`, `pullback` (alias `J`), `withgradient`,
/// `@code_adjoint`.
extension ADRuntime {
    func installAPI() {
        globals.defineBuiltin("gradient", [.any], varargs: true) { [self] _, args, kw in
            guard let f = args.first else { return .nothing }
            return try gradient(f, Array(args.dropFirst()), kw).grad
        }
        globals.defineBuiltin("withgradient", [.any], varargs: true) { [self] _, args, kw in
            guard let f = args.first else { return .nothing }
            let (y, g) = try gradient(f, Array(args.dropFirst()), kw)
            return .namedTuple(NamedTupleValue(names: [.named("val"), .named("grad")], values: [y, g]))
        }
        for name in ["pullback", "J"] {
            globals.defineBuiltin(name, [.any], varargs: true) { [self] _, args, kw in
                guard let f = args.first else { return .nothing }
                let rest = Array(args.dropFirst())
                guard case .tuple(let pair) = try pullback(f, rest, keywords: kw), pair.count == 2 else {
                    throw InternalError("_pullback returned a non-pair")
                }
                return .tuple([pair[0], try call("__ad_user_back", [pair[1], .int(rest.count)])])
            }
        }
        globals.defineBuiltin("__ad_drop_self", [.any, .any]) { _, a, _ in
            guard case .int(let n) = a[1] else { return .nothing }
            switch a[0] {
            case .tuple(let xs): return .tuple(Array(xs.dropFirst()))
            default: return .tuple(Array(repeating: .nothing, count: max(n, 0)))
            }
        }
        globals.defineBuiltin("__ad_unfields", [.any, .any]) { _, a, _ in
            guard case .int(let n) = a[1] else { return .nothing }
            switch a[0] {
            case .namedTuple(let nt): return .tuple([.nothing] + nt.values)
            case .tuple(let xs): return .tuple([.nothing] + xs)
            default: return .tuple(Array(repeating: .nothing, count: max(n, 0) + 1))
            }
        }
        installCodeAdjoint()
    }

    /// `gradient(f, args…)`: the pullback seeded with `one(y)`; `y` must be
    /// a number, as in Zygote.
    func gradient(_ f: Value, _ args: [Value], _ kw: [(Symbol, Value)]) throws -> (y: Value, grad: Value) {
        guard case .tuple(let pair) = try pullback(f, args, keywords: kw), pair.count == 2 else {
            throw InternalError("_pullback returned a non-pair")
        }
        let y = pair[0]
        switch y {
        case .int, .float, .rational, .bool, .complex: break
        default:
            throw Exceptions.error("Output should be scalar; gradients are not defined for output \(Show.repr(y))")
        }
        shadows.push()
        let g: Value
        do {
            g = try interpreter.call(pair[1], [try call("one", [y])])
        } catch {
            _ = shadows.pop()
            throw error
        }
        let table = shadows.pop()
        var grads: [Value]
        switch g {
        case .tuple(let xs): grads = Array(xs.dropFirst())
        default: grads = Array(repeating: .nothing, count: args.count)
        }
        for (i, a) in args.enumerated() where i < grads.count {
            if let s = try shadowGradient(a, table) { grads[i] = try accum(grads[i], s) }
        }
        return (y, .tuple(grads))
    }
}
