/// `getfield` / `getproperty` / `setproperty!` on structs, named tuples,
/// tuples and closures.
extension CoreBuiltins {
    static func installFields(_ g: Globals) {
        g.defineBuiltin("getfield", [.any, .any]) { _, args, _ in try field(args[0], args[1], unbox: false) }
        g.defineBuiltin("getproperty", [.any, .symbol]) { _, args, _ in try field(args[0], args[1], unbox: true) }
        let set: BuiltinFunction = { _, args, _ in try setField(args[0], args[1], args[2], g) }
        g.defineBuiltin("setproperty!", [.any, .symbol, .any], set)
        g.defineBuiltin("setfield!", [.any, .any, .any], set)
        g.defineBuiltin("hasproperty", [.any, .symbol]) { _, args, _ in
            guard case .symbol(let s) = args[1] else { return .bool(false) }
            return .bool(fieldNames(args[0]).contains(s))
        }
        g.defineBuiltin("propertynames", [.any]) { _, args, _ in
            .tuple(fieldNames(args[0]).map(Value.symbol))
        }
    }

    static func fieldNames(_ v: Value) -> [Symbol] {
        switch v {
        case .structValue(let s): return s.type.fieldNames
        case .namedTuple(let nt): return nt.names
        case .closure(let c): return c.body.captureNames.map(Symbol.named)
        default: return []
        }
    }

    /// The field named (or numbered, 1-based) by `key`. Closure captures that
    /// live in boxes are unwrapped for `getproperty` (the user-visible view).
    static func field(_ v: Value, _ key: Value, unbox: Bool) throws -> Value {
        switch (v, key) {
        case (.tuple(let vs), .int(let i)):
            guard i >= 1, i <= vs.count else { throw Exceptions.boundsError(v, [key]) }
            return vs[i - 1]
        case (.structValue(let s), .int(let i)):
            guard i >= 1, i <= s.fields.count else { throw Exceptions.boundsError(v, [key]) }
            return s.fields[i - 1]
        case (.namedTuple(let nt), .int(let i)):
            guard i >= 1, i <= nt.values.count else { throw Exceptions.boundsError(v, [key]) }
            return nt.values[i - 1]
        case (.structValue(let s), .symbol(let name)):
            if let i = s.type.fieldNames.firstIndex(of: name), i < s.fields.count { return s.fields[i] }
        case (.namedTuple(let nt), .symbol(let name)):
            if let i = nt.names.firstIndex(of: name), i < nt.values.count { return nt.values[i] }
        case (.closure(let c), .symbol(let name)):
            if let i = c.body.captureNames.firstIndex(of: name.name), i < c.captures.count {
                let captured = c.captures[i]
                if unbox, case .box(let b) = captured {
                    guard let inner = b.value else { throw Exceptions.undefVarError(name.name) }
                    return inner
                }
                return captured
            }
        case (.complex(let re, let im), .symbol(let name)):
            if name.name == "re" { return re }
            if name.name == "im" { return im }
        case (.pair(let a, let b), .symbol(let name)):
            if name.name == "first" { return a }
            if name.name == "second" { return b }
        default:
            break
        }
        throw Exceptions.error("type \(typeName(v)) has no field \(symbolName(key))")
    }

    /// The bare type name Julia's field errors use (`RGB`, `NamedTuple`).
    static func typeName(_ v: Value) -> String {
        switch v {
        case .structValue(let s): return s.type.name
        case .namedTuple: return "NamedTuple"
        case .tuple: return "Tuple"
        default:
            let full = v.type.description
            return full.split(separator: "{").first.map(String.init) ?? full
        }
    }

    /// `x.f = v` converts `v` to the field's declared type as Julia's
    /// `setproperty!` does: `InexactError` for `2.5` into an `Int` field,
    /// `convert`'s MethodError for a `String`.
    static func setField(_ target: Value, _ key: Value, _ value: Value, _ g: Globals) throws -> Value {
        switch (target, key) {
        case (.structValue(let s), .symbol(let name)):
            guard s.type.isMutable else {
                throw Exceptions.error("setfield!: immutable struct of type \(s.type.name) cannot be changed")
            }
            guard let i = s.type.fieldNames.firstIndex(of: name), i < s.fields.count else {
                throw Exceptions.error("type \(s.type.name) has no field \(name.name)")
            }
            let t = i < s.type.fieldTypes.count ? s.type.fieldTypes[i] : .any
            let converted = try CollectionSupport.convert(value, to: t, g)
            s.fields[i] = converted
            return converted
        case (.namedTuple, _), (.tuple, _):
            throw Exceptions.error("setfield!: immutable struct of type \(typeName(target)) cannot be changed")
        default:
            throw Exceptions.error("type \(typeName(target)) has no field \(symbolName(key))")
        }
    }
}
