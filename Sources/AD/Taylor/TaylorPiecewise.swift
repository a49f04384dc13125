import Zy

/// Rules decided by the constant terms: comparisons, choices between
/// arguments, piecewise-constant functions, predicates and remainders.
extension TaylorRules {
    /// `name` on reals with at least one `TaylorScalar`, answered by the
    /// primal on the constant terms as a plain value (keywords passed on).
    func onConstantTerms(_ name: String, arity: Int) {
        let f = function(name)
        for signature in signatures(arity) {
            globals.defineBuiltin(name, signature) { ctx, args, keywords in
                var terms: [Value] = []
                for a in args {
                    guard let x = TaylorRules.constantTerm(a) else { throw Exceptions.methodError(f, args) }
                    terms.append(.float(x))
                }
                return try ctx.call(f, terms, keywords: keywords)
            }
        }
    }

    static func constantTerm(_ v: Value) -> Double? {
        TaylorScalar(v)?.constantTerm ?? TaylorScalar.real(v)
    }

    /// Comparisons look at `c₀` only, as `Dual`s compare by value: branches
    /// go the way the primal goes.
    func installComparisons() {
        for name in ["<", "<=", "==", "isless", "isequal", "isapprox", "≈"] {
            onConstantTerms(name, arity: 2)
        }
        // max/min return one of their arguments, chosen by `c₀`
        // (Julia's `max(x, y) = isless(y, x) ? x : y`).
        for (name, isMax) in [("max", true), ("min", false)] {
            pick(name, arity: 2) { c, args in (c[1] < c[0]) == isMax ? args[0] : args[1] }
        }
        pick("minmax", arity: 2) { c, args in c[1] < c[0] ? .tuple([args[1], args[0]]) : .tuple([args[0], args[1]]) }
        pick("clamp", arity: 3) { c, args in c[0] > c[2] ? args[2] : c[0] < c[1] ? args[1] : args[0] }
    }

    /// `name` returning `choose(constant terms, arguments)`.
    private func pick(_ name: String, arity: Int, _ choose: @escaping ([Double], [Value]) -> Value) {
        let f = function(name)
        for signature in signatures(arity) {
            globals.defineBuiltin(name, signature) { _, args, _ in
                let terms = args.compactMap(TaylorRules.constantTerm)
                guard terms.count == args.count else { throw Exceptions.methodError(f, args) }
                return choose(terms, args)
            }
        }
    }

    /// Functions that are constant between jumps (their Taylor series is
    /// their value) and predicates: answered from `c₀`, as plain values.
    func installPiecewise() {
        for name in ["floor", "ceil", "round", "trunc", "sign", "angle", "isnan", "isinf", "isfinite", "iszero",
                     "isone", "isinteger", "signbit"] {
            onConstantTerms(name, arity: 1)
        }
        for name in ["div", "÷", "fld", "cld"] { onConstantTerms(name, arity: 2) }
        // floor(Int, x) and friends: the type, then c₀.
        for name in ["floor", "ceil", "round", "trunc"] {
            let f = function(name)
            globals.defineBuiltin(name, [.dataType, taylor]) { ctx, args, _ in
                guard let x = TaylorScalar(args[1]) else { throw Exceptions.methodError(f, args) }
                return try ctx.call(f, [args[0], .float(x.constantTerm)])
            }
        }
        globals.defineBuiltin("isreal", [taylor]) { _, _, _ in .bool(true) }
        // relu: the identity where c₀ > 0, else 0 (`gradient(relu, 0.0) == (0.0,)`).
        unary("relu") { a, _ in a.constantTerm > 0 ? a.coefficients : TaylorSeries.constant(0, count: a.count) }
        installRemainders()
    }

    /// `r = rem(a, b)` (and `%`, `mod`, `mod1`) is `a − k·b` with the
    /// integer `k = (a₀ − r₀)/b₀` constant between jumps; `copysign(a, b)`
    /// is `±a` by the signs of `a₀` and `b₀`; `muladd`/`fma` are `a·b + c`.
    private func installRemainders() {
        for name in ["rem", "%", "mod", "mod1"] {
            let f = function(name)
            binarySeries(name) { ctx, a, b in
                let r0 = try TaylorRules.primal(ctx, f, [a[0], b[0]])
                let k = ((a[0] - r0) / b[0]).rounded()
                var r = TaylorSeries.sub(a, TaylorSeries.scale(b, k))
                r[0] = r0
                return r
            }
        }
        binarySeries("copysign") { _, a, b in
            (a[0].sign == .minus) == (b[0].sign == .minus) ? a : TaylorSeries.scale(a, -1)
        }
        for name in ["muladd", "fma"] {
            let f = function(name)
            for signature in signatures(3) {
                globals.defineBuiltin(name, signature) { _, args, _ in
                    let series = args.map(TaylorScalar.init)
                    guard let tag = series.compactMap({ $0?.tag }).first,
                          let n = series.compactMap({ $0?.count }).min() else { throw Exceptions.methodError(f, args) }
                    var terms: [TaylorSeries.Series] = []
                    for (v, s) in zip(args, series) {
                        if let s {
                            guard s.tag == tag else { throw TaylorScalar.nestedError }
                            terms.append(Array(s.coefficients.prefix(n)))
                        } else if let r = TaylorScalar.real(v) {
                            terms.append(TaylorSeries.constant(r, count: n))
                        } else {
                            throw Exceptions.methodError(f, args)
                        }
                    }
                    return TaylorScalar(TaylorSeries.add(TaylorSeries.mul(terms[0], terms[1]), terms[2]), tag: tag).value
                }
            }
        }
    }
}
