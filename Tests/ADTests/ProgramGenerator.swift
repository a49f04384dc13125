/// Random scalar programs `f(x)` for `ProgramFuzzTests`: control flow
/// (branches, ternaries, `&&`/`||` with side effects, while with
/// break/continue, early returns, nested loops, swaps and rotations),
/// tuples, named tuples, structs, closures that capture and mutate,
/// higher-order calls, comprehensions, broadcasts, `∘`, varargs, keywords,
/// recursion, Dicts, try/catch and small matrices. Every expression is
/// smooth in `x` away from branch edges; values stay small because updates
/// go through bounded functions.
struct ProgramGenerator {
    var dice: MutationFuzzTests.Dice
    var lines: [String] = []
    var count = 0

    /// Definitions the generated functions call; loaded once per session.
    static let helpers = """
    struct __P
      a
      b
    end
    mutable struct __M
      a
      b
    end
    __sq(v) = v * v
    __vsum(xs...) = sum(xs)
    __vmix(a, rest...) = a * 0.5 + __vsum(rest...)
    __kw(a; c = 0.5, d = 0.25) = a * c + d
    __rec(v, n) = n <= 0 ? v : __rec(sin(v) * 0.9 + 0.1 * v, n - 1)
    __tree(v, n) = n <= 1 ? v : 0.5 * __tree(v, n - 1) + 0.25 * __tree(sin(v), n - 2)
    function __firstabove(xs, c)
      for v in xs
        v > c && return v
      end
      return 0.0
    end
    function __swapped(a, b, n)
      for i in 1:n
        a, b = b, a * 0.5 + b
      end
      return a
    end

    """

    mutating func fresh(_ prefix: String) -> String { count += 1; return "\(prefix)\(count)" }

    mutating func constant() -> String {
        // four digits, the last odd: never one of the 3-digit points, so
        // no kink (max, clamp) or branch edge falls on a point
        String(format: "%.4f", Double(dice.int(-90, 90)) / 100 + 0.0003)
    }

    mutating func atom(_ vars: [String]) -> String {
        dice.int(0, 5) == 0 ? constant() : dice.pick(vars + ["x", "x"])
    }

    /// A smooth expression of the scalars `vars` (and `x`).
    mutating func expr(_ vars: [String], _ depth: Int = 0) -> String {
        let a = atom(vars)
        if depth > 1 || dice.int(0, 3) == 0 { return a }
        let b = expr(vars, depth + 1)
        switch dice.int(0, 14) {
        case 0: return "\(a) * \(b)"
        case 1: return "sin(\(b))"
        case 2: return "(\(a) + \(b))"
        case 3: return "(\(a) - 0.5 * \(b))"
        case 4: return "cos(\(b)) * \(a)"
        case 5: return "tanh(\(a) + \(b))"
        case 6: return "\(a) / (1.0 + (\(b))^2)"
        case 7: return "exp(0.3 * \(b))"
        case 8: return "__sq(\(b))"
        case 9: return "(\(b) > \(constant()) ? \(a) : sin(\(a)))"
        case 10: return "\(a)^2"
        case 11: return "sqrt(1.0 + (\(b))^2)"
        case 12: return "max(\(a), \(b), \(constant()))"
        case 13: return "clamp(\(b), -0.5003, 0.8003)"
        default: return "(\(a) * 0.5 + \(b) / 3)"
        }
    }

    /// An expression whose size stays bounded whatever its inputs.
    mutating func bounded(_ vars: [String]) -> String {
        let e = expr(vars)
        switch dice.int(0, 3) {
        case 0: return "sin(\(e))"
        case 1: return "tanh(\(e))"
        case 2: return "\(e) / (1.0 + (\(expr(vars)))^2)"
        default: return "cos(\(e))"
        }
    }

    mutating func condition(_ vars: [String]) -> String {
        let c = "\(bounded(vars)) \(dice.pick([">", "<", ">=", "<="])) \(constant())"
        switch dice.int(0, 5) {
        case 0: return "\(c) && \(bounded(vars)) < \(constant())"
        case 1: return "(\(c) || \(bounded(vars)) > \(constant()))"
        case 2: return "!(\(c))"
        default: return c
        }
    }

