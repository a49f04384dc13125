import Zy

/// Register-friendly shapes for the adjoint that runs. The interpreter
/// keeps a variable in its block argument's register when the variable
/// feeds only the back edge and the argument is not read after it is
/// computed, and fuses a loop test with its branch when the exit edge
/// passes no arguments; these two rewrites give it both.
extension Simplify {
    /// A block entered by one edge only reads the values passed on that
    /// edge directly: its predecessor dominates it, so they are defined
    /// wherever it runs. The edge then passes nothing (a reversed loop's
    /// exit and body are entered from its test only).
    static func dropSingleEntryArguments(_ ir: IRFunction) {
        var incoming: [Int: Int] = [:]
        for b in ir.blocks {
            for br in b.branches {
                if case .jump(let t) = br.kind { incoming[t, default: 0] += 1 }
                if case .jumpUnless(let t, _) = br.kind { incoming[t, default: 0] += 1 }
            }
        }
        guard let entry = ir.blocks.first?.id else { return }
        var substitution: [VariableID: Operand] = [:]
        var dropped = Set<Int>()
        for b in ir.blocks {
            for br in b.branches {
                guard let t = target(br), t != b.id, t != entry, incoming[t] == 1, !br.arguments.isEmpty,
                      let block = ir.blocks.first(where: { $0.id == t }),
                      block.arguments.count == br.arguments.count else { continue }
                for (a, o) in zip(block.arguments, br.arguments) { substitution[a] = o }
                dropped.insert(t)
            }
        }
        guard !substitution.isEmpty else { return }
        func resolve(_ o: Operand) -> Operand {
            var o = o
            var steps = 0
            while case .variable(let v) = o, let s = substitution[v], steps < substitution.count {
                o = s
                steps += 1
            }
            return o
        }
        let resolved = substitution.mapValues(resolve)
        ir.blocks = ir.blocks.map { b in
            var nb = b
            if dropped.contains(b.id) { nb.arguments = [] }
            nb.statements = b.statements.map { rename($0, resolved) }
            nb.branches = b.branches.map { br in
                var r = rename(br, resolved)
                if let t = target(br), dropped.contains(t) { r = Branch(r.kind, arguments: [], span: r.span) }
                return r
            }
            return nb
        }
    }

    /// Lays a block entered only by the unconditional jump ending block H
    /// out right after H. Reversed loops are emitted body first, test
    /// second; with the test first, the body falls into nothing and jumps
    /// back to the test, which the interpreter fuses with it.
    static func layOutAfterJumps(_ ir: IRFunction) {
        var incoming: [Int: Int] = [:]
        for b in ir.blocks {
            for br in b.branches { if let t = target(br) { incoming[t, default: 0] += 1 } }
        }
        var blocks = ir.blocks
        for h in ir.blocks {
            guard let last = h.branches.last, case .jump(let t) = last.kind, t != h.id, incoming[t] == 1,
                  t != blocks.first?.id,
                  let bi = blocks.firstIndex(where: { $0.id == t }),
                  let hi = blocks.firstIndex(where: { $0.id == h.id }), bi < hi else { continue }
            let moved = blocks.remove(at: bi)
            blocks.insert(moved, at: hi)   // hi shifted down by one: right after H
        }
        ir.blocks = blocks
    }

    /// How many times each variable is read (operands, conditions, returns).
    static func useCounts(_ ir: IRFunction) -> [VariableID: Int] {
        var uses: [VariableID: Int] = [:]
        func use(_ o: Operand) { if case .variable(let v) = o { uses[v, default: 0] += 1 } }
        for b in ir.blocks {
            for s in b.statements {
                switch s.instruction {
                case .call(let f, let args): use(f); args.forEach { use($0.operand) }
                case .closure(_, let caps): caps.forEach(use)
                default: break
                }
            }
            for br in b.branches {
                br.arguments.forEach(use)
                if case .jumpUnless(_, let c) = br.kind { use(c) }
                if case .ret(let o) = br.kind { use(o) }
            }
        }
        return uses
    }

    private static func target(_ br: Branch) -> Int? {
        switch br.kind {
        case .jump(let t), .jumpUnless(let t, _): return t
        case .ret, .unreachable: return nil
        }
    }

    /// Moves pure statements whose only use is the block's final jump to
    /// the end of the block (after the last statement with effects, in
    /// their order): a new sensitivity is then computed after the last
    /// read of the old one it replaces, so both share a register.
    static func sinkIntoJumps(_ ir: IRFunction) {
        let uses = useCounts(ir)
        for i in ir.blocks.indices {
            let b = ir.blocks[i]
            guard b.branches.count == 1, let last = b.branches.last, case .jump = last.kind else { continue }
            let passed = Set(Analysis.variables(last.arguments))
            let firstPure = (b.statements.lastIndex { !isPureCall($0) } ?? -1) + 1
            guard firstPure < b.statements.count else { continue }
            var kept: [Statement] = [], sunk: [Statement] = []
            for s in b.statements[firstPure...] {
                if let r = s.result, passed.contains(r), uses[r] == 1 { sunk.append(s) } else { kept.append(s) }
            }
            guard !sunk.isEmpty else { continue }
            ir.blocks[i].statements = Array(b.statements[..<firstPure]) + kept + sunk
        }
    }
}
