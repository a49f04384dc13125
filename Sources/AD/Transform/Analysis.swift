import Zy

/// What the transform does with one primal statement.
enum StatementKind {
    /// No gradient flows through it: copied as is, nothing recorded.
    case inactive
    /// A primitive with an inline rule (`%11 = %2 * @5` in the adjoint).
    case rule(Rule)
    /// A call whose pullback is recorded: `Core._pullback(g, args…)`.
    case pullback
    /// A closure construction: its captures receive the closure's gradient.
    case closure(captureNames: [String])
}

/// A control-flow edge: branch `branch` of block `from` into block `to`.
struct Edge {
    let from: Int
    let branch: Int
    let to: Int
    let arguments: [Operand]
}

/// The facts about a primal function both passes need: edges, kinds,
/// which variables carry gradient ("active"), and liveness.
struct Analysis {
    let ir: IRFunction
    /// Block id → position in `ir.blocks`.
    var position: [Int: Int] = [:]
    var edges: [Edge] = []
    /// Block id → indices into `edges` of the edges entering it, in order.
    var incoming: [Int: [Int]] = [:]
    var definingBlock: [VariableID: Int] = [:]
    /// Per block, per statement.
    var kinds: [[StatementKind]] = []
    /// Variables through which a gradient can reach the result.
    var active: Set<VariableID> = []
    /// Active variables live at the end of each block (forward liveness).
    var liveOut: [Int: Set<VariableID>] = [:]
    /// Active variables used by each block's branches (arguments, return value).
    var branchUses: [Int: Set<VariableID>] = [:]
    var returnBlocks: [Int] = []
    /// Variables defined in the entry block that are written into with
    /// `setindex!`: their gradients go through the object's shadow.
    var trackedArrays: Set<VariableID> = []
    var trackedFromStart: Set<VariableID> = []
    /// Block id → the tracked variables bound outside the entry block that
    /// it defines or uses: its adjoint reads their objects off the tape,
    /// enters them (`trackedFromStart`) and deposits their incoming
    /// sensitivities into the shadow.
    var localTracked: [Int: [VariableID]] = [:]
    var hasLocalTracked: Bool { !localTracked.isEmpty }

    init(_ ir: IRFunction, classify: (Statement) -> StatementKind) throws {
        self.ir = ir
        for (i, b) in ir.blocks.enumerated() { position[b.id] = i }
        for b in ir.blocks {
            for a in b.arguments { definingBlock[a] = b.id }
            for s in b.statements { if let r = s.result { definingBlock[r] = b.id } }
            for (k, br) in b.branches.enumerated() {
                switch br.kind {
                case .jump(let t), .jumpUnless(let t, _):
                    incoming[t, default: []].append(edges.count)
                    edges.append(Edge(from: b.id, branch: k, to: t, arguments: br.arguments))
                case .ret: returnBlocks.append(b.id)
                case .unreachable: break
                }
            }
            kinds.append(b.statements.map(classify))
        }
        if let first = ir.blocks.first, incoming[first.id] != nil {
            throw ADError.unsupported("a branch back to the entry block of \(ir.name)")
        }
        let tracking = MutationTracking(ir, kinds: kinds, definingBlock: definingBlock)
        (trackedArrays, trackedFromStart) = (tracking.tracked, tracking.fromStart)
        computeLocalTracked()
        computeActivity()
        computeLiveness()
    }

    private mutating func computeLocalTracked() {
        guard let entry = ir.blocks.first?.id else { return }
        let local = trackedArrays.filter { definingBlock[$0] != entry }
        guard !local.isEmpty else { return }
        for b in ir.blocks {
            var here = Set<VariableID>(b.arguments.filter(local.contains))
            for s in b.statements {
                var ops = Analysis.callArguments(s)
                if case .call(let f, _) = s.instruction { ops.append(f) }
                here.formUnion(Analysis.variables(ops).filter(local.contains))
                if let r = s.result, local.contains(r) { here.insert(r) }
            }
            for br in b.branches {
                var ops = br.arguments
                if case .ret(let o) = br.kind { ops.append(o) }
                here.formUnion(Analysis.variables(ops).filter(local.contains))
            }
            if !here.isEmpty { localTracked[b.id] = here.sorted() }
        }
    }

