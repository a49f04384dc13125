/// Passes that rename without changing meaning: reordering blocks and making
/// variable numbers dense in order of appearance (block arguments, then
/// statement results, block by block), which is how IRTools numbers them.
public enum IRRenumbering {
    /// Keeps the blocks listed in `order` (old ids), renumbers them 1…n in
    /// that order and rewrites every branch target and handler.
    public static func reorderBlocks(_ blocks: [Block], order: [Int]) -> [Block] {
        var newID: [Int: Int] = [:]
        for (i, old) in order.enumerated() { newID[old] = i + 1 }
        var out: [Block] = []
        for old in order {
            guard old >= 1 && old <= blocks.count else { continue }
            var b = blocks[old - 1]
            b.id = newID[old] ?? b.id
            for i in b.statements.indices {
                if case .enterTry(let c) = b.statements[i].instruction {
                    b.statements[i].instruction = .enterTry(catchBlock: newID[c] ?? c)
                }
            }
            for i in b.branches.indices {
                switch b.branches[i].kind {
                case .jump(let t): b.branches[i].kind = .jump(target: newID[t] ?? t)
                case .jumpUnless(let t, let c): b.branches[i].kind = .jumpUnless(target: newID[t] ?? t, condition: c)
                case .ret, .unreachable: break
                }
            }
            out.append(b)
        }
        return out
    }

    /// Renumbers the variables of `f` densely; `%1` stays the first argument
    /// of block 1. Also renames the keys of `variableNames`.
    public static func renumberVariables(_ f: IRFunction) {
        var map: [VariableID: VariableID] = [:]
        var next = 1
        func define(_ v: VariableID) -> VariableID {
            if let m = map[v] { return m }
            map[v] = next
            next += 1
            return next - 1
        }
        for b in f.blocks {
            for a in b.arguments { _ = define(a) }
            for s in b.statements { if let r = s.result { _ = define(r) } }
        }
        f.blocks = f.blocks.map { block in
            var b = block
            b.arguments = b.arguments.map { map[$0] ?? $0 }
            for i in b.statements.indices {
                if let r = b.statements[i].result { b.statements[i].result = map[r] ?? r }
            }
            return mapOperands(b) { op in
                if case .variable(let v) = op, let m = map[v] { return .variable(m) }
                return op
            }
        }
        var names: [VariableID: String] = [:]
        for (v, n) in f.variableNames { if let m = map[v] { names[m] = n } }
        f.variableNames = names
    }

    /// Applies `transform` to every operand read by the block's statements
    /// and branches.
    public static func mapOperands(_ block: Block, _ transform: (Operand) -> Operand) -> Block {
        var b = block
        for i in b.statements.indices {
            b.statements[i].instruction = mapOperands(b.statements[i].instruction, transform)
        }
        for i in b.branches.indices {
            b.branches[i].arguments = b.branches[i].arguments.map(transform)
            switch b.branches[i].kind {
            case .jumpUnless(let t, let c): b.branches[i].kind = .jumpUnless(target: t, condition: transform(c))
            case .ret(let v): b.branches[i].kind = .ret(transform(v))
            case .jump, .unreachable: break
            }
        }
        return b
    }

    public static func mapOperands(_ instruction: Instruction, _ transform: (Operand) -> Operand) -> Instruction {
        func arg(_ a: CallArgument) -> CallArgument {
            switch a {
            case .positional(let o): return .positional(transform(o))
            case .splat(let o): return .splat(transform(o))
            case .keyword(let k, let o): return .keyword(k, transform(o))
            }
        }
        switch instruction {
        case .call(let f, let args): return .call(transform(f), args.map(arg))
        case .closure(let fn, let caps): return .closure(fn, captures: caps.map(transform))
        case .setGlobal(let n, let v): return .setGlobal(n, transform(v))
        case .setConst(let n, let v): return .setConst(n, transform(v))
        case .defineMethod(let n, let body, let sig): return .defineMethod(name: n, body: body, signature: sig.map(transform))
        case .defineStruct(let n, let m, let names, let types, let supertype):
            return .defineStruct(name: n, isMutable: m, fieldNames: names, fieldTypes: types.map(transform),
                                 supertype: transform(supertype))
        case .enterTry, .leaveTry, .currentException: return instruction
        }
    }

    /// Every operand an instruction reads, in order.
    public static func operands(of instruction: Instruction) -> [Operand] {
        var out: [Operand] = []
        _ = mapOperands(instruction) { out.append($0); return $0 }
        return out
    }
}
