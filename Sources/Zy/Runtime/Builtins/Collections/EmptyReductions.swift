/// What `foldl`, `foldr`, `reduce` and `mapreduce` return for an empty
/// collection without `init`: Julia's `reduce_empty(op, T)` /
/// `mapreduce_empty(f, op, T)`. Only reductions with an unambiguous neutral
/// element have one (`+` → `zero(T)`, `*` → `one(T)`, `&`/`|` over Bool);
/// every other reduction of nothing is Julia's ArgumentError.
enum EmptyReductions {
    static func install(into g: Globals) {
        // `Core.reduce_empty(op, xs)` / `Core.reduce_empty(op, xs, f)`: the
        // value (or error) above, for the differentiable definitions of the
        // folds (no gradient flows through it).
        g.defineBuiltin("Core.reduce_empty", [.any, .any]) { ctx, args, _ in
            try value(args[0], mapped: nil, over: args[1], g, ctx)
        }
        g.defineBuiltin("Core.reduce_empty", [.any, .any, .any]) { ctx, args, _ in
            try value(args[0], mapped: args[2], over: args[1], g, ctx)
        }
    }

    static func error() -> Error {
        Exceptions.argumentError(ReductionBuiltins.emptyMessage)
    }

    /// The reduction of the empty collection `c` by `op`, each element
    /// first mapped by `f`.
    static func value(_ op: Value, mapped f: Value?, over c: Value, _ g: Globals, _ ctx: CallContext) throws -> Value {
        // An empty tuple's element type is Union{}: no neutral element.
        if case .tuple(let xs) = c, xs.isEmpty { throw error() }
        let t = ArrayShapeBuiltins.elementType(of: c)
        guard let f, !isFunction(f, "identity") else { return try neutral(op, t, g, ctx) }
        if isFunction(f, "abs") || isFunction(f, "abs2") {
            // abs over `max` starts from abs(zero(T)); otherwise f(neutral)
            let start = isFunction(op, "max") ? try call(g, "zero", [.type(t)], ctx) : try neutral(op, t, g, ctx)
            return try ctx.call(f, [start])
        }
        throw error()
    }

    private static func neutral(_ op: Value, _ t: ZyType, _ g: Globals, _ ctx: CallContext) throws -> Value {
        if isFunction(op, "+") { return t == .bool ? .int(0) : try call(g, "zero", [.type(t)], ctx) }
        if isFunction(op, "*") { return try call(g, "one", [.type(t)], ctx) }
        if t == .bool, isFunction(op, "&") { return .bool(true) }
        if t == .bool, isFunction(op, "|") { return .bool(false) }
        throw error()
    }

    private static func isFunction(_ v: Value, _ name: String) -> Bool {
        if case .function(let f) = v { return f.name == name }
        return false
    }

    private static func call(_ g: Globals, _ name: String, _ args: [Value], _ ctx: CallContext) throws -> Value {
        guard let f = g[name] else { throw Exceptions.undefVarError(name) }
        return try ctx.call(f, args)
    }
}
