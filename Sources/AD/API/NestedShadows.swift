import Zy

/// The gradient of mutable objects (Dicts, mutable structs) held inside an
/// argument: reads of them added to their shadows, which the ordinary
/// gradient of the container does not carry (`xs[1][:a]` with `xs` a
/// vector of Dicts: `xs[1]`'s gradient went into the Dict's shadow). After
/// the backward pass the argument is walked and each such shadow is laid
/// in at the object's place, as Zygote's gradient holds it
/// (`[Dict(:a => 1.0), nothing]`, `(d = Dict(:a => 1.0),)`).
extension ADRuntime {
    func shadowGradients(_ value: Value, _ table: [ObjectIdentifier: Shadows.Entry]) throws -> Value? {
        guard !table.isEmpty else { return nil }
        var visiting = Set<ObjectIdentifier>()
        return try nestedShadow(value, table, &visiting)
    }

    private func nestedShadow(_ value: Value, _ table: [ObjectIdentifier: Shadows.Entry],
                              _ visiting: inout Set<ObjectIdentifier>) throws -> Value? {
        if let id = Shadows.identity(value) {
            guard visiting.insert(id).inserted else { return nil }
            defer { visiting.remove(id) }
        }
        switch value {
        case .dict(let d):
            let own = try shadowGradient(value, table)
            var inner: [Value] = []
            for (k, v) in zip(d.keys, d.values) {
                if let g = try nestedShadow(v, table, &visiting) { inner.append(.pair(k, g)) }
            }
            if inner.isEmpty { return own }
            let nested = try call("Dict", inner)
            return try own.map { try accum($0, nested) } ?? nested
        case .structValue(let s):
            let own = s.type.isMutable ? try shadowGradient(value, table) : nil
            let fields = try s.fields.map { try nestedShadow($0, table, &visiting) }
            guard fields.contains(where: { $0 != nil }) else { return own }
            let nested = Value.namedTuple(NamedTupleValue(names: s.type.fieldNames, values: fields.map { $0 ?? .nothing }))
            return try own.map { try accum($0, nested) } ?? nested
        case .array(let a):
            guard case .values(let xs) = a.storage, !xs.allSatisfy(\.isNumber) else { return nil }
            let parts = try xs.map { try nestedShadow($0, table, &visiting) }
            guard parts.contains(where: { $0 != nil }) else { return nil }
            let g = ADRuntime.gradientArray(parts.map { $0 ?? .nothing }, dims: a.dims) { xs[$0].isNumber }
            return g.isNothing ? nil : g
        case .tuple(let xs):
            let parts = try xs.map { try nestedShadow($0, table, &visiting) }
            guard parts.contains(where: { $0 != nil }) else { return nil }
            return .tuple(parts.map { $0 ?? .nothing })
        case .namedTuple(let nt):
            let parts = try nt.values.map { try nestedShadow($0, table, &visiting) }
            guard parts.contains(where: { $0 != nil }) else { return nil }
            return .namedTuple(NamedTupleValue(names: nt.names, values: parts.map { $0 ?? .nothing }))
        default:
            return nil
        }
    }
}
