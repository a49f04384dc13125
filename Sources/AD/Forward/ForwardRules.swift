import Zy

/// Forward-mode rules: how each scalar primitive moves a tangent.
///
/// For a real function y = f(a₁…aₙ) the tangent is ẏ = Σ ∂y/∂aᵢ · ȧᵢ, and
/// the reverse rules of `Rules/Scalar*.swift` already state ∂y/∂aᵢ: run
/// with the sensitivity ȳ = 1, a rule's gradient of aᵢ *is* ∂y/∂aᵢ (real
/// scalars: the 1×1 Jacobian is its own transpose). So the derivative
/// knowledge lives once: `reused` lists the primitives whose forward rule is
/// their reverse rule evaluated eagerly on the primal values (the emitted
/// statements are ordinary calls, so a primal that is itself a dual of an
/// outer derivative works too). The rest of the table are functions whose
/// result does not move with ε (predicates, rounding, `zero`, `sign`) or
/// that pass a real dual through (`conj`, `real`, `float`).
enum ForwardRules {
    /// Primitives whose forward rule is their reverse rule, by arity.
    static let reused: [(String, Int)] =
        ["+", "-"].map { ($0, 1) } + ["+", "-", "*", "/", "^", "\\", "atan", "hypot", "min", "max", "mod", "rem", "%"].map { ($0, 2) }
        + ["sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "abs2", "cbrt", "exp2", "expm1", "log2",
           "log10", "log1p", "sec", "csc", "cot", "asin", "acos", "atan", "sinh", "cosh", "σ", "relu",
           "logistic", "sigmoid", "softplus", "inv", "deg2rad", "rad2deg", "exp10", "asinh", "acosh",
           "atanh"].map { ($0, 1) }
        + ["clamp", "muladd", "fma"].map { ($0, 3) }
        + extra.keys.map { ($0.name, $0.arity) }

    /// Derivatives the reverse mode keeps elsewhere (its prelude) or not
    /// at all, written as rules here so both tables read alike.
    static let extra: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        // log(b, x): the reverse mode's rule (ScalarMore.swift)
        t[RuleKey("log", 2)] = Rules.scalarMore[RuleKey("log", 2)]
        return t
    }()

    /// Functions of the primal alone (comparisons, tests, rounding, sign):
    /// computed on the plain number under every dual layer.
    static let onPrimal: [(String, Int)] =
        ["==", "!=", "<", "<=", ">", ">=", "≤", "≥", "≠", "isless", "isequal"].map { ($0, 2) }
        + ["isnan", "isinf", "isfinite", "iszero", "isone", "isinteger", "sign", "floor", "ceil", "round",
           "trunc", "zero", "one", "angle"].map { ($0, 1) }
        + ["div", "÷"].map { ($0, 2) }

    /// `round(Int, d)` and friends: a type, then the number.
    static let withType = ["round", "floor", "ceil", "trunc"]

    /// Functions that return a real dual as it is.
    static let passThrough = ["conj", "real", "adjoint", "transpose", "float", "identity"]

    /// A reverse rule's statements, emitted once with symbolic operands:
    /// `%1` is ȳ, `%2…%(n+1)` the arguments, `%(n+2)` the result.
    struct Program {
        let statements: [Statement]
        let outputs: [Operand?]
        let arity: Int
    }

    static func program(_ name: String, arity: Int) -> Program? {
        guard let rule = Rules.rule(name, arity: arity) ?? extra[RuleKey(name, arity)] else { return nil }
        let emitter = AdjointEmitter(firstVariable: arity + 3)
        let args = (0..<arity).map { Operand.variable($0 + 2) }
        let outputs = rule.emit(emitter, .variable(1), args, .variable(arity + 2))
        return Program(statements: emitter.take().map(realArithmetic), outputs: outputs, arity: arity)
    }

    /// The sensitivity helpers as plain arithmetic: on real numbers (duals
    /// included) `u * v'` is `u * v`, `u / v'` is `u / v`, and `real(ȳ)` is
    /// ȳ, and no `nothing` reaches them here (ȳ = 1, arguments are numbers).
    static let realHelpers = [Helper.mul: "*", Helper.mulr: "*", Helper.div: "/", Helper.realPart: "identity"]

    private static func realArithmetic(_ s: Statement) -> Statement {
        guard case .call(.global(let f), let args) = s.instruction, let plain = realHelpers[f], let v = s.result else { return s }
        // a product's shape operand only matters for arrays
        return Statement(result: v, .call(.global(plain), Array(args.prefix(plain == "*" ? 2 : args.count))), span: s.span)
    }
}

extension ForwardRules.Program {
    /// ∂y/∂aᵢ for each argument (nil: no derivative, e.g. an Int exponent),
    /// at the primal arguments `args` with primal result `y`.
    func partials(_ args: [Value], _ y: Value, call: (Value, [Value]) throws -> Value,
                  global: (String) throws -> Value) throws -> [Value?] {
        var env: [VariableID: Value] = [1: .int(1), VariableID(arity + 2): y]
        for (i, a) in args.enumerated() { env[VariableID(i + 2)] = a }
        func value(_ o: Operand) throws -> Value {
            switch o {
            case .variable(let v):
                guard let x = env[v] else { throw InternalError("forward rule reads an undefined %\(v)") }
                return x
            case .constant(let c): return ForwardRules.value(c)
            case .global(let name): return try global(name)
            }
        }
        for s in statements {
            guard case .call(let f, let callArgs) = s.instruction, let result = s.result else {
                throw InternalError("forward rule with a non-call statement")
            }
            var xs: [Value] = []
            for a in callArgs {
                guard case .positional(let o) = a else { throw InternalError("forward rule with a splat") }
                xs.append(try value(o))
            }
            env[result] = try call(try value(f), xs)
        }
        return try outputs.map { o in
            guard let o else { return nil }
            let v = try value(o)
            if case .nothing = v { return nil }
            return v
        }
    }
}

extension ForwardRules {
    static func value(_ c: Constant) -> Value {
        switch c {
        case .int(let i): return .int(i)
        case .float(let x): return .float(x)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .char(let ch): return .char(ch)
        case .symbol(let s): return .symbol(.named(s))
        case .nothing: return .nothing
        }
    }
}
