import SourceMap
import Zy

/// Primal IR → forward IR. The forward IR computes what the primal does and
/// records what the adjoint needs; it returns `(y, back)`, `back` being a
/// closure of the adjoint IR over the tape and the entry block's records.
///
///   - a primitive with an inline rule is copied as is; the values its rule
///     reads are recorded at the end of the block;
///   - any other call `%y = g(a…)` becomes `%t = Core._pullback(g, a…)`,
///     `%y = getindex(%t, 1)`, and the pullback `getindex(%t, 2)` is recorded;
///   - a block with several predecessors takes one more argument, the 1-based
///     ordinal of the edge that entered it, and records it.
struct ForwardPass {
    let plan: Plan
    let adjoint: IRFunction
    private var next: VariableID
    private var tape: VariableID = 0
    /// Objects of tracked variables bound outside the entry block (`Plan.owned`).
    private var owned: VariableID = 0
    private var predecessorArgument: [Int: VariableID] = [:]
    private var pullbacks: [StatementRef: VariableID] = [:]
    /// `Record.snapshot` → the forward variable holding the copy.
    private var snapshots: [Record: VariableID] = [:]

    init(plan: Plan, adjoint: IRFunction) {
        self.plan = plan
        self.adjoint = adjoint
        self.next = plan.analysis.ir.variableCount
    }

    private mutating func fresh() -> VariableID {
        defer { next += 1 }
        return next
    }

    mutating func run() -> IRFunction {
        let ir = plan.analysis.ir
        if plan.needsTape { tape = fresh() }
        if plan.needsOwned { owned = fresh() }
        for b in ir.blocks where (plan.analysis.incoming[b.id]?.count ?? 0) > 1 && plan.enteredOnceFromEntry[b.id] == nil {
            predecessorArgument[b.id] = fresh()
        }
        var blocks: [Block] = []
        for (bi, b) in ir.blocks.enumerated() {
            blocks.append(block(b, position: bi))
        }
        return IRFunction(name: ir.name, parameterNames: ir.parameterNames, isVarargs: ir.isVarargs,
                          keywordNames: ir.keywordNames, captureNames: ir.captureNames, blocks: blocks,
                          span: ir.span, variableNames: ir.variableNames, isInternal: ir.isInternal)
    }

    private mutating func block(_ b: Block, position bi: Int) -> Block {
        var out = Block(id: b.id, arguments: b.arguments)
        if let p = predecessorArgument[b.id] { out.arguments.append(p) }
        if b.id == plan.entryBlock, plan.needsTape {
            out.statements.append(Statement(result: tape, .call(.global(Helper.tapeNew), []), span: plan.analysis.ir.span))
        }
        if b.id == plan.entryBlock, plan.needsOwned {
            out.statements.append(Statement(result: owned, .call(.global(Helper.tapeNew), []), span: plan.analysis.ir.span))
        }
        if b.id == plan.entryBlock {
            for case .snapshot(let v, nil) in plan.entryRecords { snapshot(v, at: nil, into: &out.statements) }
        }
        for (si, s) in b.statements.enumerated() {
            defer {
                let ref = StatementRef(block: bi, index: si)
                for v in plan.snapshots.taken(at: ref, in: plan) { snapshot(v, at: ref, into: &out.statements) }
            }
            guard case .pullback = plan.analysis.kinds[bi][si], case .call(let f, let args) = s.instruction else {
                out.statements.append(s)
                continue
            }
            let t = fresh(), pb = fresh()
            out.statements.append(Statement(result: t, .call(.global(Helper.pullback), [.positional(f)] + args), span: s.span))
            if let r = s.result {
                out.statements.append(Statement(result: r, .call(.global("getindex"), [.positional(.variable(t)), .positional(.constant(.int(1)))]), span: s.span))
            }
            out.statements.append(Statement(result: pb, .call(.global("getindex"), [.positional(.variable(t)), .positional(.constant(.int(2)))]), span: s.span))
            pullbacks[StatementRef(block: bi, index: si)] = pb
        }
        let endSpan = b.branches.last?.span ?? .unknown
        for v in plan.owned[b.id] ?? [] {
            out.statements.append(Statement(result: fresh(), .call(.global(Helper.tapePush), [.positional(.variable(owned)), .positional(.variable(v))]), span: endSpan))
        }
        var pushes: [Statement] = []
        for r in plan.records[b.id] ?? [] {
            pushes.append(Statement(result: fresh(), .call(.global(Helper.tapePush), [.positional(.variable(tape)), .positional(operand(r, block: b.id))]), span: endSpan))
        }
        out.statements.insert(contentsOf: pushes, at: pushPosition(pushes, in: out))
        for (k, br) in b.branches.enumerated() {
            out.branches.append(branch(br, index: k, from: b, into: &out.statements))
        }
        return out
    }

