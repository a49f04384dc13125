/// The built-ins tied to the runtime's structure: boxes, tuples, fields,
/// keywords, exceptions, identity and types — the `Core.*` functions the
/// lowering emits and the reflection functions over them.
public enum CoreBuiltins {
    public static func install(into g: Globals) {
        installBoxes(g)
        installTuples(g)
        installFields(g)
        installExceptions(g)
        installReflection(g)
        installTypeNames(g)
        installFunctionDeclaration(g)
    }

    /// `function f end`: binds `f` to a generic function with no methods
    /// (or returns the existing function or type of that name).
    static func installFunctionDeclaration(_ g: Globals) {
        g.defineBuiltin("Core.declare_function", [.symbol]) { _, args, _ in
            let name = symbolName(args[0])
            let binding = g.binding(name)
            switch binding.value {
            case .function?, .type?: return binding.value ?? .nothing
            case nil:
                let f = GenericFunction(name: name)
                binding.value = .function(f)
                binding.isConst = true
                return .function(f)
            case .some:
                throw Exceptions.error("cannot define function \(name); it already has a value")
            }
        }
    }

    static func symbolName(_ v: Value) -> String {
        if case .symbol(let s) = v { return s.name }
        return "\(v)"
    }

    static func interpreter(_ context: CallContext) throws -> Interpreter {
        guard let i = context as? Interpreter else { throw InternalError("built-in called outside the interpreter") }
        return i
    }

    static func installBoxes(_ g: Globals) {
        g.defineBuiltin("Core.box", [.any], varargs: true) { _, args, _ in
            .box(Box(args.first))
        }
        g.defineBuiltin("Core.getbox", [.any, .any]) { _, args, _ in
            guard case .box(let b) = args[0] else { return args[0] }
            guard let v = b.value else { throw Exceptions.undefVarError(symbolName(args[1])) }
            return v
        }
        g.defineBuiltin("Core.setbox!", [.any, .any]) { _, args, _ in
            guard case .box(let b) = args[0] else { throw InternalError("Core.setbox! on a non-box") }
            b.value = args[1]
            return args[1]
        }
        g.defineBuiltin("Core.undefvar", [.any]) { _, args, _ in
            throw Exceptions.undefVarError(symbolName(args[0]))
        }
    }

    static func installTuples(_ g: Globals) {
        g.defineBuiltin("Core.tuple", [.any], varargs: true) { _, args, _ in .tuple(args) }
        g.defineBuiltin("tuple", [.any], varargs: true) { _, args, _ in .tuple(args) }
        g.defineBuiltin("Core.namedtuple", [.any], varargs: true, keywords: .forwarded) { _, args, keywords in
            // `(; a = 1, kw...)` arrives as keywords (splats already merged).
            if args.isEmpty {
                return .namedTuple(NamedTupleValue(names: keywords.map(\.0), values: keywords.map(\.1)))
            }
            var names: [Symbol] = [], values: [Value] = []
            var i = 0
            while i + 1 < args.count {
                guard case .symbol(let s) = args[i] else { throw InternalError("Core.namedtuple: field name is not a symbol") }
                // A repeated name keeps the last value, like Julia's merge.
                if let j = names.firstIndex(of: s) { values[j] = args[i + 1] } else { names.append(s); values.append(args[i + 1]) }
                i += 2
            }
            return .namedTuple(NamedTupleValue(names: names, values: values))
        }
        g.defineBuiltin("Core.haskw", [.any, .symbol]) { _, args, _ in
            guard case .namedTuple(let nt) = args[0], case .symbol(let s) = args[1] else { return .bool(false) }
            return .bool(nt.names.contains(s))
        }
        g.defineBuiltin("Core.kwrest", [.anyNamedTuple, .symbol], varargs: true) { _, args, _ in
            guard case .namedTuple(let nt) = args[0] else { return args[0] }
            let drop = Set(args.dropFirst().compactMap { v -> Symbol? in
                if case .symbol(let s) = v { return s }
                return nil
            })
            let kept = zip(nt.names, nt.values).filter { !drop.contains($0.0) }
            return .namedTuple(NamedTupleValue(names: kept.map(\.0), values: kept.map(\.1)))
        }
        g.defineBuiltin("Core.new", [.dataType, .any], varargs: true) { context, args, _ in
            guard case .type(.structType(let ref)) = args[0] else { throw Exceptions.methodError(args[0], Array(args.dropFirst())) }
            return try interpreter(context).constructStruct(ref.type, Array(args.dropFirst()))
        }
        // Core.check_kwnames(f, kw, allowed, varargs?, args…): a keyword the
        // method does not declare is a MethodError, in Julia's form for a
        // keyword call: f = Core.kwcall, args = (kw, f, args…).
        g.defineBuiltin("Core.check_kwnames", [.any, .any, .anyTuple, .bool, .any], varargs: true) { _, args, _ in
            guard case .namedTuple(let nt) = args[1], case .tuple(let allowed) = args[2] else { return .nothing }
            let names = Set(allowed.compactMap { v -> Symbol? in if case .symbol(let s) = v { return s }; return nil })
            guard nt.names.contains(where: { !names.contains($0) }) else { return .nothing }
            var positional = Array(args.dropFirst(4))
            if case .bool(true) = args[3], case .tuple(let rest)? = positional.last {
                positional.removeLast()
                positional += rest
            }
            throw Exceptions.methodError(.function(GenericFunction(name: "Core.kwcall")), [args[1], args[0]] + positional)
        }
        g.defineBuiltin("Core.throw_undefkw", [.any]) { _, args, _ in
            throw Exceptions.undefKeywordError(symbolName(args[0]))
        }
    }

