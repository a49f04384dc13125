import Foundation
import Zy

/// Registers the `TaylorScalar` methods of the operators and of the
/// standard library's differentiable scalar functions, as built-in methods
/// beside the Float64 ones (never through `defineMethod`, which would
/// deoptimise every compiled function's inline arithmetic).
///
/// Each rule computes the constant term by calling the primal function on
/// `c₀` (so `sqrt`, `log`, `asin`, … throw the same `DomainError`s as on
/// Float64) and the rest with a recurrence of `TaylorSeries`. A function
/// with no rule here meets a `TaylorScalar` in its `Real` method, which
/// answers `MethodError: no method matching f(::TaylorScalar)` at the
/// user's line, as Julia does for a function a number type does not
/// support.
struct TaylorRules {
    typealias Series = TaylorSeries.Series
    let globals: Globals
    let taylor = TaylorScalar.zyType

    func function(_ name: String) -> Value {
        globals.genericFunction(name).map { .function($0) } ?? .nothing
    }

    /// The primal `f(args…)` on Float64s, as a Double.
    static func primal(_ ctx: CallContext, _ f: Value, _ args: [Double]) throws -> Double {
        let r = try ctx.call(f, args.map { .float($0) })
        guard let d = TaylorScalar.real(r) else { throw Exceptions.typeError("taylor", expected: .float64, got: r) }
        return d
    }

    /// `name(::TaylorScalar)`: `rule(a, b₀)` with `b₀ = name(a₀)`.
    func unary(_ name: String, _ rule: @escaping (TaylorScalar, Double) throws -> Series) {
        let f = function(name)
        globals.defineBuiltin(name, [taylor]) { ctx, args, _ in
            guard let a = TaylorScalar(args[0]) else { throw Exceptions.methodError(f, args) }
            let b0 = try TaylorRules.primal(ctx, f, [a.constantTerm])
            return a.with(try rule(a, b0))
        }
    }

    /// `name(::TaylorScalar)` answering a plain value computed from `c₀`
    /// alone (piecewise-constant functions and predicates).
    func onConstantTerm(_ name: String) {
        let f = function(name)
        globals.defineBuiltin(name, [taylor]) { ctx, args, _ in
            guard let a = TaylorScalar(args[0]) else { throw Exceptions.methodError(f, args) }
            return try ctx.call(f, [.float(a.constantTerm)])
        }
    }

    /// `name` with a `TaylorScalar` on either side or both, the other side
    /// any real: `rule` on series of one length; the result gets the tag.
    func binarySeries(_ name: String, _ rule: @escaping (CallContext, Series, Series) throws -> Series) {
        let f = function(name)
        for signature in [[taylor, taylor], [taylor, .real], [.real, taylor]] {
            globals.defineBuiltin(name, signature) { ctx, args, _ in
                guard let (a, b, tag) = try TaylorScalar.operands(args[0], args[1]) else {
                    throw Exceptions.methodError(f, args)
                }
                return TaylorScalar(try rule(ctx, a, b), tag: tag).value
            }
        }
    }

    func install() {
        installArithmetic()
        installPowers()
        installComparisons()
        installElementary()
        installTrigonometry()
        installPiecewise()
    }

    private func installArithmetic() {
        binarySeries("+") { _, a, b in TaylorSeries.add(a, b) }
        binarySeries("-") { _, a, b in TaylorSeries.sub(a, b) }
        binarySeries("*") { _, a, b in TaylorSeries.mul(a, b) }
        binarySeries("/") { _, a, b in TaylorSeries.div(a, b) }
        binarySeries("\\") { _, a, b in TaylorSeries.div(b, a) }
        unary("-") { a, _ in TaylorSeries.scale(a.coefficients, -1) }
        for name in ["+", "float", "conj", "real"] {
            let f = function(name)
            globals.defineBuiltin(name, [taylor]) { _, args, _ in
                guard TaylorScalar(args[0]) != nil else { throw Exceptions.methodError(f, args) }
                return args[0]
            }
        }
        globals.defineBuiltin("imag", [taylor]) { _, _, _ in .float(0) }
        unary("inv") { a, _ in TaylorSeries.div(TaylorSeries.constant(1, count: a.count), a.coefficients) }
        unary("abs2") { a, _ in TaylorSeries.mul(a.coefficients, a.coefficients) }
        // abs = sign(c₀)·a: 0 at c₀ = 0, as `gradient(abs, 0.0) == (0.0,)`.
        unary("abs") { a, _ in TaylorSeries.scale(a.coefficients, a.constantTerm > 0 ? 1 : a.constantTerm < 0 ? -1 : 0) }
        for name in ["zero", "one"] {
            let f = function(name)
            globals.defineBuiltin(name, [taylor]) { _, args, _ in
                guard let a = TaylorScalar(args[0]) else { throw Exceptions.methodError(f, args) }
                return a.with(TaylorSeries.constant(name == "one" ? 1 : 0, count: a.count))
            }
        }
    }

