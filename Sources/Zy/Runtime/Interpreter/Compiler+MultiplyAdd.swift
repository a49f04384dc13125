/// Multiply-accumulate of sensitivity arithmetic (`registerFloatOperator`
/// aliases): `%t = mul(u, v)` read only by a later `%s = add(acc, %t)` of
/// the same block compiles to one `floatMulAdd` where the product is, so
/// an adjoint's `x̄ += r̄ * r` is one dispatch. The add moves up: allowed
/// when `acc` is defined before the product and no statement in between
/// reads or writes the registers of `acc` or `%s`. With `--check-finite`
/// the pair is `checkedMulAdd`, which tests each result before its store.
extension Compiler {
    /// Statement index of each fusable product → index of its add.
    func multiplyAdds(in block: Block) -> [Int: Int] {
        let statements = block.statements
        var fused: [Int: Int] = [:]
        for (i, s) in statements.enumerated() {
            guard let t = s.result, readCounts[t] == 1, fused.values.contains(i) == false,
                  case .call(.global(let m), let margs) = s.instruction, margs.count == 2 || margs.count == 3,
                  BinaryOperator.floatAliases[m] == .mul, Compiler.positional(margs) != nil,
                  let j = statements.indices.dropFirst(i + 1).first(where: { reads(statements[$0], t) }),
                  let sum = statements[j].result,
                  case .call(.global(let a), let aargs) = statements[j].instruction, aargs.count == 2,
                  BinaryOperator.floatAliases[a] == .add, let (x, y) = Compiler.positional(aargs)
            else { continue }
            let acc: Operand
            if case .variable(t) = y { acc = x } else if case .variable(t) = x { acc = y } else { continue }
            if case .variable(t) = acc { continue }
            if case .variable(let v) = acc, statements[i...j].contains(where: { $0.result == v }) { continue }
            if case .global = acc { continue }
            let guarded: Set<Int> = [registerOf(acc), registerOf(.variable(sum))]
            let touched = statements[(i + 1)..<j].contains { between in
                if let r = between.result, guarded.contains(alias[r] ?? r) { return true }
                var hit = false
                Compiler.forEachRead(of: between) { if guarded.contains(alias[$0] ?? $0) { hit = true } }
                return hit
            }
            if !touched { fused[i] = j }
        }
        return fused
    }

    /// Compiles product `s` and add `add` together at the product's place.
    mutating func compileMultiplyAdd(_ s: Statement, _ add: Statement) {
        let start = out.code.count
        compile(s)
        compile(add)
        if finiteCheck != nil, out.code.count == start + 2,
           case .checkedArith(.mul, let t, let u, let v, let mulSite) = out.code[start],
           case .checkedArith(.add, let d, let x, let y, let addSite) = out.code[start + 1], x == t || y == t {
            out.code.removeLast(2)
            out.spans.removeLast()
            out.statementStarts.removeLast()
            out.code.append(.checkedMulAdd(dst: d, acc: x == t ? y : x, lhs: u, rhs: v, product: t,
                                           mulSite: mulSite, addSite: addSite))
            return
        }
        guard out.code.count == start + 2,
              case .floatMul(let t, let u, let v, let mulSite) = out.code[start],
              case .floatAdd(let d, let x, let y, let addSite) = out.code[start + 1],
              x == t || y == t else { return }
        let acc = x == t ? y : x
        out.code.removeLast(2)
        out.spans.removeLast()
        out.statementStarts.removeLast()
        out.code.append(.floatMulAdd(dst: d, acc: acc, lhs: u, rhs: v, mulSite: mulSite, addSite: addSite))
    }

    private func reads(_ s: Statement, _ v: Int) -> Bool {
        var hit = false
        Compiler.forEachRead(of: s) { if $0 == v { hit = true } }
        return hit
    }

    private func registerOf(_ o: Operand) -> Int {
        switch o {
        case .variable(let v): return alias[v] ?? v
        case .constant(let c): return Int(constantRegisters[c] ?? -1)
        case .global: return -1
        }
    }

    /// The two operands of a product or sum (a product's trailing shape
    /// operand, when it has one, must be positional too).
    private static func positional(_ args: [CallArgument]) -> (Operand, Operand)? {
        guard args.allSatisfy({ if case .positional = $0 { return true } else { return false } }),
              case .positional(let a) = args[0], case .positional(let b) = args[1] else { return nil }
        return (a, b)
    }
}
