/// `Dict`: construction (also the seed's `Dict{:r => 0, :n => 0}`),
/// lookup, update with conversion to the key and value types, and the
/// usual queries. Keys keep insertion order; `keys`/`values` return
/// vectors (Julia returns lazy `KeySet`/`ValueIterator` views, which
/// print differently).
enum DictBuiltins {
    typealias S = CollectionSupport

    /// Key and value types given exact `Dict{K, V}` constructors (see
    /// `ArrayConstructionBuiltins.elementTypes` for why they are listed).
    static let slotTypes: [ZyType] = [.symbol, .string, .int64, .float64, .any, .char, .bool, .number, .real,
                                      .array(element: .float64, dims: 1), .tuple([.int64, .int64])]

    static func install(into g: Globals) {
        installConstructors(g)
        installAccess(g)
        installUpdate(g)
        installQueries(g)
    }

    // MARK: Construction

    private static func installConstructors(_ g: Globals) {
        g.defineConstructor(S.anyDict, []) { _, _, _ in .dict(DictValue(keyType: .any, valueType: .any)) }
        g.defineConstructor(S.anyDict, [S.anyPair], varargs: true) { ctx, args, _ in
            try .dict(fromEntries(args, key: nil, value: nil, g, ctx))
        }
        g.defineConstructor(S.anyDict, [.any]) { ctx, args, _ in
            try .dict(fromEntries(try S.iterate(args[0], g, ctx), key: nil, value: nil, g, ctx))
        }
        g.defineBuiltin("Core.apply_type", [.typeOf(S.anyDict), S.anyPair], varargs: true) { ctx, args, _ in
            try .dict(fromEntries(Array(args.dropFirst()), key: nil, value: nil, g, ctx))
        }
        for k in slotTypes {
            for v in slotTypes {
                let t = ZyType.dict(key: k, value: v)
                g.defineConstructor(t, []) { _, _, _ in .dict(DictValue(keyType: k, valueType: v)) }
                g.defineConstructor(t, [S.anyPair], varargs: true) { ctx, args, _ in
                    try .dict(fromEntries(args, key: k, value: v, g, ctx))
                }
                g.defineConstructor(t, [.any]) { ctx, args, _ in
                    try .dict(fromEntries(try S.iterate(args[0], g, ctx), key: k, value: v, g, ctx))
                }
            }
        }
    }

    /// A dict from pairs (or 2-tuples); undeclared key/value types are the
    /// join of the entries' types, as Julia's `Dict(ps...)` narrows.
    static func fromEntries(_ entries: [Value], key: ZyType?, value: ZyType?,
                            _ g: Globals, _ ctx: CallContext) throws -> DictValue {
        var kvs: [(Value, Value)] = []
        for e in entries {
            switch e {
            case .pair(let k, let v): kvs.append((k, v))
            case .tuple(let xs) where xs.count == 2: kvs.append((xs[0], xs[1]))
            default: throw Exceptions.argumentError("Dict(kv): kv needs to be an iterator of 2-tuples or pairs")
            }
        }
        let d = DictValue(keyType: key ?? (kvs.isEmpty ? .any : S.typejoin(kvs.map(\.0.type))),
                          valueType: value ?? (kvs.isEmpty ? .any : S.typejoin(kvs.map(\.1.type))))
        for (k, v) in kvs { try set(d, k, v, g) }
        return d
    }

    // MARK: Primitive operations

    static func set(_ d: DictValue, _ k0: Value, _ v0: Value, _ g: Globals) throws {
        let k = try S.convert(k0, to: d.keyType, g)
        guard S.hashKey(k) == S.hashKey(k0) else {
            throw Exceptions.argumentError("\(S.brief(k0)) is not a valid key for type \(d.keyType)")
        }
        let v = try S.convert(v0, to: d.valueType, g)
        let h = S.hashKey(k)
        if let j = d.index[h] {
            d.values[j] = v
        } else {
            d.index[h] = d.keys.count
            d.keys.append(k)
            d.values.append(v)
        }
    }

    static func lookup(_ d: DictValue, _ k: Value) -> Value? {
        d.index[S.hashKey(k)].map { d.values[$0] }
    }

    @discardableResult
    static func remove(_ d: DictValue, _ k: Value) -> Value? {
        guard let j = d.index[S.hashKey(k)] else { return nil }
        let v = d.values[j]
        d.keys.remove(at: j)
        d.values.remove(at: j)
        d.index = [:]
        for (i, key) in d.keys.enumerated() { d.index[S.hashKey(key)] = i }
        return v
    }

    static func dict(_ v: Value, _ g: Globals, _ name: String, _ args: [Value]) throws -> DictValue {
        guard case .dict(let d) = v else { throw S.methodError(g, name, args) }
        return d
    }

