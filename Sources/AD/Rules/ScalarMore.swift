import Zy

/// The rest of the standard library's scalar functions, and reductions.
extension Rules {
    static let scalarMore: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        let one = Operand.constant(.int(1))
        func c(_ d: Double) -> Operand { .constant(.float(d)) }
        /// ā = ȳ · d(x, y)
        func unary(_ name: String, reads: [Int] = [0], result: Bool = false,
                   _ d: @escaping (AdjointEmitter, Operand, Operand) -> Operand) {
            t[RuleKey(name, 1)] = Rule(reads: reads, result: result) { b, ȳ, x, y in
                [b.call(Helper.mul, [ȳ, d(b, x[0], y)])]
            }
        }
        // y = cbrt(a): 1 / 3y²
        unary("cbrt", reads: [], result: true) { b, _, y in b.call("/", [one, b.call("*", [c(3), b.call("*", [y, y])])]) }
        // y = exp2(a): y log 2; expm1: y + 1
        unary("exp2", reads: [], result: true) { b, _, y in b.call("*", [y, c(0.6931471805599453)]) }
        unary("expm1", reads: [], result: true) { b, _, y in b.call("+", [y, one]) }
        // log2, log10, log1p: 1 / (a log b), 1 / (1 + a)
        unary("log2") { b, x, _ in b.call("/", [one, b.call("*", [x, c(0.6931471805599453)])]) }
        unary("log10") { b, x, _ in b.call("/", [one, b.call("*", [x, c(2.302585092994046)])]) }
        unary("log1p") { b, x, _ in b.call("/", [one, b.call("+", [one, x])]) }
        // sec: y tan a; csc: -y cot a; cot: -(1 + y²)
        unary("sec", result: true) { b, x, y in b.call("*", [y, b.call("tan", [x])]) }
        unary("csc", result: true) { b, x, y in b.call("-", [b.call("*", [y, b.call("cot", [x])])]) }
        unary("cot", reads: [], result: true) { b, _, y in b.call("-", [b.call("+", [one, b.call("*", [y, y])])]) }
        // asin, acos: ±1 / √(1 - a²); atan: 1 / (1 + a²)
        unary("asin") { b, x, _ in b.call("/", [one, b.call("sqrt", [b.call("-", [one, b.call("*", [x, x])])])]) }
        unary("acos") { b, x, _ in b.call("/", [.constant(.int(-1)), b.call("sqrt", [b.call("-", [one, b.call("*", [x, x])])])]) }
        unary("atan") { b, x, _ in b.call("/", [one, b.call("+", [one, b.call("*", [x, x])])]) }
        // sinh: cosh a; cosh: sinh a
        unary("sinh") { b, x, _ in b.call("cosh", [x]) }
        unary("cosh") { b, x, _ in b.call("sinh", [x]) }
        // σ (logistic): y (1 - y); relu: a > 0
        unary("σ", reads: [], result: true) { b, _, y in b.call("*", [y, b.call("-", [one, y])]) }
        unary("relu") { b, x, _ in b.call(Helper.step, [x]) }
        for name in ["logistic", "sigmoid"] {
            unary(name, reads: [], result: true) { b, _, y in b.call("*", [y, b.call("-", [one, y])]) }
        }
        // softplus = log(1 + exp a): σ(a); inv: -y²
        unary("softplus") { b, x, _ in b.call("σ", [x]) }
        // inv: ā = -y' ȳ y' (for numbers -ȳ y², conjugated)
        t[RuleKey("inv", 1)] = Rule(reads: [], result: true) { b, ȳ, _, y in
            [b.call(Helper.mul, [b.call(Helper.mul, [b.call(Helper.mulr, [y, ȳ]), y]), .constant(.int(-1))])]
        }
        // y = a \ b: b̄ = a' \ ȳ, ā = -b̄ y' (numbers and matrices alike)
        t[RuleKey("\\", 2)] = Rule(reads: [0], result: true) { b, ȳ, x, y in
            let b̄ = b.call("__ad_ldiv_back", [x[0], ȳ])
            return [b.call(Helper.mul, [b.call(Helper.mul, [b̄, y]), .constant(.int(-1))]), b̄]
        }
        // y = a // b (exact): ā = ȳ (1 // b), b̄ = -ȳ (a // b // b)  (Zygote's)
        t[RuleKey("//", 2)] = Rule(reads: [0, 1]) { b, ȳ, x, _ in
            let q = b.call("//", [b.call("//", [x[0], x[1]]), x[1]])
            return [b.call(Helper.mul, [ȳ, b.call("//", [one, x[1]])]), b.call(Helper.mul, [ȳ, b.call("-", [q])])]
        }
        // y = log(b, x) = log x / log b: b̄ = -ȳ y / (b log b), x̄ = ȳ / (x log b)
        t[RuleKey("log", 2)] = Rule(reads: [0, 1], result: true) { e, ȳ, x, y in
            let logb = e.call("log", [x[0]])
            return [e.call(Helper.mul, [ȳ, e.call("-", [e.call("/", [y, e.call("*", [x[0], logb])])])]),
                    e.call(Helper.mul, [ȳ, e.call("/", [one, e.call("*", [x[1], logb])])])]
        }
        // muladd(a, b, c) = fma(a, b, c) = a b + c
        for name in ["muladd", "fma"] {
            t[RuleKey(name, 3)] = Rule(reads: [0, 1]) { b, ȳ, x, _ in
                [b.call(Helper.mul, [ȳ, x[1], x[0]]), b.call(Helper.mulr, [x[0], ȳ, x[1]]), ȳ]
            }
        }
        // deg2rad: π/180; rad2deg: 180/π (Julia's constants, in Float64)
        unary("deg2rad", reads: []) { _, _, _ in c(Double.pi / 180) }
        unary("rad2deg", reads: []) { _, _, _ in c(180 / Double.pi) }
        // exp10: y log 10; asinh: 1/√(a² + 1); acosh: 1/√(a² - 1); atanh: 1/(1 - a²)
        unary("exp10", reads: [], result: true) { b, _, y in b.call("*", [y, c(2.302585092994046)]) }
        unary("asinh") { b, x, _ in b.call("/", [one, b.call("sqrt", [b.call("+", [b.call("*", [x, x]), one])])]) }
        unary("acosh") { b, x, _ in b.call("/", [one, b.call("sqrt", [b.call("-", [b.call("*", [x, x]), one])])]) }
        unary("atanh") { b, x, _ in b.call("/", [one, b.call("-", [one, b.call("*", [x, x])])]) }
        // round, floor, ceil, trunc: zero almost everywhere; Zygote's
        // adjoints return zero(x) (not nothing) when a gradient reaches them
        for name in ["round", "floor", "ceil", "trunc"] {
            t[RuleKey(name, 1)] = Rule(reads: []) { b, ȳ, _, _ in [b.call(Helper.pick, [.constant(.bool(false)), ȳ])] }
            // round(Int, x): the type gets nothing
            t[RuleKey(name, 2)] = Rule(reads: []) { b, ȳ, _, _ in [nil, b.call(Helper.pick, [.constant(.bool(false)), ȳ])] }
        }
        // mod(a, b) = a - b floor(a / b): ā = ȳ, b̄ = -ȳ floor(a / b);
        // rem / % likewise with trunc
        for (name, rounding) in [("mod", "floor"), ("rem", "trunc"), ("%", "trunc")] {
            t[RuleKey(name, 2)] = Rule(reads: [0, 1]) { b, ȳ, x, _ in
                let q = b.call(rounding, [b.call("/", [x[0], x[1]])])
                return [ȳ, b.call(Helper.mul, [ȳ, b.call("-", [q])])]
            }
        }
        // float(a), Float64(a): 1
        t[RuleKey("Float64", 1)] = Rule(reads: []) { _, ȳ, _, _ in [ȳ] }
        t[RuleKey("float", 1)] = Rule(reads: []) { _, ȳ, _, _ in [ȳ] }
        // y = atan(a, b): ā = ȳ b / (a² + b²), b̄ = -ȳ a / (a² + b²)
        t[RuleKey("atan", 2)] = Rule(reads: [0, 1]) { b, ȳ, x, _ in
            let r = b.call("+", [b.call("*", [x[0], x[0]]), b.call("*", [x[1], x[1]])])
            return [b.call(Helper.mul, [ȳ, b.call("/", [x[1], r])]),
                    b.call(Helper.mul, [ȳ, b.call("/", [b.call("-", [x[0]]), r])])]
        }
        // y = hypot(a, b): ā = ȳ a / y, b̄ = ȳ b / y
        t[RuleKey("hypot", 2)] = Rule(reads: [0, 1], result: true) { b, ȳ, x, y in
            [b.call(Helper.mul, [ȳ, b.call("/", [x[0], y])]), b.call(Helper.mul, [ȳ, b.call("/", [x[1], y])])]
        }
        // y = min(a, b) / max(a, b): the gradient goes to the argument chosen
        // (a on ties, as Julia's min/max return it)
        for (name, op) in [("min", "<"), ("max", ">")] {
            t[RuleKey(name, 2)] = Rule(reads: [0, 1]) { b, ȳ, x, _ in
                let bChosen = b.call(op, [x[1], x[0]])
                return [b.call(Helper.pick, [b.call("!", [bChosen]), ȳ]), b.call(Helper.pick, [bChosen, ȳ])]
            }
        }
        // y = clamp(a, lo, hi)
        t[RuleKey("clamp", 3)] = Rule(reads: [0, 1, 2]) { b, ȳ, x, _ in
            let below = b.call("<", [x[0], x[1]]), above = b.call(">", [x[0], x[2]])
            let inside = b.call("!", [b.call("|", [below, above])])
            return [b.call(Helper.pick, [inside, ȳ]), b.call(Helper.pick, [below, ȳ]), b.call(Helper.pick, [above, ȳ])]
        }
        // y = mean(a): ā = fill(ȳ / n)
        t[RuleKey("mean", 1)] = Rule(reads: [0]) { b, ȳ, x, _ in
            [b.call(Helper.fill, [x[0], b.call(Helper.div, [ȳ, b.call("length", [x[0]])])])]
        }
        // y = dot(a, b): ā = ȳ b, b̄ = ȳ a (real)
        t[RuleKey("dot", 2)] = Rule(reads: [0, 1]) { b, ȳ, x, _ in
            [b.call(Helper.mulr, [ȳ, x[1]]), b.call(Helper.mulr, [ȳ, x[0]])]
        }
        // y = prod(a): āᵢ = ȳ ∏_{j≠i} aⱼ; maximum/minimum: one-hot at the
        // first extreme element
        t[RuleKey("prod", 1)] = Rule(reads: [0]) { b, ȳ, x, _ in [b.call(Helper.reduction, [.constant(.symbol("prod")), x[0], ȳ])] }
        t[RuleKey("maximum", 1)] = Rule(reads: [0]) { b, ȳ, x, _ in [b.call(Helper.reduction, [.constant(.symbol("max")), x[0], ȳ])] }
        t[RuleKey("minimum", 1)] = Rule(reads: [0]) { b, ȳ, x, _ in [b.call(Helper.reduction, [.constant(.symbol("min")), x[0], ȳ])] }
        // Array construction: copy passes ȳ through; zeros/ones/similar take
        // sizes (no gradient); fill(v, dims…): v̄ = sum(ȳ)
        // (a copied Dict or mutable struct keeps its gradient in its shadow:
        // Core.∂copy! hands that to the original's)
        var copy = Rule(reads: [0], result: true) { b, ȳ, x, y in [b.call(Helper.copyGradient, [x[0], y, ȳ])] }
        copy.mutates = true
        t[RuleKey("copy", 1)] = copy
        t[RuleKey(Helper.copyGradient, 3)] = Rule(reads: []) { _, z̄, _, _ in [nil, nil, z̄] }
        for name in ["zeros", "ones", "similar"] {
            for arity in 1...3 { t[RuleKey(name, arity)] = Rule(reads: []) { _, _, _, _ in Array(repeating: nil, count: arity) } }
        }
        for arity in 2...3 {
            t[RuleKey("fill", arity)] = Rule(reads: []) { b, ȳ, _, _ in
                [b.call(Helper.sumGradient, [ȳ])] + Array(repeating: nil, count: arity - 1)
            }
        }
        // y = norm(a): ā = ȳ a / y
        t[RuleKey("norm", 1)] = Rule(reads: [0], result: true) { b, ȳ, x, y in
            [b.call(Helper.mulr, [b.call(Helper.div, [ȳ, y]), x[0]])]
        }
        return t
    }()
}
