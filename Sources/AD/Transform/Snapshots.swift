import Zy

/// Which values an inline rule reads must be copied where the rule runs.
///
/// A rule's record is read when the pullback runs, after the rest of the
/// forward pass: an array changed in place in between (`s = prod(y);
/// push!(y, v)`, a callee writing into it, a caller writing into an
/// argument after the return) would be seen with its final contents, a
/// silently wrong gradient. So a read of a value that may change is
/// recorded as `Core.∂snapshot(v)` taken right after the rule's statement
/// (an array's storage is copy-on-write, so this costs O(1) until someone
/// writes; numbers and immutable values pass through). Parameters that
/// this function does not change are snapshotted once, on entry.
struct Snapshots {
    /// Values written into here, or handed to a call or closure that may
    /// write into them.
    private(set) var changing: Set<VariableID> = []
    /// This function writes into some array or object: any value a rule
    /// reads may be an alias of what is written (`ys = [y]; ys[1][1] = 0`),
    /// so every read is snapshotted (numbers pass through).
    private(set) var writes = false
    private(set) var parameters: Set<VariableID> = []

    init(_ analysis: Analysis) {
        let ir = analysis.ir
        guard let entry = ir.blocks.first else { return }
        parameters = Set(entry.arguments.dropFirst())
        for (bi, b) in ir.blocks.enumerated() {
            for (si, s) in b.statements.enumerated() {
                let kind = bi < analysis.kinds.count && si < analysis.kinds[bi].count ? analysis.kinds[bi][si] : .inactive
                if case .call(.global(let name), let args) = s.instruction {
                    if MutationTracking.mutating.contains(name) {
                        writes = true
                        let k = name == "broadcast!" ? 1 : 0
                        if k < args.count, case .variable(let v) = args[k].operand { changing.insert(v) }
                    }
                }
                switch kind {
                case .pullback, .closure:
                    changing.formUnion(Analysis.variables(Analysis.callArguments(s)))
                    if case .call(.variable(let f), _) = s.instruction { changing.insert(f) }
                case .rule, .inactive:
                    break
                }
            }
        }
        if !writes { spreadThroughContainers(ir) }
    }

    /// A callee may write into an array it reaches through a container it
    /// was handed: values put into such a container (or into what it is
    /// made from), and values read out of it, may change too.
    private mutating func spreadThroughContainers(_ ir: IRFunction) {
        var changed = true
        while changed {
            changed = false
            func mark(_ v: VariableID) { if changing.insert(v).inserted { changed = true } }
            for b in ir.blocks {
                for s in b.statements {
                    guard case .call(let f, let args) = s.instruction else { continue }
                    let ops = Analysis.variables(args.map(\.operand))
                    if let r = s.result, changing.contains(r) { ops.forEach(mark) }
                    guard case .global(let name) = f, let container = ops.first else { continue }
                    if MutationTracking.aliasing.contains(name), changing.contains(container), let r = s.result { mark(r) }
                }
            }
        }
    }

    /// The record for a read of `v` by the rule at `ref`, if it must be a
    /// copy. Rules that find the object's shadow by identity (writes,
    /// reads of mutable containers, `copy`) read the object itself.
    func record(_ v: VariableID, at ref: StatementRef, by rule: Rule, arity: Int) -> Record? {
        guard !Snapshots.usesIdentity(rule, arity: arity) else { return nil }
        if writes || changing.contains(v) { return .snapshot(v, ref) }
        if parameters.contains(v) { return .snapshot(v, nil) }
        return nil
    }

    /// Whether the rule's adjoint calls a shadow operation (a helper named
    /// with `!`), found by emitting it once into a scratch emitter.
    static func usesIdentity(_ rule: Rule, arity: Int) -> Bool {
        if rule.mutates { return true }
        let scratch = AdjointEmitter(firstVariable: 1)
        let args = (0..<arity).map { Operand.variable(VariableID(100 + $0)) }
        _ = rule.emit(scratch, .variable(99), args, .variable(98))
        return scratch.statements.contains { s in
            if case .call(.global(let name), _) = s.instruction { return name.hasSuffix("!") }
            return false
        }
    }

    /// Snapshots taken right after the statement at `ref`.
    func taken(at ref: StatementRef, in plan: Plan) -> [VariableID] {
        var out: [VariableID] = []
        for r in (plan.records[plan.analysis.ir.blocks[ref.block].id] ?? []) + plan.entryRecords {
            if case .snapshot(let v, let at?) = r, at == ref, !out.contains(v) { out.append(v) }
        }
        return out
    }
}
