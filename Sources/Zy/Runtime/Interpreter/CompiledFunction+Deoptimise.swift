/// Deoptimisation of the specialised arithmetic and compare-branch
/// instructions.
///
/// `add`, `sub`, `mul`, the `…Imm` and in-place forms, `index`,
/// `gtBranch`/`ltBranch`/`leBranch` and `recordBranch` (`!=`)
/// compute Int operands inline without asking whether the user redefined the
/// operator: that question is answered once, here. When a program adds a
/// method to `+` (or `<`, …) the interpreter rewrites every such instruction
/// of every compiled function into its generic form (`binary`,
/// `compareBranch`), which checks `overriddenOperators` and calls the user's
/// method. Each form is one instruction, so offsets, spans and frames that
/// are running stay valid; a running frame executes the new form from its
/// next instruction on.
extension CompiledFunction {
    /// Rewrites the fast instructions of the operators whose bits are set.
    func deoptimise(_ overridden: UInt32) {
        guard overridden != 0 else { return }
        for i in code.indices {
            if let generic = generic(code[i], overridden) { code[i] = generic }
        }
    }

    /// The generic form of a specialised instruction whose operator is
    /// overridden; nil to keep it.
    private func generic(_ op: Op, _ overridden: UInt32) -> Op? {
        func hit(_ o: BinaryOperator) -> Bool { overridden & (1 &<< UInt32(o.rawValue)) != 0 }
        switch op {
        case .add(let d, let l, let r, let s) where hit(.add): return .binary(.add, dst: d, lhs: l, rhs: r, site: s)
        case .sub(let d, let l, let r, let s) where hit(.sub): return .binary(.sub, dst: d, lhs: l, rhs: r, site: s)
        case .mul(let d, let l, let r, let s) where hit(.mul): return .binary(.mul, dst: d, lhs: l, rhs: r, site: s)
        case .addImm(let d, _, _, let s) where hit(.add):
            return operands(s).map { .binary(.add, dst: d, lhs: $0.0, rhs: $0.1, site: s) } ?? .call(site: s)
        case .subImm(let d, _, _, let s) where hit(.sub):
            return operands(s).map { .binary(.sub, dst: d, lhs: $0.0, rhs: $0.1, site: s) } ?? .call(site: s)
        case .increment(let d, _, let s) where hit(.add):
            return operands(s).map { .binary(.add, dst: d, lhs: $0.0, rhs: $0.1, site: s) } ?? .call(site: s)
        case .recordPushMulInPlace(let d, let v, let x, let s, _, _) where hit(.mul):
            return .recordPush(dst: d, vector: v, value: x, site: s)
        case .decrementRecordBranch(let r, let imm, let s, _, _, _) where hit(.sub) || hit(.ne):
            return hit(.sub) ? operands(s).map { .binary(.sub, dst: r, lhs: $0.0, rhs: $0.1, site: s) } ?? .call(site: s)
                             : .decrement(reg: r, imm: imm, site: s)
        case .decrement(let d, _, let s) where hit(.sub):
            return operands(s).map { .binary(.sub, dst: d, lhs: $0.0, rhs: $0.1, site: s) } ?? .call(site: s)
        case .compareJumpUnlessImm(let o, _, _, let s, let t) where hit(o):
            guard let (l, r) = operands(s) else { return .call(site: s) }
            return .compareJumpUnless(o, dst: 0, lhs: l, rhs: r, site: s, target: t)
        case .index(_, _, _, let s) where overridden & BinaryOperator.indexBit != 0:
            return .call(site: s)
        case .addInPlace(let d, let r, let s) where hit(.add): return .binary(.add, dst: d, lhs: d, rhs: r, site: s)
        case .subInPlace(let d, let r, let s) where hit(.sub): return .binary(.sub, dst: d, lhs: d, rhs: r, site: s)
        case .mulInPlace(let d, let r, let s) where hit(.mul): return .binary(.mul, dst: d, lhs: d, rhs: r, site: s)
        case .gtBranch(let l, let r, let s, let t, let e) where hit(.gt):
            return .compareBranch(.gt, dst: 0, lhs: l, rhs: r, site: s, then: t, otherwise: e)
        case .ltBranch(let l, let r, let s, let t, let e) where hit(.lt):
            return .compareBranch(.lt, dst: 0, lhs: l, rhs: r, site: s, then: t, otherwise: e)
        case .leBranch(let l, let r, let s, let t, let e) where hit(.le):
            return .compareBranch(.le, dst: 0, lhs: l, rhs: r, site: s, then: t, otherwise: e)
        case .recordBranch(_, _, let c, let z, let s, let t, let e) where hit(.ne):
            return .compareBranch(.ne, dst: 0, lhs: c, rhs: z, site: s, then: t, otherwise: e)
        case .gtBranchImm(_, _, let s, let t, let e) where hit(.gt):
            return compareBranch(.gt, s, t, e)
        case .ltBranchImm(_, _, let s, let t, let e) where hit(.lt):
            return compareBranch(.lt, s, t, e)
        case .leBranchImm(_, _, let s, let t, let e) where hit(.le):
            return compareBranch(.le, s, t, e)
        default:
            return nil
        }
    }

