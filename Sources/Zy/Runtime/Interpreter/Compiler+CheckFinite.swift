/// `--check-finite` in the compiler: which statements get a `checkFinite`
/// instruction after them.
///
/// Only statements that compute are checked: a call whose result is not just
/// a value moved, read or packed (`getindex`, `getfield`, `Core.tuple`,
/// mutators `…!` that return their container), so a NaN is blamed where it
/// was made, not everywhere it travels. Statements computed from literals
/// only (`1/0`, `0/0`, `-1/0`) are not checked: like writing `Inf` or `NaN`,
/// the user asked for that value (Julia folds them to constants). Nor is
/// `x ± c` for a small Int literal `c`, which cannot overflow.
struct FiniteCheckPlan {
    /// Variables computed from literals only, through built-in calls.
    let literal: Set<VariableID>

    init(_ ir: IRFunction) {
        var literal = Set<VariableID>()
        for block in ir.blocks {
            for s in block.statements {
                guard let r = s.result, case .call(.global, let args) = s.instruction, !args.isEmpty,
                      args.allSatisfy({ FiniteCheckPlan.isLiteral($0, literal) }) else { continue }
                literal.insert(r)
            }
        }
        self.literal = literal
    }

    static func isLiteral(_ a: CallArgument, _ literal: Set<VariableID>) -> Bool {
        switch a {
        case .positional(.constant): return true
        case .positional(.variable(let v)): return literal.contains(v)
        default: return false
        }
    }

    /// Calls that move values rather than compute them.
    static let unchecked: Set<String> = [
        "getindex", "getfield", "getproperty", "Core.getbox", "Core.box", "Core.tuple", "Core.namedtuple",
        "Core.vect", "Core.typed_vect", "Core.collect_narrow", "Core.typeassert", "Core.show_expr",
        "iterate", "identity", "first", "last", "==", "!=", "<", "<=", ">", ">=", "===", "!==", "≤", "≥", "≠",
        "isa", "!", "isnan", "isinf", "isfinite", "typeof", "length", "size", "string", "repr", "print", "println",
    ]
}

extension Compiler {
    /// Emits the check after `statement`'s instruction when it computes.
    mutating func emitFiniteCheck(_ statement: Statement, dst: Int32) {
        guard let plan = finiteCheck, let v = statement.result, dst > 0,
              case .call(let callee, let args) = statement.instruction, !args.isEmpty,
              !args.allSatisfy({ FiniteCheckPlan.isLiteral($0, plan.literal) }) else { return }
        if case .global(let name) = callee, FiniteCheckPlan.unchecked.contains(name) || name.hasSuffix("!") { return }
        let site: Int32
        let arithmetic: (BinaryOperator, Int32, Int32)?
        switch out.code.last {
        case .call(let s)?: site = s; arithmetic = nil
        case .add(_, let l, let r, let s)?, .floatAdd(_, let l, let r, let s)?: site = s; arithmetic = (.add, l, r)
        case .sub(_, let l, let r, let s)?: site = s; arithmetic = (.sub, l, r)
        case .mul(_, let l, let r, let s)?, .floatMul(_, let l, let r, let s)?: site = s; arithmetic = (.mul, l, r)
        case .binary(let op, _, let l, let r, let s)? where op.rawValue <= BinaryOperator.div.rawValue:
            site = s; arithmetic = (op, l, r)
        default: return  // capture loads, intrinsics (the AD's tape), indexing, comparisons
        }
        if let (op, l, r) = arithmetic, op == .add || op == .sub, isSmallIntLiteral(r) || op == .add && isSmallIntLiteral(l) {
            // `x ± c` for an Int literal c (a loop counter, the AD's tape
            // cursor) cannot make a NaN or Inf from a finite x: |c| < 2^31
            // is far below half an ulp of the largest Float64. It keeps its
            // immediate instruction (`decrement`, …) unchecked.
            return
        }
        if let (op, l, r) = arithmetic, Int(site) < out.sites.count {
            // Tested before the store: one dispatch, inputs intact.
            out.sites[Int(site)].variable = Int32(v)
            out.code[out.code.count - 1] = .checkedArith(op, dst: dst, lhs: l, rhs: r, site: site)
            return
        }
        emit(.checkFinite(dst: dst, site: site, variable: Int32(v)), span: statement.span, starts: false)
    }

    private func isSmallIntLiteral(_ register: Int32) -> Bool {
        guard let (_, value) = constants.first(where: { $0.0 == register }), case .int(let c) = value else { return false }
        return Int32(exactly: c) != nil
    }
}

extension Compiler {
    /// Coalescing under `--check-finite`: a variable may share its loop
    /// argument's register only when its statement does not read that
    /// argument, or is arithmetic checked before its store (a call's
    /// separate `checkFinite` would find its input overwritten).
    static func finiteSafe(_ alias: [Int: Int], _ ir: IRFunction) -> [Int: Int] {
        var definitions: [Int: Statement] = [:]
        for block in ir.blocks {
            for s in block.statements { if let r = s.result { definitions[r] = s } }
        }
        return alias.filter { variable, param in
            guard let s = definitions[variable] else { return false }
            var reads = false
            forEachRead(of: s) { if $0 == param { reads = true } }
            return !reads || checkedBeforeStore(s)
        }
    }

    private static func checkedBeforeStore(_ s: Statement) -> Bool {
        guard case .call(.global(let name), let args) = s.instruction,
              args.count == 2 || (args.count == 3 && BinaryOperator.floatAliases[name] != nil),
              args.allSatisfy({ if case .positional = $0 { return true } else { return false } }),
              let op = BinaryOperator.byName[name] ?? BinaryOperator.aliases[name] ?? BinaryOperator.floatAliases[name]
        else { return false }
        return op.rawValue <= BinaryOperator.div.rawValue
    }
}