    /// A statement (or a few) updating the scalars `vars`.
    mutating func statement(_ vars: inout [String], depth: Int, indent: Int, inFunction: Bool) {
        let pad = String(repeating: "  ", count: indent)
        let v = dice.pick(vars)
        let nested = depth < 2
        let k = dice.int(0, 38)
        switch k {
        case 0, 1: lines.append("\(pad)\(v) = \(bounded(vars))")
        case 2: lines.append("\(pad)\(v) += \(bounded(vars))")
        case 3: lines.append("\(pad)\(v) *= \(bounded(vars))")
        case 4: lines.append("\(pad)\(v) = \(condition(vars)) ? \(bounded(vars)) : \(bounded(vars))")
        case 5: lines.append("\(pad)\(condition(vars)) && (\(v) += \(bounded(vars)))")
        case 6: lines.append("\(pad)\(condition(vars)) || (\(v) = \(v) * \(bounded(vars)))")
        case 7 where nested, 8 where nested:
            lines.append("\(pad)if \(condition(vars))")
            block(vars, depth: depth + 1, indent: indent + 1, inFunction: inFunction)
            if k == 8 {
                lines.append("\(pad)elseif \(condition(vars))")
                block(vars, depth: depth + 1, indent: indent + 1, inFunction: inFunction)
            }
            lines.append("\(pad)else")
            block(vars, depth: depth + 1, indent: indent + 1, inFunction: inFunction)
            lines.append("\(pad)end")
        case 9 where nested:
            let i = fresh("i")
            lines.append("\(pad)for \(i) in 1:\(dice.int(1, 3))")
            block(vars + [i], depth: depth + 1, indent: indent + 1, inFunction: inFunction)
            lines.append("\(pad)end")
        case 10 where nested:
            let w = fresh("w")
            let xs = "\(dice.pick(["(", "["]))\(bounded(vars)), \(atom(vars)), x"
            lines.append("\(pad)for \(w) in \(xs)\(xs.hasPrefix("(") ? ")" : "]")")
            block(vars + [w], depth: depth + 1, indent: indent + 1, inFunction: inFunction)
            lines.append("\(pad)end")
        case 11 where nested:
            let n = fresh("k")
            lines.append("\(pad)\(n) = 0")
            lines.append("\(pad)while \(n) < \(dice.int(1, 4))")
            lines.append("\(pad)  \(n) += 1")
            if dice.int(0, 1) == 0 {
                lines.append("\(pad)  \(condition(vars)) && continue")
            }
            block(vars, depth: depth + 1, indent: indent + 1, inFunction: inFunction)
            lines.append("\(pad)  if \(condition(vars))")
            lines.append("\(pad)    break")
            lines.append("\(pad)  end")
            lines.append("\(pad)end")
        case 12 where nested:
            // The trip count depends on x: finite differences skip points
            // where it changes.
            let n = fresh("k")
            lines.append("\(pad)\(n) = 0")
            lines.append("\(pad)while \(n) < 4 && \(bounded(vars)) < \(constant())")
            lines.append("\(pad)  \(n) += 1")
            block(vars, depth: depth + 1, indent: indent + 1, inFunction: inFunction)
            lines.append("\(pad)end")
        case 13 where depth > 0 && inFunction:
            lines.append("\(pad)if \(condition(vars))")
            lines.append("\(pad)  return \(vars.joined(separator: " + "))")
            lines.append("\(pad)end")
        case 14 where vars.count > 1:
            let a = dice.pick(vars), b = dice.pick(vars.filter { $0 != a })
            lines.append("\(pad)\(a), \(b) = \(b), \(a)")
        case 15 where vars.count > 2:
            let r = Array(vars.prefix(3))
            lines.append("\(pad)\(r[0]), \(r[1]), \(r[2]) = \(r[1]), \(r[2]), \(r[0])")
        default:
            structured(&vars, k: k, pad: pad)
        }
    }

    /// Statements around data: tuples, structs, closures, higher-order calls…
    mutating func structured(_ vars: inout [String], k: Int, pad: String) {
        let v = dice.pick(vars)
        func add(_ line: String) { lines.append(pad + line) }
        switch k {
        case 16:
            let t = fresh("t"), p = fresh("p"), q = fresh("q")
            add("\(t) = (\(bounded(vars)), \(atom(vars)), \(constant()))")
            add("\(p), \(q) = \(t)")
            add("\(v) = \(p) * \(t)[\(dice.int(2, 3))] + sin(\(q))")
        case 17:
            let t = fresh("nt")
            add("\(t) = (u = \(bounded(vars)), w = \(atom(vars)))")
            add("\(v) = \(dice.pick(["\(t).u * \(t).w", "\(t)[1] + \(t).w", "sin(\(t).u) + \(t)[:w]"]))")
        case 18:
            let p = fresh("st")
            add("\(p) = __P(\(bounded(vars)), \(atom(vars)))")
            add("\(v) = \(p).a * \(p).b + \(v) * 0.5")
        case 19:
            let m = fresh("m")
            add("\(m) = __M(\(atom(vars)), \(bounded(vars)))")
            add("\(m).a = \(m).a * \(bounded(vars))")
            add("\(m).b += \(m).a * \(atom(vars))")
            add("\(v) = \(m).a + \(m).b")
        case 20:
            let acc = fresh("acc"), f = fresh("add")
            add("\(acc) = \(atom(vars))")
            add("\(f) = w -> (\(acc) = \(acc) * 0.5 + w * \(atom(vars)); nothing)")
            add("\(f)(\(bounded(vars)))")
            add("\(f)(\(atom(vars)))")
            add("\(v) = \(acc)")
        case 21:
            // Captured by reference: the closure sees the later write.
            let f = fresh("h")
            add("\(f) = w -> w * \(v) + x")
            add("\(v) = \(bounded(vars))")
            add("\(v) = sin(\(f)(\(atom(vars))))")
        case 22:
            let w = fresh("w")
            add("\(v) = sum(\(w) -> sin(\(w)) * \(atom(vars)), \(list(vars)))")
        case 23:
            let w = fresh("w")
            add("\(v) = sum(map(\(w) -> \(w) * \(atom(vars)), \(list(vars)))) * 0.5")
        case 24:
            let a = fresh("a"), w = fresh("w")
            add("\(v) = foldl((\(a), \(w)) -> \(a) * 0.5 + \(w) * \(atom(vars)), \(list(vars)); init = \(atom(vars)))")
        case 25:
            add("\(v) = \(dice.pick(["reduce(+, ", "reduce(*, ", "foldl(+, ", "prod("]))\(list(vars))) * 0.5")
        case 26:
            let w = fresh("w"), z = fresh("z")
            switch dice.int(0, 2) {
            case 0: add("\(v) = sum([\(w) * \(atom(vars)) for \(w) in \(list(vars))])")
            case 1: add("\(v) = sum(sin(\(w)) * \(atom(vars)) for \(w) in \(list(vars)))")
            default: add("\(v) = sum([\(w) * \(z) for \(w) in \(list(vars)), \(z) in \(list(vars))]) * 0.2")
            }
        case 27:
            let xs = "[\(bounded(vars)), \(atom(vars)), x]"
            add("\(v) = sum(\(dice.pick(["sin.(\(xs)) .* \(atom(vars))", "__sq.(\(xs)) ./ 2.0", "\(xs) .* \(xs) .+ \(atom(vars))", "tanh.(\(xs) .+ \(atom(vars)))"])))")
        case 28:
            add("\(v) = \(dice.pick(["(sin ∘ __sq)", "(tanh ∘ (w -> w * \(atom(vars))))", "(cos ∘ sin ∘ __sq)"]))(\(bounded(vars)))")
        case 29:
            let t = fresh("t")
            switch dice.int(0, 2) {
            case 0: add("\(v) = __vsum(\(bounded(vars)), \(atom(vars)), \(atom(vars)))")
            case 1:
                add("\(t) = (\(bounded(vars)), \(atom(vars)))")
                add("\(v) = __vmix(\(atom(vars)), \(t)...) * 0.5")
            default: add("\(v) = __vsum([\(bounded(vars)), \(atom(vars))]...)")
            }
        case 30:
            switch dice.int(0, 2) {
            case 0: add("\(v) = __kw(\(bounded(vars)))")
            case 1: add("\(v) = __kw(\(bounded(vars)); c = \(atom(vars)))")
            default: add("\(v) = __kw(\(atom(vars)); d = \(bounded(vars)), c = \(atom(vars)))")
            }
        case 31:
            add("\(v) = \(dice.pick(["__rec", "__tree"]))(\(bounded(vars)), \(dice.int(0, 3)))")
        case 32:
            let d = fresh("d")
            add("\(d) = Dict(:a => \(bounded(vars)), :b => \(atom(vars)))")
            add("\(d)[:a] = \(d)[:a] * \(bounded(vars))")
            add("\(d)[:c] = \(d)[:b] + \(atom(vars))")
            add("\(v) = \(d)[:a] + \(d)[:c] * get(\(d), :z, 0.5)")
        case 33:
            add("try")
            add("  \(v) = \(bounded(vars))")
            add("catch err")
            add("  \(v) = 0.0")
            add("end")
        case 34:
            let m = fresh("M"), u = fresh("u")
            add("\(m) = [\(atom(vars)) \(bounded(vars)); \(atom(vars)) x]")
            add("\(u) = [\(bounded(vars)), \(atom(vars))]")
            add("\(v) = tanh(\(dice.pick(["sum(\(m) * \(u))", "sum(\(m)' * \(m)) * 0.1", "(\(u)' * \(m) * \(u))[1]", "sum(transpose(\(m)) * \(u))", "\(m)[1, 2] * sum(\(m) .* \(m))"])))")
        case 35:
            add("\(v) = __firstabove(\(list(vars)), \(constant()))")
        case 37:
            let d = fresh("d"), key = fresh("key"), w = fresh("w")
            add("\(d) = Dict(:a => \(bounded(vars)), :b => \(atom(vars)))")
            add("for (\(key), \(w)) in \(dice.pick(["", "pairs("]).isEmpty ? d : "pairs(\(d))")")
            add("  \(v) = \(v) * 0.5 + \(w) * \(atom(vars))")
            add("end")
        case 38:
            let p = fresh("pr")
            add("\(p) = \(dice.pick([":k", "x"])) => \(bounded(vars))")
            add("\(v) = \(p).second * \(atom(vars)) + \(dice.pick(["last(\(p))", "\(p)[2]", "0.5"]))")
        default:
            add("\(v) = __swapped(\(bounded(vars)), \(atom(vars)), \(dice.int(0, 3)))")
        }
    }

    mutating func list(_ vars: [String]) -> String {
        let open = dice.pick(["(", "["])
        let body = "\(bounded(vars)), \(atom(vars)), \(atom(vars))"
        return open == "(" ? "(\(body))" : "[\(body)]"
    }

    mutating func block(_ vars: [String], depth: Int, indent: Int, inFunction: Bool) {
        var scope = vars
        for _ in 0..<dice.int(1, depth == 0 ? 6 : 3) {
            statement(&scope, depth: depth, indent: indent, inFunction: inFunction)
        }
    }

    /// `function name(x) … end`, its scalars `s`, `t`, `r` summed at the end.
    mutating func function(_ name: String) -> String {
        lines = ["function \(name)(x)", "  s = 0.5 * x", "  t = sin(x)", "  r = 0.25"]
        block(["s", "t", "r"], depth: 0, indent: 1, inFunction: true)
        lines.append("  s + t + r")
        lines.append("end")
        return lines.joined(separator: "\n")
    }
}
