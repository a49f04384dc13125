/// Extension points for modules layered on the runtime (the AD): generic,
/// and free when unused.
extension Interpreter {
    /// Runs `ir` with `selfValue` as its `%1`, as if `ir` were the body of
    /// `selfValue`: a transformed copy of a closure body reads the closure's
    /// captures by name.
    public func invoke(_ ir: IRFunction, selfValue: Value, arguments: [Value],
                       keywords: [(Symbol, Value)] = []) throws -> Value {
        prepareStack()
        return try invokeIR(compiledFunction(ir), selfValue: selfValue, arguments: arguments, keywords: keywords)
    }

    /// Makes calls of the global `alias` with two arguments compute inline
    /// like the operator `op` (`+ - * / < <= > >= == !=`) when both are
    /// Int/Float64, and call `alias`'s own methods otherwise (for example a
    /// sum whose zero is `nothing`). Affects code compiled afterwards.
    /// Returns false when `op` is not an inline operator.
    /// Makes calls of the global `name` with exactly `arity` (≤ 3)
    /// positional arguments call `body` directly, skipping dispatch: for
    /// internal `Core.` functions on hot paths (the AD's tape). Unused
    /// arguments are `nothing`. Affects code compiled afterwards; the global
    /// should also be defined normally for other call forms.
    public static func registerIntrinsic(_ name: String, arity: Int,
                                         _ body: @escaping (Value, Value, Value) throws -> Value) {
        guard arity >= 0, arity <= 3 else { return }
        Intrinsics.fixed.append(body)
        Intrinsics.byName[name] = (Int32(Intrinsics.fixed.count - 1), arity)
    }

    @discardableResult
    public static func registerInlineOperator(_ alias: String, as op: String) -> Bool {
        guard let o = BinaryOperator.byName[op] else { return false }
        BinaryOperator.aliases[alias] = o
        return true
    }
}
