import Zy

/// The Swift side of the helpers adjoint code calls. Each treats `nothing`
/// as the zero sensitivity; numbers fast-path through the inline aliases.
extension ADRuntime {
    /// The aliases live in a process-wide table that compilers read without
    /// locks: written once (a static let runs exactly once, thread-safely),
    /// not per session, so sessions on other threads never see a write.
    private static let inlineAliases: Bool = {
        Interpreter.registerFloatOperator(Helper.mul, as: "*")
        && Interpreter.registerFloatOperator(Helper.mulr, as: "*")
        && Interpreter.registerInlineOperator(Helper.div, as: "/")
        && Interpreter.registerFloatOperator(Helper.accum, as: "+")
    }()

    func installHelpers() {
        _ = ADRuntime.inlineAliases
        let g = globals
        g.defineBuiltin(Helper.mul, [.any, .any]) { [self] _, a, _ in
            if case .nothing = a[0] { return .nothing }
            if case .nothing = a[1] { return .nothing }
            return try call("*", [a[0], try conj(a[1])])
        }
        g.defineBuiltin(Helper.mulr, [.any, .any]) { [self] _, a, _ in
            if case .nothing = a[0] { return .nothing }
            if case .nothing = a[1] { return .nothing }
            return try call("*", [try conj(a[0]), a[1]])
        }
        g.defineBuiltin(Helper.div, [.any, .any]) { [self] _, a, _ in
            if case .nothing = a[0] { return .nothing }
            return try call("/", [a[0], try conj(a[1])])
        }
        g.defineBuiltin(Helper.accum, [.any, .any]) { [self] _, a, _ in try accum(a[0], a[1]) }
        g.defineBuiltin(Helper.realPart, [.any]) { [self] _, a, _ in
            if case .complex = a[0] { return try call("real", [a[0]]) }
            return a[0]
        }
        // the prelude's folds call it (a dotted Core name is not Zy syntax)
        g["__ad_reduce_empty"] = g["Core.reduce_empty"]
        g.defineBuiltin(Helper.powMinusOne, [.any, .any]) { [self] _, a, _ in
            if try truth(call("iszero", [a[1]])) { return try call("zero", [a[0]]) }
            return try call("^", [a[0], call("-", [a[1], .int(1)])])
        }
        g.defineBuiltin(Helper.powExponent, [.any, .any, .any, .any]) { [self] _, a, _ in
            switch (a[0], a[2]) {
            case (.nothing, _), (_, .int), (_, .bool): return .nothing
            default: break
            }
            if try truth(call("iszero", [a[1]])) { return try call("zero", [a[3]]) }
            let d = try call("*", [a[3], call("log", [a[1]])])
            return try call("*", [a[0], conj(d)])
        }
        installStructuralHelpers()
        installConcatenationHelpers()
        installProducts()
        installReductions()
        installConstructorNesting()
        installShadowHelpers()
        installIterationNesting()
        installSplatNesting()
    }

    func conj(_ v: Value) throws -> Value {
        switch v {
        case .int, .float, .bool, .rational: return v
        case .complex: return try call("conj", [v])
        default: return try call("adjoint", [v])
        }
    }

    /// A real input's gradient is real (ChainRules' projection, which
    /// Zygote applies rule by rule): complex parts picked up on the way
    /// through complex arithmetic are dropped, for numbers and for arrays
    /// of real numbers.
    func projectReal(_ g: Value, onto x: Value) throws -> Value {
        switch (x, g) {
        case (.float, .complex), (.int, .complex), (.bool, .complex):
            return try call("real", [g])
        case (.array(let xa), .array(let ga)) where xa.elementType.isSubtype(of: .real) && ga.count == xa.count:
            let parts = (0..<ga.count).map { ADRuntime.element(ga, $0) }
            guard parts.contains(where: { if case .complex = $0 { return true } else { return false } }) else { return g }
            return ADRuntime.array(try parts.map { v -> Value in
                if case .complex = v { return try call("real", [v]) }
                return v
            }, dims: ga.dims)
        default:
            return g
        }
    }

    func truth(_ v: Value) -> Bool {
        if case .bool(true) = v { return true }
        return false
    }
}