    /// `a^p`: an integer `p` (or an integral Float64) by repeated products,
    /// exact and defined at `a₀ = 0`; a real `p` by `TaylorSeries.power`;
    /// a series exponent as `exp(p·log a)`.
    private func installPowers() {
        let pow = function("^")
        globals.defineBuiltin("^", [taylor, .integer]) { _, args, _ in
            guard let a = TaylorScalar(args[0]), let p = args[1].intPower else { throw Exceptions.methodError(pow, args) }
            return a.with(TaylorSeries.power(a.coefficients, p))
        }
        let log = function("log")
        binarySeries("^") { ctx, a, b in
            if TaylorSeries.isConstant(b) {
                if let p = TaylorRules.exactInteger(b[0]) { return TaylorSeries.power(a, p) }
                let b0 = try TaylorRules.primal(ctx, pow, [a[0], b[0]])
                try TaylorRules.requireNonzero(a, "x^\(b[0])")
                return TaylorSeries.power(a, b[0], b0)
            }
            // A series exponent: exp(p·log a), with 0^p = 0 for p > 0 kept exact.
            let y0 = try TaylorRules.primal(ctx, pow, [a[0], b[0]])
            if TaylorSeries.isConstant(a), a[0] == 0, b[0] > 0 { return TaylorSeries.constant(0, count: a.count) }
            let logA = TaylorSeries.log(a, try TaylorRules.primal(ctx, log, [a[0]]))
            return TaylorSeries.exp(TaylorSeries.mul(b, logA), y0)
        }
    }

    private static func exactInteger(_ p: Double) -> Int? {
        p.rounded() == p && p.magnitude <= 1_048_576 ? Int(p) : nil
    }

    /// Non-integer powers (and sqrt, cbrt) have no Taylor series at 0
    /// unless the argument is constant there.
    static func requireNonzero(_ a: Series, _ what: String) throws {
        guard let a0 = a.first, a0 == 0, !TaylorSeries.isConstant(a) else { return }
        throw Exceptions.domainError(.float(a0), "\(what) has no Taylor expansion where its argument is 0: "
            + "its derivatives are infinite there.")
    }

    /// Comparisons look at `c₀` only, as `Dual`s compare by value: branches
    /// go the way the primal goes.
    private func installComparisons() {
        for name in ["<", "<=", "==", "isless"] {
            let f = function(name)
            for signature in [[taylor, taylor], [taylor, .real], [.real, taylor]] {
                globals.defineBuiltin(name, signature) { ctx, args, _ in
                    guard let x = TaylorRules.constantTerm(args[0]), let y = TaylorRules.constantTerm(args[1]) else {
                        throw Exceptions.methodError(f, args)
                    }
                    return try ctx.call(f, [.float(x), .float(y)])
                }
            }
        }
        // max/min return one of their arguments, chosen by `c₀`
        // (Julia's `max(x, y) = isless(y, x) ? x : y`).
        for (name, isMax) in [("max", true), ("min", false)] {
            binaryPick(name) { x, y in (y < x) == isMax ? 0 : 1 }
        }
        let clamp = function("clamp")
        globals.defineBuiltin("clamp", [taylor, .real, .real]) { _, args, _ in
            guard let x = TaylorRules.constantTerm(args[0]), let lo = TaylorRules.constantTerm(args[1]),
                  let hi = TaylorRules.constantTerm(args[2]) else { throw Exceptions.methodError(clamp, args) }
            return x > hi ? args[2] : x < lo ? args[1] : args[0]
        }
    }

    private func binaryPick(_ name: String, _ pick: @escaping (Double, Double) -> Int) {
        let f = function(name)
        for signature in [[taylor, taylor], [taylor, .real], [.real, taylor]] {
            globals.defineBuiltin(name, signature) { _, args, _ in
                guard let x = TaylorRules.constantTerm(args[0]), let y = TaylorRules.constantTerm(args[1]) else {
                    throw Exceptions.methodError(f, args)
                }
                return args[pick(x, y)]
            }
        }
    }

    static func constantTerm(_ v: Value) -> Double? {
        TaylorScalar(v)?.constantTerm ?? TaylorScalar.real(v)
    }

    /// Functions that are constant between jumps (their Taylor series is
    /// their value) and predicates: answered from `c₀`, as plain values.
    private func installPiecewise() {
        for name in ["floor", "ceil", "round", "trunc", "sign", "isnan", "isinf", "isfinite", "iszero", "isone"] {
            onConstantTerm(name)
        }
        // relu: the identity where c₀ > 0, else 0 (`gradient(relu, 0.0) == (0.0,)`).
        unary("relu") { a, _ in a.constantTerm > 0 ? a.coefficients : TaylorSeries.constant(0, count: a.count) }
    }
}

private extension Value {
    var intPower: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
}
