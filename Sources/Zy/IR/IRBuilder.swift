import SourceMap

/// Builds the blocks of one IRFunction. Blocks are identified by their
/// creation index (1-based) while building; `finish` orders them by the
/// order in which they were first entered (source order: entry, loop header,
/// body, exit) and drops blocks that cannot be reached.
///
/// A block is "open" between `switchTo` and its unconditional terminator.
/// Emitting a terminator moves the builder to a fresh unreachable block, so
/// code after `return` or `break` is lowered harmlessly and dropped.
public final class IRBuilder {
    public private(set) var blocks: [Block] = []
    /// Incoming edges per block (index = id - 1): the predecessor and the
    /// index of the branch within it.
    public private(set) var predecessors: [[(block: Int, branch: Int)]] = []
    /// Blocks in the order they were first entered.
    private var placement: [Int] = []
    private var placed: Set<Int> = []
    /// Blocks known to be unreachable (fresh blocks after a terminator).
    private var unreachableBlocks: Set<Int> = []
    public private(set) var current: Int = 0
    private var nextVariable: VariableID = 1

    public init() {
        let entry = newBlock()
        switchTo(entry)
    }

    public func freshVariable() -> VariableID {
        defer { nextVariable += 1 }
        return nextVariable
    }

    public func newBlock() -> Int {
        blocks.append(Block(id: blocks.count + 1))
        predecessors.append([])
        return blocks.count
    }

    public func switchTo(_ block: Int) {
        current = block
        if !placed.contains(block) {
            placed.insert(block)
            placement.append(block)
        }
    }

    /// True when the current block was opened after a terminator and nothing
    /// branches to it: code emitted here never runs.
    public var isCurrentUnreachable: Bool { unreachableBlocks.contains(current) }

    public func isMarkedUnreachable(_ block: Int) -> Bool { unreachableBlocks.contains(block) }

    public func addArgument(to block: Int) -> VariableID {
        let v = freshVariable()
        blocks[block - 1].arguments.append(v)
        return v
    }

    @discardableResult
    public func emit(_ instruction: Instruction, span: Span) -> VariableID {
        let v = freshVariable()
        blocks[current - 1].statements.append(Statement(result: v, instruction, span: span))
        return v
    }

    /// Emits into `block` (which must dominate every later use, such as the
    /// entry block) without moving the builder.
    public func emit(_ instruction: Instruction, span: Span, inBlock block: Int) -> VariableID {
        let v = freshVariable()
        blocks[block - 1].statements.append(Statement(result: v, instruction, span: span))
        return v
    }

    public func emitEffect(_ instruction: Instruction, span: Span) {
        blocks[current - 1].statements.append(Statement(result: nil, instruction, span: span))
    }

    public func call(_ callee: String, _ args: [Operand], span: Span) -> Operand {
        .variable(emit(.call(.global(callee), args.map { .positional($0) }), span: span))
    }

    /// `br target unless condition`; the current block stays open.
    public func branchUnless(_ condition: Operand, to target: Int, arguments: [Operand] = [], span: Span) {
        addBranch(Branch(.jumpUnless(target: target, condition: condition), arguments: arguments, span: span), target: target)
    }

    /// `br target`; closes the current block.
    public func jump(to target: Int, arguments: [Operand] = [], span: Span) {
        addBranch(Branch(.jump(target: target), arguments: arguments, span: span), target: target)
        closeBlock()
    }

    public func ret(_ value: Operand, span: Span) {
        if !isCurrentUnreachable { blocks[current - 1].branches.append(Branch(.ret(value), span: span)) }
        closeBlock()
    }

    public func unreachable(span: Span) {
        if !isCurrentUnreachable { blocks[current - 1].branches.append(Branch(.unreachable, span: span)) }
        closeBlock()
    }

    /// Appends to the arguments of one existing branch (SSA construction adds
    /// block arguments after the branches into the block were emitted).
    public func appendBranchArgument(block: Int, branch: Int, _ value: Operand) {
        blocks[block - 1].branches[branch].arguments.append(value)
    }

    private func addBranch(_ branch: Branch, target: Int) {
        if isCurrentUnreachable { return }
        blocks[current - 1].branches.append(branch)
        predecessors[target - 1].append((current, blocks[current - 1].branches.count - 1))
    }

    /// Records that an exception in the current block transfers to
    /// `handler`: an edge for SSA construction that carries no arguments
    /// (branch index -1).
    public func addHandlerEdge(to handler: Int) {
        if isCurrentUnreachable { return }
        predecessors[handler - 1].append((current, -1))
    }

    private func closeBlock() {
        let dead = newBlock()
        unreachableBlocks.insert(dead)
        switchTo(dead)
    }

    /// Mutable access for the finishing passes of lowering.
    public func withBlocks<T>(_ body: (inout [Block]) -> T) -> T { body(&blocks) }

    /// Blocks reachable from the entry, following branches and `enterTry`
    /// handler edges.
    public func reachableBlocks() -> Set<Int> {
        var seen: Set<Int> = [1]
        var work = [1]
        while let b = work.popLast() {
            for t in IRFunction.successors(of: blocks[b - 1]) where t >= 1 && t <= blocks.count && !seen.contains(t) {
                seen.insert(t)
                work.append(t)
            }
        }
        return seen
    }

    /// Reachable blocks in placement order (unplaced reachable blocks last).
    public func orderedLiveBlocks() -> [Int] {
        let live = reachableBlocks()
        var order = placement.filter { live.contains($0) }
        for b in live.sorted() where !placed.contains(b) { order.append(b) }
        return order
    }
}

extension IRFunction {
    /// Successor block ids of a block: branch targets and `enterTry` handlers.
    public static func successors(of block: Block) -> [Int] {
        var out: [Int] = []
        for s in block.statements {
            if case .enterTry(let c) = s.instruction { out.append(c) }
        }
        for br in block.branches {
            switch br.kind {
            case .jump(let t), .jumpUnless(let t, _): out.append(t)
            case .ret, .unreachable: break
            }
        }
        return out
    }
}
