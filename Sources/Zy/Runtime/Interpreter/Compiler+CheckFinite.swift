/// `--check-finite` in the compiler: which statements get a `checkFinite`
/// instruction after them.
///
/// Only statements that compute are checked: a call whose result is not just
/// a value moved, read or packed (`getindex`, `getfield`, `Core.tuple`,
/// mutators `…!` that return their container), so a NaN is blamed where it
/// was made, not everywhere it travels. Statements computed from literals
/// only (`1/0`, `0/0`, `-1/0`) are not checked: like writing `Inf` or `NaN`,
/// the user asked for that value (Julia folds them to constants).
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
        switch out.code.last {
        case .call(let s)?: site = s
        case .add(_, _, _, let s)?, .sub(_, _, _, let s)?, .mul(_, _, _, let s)?: site = s
        case .binary(let op, _, _, _, let s)? where op.rawValue <= BinaryOperator.div.rawValue: site = s
        default: return  // capture loads, intrinsics (the AD's tape), indexing, comparisons
        }
        emit(.checkFinite(dst: dst, site: site, variable: Int32(v)), span: statement.span, starts: false)
    }
}