    // MARK: Access

    private static func installAccess(_ g: Globals) {
        g.defineBuiltin("getindex", [S.anyDict, .any]) { _, args, _ in
            let d = try dict(args[0], g, "getindex", args)
            guard let v = lookup(d, args[1]) else { throw Exceptions.keyError(args[1]) }
            return v
        }
        g.defineBuiltin("get", [S.anyDict, .any, .any]) { _, args, _ in
            lookup(try dict(args[0], g, "get", args), args[1]) ?? args[2]
        }
        g.defineBuiltin("get", [.any, S.anyDict, .any]) { ctx, args, _ in
            if let v = lookup(try dict(args[1], g, "get", args), args[2]) { return v }
            return try ctx.call(args[0], [])
        }
        g.defineBuiltin("get!", [S.anyDict, .any, .any]) { _, args, _ in
            let d = try dict(args[0], g, "get!", args)
            if let v = lookup(d, args[1]) { return v }
            try set(d, args[1], args[2], g)
            return lookup(d, args[1]) ?? args[2]
        }
        g.defineBuiltin("get!", [.any, S.anyDict, .any]) { ctx, args, _ in
            let d = try dict(args[1], g, "get!", args)
            if let v = lookup(d, args[2]) { return v }
            let v = try ctx.call(args[0], [])
            try set(d, args[2], v, g)
            return lookup(d, args[2]) ?? v
        }
        g.defineBuiltin("haskey", [S.anyDict, .any]) { _, args, _ in
            .bool(lookup(try dict(args[0], g, "haskey", args), args[1]) != nil)
        }
    }

    // MARK: Update

    private static func installUpdate(_ g: Globals) {
        g.defineBuiltin("setindex!", [S.anyDict, .any, .any]) { _, args, _ in
            try set(try dict(args[0], g, "setindex!", args), args[2], args[1], g)
            return args[0]
        }
        g.defineBuiltin("delete!", [S.anyDict, .any]) { _, args, _ in
            remove(try dict(args[0], g, "delete!", args), args[1])
            return args[0]
        }
        g.defineBuiltin("pop!", [S.anyDict, .any]) { _, args, _ in
            guard let v = remove(try dict(args[0], g, "pop!", args), args[1]) else { throw Exceptions.keyError(args[1]) }
            return v
        }
        g.defineBuiltin("pop!", [S.anyDict, .any, .any]) { _, args, _ in
            remove(try dict(args[0], g, "pop!", args), args[1]) ?? args[2]
        }
        g.defineBuiltin("push!", [S.anyDict, S.anyPair], varargs: true) { _, args, _ in
            let d = try dict(args[0], g, "push!", args)
            for case .pair(let k, let v) in args.dropFirst() { try set(d, k, v, g) }
            return args[0]
        }
        g.defineBuiltin("empty!", [S.anyDict]) { _, args, _ in
            let d = try dict(args[0], g, "empty!", args)
            d.keys = []; d.values = []; d.index = [:]
            return args[0]
        }
        g.defineBuiltin("merge", [S.anyDict, S.anyDict], varargs: true) { _, args, _ in
            let ds = try args.map { try dict($0, g, "merge", args) }
            let k = ds.dropFirst().reduce(ds[0].keyType) { S.promoteElement($0, $1.keyType) }
            let v = ds.dropFirst().reduce(ds[0].valueType) { S.promoteElement($0, $1.valueType) }
            let out = DictValue(keyType: k, valueType: v)
            for d in ds { for (key, value) in zip(d.keys, d.values) { try set(out, key, value, g) } }
            return .dict(out)
        }
        g.defineBuiltin("merge!", [S.anyDict, S.anyDict], varargs: true) { _, args, _ in
            let target = try dict(args[0], g, "merge!", args)
            for other in args.dropFirst() {
                let d = try dict(other, g, "merge!", args)
                for (key, value) in zip(d.keys, d.values) { try set(target, key, value, g) }
            }
            return args[0]
        }
    }

    // MARK: Queries

    private static func installQueries(_ g: Globals) {
        g.defineBuiltin("length", [S.anyDict]) { _, args, _ in .int(try dict(args[0], g, "length", args).keys.count) }
        g.defineBuiltin("keys", [S.anyDict]) { _, args, _ in
            let d = try dict(args[0], g, "keys", args)
            return S.makeVector(d.keys, elementType: d.keyType)
        }
        g.defineBuiltin("values", [S.anyDict]) { _, args, _ in
            let d = try dict(args[0], g, "values", args)
            return S.makeVector(d.values, elementType: d.valueType)
        }
        g.defineBuiltin("pairs", [S.anyDict]) { _, args, _ in args[0] }
    }
}