    /// The two operand registers of a binary call site.
    private func operands(_ site: Int32) -> (Int32, Int32)? {
        guard Int(site) < sites.count else { return nil }
        let p = sites[Int(site)].positional
        return p.count == 2 ? (p[0], p[1]) : nil
    }

    private func compareBranch(_ op: BinaryOperator, _ site: Int32, _ then: Int32, _ otherwise: Int32) -> Op? {
        guard let (l, r) = operands(site) else { return nil }
        return .compareBranch(op, dst: 0, lhs: l, rhs: r, site: site, then: then, otherwise: otherwise)
    }
}

extension Compiler {
    /// `x ± c`, and loop back-edge tests against `c`, with an Int literal `c` that fits
    /// in 32 bits become the `…Imm` instructions; `x = x op y` becomes an
    /// in-place instruction. Rewrites in place, so offsets and spans are
    /// unchanged.
    mutating func useImmediates() {
        var literal: [Int32: Int32] = [:]
        for (r, v) in constants {
            if case .int(let i) = v, let small = Int32(exactly: i) { literal[r] = small }
        }
        for at in out.code.indices {
            switch out.code[at] {
            case .add(let d, let l, let r, let s):
                // Int and Float64 `+` commute, and the call site keeps the
                // written order for every other case.
                if let c = literal[r] {
                    out.code[at] = d == l ? .increment(reg: d, imm: c, site: s) : .addImm(dst: d, lhs: l, imm: c, site: s)
                } else if let c = literal[l] {
                    out.code[at] = d == r ? .increment(reg: d, imm: c, site: s) : .addImm(dst: d, lhs: r, imm: c, site: s)
                } else if d == l && d != r && Value.payloadAtOffsetZero {
                    out.code[at] = .addInPlace(reg: d, rhs: r, site: s)
                }
            case .sub(let d, let l, let r, let s):
                if let c = literal[r] {
                    out.code[at] = d == l ? .decrement(reg: d, imm: c, site: s) : .subImm(dst: d, lhs: l, imm: c, site: s)
                } else if d == l && d != r && Value.payloadAtOffsetZero {
                    out.code[at] = .subInPlace(reg: d, rhs: r, site: s)
                }
            case .compareJumpUnless(let o, 0, let l, let r, let s, let t):
                if let c = literal[r] { out.code[at] = .compareJumpUnlessImm(o, lhs: l, imm: c, site: s, target: t) }
            case .mul(let d, let l, let r, let s) where d == l && d != r && Value.payloadAtOffsetZero:
                out.code[at] = .mulInPlace(reg: d, rhs: r, site: s)
            // Back edges already (see `duplicateLoopTests`).
            case .gtBranch(let l, let r, let s, let t, let e):
                if let c = literal[r] { out.code[at] = .gtBranchImm(lhs: l, imm: c, site: s, then: t, otherwise: e) }
            case .ltBranch(let l, let r, let s, let t, let e):
                if let c = literal[r] { out.code[at] = .ltBranchImm(lhs: l, imm: c, site: s, then: t, otherwise: e) }
            case .leBranch(let l, let r, let s, let t, let e):
                if let c = literal[r] { out.code[at] = .leBranchImm(lhs: l, imm: c, site: s, then: t, otherwise: e) }
            default:
                break
            }
        }
    }
}

extension Value {
    /// Whether an `Int` or `Float64` value's payload is its first eight bytes
    /// (Swift's layout of this enum), so in-place instructions may rewrite
    /// just the number. Checked once; without it they are not used.
    static let payloadAtOffsetZero: Bool = {
        var i = Value.int(0x1234_5678_9ABC)
        var f = Value.float(1.5)
        let intOK = withUnsafeBytes(of: &i) { $0.load(as: Int.self) == 0x1234_5678_9ABC }
        let floatOK = withUnsafeBytes(of: &f) { $0.load(as: Double.self) == 1.5 }
        return intOK && floatOK && MemoryLayout<Value>.size >= 9
    }()
}
