import SourceMap

/// Checks the structural invariants of an IRFunction. Every problem found is
/// an implementation bug (an `InternalError`), never the user's fault.
public enum IRVerifier {
    public struct Problem: CustomStringConvertible, Equatable {
        public var message: String
        public var block: Int?
        public var span: Span
        public var description: String {
            (block.map { "block \($0): " } ?? "") + message
        }
    }

    /// Problems in `f` and, with `recursive`, in every nested body.
    public static func verify(_ f: IRFunction, recursive: Bool = true) -> [Problem] {
        var checker = Checker(f: f)
        checker.run()
        var problems = checker.problems
        if recursive {
            for (key, fn) in IRPrinter.nestedFunctions(of: f) {
                problems += verify(fn, recursive: true).map {
                    Problem(message: "in \(key): " + $0.message, block: $0.block, span: $0.span)
                }
            }
        }
        return problems
    }

    private struct Checker {
        let f: IRFunction
        var problems: [Problem] = []
        /// Where each variable is defined: block id and position (-1 for a
        /// block argument, else the statement index).
        var definitions: [VariableID: (block: Int, index: Int)] = [:]

        init(f: IRFunction) { self.f = f }

        mutating func problem(_ message: String, block: Int? = nil, span: Span = .unknown) {
            problems.append(Problem(message: message, block: block, span: span))
        }

        mutating func run() {
            guard !f.blocks.isEmpty else { return problem("function has no blocks") }
            for (i, b) in f.blocks.enumerated() where b.id != i + 1 {
                problem("block ids are not dense: position \(i + 1) holds block \(b.id)", block: b.id)
            }
            if f.blocks[0].arguments.first != 1 { problem("%1 is not block 1's first argument", block: 1) }
            if f.blocks[0].arguments.count != f.argumentCount {
                problem("block 1 takes \(f.blocks[0].arguments.count) arguments, the signature \(f.argumentCount)", block: 1)
            }
            collectDefinitions()
            for b in f.blocks { checkTerminators(b); checkTargets(b) }
            checkDominance()
        }

        mutating func collectDefinitions() {
            for b in f.blocks {
                for a in b.arguments { define(a, block: b.id, index: -1) }
                for (i, s) in b.statements.enumerated() {
                    if let r = s.result { define(r, block: b.id, index: i) }
                }
            }
        }

        mutating func define(_ v: VariableID, block: Int, index: Int) {
            if v < 1 { problem("variable %\(v) is not positive", block: block) }
            if definitions[v] != nil { problem("%\(v) is defined more than once", block: block) }
            definitions[v] = (block, index)
        }

        mutating func checkTerminators(_ b: Block) {
            guard let last = b.branches.last else { return problem("block has no terminator", block: b.id) }
            if case .jumpUnless = last.kind { problem("block ends with a conditional branch", block: b.id, span: last.span) }
            for br in b.branches.dropLast() {
                if case .jumpUnless = br.kind { continue }
                problem("unconditional terminator before the end of the block", block: b.id, span: br.span)
            }
            for br in b.branches {
                switch br.kind {
                case .ret, .unreachable:
                    if !br.arguments.isEmpty { problem("return with branch arguments", block: b.id, span: br.span) }
                default: break
                }
            }
        }

        mutating func checkTargets(_ b: Block) {
            for br in b.branches {
                let target: Int
                switch br.kind {
                case .jump(let t), .jumpUnless(let t, _): target = t
                default: continue
                }
                guard target >= 1 && target <= f.blocks.count else {
                    problem("branch to missing block \(target)", block: b.id, span: br.span)
                    continue
                }
                if target == 1 { problem("branch to the entry block", block: b.id, span: br.span) }
                let expected = f.blocks[target - 1].arguments.count
                if br.arguments.count != expected {
                    problem("branch to block \(target) passes \(br.arguments.count) arguments, block takes \(expected)", block: b.id, span: br.span)
                }
            }
            for s in b.statements {
                guard case .enterTry(let c) = s.instruction else { continue }
                if c < 2 || c > f.blocks.count {
                    problem("handler block \(c) does not exist", block: b.id, span: s.span)
                } else if !f.blocks[c - 1].arguments.isEmpty {
                    problem("handler block \(c) takes arguments", block: b.id, span: s.span)
                }
            }
        }

