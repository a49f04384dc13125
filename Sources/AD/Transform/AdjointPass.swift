import SourceMap
import Zy

/// Forward records → adjoint IR: the body of the pullback closure.
///
/// Hand derivation for `pow` (the seed), which this pass reproduces:
///
///     function pow(x, n)          1: (%2, %3)           br 2 (%3, 1)
///       r = 1                     2: (%4, %5)           %6 = %4 > 0
///       while n > 0                                     br 4 unless %6; br 3
///         n -= 1                  3:                    %7 = %4 - 1
///         r *= x                                        %8 = %5 * %2
///       end                                             br 2 (%7, %8)
///       return r                  4:                    return %5
///     end
///
/// Only `x` and `r` carry gradient (`n` feeds a comparison and itself), so
/// the adjoint threads two sensitivities, r̄ and x̄, backwards:
///   - at the return, r̄ = ȳ and x̄ = nothing (the zero);
///   - reversing block 3 (`%8 = %5 * %2`): given %8̄, the new r̄ = %8̄ · x and
///     x̄ += r · %8̄, where r = @5 is the value recorded in that iteration and
///     x = @2 is recorded once (block 1 runs once);
///   - reversing block 2 asks which edge entered it in the forward run (the
///     recorded predecessor): from 3, go on reversing 3 with %8̄ = r̄; from 1,
///     finish: `return (self̄, x̄, n̄) = (nothing, x̄, nothing)`.
/// pow(5, 3) = 125; the adjoint gives x̄ = 3·5² = 75 and n̄ = nothing.
///
/// Adjoint blocks: 1 is the entry (loads captures, dispatches on the exit
/// taken), then one block per primal block in reverse order. Each takes the
/// tape cursor (1-based index of the last record not yet read) and the
/// sensitivities `Analysis.carried` lists for its primal block.
struct AdjointPass {
    let plan: Plan
    let b = AdjointEmitter(firstVariable: 3)
    /// Primal variable → adjoint variable holding its recorded value.
    var entryValues: [VariableID: Operand] = [:]
    var entryPullbacks: [StatementRef: Operand] = [:]
    /// `Record.snapshot` → adjoint variable holding the copy a rule reads.
    var snapshotValues: [Record: Operand] = [:]
    var tape: Operand = .constant(.nothing)
    /// Adjoint variables that are recorded values (for listings: `@N`).
    var recorded: [VariableID: VariableID] = [:]
    /// Adjoint variables the listing hides (capture loads, cursor arithmetic).
    var plumbing: Set<VariableID> = []
    var cursorArguments: Set<VariableID> = []
    /// Adjoint variables holding recorded pullbacks → listing name (`@back4`:
    /// the pullback of the call that defined primal `%4`).
    var pullbackNames: [VariableID: String] = [:]
    /// Which primal statement each run of adjoint variables differentiates
    /// (`--check-finite` messages).
    var ruleOrigins: [AdjointOrigin] = []
    /// Adjoint variable → the primal statement whose reversal computed it
    /// (for annotated listings: `∂ %8 = %5 * %2`).
    var origins: [VariableID: StatementRef] = [:]

    init(plan: Plan) { self.plan = plan }

    var ir: IRFunction { plan.analysis.ir }

    func adjointID(_ block: Int) -> Int {
        1 + ir.blocks.count - (plan.analysis.position[block] ?? 0)
    }

    mutating func run() -> IRFunction {
        var blocks = [entry()]
        for (bi, block) in ir.blocks.enumerated().reversed() {
            blocks.append(adjointBlock(block, position: bi))
        }
        return IRFunction(name: "∂" + (ir.name.isEmpty ? "#" : ir.name), parameterNames: ["ȳ"],
                          captureNames: plan.captureNames, blocks: blocks, span: ir.span, isInternal: ir.isInternal)
    }

    private func load(_ name: String) -> Operand {
        b.call("getfield", [.variable(1), .constant(.symbol(name))])
    }

    mutating func hidden(_ op: Operand) -> Operand {
        if case .variable(let v) = op { plumbing.insert(v) }
        return op
    }

    private mutating func entry() -> Block {
        b.span = ir.span
        if plan.needsTape { tape = hidden(load("tape")) }
        let exitLoaded = plan.hasSeveralExits ? hidden(load("exit")) : .constant(.nothing)
        if plan.needsOwned { _ = b.call(Shadows.trackAllName, [hidden(load("owned"))]) }
        let exit = exitLoaded
        for r in plan.entryRecords {
            let v = hidden(load(plan.captureName(r)))
            switch r {
            case .value(let p):
                entryValues[p] = v
                if case .variable(let a) = v { recorded[a] = p }
            case .pullback(let ref):
                entryPullbacks[ref] = v
                nameBack(v, ref)
            case .snapshot(let p, _):
                snapshotValues[r] = v
                if case .variable(let a) = v { recorded[a] = p }
            case .predecessor: break
            }
        }
        for v in plan.analysis.trackedFromStart.sorted() {
            if let value = entryValues[v] { _ = b.call(Shadows.trackName, [value]) }
        }
        let cursor = plan.needsTape ? hidden(b.call(Helper.tapeLength, [tape])) : .constant(.int(0))
        var branches: [Branch] = []
        let exits = plan.analysis.returnBlocks
        for (k, r) in exits.enumerated() {
            let args = [cursor] + plan.analysis.carried(r).map { v -> Operand in
                guard returned(r) == v else { return .constant(.nothing) }
                // A returned array that is written into: ȳ joins its shadow.
                if plan.analysis.trackedArrays.contains(v), let object = entryValues[v] {
                    if plan.hasSeveralExits {
                        let c = hidden(b.call("!=", [exit, .constant(.int(r))]))
                        return b.call(Shadows.depositUnlessName, [c, object, .variable(2)])
                    }
                    return b.call(Shadows.depositName, [object, .variable(2), .constant(.nothing)])
                }
                return .variable(2)
            }
            if k == exits.count - 1 {
                branches.append(Branch(.jump(target: adjointID(r)), arguments: args, span: ir.span))
            } else {
                let c = hidden(b.call("!=", [exit, .constant(.int(r))]))
                branches.append(Branch(.jumpUnless(target: adjointID(r), condition: c), arguments: args, span: ir.span))
            }
        }
        if branches.isEmpty { branches.append(Branch(.unreachable, span: ir.span)) }
        return Block(id: 1, arguments: [1, 2], statements: b.take(), branches: branches)
    }

    mutating func nameBack(_ v: Operand, _ ref: StatementRef) {
        guard case .variable(let a) = v else { return }
        let r = ir.blocks[ref.block].statements[ref.index].result.map(String.init) ?? "\(ref.block + 1)_\(ref.index + 1)"
        pullbackNames[a] = "@back" + r
    }

    private func returned(_ block: Int) -> VariableID? {
        guard let p = plan.analysis.position[block] else { return nil }
        for br in ir.blocks[p].branches { if case .ret(.variable(let v)) = br.kind { return v } }
        return nil
    }
}
