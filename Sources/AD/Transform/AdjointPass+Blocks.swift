import SourceMap
import Zy

/// Reversing one primal block.
extension AdjointPass {
    /// Sensitivities in flight while reversing a block: primal variable →
    /// adjoint operand (absent: no gradient has reached it, the zero).
    struct Sensitivities {
        var map: [VariableID: Operand] = [:]
    }

    mutating func adjointBlock(_ block: Block, position bi: Int) -> Block {
        let cursorIn = b.fresh()
        cursorArguments.insert(cursorIn)
        let carried = plan.analysis.carried(block.id)
        var adj = Sensitivities()
        var arguments = [cursorIn]
        for v in carried {
            let a = b.fresh()
            arguments.append(a)
            adj.map[v] = .variable(a)
        }
        // Pop this block's records (pushed at its end, so read in order
        // from cursor - m + 1 to cursor).
        b.span = block.branches.last?.span ?? ir.span
        let records = plan.records[block.id] ?? []
        var values: [VariableID: Operand] = entryValues
        var pullbacks = entryPullbacks
        var predecessor: Operand = .constant(.int(1))
        for (j, r) in records.enumerated() {
            let offset = Operand.constant(.int(records.count - 1 - j))
            let v = b.call(Helper.tapeGet, [tape, .variable(cursorIn), offset])
            switch r {
            case .predecessor: predecessor = hidden(v)
            case .value(let p):
                values[p] = v
                if case .variable(let a) = v { recorded[a] = p; plumbing.insert(a) }
            case .pullback(let ref):
                pullbacks[ref] = hidden(v)
                nameBack(v, ref)
            case .snapshot(let p, _):
                snapshotValues[r] = v
                if case .variable(let a) = v { recorded[a] = p; plumbing.insert(a) }
            }
        }
        enterLocalArrays(block.id, values: values, adj: &adj)
        var cursor: Operand = .variable(cursorIn)
        if !records.isEmpty {
            cursor = hidden(b.call("-", [cursor, .constant(.int(records.count))]))
        }
        if let caught = block.statements.first(where: { if case .currentException = $0.instruction { return true } else { return false } }) {
            // The forward pass ran a catch block: no gradient (Zygote's error).
            b.span = caught.span
            _ = b.call(ADRuntime.catchBlockReached, [.constant(.string(caught.span.shortDescription)),
                                                     .constant(.string(ir.name.isEmpty ? "top-level scope" : ir.name))])
            // It throws: nothing after it runs, so nothing more is reversed.
            return Block(id: adjointID(block.id), arguments: arguments, statements: b.take(),
                         branches: [Branch(.unreachable, span: caught.span)])
        }
        for (si, s) in block.statements.enumerated().reversed() {
            b.span = s.span
            let emitted = b.statements.count
            reverse(s, kind: plan.analysis.kinds[bi][si], ref: StatementRef(block: bi, index: si),
                    values: values, pullbacks: pullbacks, adj: &adj)
            for a in b.statements[emitted...] { if let r = a.result { origins[r] = StatementRef(block: bi, index: si) } }
        }
        b.span = block.branches.last?.span ?? ir.span
        if bi > 0 {
            // Merged arrays are defined where their block starts.
            for p in block.arguments where plan.analysis.trackedFromStart.contains(p) {
                guard let object = values[p] else { continue }
                adj.map[p] = b.call(Shadows.settleName, [object, adj.map[p] ?? .constant(.nothing)])
            }
        }
        let branches = exitBranches(block, adj: adj, cursor: cursor, predecessor: predecessor)
        return Block(id: adjointID(block.id), arguments: arguments, statements: b.take(), branches: branches)
    }

    /// Arrays bound outside the entry block that this block defines or
    /// uses (tracked since the adjoint's start, `Plan.owned`): what reached
    /// them from later blocks goes into the shadow.
    /// Likewise the entry block's tracked arrays, whose sensitivities may
    /// arrive through a later block's arguments (a value merged at a join):
    /// deposited here, where the edge is known to have been taken.
    private func enterLocalArrays(_ block: Int, values: [VariableID: Operand], adj: inout Sensitivities) {
        let entryTracked = plan.analysis.carried(block).filter {
            plan.analysis.trackedArrays.contains($0) && plan.analysis.definingBlock[$0] == plan.entryBlock
        }
        for v in (plan.analysis.localTracked[block] ?? []) + entryTracked {
            guard let object = values[v], let g = adj.map[v] else { continue }
            adj.map[v] = b.call(Shadows.depositName, [object, g, .constant(.nothing)])
        }
    }

