/// Fusions of the instructions of record stacks (the AD's tape) in loops.
extension Compiler {
    /// A back edge `compareBranch(!=)` of a cursor against 0 whose loop body
    /// starts by reading the record at that cursor (a reversed loop of the
    /// AD's adjoint) becomes `recordBranch`: test and read in one dispatch.
    mutating func fuseRecordBranches() {
        var zeros = Set<Int32>()
        for (r, v) in constants { if case .int(0) = v { zeros.insert(r) } }
        for at in out.code.indices {
            guard case .compareBranch(.ne, 0, let c, let z, let s, let t, let e) = out.code[at],
                  zeros.contains(z), Int(t) < at,
                  case .recordRead(let d, let v, c, let offset, _) = out.code[Int(t)],
                  zeros.contains(offset), d != c, d != v else { continue }
            out.code[at] = .recordBranch(dst: d, vector: v, cursor: c, zero: z, site: s, then: t, otherwise: e)
        }
    }

    /// Superinstructions of the AD's loops (see `Op.recordPushMul`): the
    /// first instruction of each pair is rewritten, the second kept.
    mutating func fuseRecordSteps() {
        for at in out.code.indices.dropLast() {
            switch (out.code[at], out.code[at + 1]) {
            case (.recordPush(let d, let v, let x, let s), .mulInPlace(let reg, let rhs, _)):
                out.code[at] = .recordPushMulInPlace(dst: d, vector: v, value: x, site: s, reg: reg, rhs: rhs)
            case (.recordPush(let d, let v, let x, let s), .checkedArith):
                out.code[at] = .recordPushCheckedArith(dst: d, vector: v, value: x, site: s)
            case (.decrement(let r, let imm, let s), .recordBranch(let d, let v, let c, _, _, let t, _)) where c == r:
                out.code[at] = .decrementRecordBranch(reg: r, imm: imm, site: s, dst: d, vector: v, then: t)
            default:
                break
            }
        }
    }
}
