import Zy

/// One statement of the primal: block position and statement index.
struct StatementRef: Hashable {
    let block: Int
    let index: Int
}

/// What the forward pass records and the adjoint reads back.
enum Record: Hashable {
    /// Which edge entered a block with several predecessors (1-based ordinal).
    case predecessor
    /// A primal value a rule reads (`@N` in listings).
    case value(VariableID)
    /// The pullback of a recorded call.
    case pullback(StatementRef)
    /// A value a rule reads, copied where the rule runs (`ref`; nil: a
    /// parameter, copied on entry) because its array may be changed in
    /// place before the adjoint reads it (`Core.∂snapshot`, O(1) until written).
    case snapshot(VariableID, StatementRef?)
}

/// The layout shared by both passes. Values and pullbacks of the entry block
/// run once, so they are captured by the pullback closure instead of taped;
/// every other block pushes its records onto the tape at its end, and its
/// adjoint pops them (a stack discipline mirroring the execution order).
struct Plan {
    let analysis: Analysis
    /// Block id → records pushed at the end of that block (never the entry).
    var records: [Int: [Record]] = [:]
    /// Captured by the pullback closure, in `captureNames` order after
    /// `tape` and `exit`.
    var entryRecords: [Record] = []
    /// Loop headers entered once from the entry block and otherwise by a
    /// back edge whose source records something each iteration: the tape is
    /// empty exactly when the header was entered from the entry block, so the
    /// adjoint tests the cursor instead of reading a recorded edge. Block id
    /// → ordinal (1-based) of the entry edge.
    var enteredOnceFromEntry: [Int: Int] = [:]
    var needsTape: Bool { records.values.contains { !$0.isEmpty } }
    /// Block id → tracked variables bound there (outside the entry block)
    /// that settle at their definition: the forward pass lists each
    /// instance's object (`owned`), and the adjoint tracks them all from
    /// its start, so each instance is tracked from the end back to where
    /// it was bound, whichever variable reads it first.
    var owned: [Int: [VariableID]] = [:]
    var needsOwned: Bool { !owned.isEmpty }
    var hasSeveralExits: Bool { analysis.returnBlocks.count > 1 }

    var entryBlock: Int { analysis.ir.blocks.first?.id ?? 1 }

    /// The block-1 variable holding the varargs tuple, if any.
    var varargsParameter: VariableID? {
        let ir = analysis.ir
        guard ir.isVarargs, let args = ir.blocks.first?.arguments, ir.parameterNames.count < args.count else { return nil }
        return args[ir.parameterNames.count]
    }

    /// Which recorded reads are snapshots (`Record.snapshot`).
    let snapshots: Snapshots

    init(_ analysis: Analysis) {
        self.analysis = analysis
        let snapshots = Snapshots(analysis)
        self.snapshots = snapshots
        let ir = analysis.ir
        let entry = entryBlock
        var entrySet = Set<Record>()
        func addEntry(_ r: Record) { if entrySet.insert(r).inserted { entryRecords.append(r) } }
        for (bi, b) in ir.blocks.enumerated() {
            var list: [Record] = []
            var seen = Set<Record>()
            func add(_ r: Record) { if seen.insert(r).inserted { list.append(r) } }
            if (analysis.incoming[b.id]?.count ?? 0) > 1 { add(.predecessor) }
            for (si, s) in b.statements.enumerated() {
                switch analysis.kinds[bi][si] {
                case .rule(let rule):
                    let isActive = s.result.map { analysis.active.contains($0) } ?? false
                    guard isActive || rule.mutates else { continue }
                    let args = Analysis.callArguments(s)
                    var reads = rule.readsArguments.compactMap { $0 < args.count ? args[$0] : nil }
                    if rule.readsResult, let r = s.result { reads.append(.variable(r)) }
                    for v in Analysis.variables(reads) {
                        let r = snapshots.record(v, at: StatementRef(block: bi, index: si), by: rule, arity: args.count) ?? .value(v)
                        if case .snapshot(_, .some) = r {
                            if b.id == entry { addEntry(r) } else { add(r) }
                        } else if analysis.definingBlock[v] == entry { addEntry(r) } else { add(r) }
                    }
                case .pullback:
                    let ref = StatementRef(block: bi, index: si)
                    // Splatted arguments' lengths split the gradient tuple.
                    if case .call(let f, let args) = s.instruction {
                        var splatted = false
                        for case .splat(.variable(let v)) in args {
                            splatted = true
                            if analysis.definingBlock[v] == entry { addEntry(.value(v)) } else { add(.value(v)) }
                        }
                        // (and the callee, which Core.∂resplat checks)
                        if splatted, case .variable(let v) = f {
                            if analysis.definingBlock[v] == entry { addEntry(.value(v)) } else { add(.value(v)) }
                        }
                    }
                    if b.id == entry { addEntry(.pullback(ref)) } else { add(.pullback(ref)) }
                case .inactive, .closure:
                    break
                }
            }
            // Arrays bound here or in a dominating non-entry block: their
            // objects, for tracking them in this block's adjoint.
            for v in analysis.localTracked[b.id] ?? [] { add(.value(v)) }
            if b.id != entry { records[b.id] = list }
            let bound = Set(b.arguments + b.statements.compactMap(\.result))
            let settling = (analysis.localTracked[b.id] ?? []).filter { bound.contains($0) && analysis.trackedFromStart.contains($0) }
            if b.id != entry, !settling.isEmpty { owned[b.id] = settling }
        }
        for b in ir.blocks {
            guard let edges = analysis.incoming[b.id], edges.count == 2 else { continue }
            let sources = edges.map { analysis.edges[$0].from }
            guard let k = sources.firstIndex(of: entry), sources[1 - k] != entry,
                  let other = records[sources[1 - k]], other.contains(where: { $0 != .predecessor }) else { continue }
            records[b.id]?.removeAll { $0 == .predecessor }
            enteredOnceFromEntry[b.id] = k + 1
        }
        for v in analysis.trackedArrays.sorted() where analysis.definingBlock[v] == entry { addEntry(.value(v)) }
        // A varargs tuple's length spreads its gradient back over the arguments.
        if let v = varargsParameter { addEntry(.value(v)) }
    }

    func captureName(_ r: Record) -> String {
        switch r {
        case .predecessor: return "pred"
        case .value(let v): return "@\(v)"
        case .pullback(let ref): return "pb\(ref.block + 1)_\(ref.index + 1)"
        case .snapshot(let v, nil): return "@\(v)'"
        case .snapshot(let v, let ref?): return "@\(v)'\(ref.block + 1)_\(ref.index + 1)"
        }
    }

    /// `captureNames` of the adjoint closure.
    var captureNames: [String] {
        (needsTape ? ["tape"] : []) + (hasSeveralExits ? ["exit"] : []) + (needsOwned ? ["owned"] : [])
            + entryRecords.map(captureName)
    }
}
