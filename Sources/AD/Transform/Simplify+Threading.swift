import Zy

extension Simplify {
    /// Jump threading for the adjoint IR that runs (the listing keeps the
    /// unthreaded form). The reversed loop is a test block H
    /// (`br exit unless @cursor != 0; br body`) and a body that jumps back
    /// to H: each iteration pays two jumps and their block-argument moves.
    /// Copying H's few pure statements and its branches to the end of a
    /// block that leaves only by a jump to H leaves one conditional branch per iteration
    /// (the loop is rotated). Only done when nothing outside H reads H's
    /// arguments or results (adjoint blocks pass every value they share).
    static func threadJumps(_ ir: IRFunction, maxStatements: Int = 2) {
        var next = ir.variableCount
        guard let entry = ir.blocks.first?.id else { return }
        for pi in ir.blocks.indices {
            let p = ir.blocks[pi]
            // Only a block that leaves by one unconditional jump: copied
            // statements run before all of the block's branches.
            guard p.branches.count == 1, let last = p.branches.last, case .jump(let target) = last.kind,
                  target != p.id, target != entry,
                  let h = ir.blocks.first(where: { $0.id == target }),
                  h.statements.count <= maxStatements, !h.branches.isEmpty,
                  h.statements.allSatisfy(isPureCall), isSelfContained(h, in: ir)
            else { continue }
            var substitution: [VariableID: Operand] = [:]
            for (a, o) in zip(h.arguments, last.arguments) { substitution[a] = o }
            var copied: [Statement] = []
            for s in h.statements {
                var c = rename(s, substitution)
                if let r = s.result {
                    substitution[r] = .variable(next)
                    c.result = next
                    next += 1
                }
                copied.append(c)
            }
            ir.blocks[pi].statements += copied
            ir.blocks[pi].branches.removeLast()
            ir.blocks[pi].branches += h.branches.map { rename($0, substitution) }
        }
    }

    static func isPureCall(_ s: Statement) -> Bool {
        guard case .call(.global(let name), let args) = s.instruction, !name.hasSuffix("!") else { return false }
        return args.allSatisfy { if case .positional = $0 { return true } else { return false } }
    }

    /// True when H's arguments and results are read only inside H.
    private static func isSelfContained(_ h: Block, in ir: IRFunction) -> Bool {
        var own = Set(h.arguments)
        for s in h.statements { if let r = s.result { own.insert(r) } }
        func reads(_ o: Operand) -> Bool { if case .variable(let v) = o { return own.contains(v) } else { return false } }
        for b in ir.blocks where b.id != h.id {
            for s in b.statements {
                switch s.instruction {
                case .call(let f, let args): if reads(f) || args.contains(where: { reads($0.operand) }) { return false }
                case .closure(_, let caps): if caps.contains(where: reads) { return false }
                default: continue
                }
            }
            for br in b.branches {
                if br.arguments.contains(where: reads) { return false }
                switch br.kind {
                case .jumpUnless(_, let c): if reads(c) { return false }
                case .ret(let o): if reads(o) { return false }
                default: break
                }
            }
        }
        return true
    }

    static func rename(_ o: Operand, _ sub: [VariableID: Operand]) -> Operand {
        if case .variable(let v) = o, let s = sub[v] { return s }
        return o
    }

    static func rename(_ s: Statement, _ sub: [VariableID: Operand]) -> Statement {
        var s = s
        if case .call(let f, let args) = s.instruction {
            s.instruction = .call(rename(f, sub), args.map { a in
                switch a {
                case .positional(let o): return .positional(rename(o, sub))
                case .splat(let o): return .splat(rename(o, sub))
                case .keyword(let n, let o): return .keyword(n, rename(o, sub))
                }
            })
        }
        return s
    }

    static func rename(_ br: Branch, _ sub: [VariableID: Operand]) -> Branch {
        let kind: Branch.Kind
        switch br.kind {
        case .jumpUnless(let t, let c): kind = .jumpUnless(target: t, condition: rename(c, sub))
        case .ret(let o): kind = .ret(rename(o, sub))
        default: kind = br.kind
        }
        return Branch(kind, arguments: br.arguments.map { rename($0, sub) }, span: br.span)
    }

    /// A copy of `ir` (blocks are values, so editing the copy leaves `ir` as is).
    static func copy(_ ir: IRFunction) -> IRFunction {
        IRFunction(name: ir.name, parameterNames: ir.parameterNames, isVarargs: ir.isVarargs,
                   keywordNames: ir.keywordNames, captureNames: ir.captureNames, blocks: ir.blocks,
                   span: ir.span, variableNames: ir.variableNames, isInternal: ir.isInternal)
    }
}