    /// Records go onto the tape together (in order, so the adjoint's
    /// offsets hold), once all of them are defined and before the last
    /// statement that reads one of them: a value recorded before the block
    /// redefines its successor is no longer read after that, so the
    /// interpreter can keep both in one register; and a push right before
    /// that read (`r *= x` after recording `r`) runs with it as one
    /// instruction.
    private func pushPosition(_ pushes: [Statement], in block: Block) -> Int {
        var recorded = Set<VariableID>()
        for p in pushes {
            if case .call(_, let args) = p.instruction, case .positional(.variable(let v))? = args.last { recorded.insert(v) }
        }
        let defined = block.statements.lastIndex { s in s.result.map(recorded.contains) ?? false }.map { $0 + 1 } ?? 0
        var lastReads: [Int] = []
        for v in recorded {
            if let i = block.statements.lastIndex(where: { s in
                if case .call(.variable(v), _) = s.instruction { return true }
                return Analysis.variables(Analysis.callArguments(s)).contains(v)
            }) {
                lastReads.append(i)
            }
        }
        guard let earliest = lastReads.min(), earliest > defined else { return defined }
        return earliest
    }

    private mutating func snapshot(_ v: VariableID, at ref: StatementRef?, into statements: inout [Statement]) {
        let c = fresh()
        let span = ref.map { plan.analysis.ir.blocks[$0.block].statements[$0.index].span } ?? plan.analysis.ir.span
        statements.append(Statement(result: c, .call(.global(Helper.snapshot), [.positional(.variable(v))]), span: span))
        snapshots[.snapshot(v, ref)] = c
    }

    private func operand(_ r: Record, block: Int) -> Operand {
        switch r {
        case .predecessor: return .variable(predecessorArgument[block] ?? 0)
        case .value(let v): return .variable(v)
        case .pullback(let ref): return .variable(pullbacks[ref] ?? 0)
        case .snapshot: return .variable(snapshots[r] ?? 0)
        }
    }

    private mutating func branch(_ br: Branch, index k: Int, from b: Block, into statements: inout [Statement]) -> Branch {
        switch br.kind {
        case .jump(let target), .jumpUnless(let target, _):
            guard predecessorArgument[target] != nil,
                  let edges = plan.analysis.incoming[target],
                  let ordinal = edges.firstIndex(where: { plan.analysis.edges[$0].from == b.id && plan.analysis.edges[$0].branch == k })
            else { return br }
            return Branch(br.kind, arguments: br.arguments + [.constant(.int(ordinal + 1))], span: br.span)
        case .ret(let value):
            var captures: [Operand] = []
            if plan.needsTape { captures.append(.variable(tape)) }
            if plan.hasSeveralExits { captures.append(.constant(.int(b.id))) }
            if plan.needsOwned { captures.append(.variable(owned)) }
            captures += plan.entryRecords.map { operand($0, block: plan.entryBlock) }
            let back = fresh(), pair = fresh()
            statements.append(Statement(result: back, .closure(adjoint, captures: captures), span: br.span))
            statements.append(Statement(result: pair, .call(.global("Core.tuple"), [.positional(value), .positional(.variable(back))]), span: br.span))
            return Branch(.ret(.variable(pair)), span: br.span)
        case .unreachable:
            return br
        }
    }
}
