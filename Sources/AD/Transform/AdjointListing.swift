import Zy

/// Prints adjoint IR the way the seed shows it: recorded primal values as
/// `@N`, tape and capture plumbing hidden, gradient helpers as the operators
/// they compute (`%11 = %2 * @5`), block 1's header showing ȳ.
struct AdjointListing {
    let t: Transformed

    init(_ t: Transformed) { self.t = t }

    static let infix: [String: String] = [
        Helper.mul: "*", Helper.mulr: "*", Helper.div: "/", Helper.accum: "+",
        "+": "+", "-": "-", "*": "*", "/": "/", "!=": "!=",
    ]

    var text: String { SourceListing.render(lines, annotated: false) }

    /// Each statement with its source line and the primal statement it
    /// differentiates (`# loop.zy:7  ∂ %8 = %5 * %2  r *= x`).
    var annotatedText: String { SourceListing.render(lines, annotated: true) }

    var lines: [ListingLine] {
        var out: [ListingLine] = []
        var predicate: [VariableID: String] = [:]
        for block in t.adjoint.blocks {
            let shown = block.arguments.filter { $0 != 1 && !t.cursorArguments.contains($0) }
            let header = shown.isEmpty ? "\(block.id):" : "\(block.id): (" + shown.map { "%\($0)" }.joined(separator: ", ") + ")"
            out.append(ListingLine(.header, header))
            for s in block.statements {
                guard let r = s.result, case .call(let f, let args) = s.instruction else { continue }
                let ops = args.map { operand($0.operand) }
                if case .call(.global("Core.tuple"), _) = s.instruction, block.branches.contains(where: { $0.kind == .ret(.variable(r)) }) {
                    continue
                }
                if t.plumbing.contains(r) {
                    if case .global("!=") = f, ops.count == 2, case .positional(.variable(let a))? = args.first {
                        // The taped edge, or the tape cursor (0: nothing taped before).
                        predicate[r] = (t.cursorArguments.contains(a) || isCursor(a) ? "@cursor != " : "@pred != ") + ops[1]
                    }
                    continue
                }
                out.append(ListingLine(.code, "%\(r) = " + call(f, ops), span: s.span, note: differentiated(r)))
            }
            for br in block.branches {
                let args = br.arguments.dropFirst().map(operand)
                let suffix = args.isEmpty ? "" : " (" + args.joined(separator: ", ") + ")"
                let text: String
                switch br.kind {
                case .jump(let target): text = "br \(target)\(suffix)"
                case .jumpUnless(let target, let c):
                    var cond = operand(c)
                    if case .variable(let v) = c, let p = predicate[v] { cond = p }
                    text = "br \(target)\(suffix) unless \(cond)"
                case .ret(let v): text = "return " + returned(v, block)
                case .unreachable: text = "unreachable"
                }
                out.append(ListingLine(.code, text, span: br.span))
            }
        }
        return out
    }

    /// The primal statement whose reversal computed `v`, as the primal
    /// listing prints it.
    private func differentiated(_ v: VariableID) -> String? {
        guard let ref = t.origins[v], ref.block < t.primal.blocks.count,
              ref.index < t.primal.blocks[ref.block].statements.count else { return nil }
        return IRPrinter.statementText(t.primal.blocks[ref.block].statements[ref.index], in: t.primal)
    }

    /// Cursor arithmetic: `%c = %cursor - n`.
    private func isCursor(_ v: VariableID) -> Bool {
        for b in t.adjoint.blocks {
            for s in b.statements where s.result == v {
                if case .call(.global("-"), let args) = s.instruction, case .positional(.variable(let c))? = args.first {
                    return t.cursorArguments.contains(c)
                }
            }
        }
        return false
    }

    private func returned(_ v: Operand, _ block: Block) -> String {
        if case .variable(let r) = v, let s = block.statements.first(where: { $0.result == r }),
           case .call(.global("Core.tuple"), let args) = s.instruction {
            return "(" + args.dropFirst().map { operand($0.operand) }.joined(separator: ", ") + ")"
        }
        return operand(v)
    }

    private func call(_ f: Operand, _ ops: [String]) -> String {
        if case .global(let name) = f {
            if let op = AdjointListing.infix[name], ops.count == 2 { return ops[0] + " " + op + " " + ops[1] }
            // a product's shape operand is not part of the arithmetic shown
            if name == Helper.mul || name == Helper.mulr, ops.count == 3 { return ops[0] + " * " + ops[1] }
            if name == "-", ops.count == 1 { return "-" + ops[0] }
            if name == Helper.gradientAt, ops.count == 2 { return ops[0] + "[" + ops[1] + "]" }
            return name + "(" + ops.joined(separator: ", ") + ")"
        }
        return operand(f) + "(" + ops.joined(separator: ", ") + ")"
    }

    private func operand(_ op: Operand) -> String {
        switch op {
        case .variable(let v):
            if let p = t.recorded[v] { return "@\(p)" }
            if let name = t.pullbackNames[v] { return name }
            if t.plumbing.contains(v) { return "@" }
            return "%\(v)"
        case .global(let g): return g
        case .constant(let c):
            switch c {
            case .int(let i): return String(i)
            case .float(let d): return String(d)
            case .bool(let b): return String(b)
            case .string(let s): return "\"\(s)\""
            case .char(let ch): return "'\(ch)'"
            case .symbol(let s): return ":" + s
            case .nothing: return "nothing"
            }
        }
    }
}
