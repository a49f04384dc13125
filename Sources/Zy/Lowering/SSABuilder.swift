import SourceMap

/// SSA construction after Braun et al., "Simple and Efficient Construction of
/// Static Single Assignment Form" (CC 2013), with block arguments in place of
/// phi nodes: a phi of block B becomes an argument of B, and its operands are
/// appended to the branches into B.
///
/// Variables are "slots" (source locals and hidden temporaries), numbered in
/// declaration order so block arguments can later be sorted by it. Reading a
/// slot with no definition on some path yields `SSABuilder.undefined`, which
/// lowering turns into `Core.undefvar` or, if it reaches a block argument,
/// into a box.
final class SSABuilder {
    /// The marker for "no definition reaches here".
    static let undefined = Operand.global("\u{0}undef")

    let builder: IRBuilder
    private var currentDef: [Int: [Int: Operand]] = [:]
    private var sealed: Set<Int> = []
    private var incomplete: [Int: [(slot: Int, argument: VariableID)]] = [:]
    /// Blocks on the current chain of single-predecessor steps. Meeting one
    /// again before reaching a block with several predecessors means a cycle
    /// that no entry edge reaches (dead code). A block with several
    /// predecessors defines its argument before searching further, which is
    /// what ends the search around reachable loops; it starts a new chain.
    private var searching: Set<Int> = []
    /// The slot each block argument stands for.
    private(set) var argumentSlot: [VariableID: Int] = [:]
    private(set) var slotNames: [String?] = []

    init(builder: IRBuilder) {
        self.builder = builder
    }

    func newSlot(name: String?) -> Int {
        slotNames.append(name)
        return slotNames.count - 1
    }

    func write(_ slot: Int, _ value: Operand, in block: Int) {
        currentDef[block, default: [:]][slot] = value
    }

    func read(_ slot: Int, in block: Int) -> Operand {
        if let v = currentDef[block]?[slot] { return v }
        return readRecursive(slot, block)
    }

    func isSealed(_ block: Int) -> Bool { sealed.contains(block) }

    private func readRecursive(_ slot: Int, _ block: Int) -> Operand {
        let value: Operand
        let preds = builder.predecessors[block - 1]
        if !sealed.contains(block) {
            let arg = builder.addArgument(to: block)
            argumentSlot[arg] = slot
            incomplete[block, default: []].append((slot, arg))
            value = .variable(arg)
        } else if preds.isEmpty {
            value = SSABuilder.undefined
        } else if preds.count == 1, let p = preds.first {
            // A cycle of single-predecessor blocks is unreachable code (a
            // reachable loop header has an entry edge too): nothing defines
            // the slot there.
            guard searching.insert(block).inserted else { return SSABuilder.undefined }
            defer { searching.remove(block) }
            value = read(slot, in: p.block)
        } else {
            let arg = builder.addArgument(to: block)
            argumentSlot[arg] = slot
            write(slot, .variable(arg), in: block)
            let chain = searching
            searching = []
            addOperands(slot, block)
            searching = chain
            value = .variable(arg)
        }
        write(slot, value, in: block)
        return value
    }

    private func addOperands(_ slot: Int, _ block: Int) {
        for edge in builder.predecessors[block - 1] where edge.branch >= 0 {
            builder.appendBranchArgument(block: edge.block, branch: edge.branch, read(slot, in: edge.block))
        }
    }

    /// Declares that every predecessor of `block` is known.
    func seal(_ block: Int) {
        guard !sealed.contains(block) else { return }
        sealed.insert(block)
        for entry in incomplete[block] ?? [] { addOperands(entry.slot, block) }
        incomplete[block] = nil
    }
}

/// The finishing passes of SSA construction on a built function: drop
/// unreachable blocks, remove trivial block arguments, and sort block
/// arguments by slot order.
enum SSAFinisher {
    /// Removes arguments whose incoming values are all the same (ignoring
    /// the argument itself), repeatedly, substituting the one value for
    /// the argument everywhere. An argument whose only other incoming value
    /// is "undefined" stays, so the maybe-undefined check can see it.
    static func removeTrivialArguments(_ blocks: inout [Block]) {
        var substitution: [VariableID: Operand] = [:]
        func resolve(_ o: Operand) -> Operand {
            var cur = o
            var steps = 0
            while case .variable(let v) = cur, let next = substitution[v], steps < 10_000 { cur = next; steps += 1 }
            return cur
        }
        var changed = true
        while changed {
            changed = false
            for bi in blocks.indices {
                var ai = blocks[bi].arguments.count - 1
                while ai >= 0 {
                    let arg = blocks[bi].arguments[ai]
                    if blocks[bi].id == 1 { break }
                    var incoming: [Operand] = []
                    forEachEdge(into: blocks[bi].id, blocks) { b, k in
                        if ai < blocks[b].branches[k].arguments.count { incoming.append(resolve(blocks[b].branches[k].arguments[ai])) }
                    }
                    let others = Set(incoming).subtracting([.variable(arg)])
                    if others.count <= 1 && others.first != SSABuilder.undefined {
                        substitution[arg] = others.first ?? SSABuilder.undefined
                        blocks[bi].arguments.remove(at: ai)
                        let target = blocks[bi].id
                        forEachEdge(into: target, blocks) { b, k in
                            if ai < blocks[b].branches[k].arguments.count { blocks[b].branches[k].arguments.remove(at: ai) }
                        }
                        changed = true
                    }
                    ai -= 1
                }
            }
        }
        if substitution.isEmpty { return }
        blocks = blocks.map { IRRenumbering.mapOperands($0, resolve) }
    }

    static func forEachEdge(into target: Int, _ blocks: [Block], _ body: (Int, Int) -> Void) {
        for (b, block) in blocks.enumerated() {
            for (k, br) in block.branches.enumerated() {
                switch br.kind {
                case .jump(let t) where t == target, .jumpUnless(let t, _) where t == target: body(b, k)
                default: break
                }
            }
        }
    }

    /// Sorts each block's arguments by slot (declaration order), permuting
    /// the branch arguments into it the same way.
    static func sortArguments(_ blocks: inout [Block], slotOf: (VariableID) -> Int) {
        for bi in blocks.indices where blocks[bi].id != 1 {
            let args = blocks[bi].arguments
            let perm = args.indices.sorted { (slotOf(args[$0]), $0) < (slotOf(args[$1]), $1) }
            if perm == Array(args.indices) { continue }
            blocks[bi].arguments = perm.map { args[$0] }
            let target = blocks[bi].id
            var edges: [(Int, Int)] = []
            forEachEdge(into: target, blocks) { edges.append(($0, $1)) }
            for (b, k) in edges {
                let old = blocks[b].branches[k].arguments
                if old.count == perm.count { blocks[b].branches[k].arguments = perm.map { old[$0] } }
            }
        }
    }
}