    private func accumulate(_ v: VariableID, _ g: Operand?, _ adj: inout Sensitivities, _ values: [VariableID: Operand]) {
        guard let g, plan.analysis.active.contains(v) else { return }
        if case .constant(.nothing) = g { return }
        if plan.analysis.trackedArrays.contains(v), let object = values[v] {
            adj.map[v] = b.call(Shadows.depositName, [object, g, adj.map[v] ?? .constant(.nothing)])
            return
        }
        if let old = adj.map[v] {
            adj.map[v] = b.call(Helper.accum, [old, g])
        } else {
            adj.map[v] = g
        }
    }

    private func primal(_ op: Operand, _ values: [VariableID: Operand]) -> Operand {
        if case .variable(let v) = op { return values[v] ?? .constant(.nothing) }
        return op
    }

    /// A rule's primal input: the copy taken when it ran, if there is one.
    private func read(_ op: Operand, at ref: StatementRef, _ values: [VariableID: Operand]) -> Operand {
        guard case .variable(let v) = op else { return op }
        return snapshotValues[.snapshot(v, ref)] ?? snapshotValues[.snapshot(v, nil)] ?? primal(op, values)
    }

    private mutating func reverse(_ s: Statement, kind: StatementKind, ref: StatementRef,
                         values: [VariableID: Operand], pullbacks: [StatementRef: Operand],
                         adj: inout Sensitivities) {
        if let r = s.result, plan.analysis.trackedFromStart.contains(r), let object = values[r] {
            let given = adj.map[r] ?? .constant(.nothing)
            adj.map[r] = b.call(Shadows.settleName, [object, given])
        }
        switch kind {
        case .inactive:
            return
        case .rule(let rule):
            guard let ȳ = s.result.flatMap({ adj.map[$0] }) ?? (rule.mutates ? .constant(.nothing) : nil) else { return }
            let args = Analysis.callArguments(s)
            let readable = Set(rule.readsArguments)
            let primalArgs = args.enumerated().map { readable.contains($0.offset) ? read($0.element, at: ref, values) : .constant(.nothing) }
            let y = rule.readsResult ? s.result.map { read(.variable($0), at: ref, values) } ?? .constant(.nothing) : .constant(.nothing)
            let first = b.nextVariable
            let grads = rule.emit(b, ȳ, primalArgs, y)
            for (op, g) in zip(args, grads) {
                if case .variable(let v) = op { accumulate(v, g, &adj, values) }
            }
            ruleOrigins.append(AdjointOrigin(ref: ref, variables: first..<b.nextVariable, gradients: grads, sensitivity: ȳ))
        case .closure(let names):
            guard let r = s.result, let ȳ = adj.map[r] else { return }
            for (op, name) in zip(Analysis.callArguments(s), names) {
                guard case .variable(let v) = op, plan.analysis.active.contains(v) else { continue }
                accumulate(v, b.call(Helper.gradientField, [ȳ, .constant(.symbol(name))]), &adj, values)
            }
        case .pullback:
            guard case .call(let f, let args) = s.instruction, let pb = pullbacks[ref] else { return }
            let ȳ = s.result.flatMap { adj.map[$0] } ?? .constant(.nothing)
            let first = b.nextVariable
            defer { ruleOrigins.append(AdjointOrigin(ref: ref, variables: first..<b.nextVariable, gradients: nil, sensitivity: ȳ)) }
            let g = b.fresh()
            b.statements.append(Statement(result: g, .call(pb, [.positional(ȳ)]), span: s.span))
            let positional = args.filter { if case .keyword = $0 { return false } else { return true } }
            var grads: Operand = .variable(g)
            if positional.contains(where: { if case .splat = $0 { return true } else { return false } }) {
                // Regroup the per-value gradients by argument, splats as tuples.
                let pattern = String(positional.map { if case .splat = $0 { return "s" } else { return "p" } })
                let splatted = positional.map { a -> Operand in
                    if case .splat(let o) = a { return primal(o, values) } else { return .constant(.nothing) }
                }
                // the callee last: Core.∂resplat (nesting) checks it
                grads = b.call(Helper.unsplat, [grads, .constant(.string(pattern))] + splatted + [primal(f, values)])
            }
            for (i, op) in ([f] + positional.map(\.operand)).enumerated() {
                guard case .variable(let v) = op, plan.analysis.active.contains(v) else { continue }
                accumulate(v, b.call(Helper.gradientAt, [grads, .constant(.int(i + 1))]), &adj, values)
            }
            keywordGradients(args, grads: grads, after: positional.count + 1, &adj, values)
        }
    }

