/// Register coalescing of loop back edges.
///
/// `%5 = %2 - 1; br 2 (%5)` into block 2's argument `%2` costs a move per
/// iteration. When `%5` is used only by that jump and `%2` is not read after
/// `%5` is computed, `%5` can live in `%2`'s register: the jump then moves
/// nothing. Registers are otherwise SSA numbers, so this is the only place
/// where two variables share one.
extension Compiler {
    /// Variables that are written straight into a block argument's register.
    static func coalescedRegisters(_ ir: IRFunction, reads uses: [Int: Int]) -> [Int: Int] {
        guard let entry = ir.blocks.first, !ir.blocks.contains(where: hasTry) else { return [:] }
        var alias: [Int: Int] = [:]
        for block in ir.blocks {
            guard block.branches.count == 1, case .jump(let t) = block.branches[0].kind, t != entry.id,
                  let target = ir.blocks.first(where: { $0.id == t }),
                  target.arguments.count == block.branches[0].arguments.count else { continue }
            let args = block.branches[0].arguments
            for (position, (param, arg)) in zip(target.arguments, args).enumerated() {
                // Several predecessors may write the same argument's register
                // (a loop's entry and its back edge): `param` is dead in each
                // at its jump (it is defined by the target block, and
                // `readsAfter` covers a block the target dominates).
                guard case .variable(let s) = arg, s != param, s > 0, param > 0, uses[s] == 1,
                      alias[s] == nil,
                      let def = block.statements.firstIndex(where: { $0.result == s }),
                      !readsAfter(param, block, from: def, jumpArguments: args, except: position)
                else { continue }
                alias[s] = param
            }
        }
        return alias
    }

    private static func hasTry(_ block: Block) -> Bool {
        block.statements.contains {
            switch $0.instruction {
            case .enterTry, .leaveTry, .currentException: return true
            default: return false
            }
        }
    }

    /// Whether `v` is read by a statement after index `def` of `block` or by
    /// any jump argument other than the coalesced one.
    private static func readsAfter(_ v: Int, _ block: Block, from def: Int,
                                   jumpArguments: [Operand], except position: Int) -> Bool {
        var found = false
        for s in block.statements[(def + 1)...] {
            forEachRead(of: s) { if $0 == v { found = true } }
        }
        for (i, a) in jumpArguments.enumerated() where i != position {
            if case .variable(v) = a { found = true }
        }
        return found
    }

    static func forEachRead(in ir: IRFunction, _ body: (Int) -> Void) {
        func visit(_ o: Operand) { if case .variable(let v) = o { body(v) } }
        for block in ir.blocks {
            for s in block.statements { forEachRead(of: s, body) }
            for b in block.branches {
                b.arguments.forEach(visit)
                switch b.kind {
                case .jumpUnless(_, let c): visit(c)
                case .ret(let o): visit(o)
                case .jump, .unreachable: break
                }
            }
        }
    }

    static func forEachRead(of s: Statement, _ body: (Int) -> Void) {
        func visit(_ o: Operand) { if case .variable(let v) = o { body(v) } }
        switch s.instruction {
        case .call(let f, let args):
            visit(f)
            for a in args {
                switch a {
                case .positional(let o), .splat(let o), .keyword(_, let o): visit(o)
                }
            }
        case .closure(_, let captures): captures.forEach(visit)
        case .setGlobal(_, let o), .setConst(_, let o): visit(o)
        case .defineMethod(_, _, let sig): sig.forEach(visit)
        case .defineStruct(_, _, _, let types, let supertype): types.forEach(visit); visit(supertype)
        case .enterTry, .leaveTry, .currentException: break
        }
    }
}

extension Compiler {
    /// A move-free jump to a loop header that starts with a fused compare
    /// becomes a copy of that compare branching both ways, so a `while` loop
    /// runs one dispatch per iteration for its test and back edge together.
    mutating func duplicateLoopTests() {
        for at in out.code.indices {
            guard case .jump(let target, _, 0) = out.code[at], Int(target) < out.code.count,
                  case .compareJumpUnless(let op, let d, let l, let r, let site, let exit) = out.code[Int(target)]
            else { continue }
            // The specialised forms are back edges only: `then` backward, `otherwise` forward.
            let backEdge = Int(target) + 1 <= at && Int(exit) > at
            switch (op, d) {
            case (.gt, 0) where backEdge:
                out.code[at] = .gtBranch(lhs: l, rhs: r, site: site, then: target + 1, otherwise: exit)
            case (.lt, 0) where backEdge:
                out.code[at] = .ltBranch(lhs: l, rhs: r, site: site, then: target + 1, otherwise: exit)
            case (.le, 0) where backEdge:
                out.code[at] = .leBranch(lhs: l, rhs: r, site: site, then: target + 1, otherwise: exit)
            default:
                out.code[at] = .compareBranch(op, dst: d, lhs: l, rhs: r, site: site,
                                              then: target + 1, otherwise: exit)
            }
            // Errors and observer reports are those of the header's compare.
            out.spans[at] = out.spans[Int(target)]
            out.statementStarts[at] = out.statementStarts[Int(target)]
        }
    }
}
