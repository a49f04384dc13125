import Zy

/// `m -= η * m̃`: a gradient (nested named tuples, as `gradient` returns for
/// closures and structs) scales by a number, and subtracting it from a
/// model (closure, struct, `f ∘ g`, arrays, numbers) builds the updated
/// model, field by field; `nothing` leaves a part unchanged.
extension ADRuntime {
    func installModelUpdate() {
        globals.defineBuiltin("*", [.number, .anyNamedTuple]) { [self] _, a, _ in try scale(a[0], a[1]) }
        globals.defineBuiltin("*", [.number, .anyTuple]) { [self] _, a, _ in try scale(a[0], a[1]) }
        globals.defineBuiltin("-", [.any, .anyNamedTuple]) { [self] _, a, _ in try update(a[0], a[1]) }
        globals.defineBuiltin("-", [.any, .anyTuple]) { [self] _, a, _ in
            // `gradient(model)` is a 1-tuple; its element is the model's gradient.
            guard case .tuple(let t) = a[1], t.count == 1 else { throw Exceptions.methodError(try global("-"), a) }
            return try update(a[0], t[0])
        }
    }

    func scale(_ η: Value, _ g: Value) throws -> Value {
        switch g {
        case .nothing: return .nothing
        case .tuple(let xs): return .tuple(try xs.map { try scale(η, $0) })
        case .namedTuple(let nt): return .namedTuple(NamedTupleValue(names: nt.names, values: try nt.values.map { try scale(η, $0) }))
        default: return try call("*", [η, g])
        }
    }

    func update(_ m: Value, _ g: Value) throws -> Value {
        func field(_ name: Symbol, in g: Value) -> Value {
            if case .namedTuple(let nt) = g, let i = nt.names.firstIndex(of: name) { return nt.values[i] }
            return .nothing
        }
        switch (m, g) {
        case (_, .nothing): return m
        case (.closure(let c), .namedTuple):
            let captures = try zip(c.body.captureNames, c.captures).map { name, v -> Value in
                if case .box = v { return v }
                return try update(v, field(.named(name), in: g))
            }
            return .closure(Closure(body: c.body, captures: captures))
        case (.structValue(let s), .namedTuple):
            return .structValue(StructValue(type: s.type, fields: try zip(s.type.fieldNames, s.fields).map { try update($1, field($0, in: g)) }))
        case (.namedTuple(let nt), .namedTuple):
            return .namedTuple(NamedTupleValue(names: nt.names, values: try zip(nt.names, nt.values).map { try update($1, field($0, in: g)) }))
        case (.tuple(let xs), .tuple(let gs)) where xs.count == gs.count:
            return .tuple(try zip(xs, gs).map { try update($0, $1) })
        case (.function, _), (.type, _):
            return m
        default:
            return try call("-", [m, g])
        }
    }
}
