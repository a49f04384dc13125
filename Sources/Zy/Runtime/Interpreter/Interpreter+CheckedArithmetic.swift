/// `--check-finite` arithmetic (`Op.checkedArith`, `Op.checkedMulAdd`):
/// each result is tested before it is stored, so the statement's inputs are
/// still in their registers when a NaN or Inf has to be explained.
extension Interpreter {
    @inline(__always)
    static func floatArithmetic(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Double {
        switch op {
        case .add: return a + b
        case .sub: return a - b
        case .mul: return a * b
        default: return a / b
        }
    }

    /// `dst = lhs op rhs` on two Float64s, tested before the store: false
    /// (nothing done) for other operands or a redefined operator.
    @inline(__always)
    func checkedFloat(_ op: BinaryOperator, _ dst: Int32, _ lhs: Int32, _ rhs: Int32, _ site: Int32,
                      _ cf: CompiledFunction, _ regs: Registers, _ hot: UnsafeMutablePointer<HotState>) throws -> Bool {
        guard case .float(let a) = regs[Int(lhs)], case .float(let b) = regs[Int(rhs)],
              hot.pointee.overriddenOperators & (1 &<< UInt32(op.rawValue)) == 0 else { return false }
        let r = Interpreter.floatArithmetic(op, a, b)
        if !r.isFinite { try nonFiniteResult(cf, .float(r), site, cf.sites[Int(site)].variable, regs) }
        Interpreter.storeScalar(regs + Int(dst), .float(r))
        return true
    }

    /// Off the Float64 path: Ints inline (they are always finite, except
    /// `/`), anything else as `binary`, the inputs kept for an explanation
    /// since `dst` may be one of their registers.
    @inline(never)
    func checkedArithmeticSlow(_ op: BinaryOperator, _ dst: Int32, _ lhs: Int32, _ rhs: Int32,
                               _ cf: CompiledFunction, _ site: Int32, _ regs: Registers) throws {
        if op != .div, case .int(let a) = regs[Int(lhs)], case .int(let b) = regs[Int(rhs)],
           hot.pointee.overriddenOperators & (1 &<< UInt32(op.rawValue)) == 0 {
            Interpreter.storeScalar(regs + Int(dst), Interpreter.fastInt(op, a, b))
            return
        }
        let inputs = [regs[Int(lhs)], regs[Int(rhs)]]
        try binarySlow(op, dst, lhs, rhs, cf, site, regs)
        try checkResult(regs[Int(dst)], cf, site, regs, inputs: inputs)
    }

    /// Throws when `result` is a non-finite value that `site` made.
    private func checkResult(_ result: Value, _ cf: CompiledFunction, _ site: Int32, _ regs: Registers,
                             inputs: [Value]? = nil) throws {
        if case .float(let d) = result, d.isFinite { return }
        if case .int = result { return }
        guard Int(site) < cf.sites.count else { return }
        try nonFiniteResult(cf, result, site, cf.sites[Int(site)].variable, regs, inputs: inputs)
    }

    /// `dst = acc + lhs * rhs`, the product also into `product`, each
    /// result checked as its own statement would be. Out of line: inlined
    /// in the dispatch loop it cost unchecked code ~80 instructions per
    /// iteration of the pow gradient (callgrind), more than the call here.
    @inline(never)
    func checkedMulAdd(_ dst: Int32, _ acc: Int32, _ lhs: Int32, _ rhs: Int32, _ product: Int32,
                       _ mulSite: Int32, _ addSite: Int32, _ cf: CompiledFunction, _ regs: Registers) throws {
        let bits: UInt32 = 1 &<< UInt32(BinaryOperator.mul.rawValue) | 1 &<< UInt32(BinaryOperator.add.rawValue)
        guard case .float(let c) = regs[Int(acc)], case .float(let a) = regs[Int(lhs)],
              case .float(let b) = regs[Int(rhs)], hot.pointee.overriddenOperators & bits == 0 else {
            try checkedArithmeticSlow(.mul, product, lhs, rhs, cf, mulSite, regs)
            let add = cf.sites[Int(addSite)].positional
            guard add.count == 2 else {
                throw InternalError("malformed multiply-add in \(Interpreter.frameName(cf.ir))")
            }
            try checkedArithmeticSlow(.add, dst, add[0], add[1], cf, addSite, regs)
            return
        }
        let p = a * b
        if !p.isFinite { try checkResult(.float(p), cf, mulSite, regs) }
        Interpreter.storeScalar(regs + Int(product), .float(p))
        let s = c + p
        if !s.isFinite { try checkResult(.float(s), cf, addSite, regs) }
        Interpreter.storeScalar(regs + Int(dst), .float(s))
    }
}