    /// A Zy callee with keywords returns its keyword NamedTuple's gradient
    /// after the positional ones (see `exitBranches`): each keyword's value
    /// gets its field, a keyword splat the whole NamedTuple.
    private func keywordGradients(_ args: [CallArgument], grads: Operand, after count: Int, _ adj: inout Sensitivities,
                                  _ values: [VariableID: Operand]) {
        var kw̄: Operand?
        for a in args {
            guard case .keyword(let name, .variable(let v)) = a, plan.analysis.active.contains(v) else { continue }
            let whole = kw̄ ?? b.call(Helper.gradientAt, [grads, .constant(.int(count + 1))])
            kw̄ = whole
            let g = name == CallArgument.keywordSplatName ? whole : b.call(Helper.gradientField, [whole, .constant(.symbol(name))])
            accumulate(v, g, &adj, values)
        }
    }

    /// The return of the whole pullback (entry block), or the branches back
    /// to the adjoints of the predecessors, by the recorded edge.
    private mutating func exitBranches(_ block: Block, adj: Sensitivities, cursor: Operand, predecessor: Operand) -> [Branch] {
        let span = b.span
        guard let edges = plan.analysis.incoming[block.id], !edges.isEmpty else {
            let params = block.arguments.prefix(1 + ir.parameterNames.count)
            let grads = params.map { p -> Operand in
                // An argument array written into: its gradient is its shadow.
                if plan.analysis.trackedFromStart.contains(p), let object = entryValues[p] {
                    return b.call(Shadows.settleName, [object, adj.map[p] ?? .constant(.nothing)])
                }
                return adj.map[p] ?? .constant(.nothing)
            }
            // the keywords' gradient last (callers read it by position)
            let kw̄: Operand? = ir.keywordNames.isEmpty ? nil
                : block.arguments.dropFirst(1 + ir.parameterNames.count).first.map { adj.map[$0] ?? .constant(.nothing) }
            var t: Operand
            if let v = plan.varargsParameter, let tuple = entryValues[v] {
                t = b.call(Helper.spread, [b.call("Core.tuple", grads), tuple] + (kw̄.map { [$0] } ?? []))
            } else {
                t = b.call("Core.tuple", grads + (kw̄.map { [$0] } ?? []))
            }
            return [Branch(.ret(t), span: span)]
        }
        var out: [Branch] = []
        for (k, e) in edges.enumerated() {
            let edge = plan.analysis.edges[e]
            var args = [cursor]
            for w in plan.analysis.carried(edge.from) {
                // A variable this block defines is, at the end of a
                // predecessor, the previous iteration's instance: its
                // adjoint so far belongs to the instance reversed here.
                var g: Operand? = plan.analysis.definingBlock[w] == block.id ? nil : adj.map[w]
                for (a, op) in zip(block.arguments, edge.arguments) where op == .variable(w) {
                    guard let ā = adj.map[a] else { continue }
                    g = g.map { b.call(Helper.accum, [$0, ā]) } ?? ā
                }
                args.append(g ?? .constant(.nothing))
            }
            let target = adjointID(edge.from)
            if let first = plan.enteredOnceFromEntry[block.id] {
                // Entered from the entry block exactly when nothing is taped before.
                if k + 1 == first {
                    let c = hidden(b.call("!=", [cursor, .constant(.int(0))]))
                    out.insert(Branch(.jumpUnless(target: target, condition: c), arguments: args, span: span), at: 0)
                } else {
                    out.append(Branch(.jump(target: target), arguments: args, span: span))
                }
                continue
            }
            if k == edges.count - 1 {
                out.append(Branch(.jump(target: target), arguments: args, span: span))
            } else {
                let c = hidden(b.call("!=", [predecessor, .constant(.int(k + 1))]))
                out.append(Branch(.jumpUnless(target: target, condition: c), arguments: args, span: span))
            }
        }
        return out
    }
}
