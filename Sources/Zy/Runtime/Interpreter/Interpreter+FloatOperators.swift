/// Operators whose operands are usually Float64 (the AD's sensitivity
/// arithmetic): compiled so the Float64 case is the inline one.
extension BinaryOperator {
    /// Globals registered with `Interpreter.registerFloatOperator`.
    nonisolated(unsafe) static var floatAliases: [String: BinaryOperator] = [:]
}

extension Interpreter {
    /// Like `registerInlineOperator`, for a `+` or `*` alias whose operands
    /// are mostly Float64: that case is computed inline first, then the
    /// Int/mixed cases, then the alias's own methods. Other operators are
    /// registered as with `registerInlineOperator`. Returns false when `op`
    /// is not an inline operator. A call with a third positional argument
    /// compiles the same (a "shape" operand, say): the inline cases ignore
    /// it, so it may change only the result of a non-number operand; the
    /// alias's methods receive all three.
    @discardableResult
    public static func registerFloatOperator(_ alias: String, as op: String) -> Bool {
        guard let o = BinaryOperator.byName[op] else { return false }
        if o == .add || o == .mul { BinaryOperator.floatAliases[alias] = o }
        BinaryOperator.aliases[alias] = o
        return true
    }

    /// `dst = lhs op rhs` for two Float64s, without a call; false otherwise.
    @inline(__always)
    static func floatFast(_ op: BinaryOperator, _ regs: Registers, _ dst: Int32, _ lhs: Int32, _ rhs: Int32,
                          _ hot: UnsafeMutablePointer<HotState>) -> Bool {
        guard case .float(let a) = regs[Int(lhs)], case .float(let b) = regs[Int(rhs)],
              hot.pointee.overriddenOperators & (1 &<< UInt32(op.rawValue)) == 0 else { return false }
        storeScalar(regs + Int(dst), .float(op == .mul ? a * b : a + b))
        return true
    }

    /// `dst = acc + lhs * rhs` for three Float64s (two roundings, as the
    /// separate instructions); false otherwise.
    @inline(__always)
    static func floatMulAddFast(_ regs: Registers, _ dst: Int32, _ acc: Int32, _ lhs: Int32, _ rhs: Int32,
                                _ hot: UnsafeMutablePointer<HotState>) -> Bool {
        let bits: UInt32 = 1 &<< UInt32(BinaryOperator.mul.rawValue) | 1 &<< UInt32(BinaryOperator.add.rawValue)
        guard case .float(let c) = regs[Int(acc)], case .float(let a) = regs[Int(lhs)],
              case .float(let b) = regs[Int(rhs)], hot.pointee.overriddenOperators & bits == 0 else { return false }
        let product = a * b
        storeScalar(regs + Int(dst), .float(c + product))
        return true
    }

    /// A fused product and add off the Float64 path: each as its own
    /// instruction would run it, the product into its own register.
    @inline(never)
    func multiplyAddSlow(_ dst: Int32, _ acc: Int32, _ lhs: Int32, _ rhs: Int32, _ mulSite: Int32, _ addSite: Int32,
                         _ cf: CompiledFunction, _ regs: Registers) throws {
        let product = cf.sites[Int(mulSite)].dst
        let add = cf.sites[Int(addSite)].positional
        guard product > 0, add.count == 2 else {
            throw InternalError("malformed multiply-add in \(Interpreter.frameName(cf.ir))")
        }
        try binarySlow(.mul, product, lhs, rhs, cf, mulSite, regs)
        try binarySlow(.add, dst, add[0], add[1], cf, addSite, regs)
    }
}
