import Zy

/// Scalar derivatives, each beside its primal meaning (micrograd's habit).
/// `ȳ` is the output's sensitivity; `@x` a recorded primal value.
extension Rules {
    static let scalar: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        let one = Operand.constant(.int(1)), minusOne = Operand.constant(.int(-1))
        // y = a + b:  ā = ȳ, b̄ = ȳ
        t[RuleKey("+", 2)] = Rule(reads: []) { _, ȳ, _, _ in [ȳ, ȳ] }
        t[RuleKey("+", 1)] = Rule(reads: []) { _, ȳ, _, _ in [ȳ] }
        // y = a - b:  ā = ȳ, b̄ = -ȳ
        t[RuleKey("-", 2)] = Rule(reads: []) { b, ȳ, _, _ in [ȳ, b.call(Helper.mul, [ȳ, minusOne])] }
        t[RuleKey("-", 1)] = Rule(reads: []) { b, ȳ, _, _ in [b.call(Helper.mul, [ȳ, minusOne])] }
        // y = a * b:  ā = ȳ b', b̄ = a' ȳ
        t[RuleKey("*", 2)] = Rule(reads: [0, 1]) { b, ȳ, x, _ in
            [b.call(Helper.mul, [ȳ, x[1], x[0]]), b.call(Helper.mulr, [x[0], ȳ, x[1]])]
        }
        // y = a / b:  ā = ȳ / b', b̄ = -y' ā  (for numbers -ā y'; for a
        // matrix b, y' ā is the order that has b's shape; for an array over
        // a number b, Σ conj(yᵢ) āᵢ: the product is told b's shape)
        t[RuleKey("/", 2)] = Rule(reads: [1], result: true) { b, ȳ, x, y in
            let ā = b.call(Helper.div, [ȳ, x[1]])
            let t = b.call(Helper.mulr, [y, ā, x[1]])
            return [ā, b.call(Helper.mul, [t, minusOne])]
        }
        // y = a ^ p:  ā = ȳ p a^(p-1), p̄ = ȳ y log(a) (nothing for an Int p)
        t[RuleKey("^", 2)] = Rule(reads: [0, 1], result: true) { b, ȳ, x, y in
            let d = b.call("*", [x[1], b.call(Helper.powMinusOne, [x[0], x[1]])])
            return [b.call(Helper.mul, [ȳ, d]), b.call(Helper.powExponent, [ȳ, x[0], x[1], y])]
        }
        // y = sin(a): ā = ȳ cos(a)
        t[RuleKey("sin", 1)] = Rule(reads: [0]) { b, ȳ, x, _ in
            [b.call(Helper.mul, [ȳ, b.call("cos", [x[0]])])]
        }
        // y = cos(a): ā = -ȳ sin(a) (negated by an inline product, not a call)
        t[RuleKey("cos", 1)] = Rule(reads: [0]) { b, ȳ, x, _ in
            let s = b.call("sin", [x[0]])
            return [b.call(Helper.mul, [b.call(Helper.mul, [ȳ, s]), minusOne])]
        }
        // y = tan(a): ā = ȳ (1 + y²)
        t[RuleKey("tan", 1)] = Rule(reads: [], result: true) { b, ȳ, _, y in
            let d = b.call("+", [one, b.call("*", [y, y])])
            return [b.call(Helper.mul, [ȳ, d])]
        }
        // y = exp(a): ā = ȳ y
        t[RuleKey("exp", 1)] = Rule(reads: [], result: true) { b, ȳ, _, y in [b.call(Helper.mul, [ȳ, y])] }
        // y = log(a): ā = ȳ / a
        t[RuleKey("log", 1)] = Rule(reads: [0]) { b, ȳ, x, _ in [b.call(Helper.div, [ȳ, x[0]])] }
        // y = sqrt(a): ā = ȳ / 2y
        t[RuleKey("sqrt", 1)] = Rule(reads: [], result: true) { b, ȳ, _, y in
            [b.call(Helper.div, [ȳ, b.call("*", [.constant(.int(2)), y])])]
        }
        // y = abs(a): ā = ȳ sign(a) (for complex a, ȳ a / |a|: Zygote's
        // ∂y/∂re + i ∂y/∂im, so the sign is not conjugated)
        t[RuleKey("abs", 1)] = Rule(reads: [0]) { b, ȳ, x, _ in
            [b.call(Helper.mulr, [b.call(Helper.realPart, [ȳ]), b.call(Helper.signOf, [x[0]])])]
        }
        // y = tanh(a): ā = ȳ (1 - y²)
        t[RuleKey("tanh", 1)] = Rule(reads: [], result: true) { b, ȳ, _, y in
            let d = b.call("-", [one, b.call("*", [y, y])])
            return [b.call(Helper.mul, [ȳ, d])]
        }
        // y = abs2(a) = a a': ā = 2 ȳ a (Zygote's convention for complex a:
        // the gradient of a real function is ∂y/∂re + i ∂y/∂im)
        t[RuleKey("abs2", 1)] = Rule(reads: [0]) { b, ȳ, x, _ in
            [b.call(Helper.mulr, [b.call(Helper.realPart, [ȳ]), b.call("*", [.constant(.int(2)), x[0]])])]
        }
        // the real part of a sensitivity (abs and abs2 have real outputs)
        t[RuleKey(Helper.realPart, 1)] = Rule(reads: []) { b, z̄, _, _ in [b.call(Helper.realPart, [z̄])] }
        // y = identity(a), and `@show a` (prints, returns a)
        t[RuleKey("identity", 1)] = Rule(reads: []) { _, ȳ, _, _ in [ȳ] }
        t[RuleKey("Core.show_expr", 2)] = Rule(reads: []) { _, ȳ, _, _ in [nil, ȳ] }
        return t
    }()
}
