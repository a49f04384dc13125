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
    /// is not an inline operator.
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
}
