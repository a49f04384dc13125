import Zy

/// The user API: `gradient`, `pullback` (alias `J`), `withgradient`,
/// `@code_adjoint`.
extension ADRuntime {
    func installAPI() {
        globals.defineBuiltin("gradient", [.any], varargs: true) { [self] _, args, kw in
            guard let f = args.first else { return .nothing }
            return try differentiating({ callLabel("gradient", args) }) {
                try gradient(f, Array(args.dropFirst()), kw).grad
            }
        }
        globals.defineBuiltin("withgradient", [.any], varargs: true) { [self] _, args, kw in
            guard let f = args.first else { return .nothing }
            let (y, g) = try differentiating({ callLabel("withgradient", args) }) {
                try gradient(f, Array(args.dropFirst()), kw)
            }
            return .namedTuple(NamedTupleValue(names: [.named("val"), .named("grad")], values: [y, g]))
        }
        for name in ["pullback", "J"] {
            globals.defineBuiltin(name, [.any], varargs: true) { [self] _, args, kw in
                guard let f = args.first else { return .nothing }
                let rest = Array(args.dropFirst())
                let (result, written) = try differentiating({ callLabel(name, args) }) {
                    try notingWrittenGlobals { try pullback(f, rest, keywords: kw) }
                }
                guard case .tuple(let pair) = result, pair.count == 2 else {
                    throw InternalError("_pullback returned a non-pair")
                }
                return .tuple([pair[0], try call("__ad_user_back", [pair[1], .int(rest.count), .tuple(rest), .tuple(written)])])
            }
        }
        globals.defineBuiltin("__ad_drop_self", [.any, .any]) { _, a, _ in
            guard case .int(let n) = a[1] else { return .nothing }
            switch a[0] {
            // (a keyword function's pullback also returns its keywords' gradient: not the user's)
            case .tuple(let xs): return .tuple(Array(xs.dropFirst().prefix(max(n, 0))))
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
        globals.defineBuiltin("gradcheck", [.any], varargs: true) { [self] _, args, _ in
            guard let f = args.first else { return .bool(false) }
            return .bool(try gradcheck(f, Array(args.dropFirst())))
        }
        installGlobalWrites()
        installErrorChecks()
        installCodeAdjoint()
        installMutation()
        installMutationRules()
        installMutationNesting()
    }

    /// Runs a pullback with the interpreter in the backward phase (what the
    /// profiler and debugger see), restoring the phase after.
    func backward(_ back: Value, _ ȳ: Value) throws -> Value {
        let saved = interpreter.phase
        interpreter.phase = .backward
        defer { interpreter.phase = saved }
        return try interpreter.call(back, [ȳ])
    }

    /// `gradcheck(f, args…)`: the gradient agrees with central finite
    /// differences (h = 1e-6 relative) within rtol = atol = 1e-5, for Float64
    /// arguments and Float64 arrays, as Zygote's test utility.
    func gradcheck(_ f: Value, _ args: [Value]) throws -> Bool {
        guard case .tuple(let grads) = try gradient(f, args, []).grad else { return false }
        func value(_ xs: [Value]) throws -> Double {
            switch try interpreter.call(f, xs) {
            case .float(let d): return d
            case .int(let i): return Double(i)
            default: throw Exceptions.error("gradcheck: f must return a real number")
            }
        }
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-5 + 1e-5 * max(abs(a), abs(b)) }
        func number(_ v: Value) -> Double? {
            switch v {
            case .float(let d): return d
            case .int(let i): return Double(i)
            case .nothing: return 0
            default: return nil
            }
        }
        for (i, a) in args.enumerated() {
            switch a {
            case .float(let x):
                let h = 1e-6 * max(1, abs(x))
                var plus = args, minus = args
                plus[i] = .float(x + h)
                minus[i] = .float(x - h)
                let fd = (try value(plus) - value(minus)) / (2 * h)
                guard let g = number(grads[i]), close(g, fd) else { return false }
            case .array(let arr):
                guard case .float(let xs) = arr.storage else { continue }
                let gs: [Value]
                switch grads[i] {
                case .array(let ga): gs = (0..<ga.count).map { ADRuntime.element(ga, $0) }
                default: gs = Array(repeating: .nothing, count: xs.count)
                }
                for k in xs.indices {
                    let h = 1e-6 * max(1, abs(xs[k]))
                    var p = xs, m = xs
                    p[k] += h
                    m[k] -= h
                    var plus = args, minus = args
                    plus[i] = .array(ArrayValue(storage: .float(p), elementType: arr.elementType, dims: arr.dims))
                    minus[i] = .array(ArrayValue(storage: .float(m), elementType: arr.elementType, dims: arr.dims))
                    let fd = (try value(plus) - value(minus)) / (2 * h)
                    guard k < gs.count, let g = number(gs[k]), close(g, fd) else { return false }
                }
            default:
                continue
            }
        }
        return true
    }

    /// Zygote's `sensitivity`: only a real number output has a gradient.
    static func checkScalarOutput(_ y: Value) throws {
        switch y {
        case .int, .float, .rational, .bool: return
        case let d where Dual.isDual(d): return  // forward over reverse (hessian)
        case .complex: throw Exceptions.error("Output is complex, so the gradient is not defined.")
        case .array:
            throw Exceptions.error("Output is an array, so the gradient is not defined. Perhaps you wanted jacobian.")
        default:
            throw Exceptions.error("Output should be scalar; gradients are not defined for output \(Show.repr(y))")
        }
    }

    /// `gradient(f, args…)`: the pullback seeded with `one(y)`; `y` must be
    /// a number, as in Zygote.
    func gradient(_ f: Value, _ args: [Value], _ kw: [(Symbol, Value)]) throws -> (y: Value, grad: Value) {
        let (result, written) = try notingWrittenGlobals { try pullback(f, args, keywords: kw) }
        guard case .tuple(let pair) = result, pair.count == 2 else {
            throw InternalError("_pullback returned a non-pair")
        }
        let y = pair[0]
        try Self.checkScalarOutput(y)
        let (g, table) = try backwardTracking(pair[1], try call("one", [y]), written)
        var grads: [Value]
        switch g {
        // (a keyword function's pullback also returns its keywords' gradient)
        case .tuple(let xs): grads = Array(xs.dropFirst().prefix(args.count))
        default: grads = Array(repeating: .nothing, count: args.count)
        }
        return (y, .tuple(try withShadowGradients(grads, args, table)))
    }
}