        mutating func checkDominance() {
            let dom = Dominators(f)
            for b in f.blocks where dom.isReachable(b.id) {
                for (i, s) in b.statements.enumerated() {
                    for op in IRRenumbering.operands(of: s.instruction) { checkUse(op, block: b.id, index: i, span: s.span, dom: dom) }
                }
                for br in b.branches {
                    var ops = br.arguments
                    switch br.kind {
                    case .jumpUnless(_, let c): ops.append(c)
                    case .ret(let v): ops.append(v)
                    default: break
                    }
                    for op in ops { checkUse(op, block: b.id, index: b.statements.count, span: br.span, dom: dom) }
                }
            }
        }

        mutating func checkUse(_ op: Operand, block: Int, index: Int, span: Span, dom: Dominators) {
            guard case .variable(let v) = op else { return }
            guard let def = definitions[v] else { return problem("%\(v) is used but never defined", block: block, span: span) }
            if def.block == block {
                if def.index >= index { problem("%\(v) is used before its definition", block: block, span: span) }
            } else if !dom.dominates(def.block, block) {
                problem("%\(v) (defined in block \(def.block)) does not dominate its use", block: block, span: span)
            }
        }
    }
}

/// Dominators of the blocks of one function (Cooper, Harvey and Kennedy's
/// iterative algorithm), with `enterTry` handler edges counted as edges.
public struct Dominators {
    /// Immediate dominator per block id; the entry's is itself; 0 when the
    /// block is unreachable.
    public private(set) var idom: [Int]

    public init(_ f: IRFunction) {
        let n = f.blocks.count
        var preds = Array(repeating: [Int](), count: n + 1)
        var order: [Int] = []
        var seen = Set<Int>()
        func visit(_ b: Int) {
            // Iterative post-order DFS: recursion depth would follow block count.
            var stack: [(Int, [Int], Int)] = [(b, Dominators.succ(f, b), 0)]
            seen.insert(b)
            while !stack.isEmpty {
                let top = stack.count - 1
                let (node, succs, i) = stack[top]
                if i < succs.count {
                    stack[top].2 += 1
                    let s = succs[i]
                    if !seen.contains(s) { seen.insert(s); stack.append((s, Dominators.succ(f, s), 0)) }
                } else {
                    order.append(node)
                    stack.removeLast()
                }
            }
        }
        if n > 0 { visit(1) }
        for b in 1...max(1, n) where n > 0 { for s in Dominators.succ(f, b) { preds[s].append(b) } }
        var rpoIndex = Array(repeating: -1, count: n + 1)
        let rpo = Array(order.reversed())
        for (i, b) in rpo.enumerated() { rpoIndex[b] = i }
        var idom = Array(repeating: 0, count: n + 1)
        if n > 0 { idom[1] = 1 }
        var changed = true
        while changed {
            changed = false
            for b in rpo where b != 1 {
                var new = 0
                for p in preds[b] where idom[p] != 0 {
                    if new == 0 { new = p; continue }
                    var x = p, y = new
                    while x != y {
                        while rpoIndex[x] > rpoIndex[y] { x = idom[x] }
                        while rpoIndex[y] > rpoIndex[x] { y = idom[y] }
                    }
                    new = x
                }
                if new != 0 && idom[b] != new { idom[b] = new; changed = true }
            }
        }
        self.idom = idom
    }

    static func succ(_ f: IRFunction, _ b: Int) -> [Int] {
        guard b >= 1 && b <= f.blocks.count else { return [] }
        return IRFunction.successors(of: f.blocks[b - 1]).filter { $0 >= 1 && $0 <= f.blocks.count }
    }

    public func isReachable(_ b: Int) -> Bool { b >= 1 && b < idom.count && idom[b] != 0 }

    /// Whether `a` dominates `b` (every block dominates itself).
    public func dominates(_ a: Int, _ b: Int) -> Bool {
        guard isReachable(a), isReachable(b) else { return false }
        var x = b
        while true {
            if x == a { return true }
            if x == 1 { return false }
            x = idom[x]
        }
    }
}