    static func variables(_ ops: [Operand]) -> [VariableID] {
        ops.compactMap { if case .variable(let v) = $0 { return v } else { return nil } }
    }

    static func callArguments(_ s: Statement) -> [Operand] {
        if case .call(_, let args) = s.instruction { return args.map(\.operand) }
        if case .closure(_, let caps) = s.instruction { return caps }
        return []
    }

    /// Backward fixed point from the returned values: a rule's arguments are
    /// active when its result is; a recorded call's always are (it may
    /// mutate what they point to); branch operands follow block arguments.
    private mutating func computeActivity() {
        var changed = true
        for b in ir.blocks {
            for br in b.branches { if case .ret(.variable(let v)) = br.kind { active.insert(v) } }
        }
        while changed {
            changed = false
            func mark(_ v: VariableID) { if active.insert(v).inserted { changed = true } }
            for (bi, b) in ir.blocks.enumerated() {
                for (si, s) in b.statements.enumerated() {
                    switch kinds[bi][si] {
                    case .inactive: break
                    case .pullback:
                        if case .call(let f, let args) = s.instruction {
                            Analysis.variables([f] + args.map(\.operand)).forEach(mark)
                        }
                        if let r = s.result, !active.contains(r) { _ = r }
                    case .rule(let rule) where rule.mutates:
                        Analysis.variables(Analysis.callArguments(s)).forEach(mark)
                    case .rule, .closure:
                        if let r = s.result, active.contains(r) {
                            Analysis.variables(Analysis.callArguments(s)).forEach(mark)
                        }
                    }
                }
            }
            for e in edges {
                guard let p = position[e.to] else { continue }
                for (a, op) in zip(ir.blocks[p].arguments, e.arguments) where active.contains(a) {
                    if case .variable(let v) = op { mark(v) }
                }
            }
        }
    }

    /// Classic backward liveness over active variables; branch operands count
    /// as uses in their block.
    private mutating func computeLiveness() {
        var uses: [Int: Set<VariableID>] = [:]
        var defs: [Int: Set<VariableID>] = [:]
        var succs: [Int: [Int]] = [:]
        for b in ir.blocks {
            var u = Set<VariableID>(), d = Set<VariableID>(b.arguments), bu = Set<VariableID>()
            for s in b.statements {
                var ops = Analysis.callArguments(s)
                if case .call(let f, _) = s.instruction { ops.append(f) }
                for v in Analysis.variables(ops) where active.contains(v) && !d.contains(v) { u.insert(v) }
                if let r = s.result { d.insert(r) }
            }
            for br in b.branches {
                var ops = br.arguments
                if case .ret(let v) = br.kind { ops.append(v) }
                for v in Analysis.variables(ops) where active.contains(v) {
                    bu.insert(v)
                    if !d.contains(v) { u.insert(v) }
                }
                if case .jump(let t) = br.kind { succs[b.id, default: []].append(t) }
                if case .jumpUnless(let t, _) = br.kind { succs[b.id, default: []].append(t) }
            }
            uses[b.id] = u
            defs[b.id] = d
            branchUses[b.id] = bu
        }
        var liveIn: [Int: Set<VariableID>] = [:]
        var changed = true
        while changed {
            changed = false
            for b in ir.blocks.reversed() {
                var out = Set<VariableID>()
                for s in succs[b.id] ?? [] { out.formUnion(liveIn[s] ?? []) }
                let inn = (uses[b.id] ?? []).union(out.subtracting(defs[b.id] ?? []))
                if out != liveOut[b.id] ?? [] || inn != liveIn[b.id] ?? [] { changed = true }
                liveOut[b.id] = out
                liveIn[b.id] = inn
            }
        }
    }

    /// The adjoints an adjoint block receives: active variables live out of
    /// the block or used by its branches, in a fixed order.
    func carried(_ block: Int) -> [VariableID] {
        (liveOut[block] ?? []).union(branchUses[block] ?? []).sorted()
    }
}

/// Failures of the transform itself (not of the user's program).
enum ADError: Error, CustomStringConvertible {
    case unsupported(String)
    var description: String {
        switch self {
        case .unsupported(let what): return "cannot differentiate \(what) yet"
        }
    }
}