    static func installExceptions(_ g: Globals) {
        g.defineBuiltin("throw", [.any]) { _, args, _ in throw ZyException(args[0]) }
        let rethrow: BuiltinFunction = { context, args, _ in
            let interp = try interpreter(context)
            if let caught = interp.lastCaught, args.isEmpty || caught.value.isIdentical(to: args[0]) {
                throw caught
            }
            if let v = args.first { throw ZyException(v) }
            throw Exceptions.error("rethrow() not allowed outside a catch block")
        }
        g.defineBuiltin("Core.rethrow", [.any], varargs: true, rethrow)
        g.defineBuiltin("rethrow", [.any], varargs: true, rethrow)
    }

    static func installReflection(_ g: Globals) {
        g.defineBuiltin("typeof", [.any], keywords: .forwarded) { _, args, kw in
            try BuiltinKeywords.none(kw, g, "typeof", args)
            return .type(args[0].type)
        }
        g.defineBuiltin("isa", [.any, .any], keywords: .forwarded) { _, args, kw in
            try BuiltinKeywords.none(kw, g, "isa", args)
            return .bool(args[0].isa(try Interpreter.typeOperand(args[1], context: "isa")))
        }
        g.defineBuiltin("<:", [.any, .any]) { _, args, _ in
            let a = try Interpreter.typeOperand(args[0], context: "<:")
            let b = try Interpreter.typeOperand(args[1], context: "<:")
            return .bool(Dispatcher.isSubtype(a, b))
        }
        g.defineBuiltin("===", [.any, .any], keywords: .forwarded) { _, args, kw in
            try BuiltinKeywords.none(kw, g, "===", args)
            return .bool(args[0].isIdentical(to: args[1]))
        }
        g.defineBuiltin("!==", [.any, .any], keywords: .forwarded) { _, args, kw in
            try BuiltinKeywords.none(kw, g, "!==", args)
            return .bool(!args[0].isIdentical(to: args[1]))
        }
        g.defineBuiltin("≡", [.any, .any]) { _, args, _ in .bool(args[0].isIdentical(to: args[1])) }
        g.defineBuiltin("Core.typeassert", [.any, .any], keywords: .forwarded) { _, args, kw in
            try BuiltinKeywords.none(kw, g, "Core.typeassert", args)
            let t = try Interpreter.typeOperand(args[1], context: "typeassert")
            guard args[0].isa(t) else { throw Exceptions.typeError("typeassert", expected: t, got: args[0]) }
            return args[0]
        }
        g.defineBuiltin("nameof", [.function]) { _, args, _ in
            switch args[0] {
            case .function(let f): return .symbol(.named(f.name))
            case .closure(let c): return .symbol(.named(c.body.name))
            default: return .nothing
            }
        }
        g.defineBuiltin("nameof", [.dataType]) { _, args, _ in
            guard case .type(let t) = args[0] else { return .nothing }
            if case .structType(let ref) = t { return .symbol(.named(ref.type.name)) }
            return .symbol(.named(t.description))
        }
        g.defineBuiltin("applicable", [.any], varargs: true) { context, args, _ in
            guard let f = args.first else { return .bool(false) }
            let rest = Array(args.dropFirst())
            switch f {
            case .function(let gf):
                if case .method = Dispatcher.select(gf, rest) { return .bool(true) }
                return .bool(false)
            case .closure(let c):
                let n = c.body.parameterNames.count
                return .bool(c.body.isVarargs ? rest.count >= n - 1 : rest.count == n)
            default:
                return .bool(false)
            }
        }
        g.defineBuiltin("fieldnames", [.dataType]) { _, args, _ in
            guard case .type(.structType(let ref)) = args[0] else { return .tuple([]) }
            return .tuple(ref.type.fieldNames.map(Value.symbol))
        }
        g.defineBuiltin("Core.apply_type", [.any], varargs: true) { _, args, _ in
            try applyType(args)
        }
    }
}
