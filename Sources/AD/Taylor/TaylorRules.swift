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

    /// `name` with a `TaylorScalar` on either side or both, the other side
    /// any real: `rule` on series of one length; the result gets the tag.
    func binarySeries(_ name: String, _ rule: @escaping (CallContext, Series, Series) throws -> Series) {
        let f = function(name)
        for signature in signatures(2) {
            globals.defineBuiltin(name, signature) { ctx, args, _ in
                guard let (a, b, tag) = try TaylorScalar.operands(args[0], args[1]) else {
                    throw Exceptions.methodError(f, args)
                }
                return TaylorScalar(try rule(ctx, a, b), tag: tag).value
            }
        }
    }

    /// Every signature of `arity` reals with at least one `TaylorScalar`:
    /// the most specific applicable one is unique for any mix, and none
    /// matches plain numbers (their built-ins stay in charge).
    func signatures(_ arity: Int) -> [[ZyType]] {
        var out: [[ZyType]] = [[]]
        for _ in 0..<arity { out = out.flatMap { [$0 + [taylor], $0 + [.real]] } }
        return out.filter { $0.contains(taylor) }
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
