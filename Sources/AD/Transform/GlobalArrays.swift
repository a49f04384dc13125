import Zy
import SourceMap

/// Global arrays used by a differentiated function, read into variables
/// (`%g = Core.∂global(runs)`) before the transform, so `MutationTracking`
/// treats them as it treats an argument: one written here (`runs[1] += 1`,
/// `push!(log, x)`, `memo[1] = x^2`) or handed to a call that may write
/// into it is tracked from the adjoint's start and settles where the
/// variable is bound; any other use deposits into the shadow while
/// someone tracks the array, so a value written into a global and read
/// back (here or in another function) gets its gradient. The gradient of
/// the global itself is dropped (`Core.∂global`'s rule), as Zygote's
/// explicit `gradient` drops gradients of globals.
///
/// A global bound to an array when the function is transformed, and not
/// reassigned by it, is read once at the start of the entry block (its
/// value then, like an argument's: no per-iteration records in loops). A
/// global the function reassigns (`global buf = …`), or that is unbound
/// then, is read right before each call that uses it, where the primal
/// read it. Not seen: a global bound to an array only after the function
/// was first differentiated (the transform is cached), or reassigned by a
/// callee while the function runs.
enum GlobalArrays {
    static let read = "Core.∂global"
    /// The same for a global this function writes into: noted for the
    /// backward pass (`API/GlobalWrites.swift`).
    static let readWritten = "Core.∂global_written"
    /// Where the adjoint drops a global's gradient.
    static let drop = "Core.∂global_drop!"

    /// The IR with global array operands of calls replaced by variables,
    /// or nil when there are none.
    /// A function that writes no global and calls only primitives with
    /// rules (`loss(x) = sum(W * x)`) reads a global array into a variable
    /// only once differentiated code has written that array (the transform
    /// then depends on `WrittenGlobals.epoch`): else the dropped gradient
    /// of a large global matrix would be computed for nothing.
    static func hoist(_ ir: IRFunction, globals: Globals, written ever: WrittenGlobals?,
                      dependencies: inout [ObjectIdentifier: (GenericFunction, Int)]) -> IRFunction? {
        guard !ir.blocks.isEmpty else { return nil }
        let (reassigned, written, used) = scan(ir)
        func isArray(_ n: String) -> Bool { if case .array? = globals[n] { return true } else { return false } }
        var once = used.filter { isArray($0) && !reassigned.contains($0) }
        if written.isEmpty, let ever, isLeaf(ir) {
            let epoch = ever.epoch
            dependencies[ObjectIdentifier(epoch)] = (epoch, epoch.generation)
            once = once.filter { n in globals[n].map(ever.everWritten) ?? false }
        }
        let atUse = Set(written.filter { !once.contains($0) })
        guard !once.isEmpty || !atUse.isEmpty else { return nil }
        return rewrite(ir, once: once, atUse: atUse, written: written)
    }

    /// Globals the function reassigns, writes into, and uses as call
    /// arguments (in order of first use).
    private static func scan(_ ir: IRFunction) -> (reassigned: Set<String>, written: Set<String>, used: [String]) {
        var reassigned: Set<String> = [], written: Set<String> = [], used: [String] = [], seen: Set<String> = []
        for b in ir.blocks {
            for s in b.statements {
                switch s.instruction {
                case .setGlobal(let n, _), .setConst(let n, _):
                    reassigned.insert(n)
                case .call(.global(let callee), let args) where callee != read && callee != readWritten:
                    for a in args { if case .global(let n) = a.operand, seen.insert(n).inserted { used.append(n) } }
                    if let n = container(callee, args) { written.insert(n) }
                default:
                    break
                }
            }
        }
        return (reassigned, written, used)
    }

    /// `once` read at the entry, `atUse` before each call using them.
    private static func rewrite(_ ir: IRFunction, once: [String], atUse: Set<String>, written: Set<String>) -> IRFunction {
        var next = ir.variableCount + 1
        var names = ir.variableNames
        func fresh(_ n: String) -> VariableID {
            defer { next += 1 }
            names[next] = n
            return next
        }
        func reading(_ n: String, into v: VariableID, _ span: SourceMap.Span) -> Statement {
            Statement(result: v, .call(.global(written.contains(n) ? readWritten : read), [.positional(.global(n))]), span: span)
        }
        var bound: [String: VariableID] = [:]
        var blocks = ir.blocks
        let span = firstUse(ir, of: Set(once)) ?? ir.span
        let entryReads = once.map { n -> Statement in
            let v = fresh(n)
            bound[n] = v
            return reading(n, into: v, span)
        }
        for bi in blocks.indices {
            var out: [Statement] = bi == 0 ? entryReads : []
            for s in blocks[bi].statements {
                guard case .call(let callee, let args) = s.instruction, callee != .global(read), callee != .global(readWritten) else {
                    out.append(s)
                    continue
                }
                var local: [String: VariableID] = [:]
                let replaced = args.map { a -> CallArgument in
                    guard case .global(let n) = a.operand else { return a }
                    if let v = bound[n] ?? local[n] { return a.with(.variable(v)) }
                    guard atUse.contains(n) else { return a }
                    let v = fresh(n)
                    local[n] = v
                    out.append(reading(n, into: v, s.span))
                    return a.with(.variable(v))
                }
                out.append(Statement(result: s.result, .call(callee, replaced), span: s.span))
            }
            blocks[bi].statements = out
        }
        return IRFunction(name: ir.name, parameterNames: ir.parameterNames, isVarargs: ir.isVarargs,
                          keywordNames: ir.keywordNames, captureNames: ir.captureNames, blocks: blocks,
                          span: ir.span, variableNames: names, isInternal: ir.isInternal)
    }

    /// Only calls of primitives with inline rules (or without gradients).
    private static func isLeaf(_ ir: IRFunction) -> Bool {
        ir.blocks.allSatisfy { b in
            b.statements.allSatisfy { s in
                switch s.instruction {
                case .call(.global(let name), let args):
                    return Rules.nonDifferentiable.contains(name) || Rules.rule(name, arity: args.count) != nil
                        || name == "Core.tuple" || name == "Core.vect" || name == "Core.namedtuple"
                case .call, .closure:
                    return false
                default:
                    return true
                }
            }
        }
    }

    /// The global a mutating call writes into (`setindex!(runs, …)`, `push!(log, …)`, `x .= …`).
    private static func container(_ callee: String, _ args: [CallArgument]) -> String? {
        guard MutationTracking.mutating.contains(callee) else { return nil }
        let k = callee == "broadcast!" ? 1 : 0
        if k < args.count, case .global(let n) = args[k].operand { return n }
        return nil
    }

    private static func firstUse(_ ir: IRFunction, of names: Set<String>) -> SourceMap.Span? {
        for b in ir.blocks {
            for s in b.statements {
                if case .call(_, let args) = s.instruction,
                   args.contains(where: { if case .global(let n) = $0.operand { return names.contains(n) } else { return false } }) {
                    return s.span
                }
            }
        }
        return nil
    }
}

private extension CallArgument {
    func with(_ op: Operand) -> CallArgument {
        switch self {
        case .positional: return .positional(op)
        case .splat: return .splat(op)
        case .keyword(let name, _): return .keyword(name, op)
        }
    }
}
