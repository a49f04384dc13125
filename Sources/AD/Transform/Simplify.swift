import Zy

/// Merges a block into its predecessor when that predecessor jumps only to
/// it and it has no other predecessor, so straight-line adjoints are one
/// block (and need no tape when they are differentiated in turn).
enum Simplify {
    static func mergeStraightLines(_ ir: IRFunction) {
        var blocks = ir.blocks
        var substitution: [VariableID: Operand] = [:]
        var merged = true
        while merged {
            merged = false
            var incoming: [Int: Int] = [:]
            for b in blocks {
                for br in b.branches {
                    switch br.kind {
                    case .jump(let t), .jumpUnless(let t, _): incoming[t, default: 0] += 1
                    default: break
                    }
                }
            }
            for (pi, p) in blocks.enumerated() {
                guard p.branches.count == 1, case .jump(let target) = p.branches[0].kind, target != p.id,
                      incoming[target] == 1, target != blocks.first?.id,
                      let bi = blocks.firstIndex(where: { $0.id == target }) else { continue }
                let b = blocks[bi]
                for (a, o) in zip(b.arguments, p.branches[0].arguments) { substitution[a] = o }
                blocks[pi].statements += b.statements
                blocks[pi].branches = b.branches
                blocks.remove(at: bi)
                merged = true
                break
            }
        }
        // Renumber blocks densely and apply the substitution.
        var newID: [Int: Int] = [:]
        for (i, b) in blocks.enumerated() { newID[b.id] = i + 1 }
        func op(_ o: Operand) -> Operand {
            var o = o
            while case .variable(let v) = o, let s = substitution[v] { o = s }
            return o
        }
        ir.blocks = blocks.map { b in
            var nb = Block(id: newID[b.id] ?? b.id, arguments: b.arguments)
            nb.statements = b.statements.map { s in
                var s = s
                switch s.instruction {
                case .call(let f, let args):
                    s.instruction = .call(op(f), args.map { a in
                        switch a {
                        case .positional(let o): return .positional(op(o))
                        case .splat(let o): return .splat(op(o))
                        case .keyword(let n, let o): return .keyword(n, op(o))
                        }
                    })
                case .closure(let fn, let caps): s.instruction = .closure(fn, captures: caps.map(op))
                default: break
                }
                return s
            }
            nb.branches = b.branches.map { br in
                let kind: Branch.Kind
                switch br.kind {
                case .jump(let t): kind = .jump(target: newID[t] ?? t)
                case .jumpUnless(let t, let c): kind = .jumpUnless(target: newID[t] ?? t, condition: op(c))
                case .ret(let o): kind = .ret(op(o))
                case .unreachable: kind = .unreachable
                }
                return Branch(kind, arguments: br.arguments.map(op), span: br.span)
            }
            return nb
        }
    }
}

extension Simplify {
    /// Drops adjoint statements whose results are unused. Every call of a
    /// global in adjoint IR comes from a rule or the tape plumbing and is
    /// pure; calls of recorded pullbacks (variables) stay, for their effects
    /// (hooks, mutation).
    static func removeDeadCode(_ ir: IRFunction) {
        var changed = true
        while changed {
            changed = false
            let used = Set(useCounts(ir).keys)
            for i in ir.blocks.indices {
                let before = ir.blocks[i].statements.count
                ir.blocks[i].statements.removeAll { s in
                    guard let r = s.result, !used.contains(r), case .call(.global(let name), _) = s.instruction,
                          !name.hasSuffix("!") else { return false }
                    return true
                }
                if ir.blocks[i].statements.count != before { changed = true }
            }
        }
    }
}
