/// Registers Swift methods on generic functions; a body returning nil means
/// "no method for these argument values" and becomes a `MethodError`.
struct ScalarRegistrar {
    let globals: Globals

    typealias Body = (_ arguments: [Value]) throws -> Value?
    typealias FullBody = (_ context: CallContext, _ arguments: [Value], _ keywords: [(Symbol, Value)]) throws -> Value?

    func function(_ name: String) -> Value {
        globals.genericFunction(name).map { .function($0) } ?? .nothing
    }

    /// A method taking no keywords (checked here, in the one wrapper).
    func def(_ name: String, _ signature: [ZyType], varargs: Bool = false, _ body: @escaping Body) {
        let f = function(name)
        globals.defineBuiltin(name, signature, varargs: varargs, keywords: .forwarded) { _, args, kw in
            if !kw.isEmpty { throw Exceptions.keywordMethodError(f, args, kw) }
            guard let r = try body(args) else { throw Exceptions.methodError(f, args) }
            return r
        }
    }

    /// A method whose body reads the `keywords` it accepts.
    func full(_ name: String, _ signature: [ZyType], varargs: Bool = false,
              keywords: BuiltinKeywords = .none, _ body: @escaping FullBody) {
        let f = function(name)
        globals.defineBuiltin(name, signature, varargs: varargs, keywords: .forwarded) { ctx, args, kw in
            if !kw.isEmpty, case .only(let accepted) = keywords {
                try BuiltinKeywords.reject(kw, outside: accepted, f, args)
            }
            guard let r = try body(ctx, args, kw) else { throw Exceptions.methodError(f, args) }
            return r
        }
    }

    /// `f(a, b, c, xs...)` = `f(f(a, b), c, xs...)`, dispatching each step.
    /// Three fixed parameters plus the varargs one: it must never match two
    /// arguments, or `1 + "a"` would fold into itself forever.
    func foldingVarargs(_ name: String) {
        let f = function(name)
        globals.defineBuiltin(name, [.any, .any, .any, .any], varargs: true) { ctx, args, _ in
            guard args.count >= 3, var acc = args.first else { throw Exceptions.methodError(f, args) }
            for x in args.dropFirst() { acc = try ctx.call(f, [acc, x]) }
            return acc
        }
    }

    /// Calls the generic function `name` with dispatch and requires a Bool.
    static func truth(_ ctx: CallContext, _ f: Value, _ a: Value, _ b: Value) throws -> Bool {
        let r = try ctx.call(f, [a, b])
        guard case .bool(let t) = r else {
            throw Exceptions.typeError("if", expected: .bool, got: r)
        }
        return t
    }
}

extension Value {
    var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
}
