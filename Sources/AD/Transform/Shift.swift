import Zy

extension Transformer {
    /// `ir` renumbered to take one more leading argument: its `%1` becomes
    /// `%2` and a new unused `%1` comes first. Captures, read as
    /// `getfield(%1, :x)`, then read the new `%2` (the original function
    /// object, passed as an argument). Cached per function.
    func shifted(_ ir: IRFunction) throws -> IRFunction {
        let key = ObjectIdentifier(ir)
        if let (original, s) = shiftCache[key], original === ir { return s }
        func v(_ x: VariableID) -> VariableID { x + 1 }
        func op(_ o: Operand) -> Operand {
            if case .variable(let x) = o { return .variable(v(x)) }
            return o
        }
        func arg(_ a: CallArgument) -> CallArgument {
            switch a {
            case .positional(let o): return .positional(op(o))
            case .splat(let o): return .splat(op(o))
            case .keyword(let n, let o): return .keyword(n, op(o))
            }
        }
        var blocks: [Block] = []
        for (i, b) in ir.blocks.enumerated() {
            var nb = Block(id: b.id, arguments: (i == 0 ? [1] : []) + b.arguments.map(v))
            for s in b.statements {
                let ins: Instruction
                switch s.instruction {
                case .call(let f, let args): ins = .call(op(f), args.map(arg))
                case .closure(let fn, let caps): ins = .closure(fn, captures: caps.map(op))
                case .setGlobal(let n, let o): ins = .setGlobal(n, op(o))
                case .setConst(let n, let o): ins = .setConst(n, op(o))
                default: ins = s.instruction
                }
                nb.statements.append(Statement(result: s.result.map(v), ins, span: s.span))
            }
            for br in b.branches {
                let kind: Branch.Kind
                switch br.kind {
                case .jumpUnless(let t, let c): kind = .jumpUnless(target: t, condition: op(c))
                case .ret(let o): kind = .ret(op(o))
                default: kind = br.kind
                }
                nb.branches.append(Branch(kind, arguments: br.arguments.map(op), span: br.span))
            }
            blocks.append(nb)
        }
        let s = IRFunction(name: ir.name, parameterNames: ["#self"] + ir.parameterNames, isVarargs: ir.isVarargs,
                           keywordNames: ir.keywordNames, captureNames: [], blocks: blocks, span: ir.span,
                           isInternal: true)
        shiftCache[key] = (ir, s)
        return s
    }
}
