import Zy

/// `__ad_ckpt_snapshot(x)`: the inputs of a `checkpointed` call as they are
/// now, for the recomputation in the backward pass (`Prelude/PreludeCheckpoint`).
/// Arrays are copy-on-write (O(1) until either side writes); Dicts and
/// mutable structs are copied one level; tuples, named tuples, immutable
/// structs, closure captures and boxes are rebuilt around snapshots of what
/// they hold. Objects met twice (aliases, cycles) map to one snapshot, so
/// `checkpointed(f, x, x)` recomputes with one array, as the call did.
///
/// It returns `(copy, links)`: `links` pairs each Dict, mutable struct and
/// box with its copy. Their gradients live in shadows found by identity, so
/// after the recomputed pullback `__ad_ckpt_return(fresh, kept)` moves the
/// shadows of the copies it ran on to the objects the call was given.
extension ADRuntime {
    func installCheckpoint() {
        globals.defineBuiltin("__ad_ckpt_snapshot", [.any]) { _, a, _ in
            var seen: [ObjectIdentifier: Value] = [:]
            let copy = Self.checkpointSnapshot(a[0], &seen)
            return .tuple([copy, .tuple(Self.links(a[0], seen))])
        }
        // (fresh links: kept object → fresh copy; kept links: original → kept object)
        globals.defineBuiltin("__ad_ckpt_return", [.any, .any]) { [self] _, a, _ in
            guard case .tuple(let fresh) = a[0], case .tuple(let kept) = a[1] else { return .nothing }
            var original: [ObjectIdentifier: Value] = [:]
            for link in kept {
                guard case .tuple(let pair) = link, pair.count == 2, let id = Shadows.identity(pair[1]) else { continue }
                original[id] = pair[0]
            }
            for link in fresh {
                guard case .tuple(let pair) = link, pair.count == 2, let id = Shadows.identity(pair[0]),
                      let target = original[id] else { continue }
                try shadows.moveAll(from: pair[1], to: target, accum: accum)
            }
            return .nothing
        }
    }

    /// (original, copy) for each object whose gradient lives in a shadow
    /// (arrays settle to ordinary gradients when their copy returns).
    private static func links(_ x: Value, _ seen: [ObjectIdentifier: Value]) -> [Value] {
        var out: [Value] = []
        var visited: Set<ObjectIdentifier> = []
        func walk(_ v: Value) {
            if let id = Shadows.identity(v) {
                guard visited.insert(id).inserted else { return }
                if case .array = v {} else if let c = seen[id] { out.append(.tuple([v, c])) }
            }
            switch v {
            case .tuple(let items): items.forEach(walk)
            case .namedTuple(let nt): nt.values.forEach(walk)
            case .pair(let a, let b): walk(a); walk(b)
            case .array(let a): if case .values(let items) = a.storage { items.forEach(walk) }
            case .dict(let d): d.values.forEach(walk)
            case .structValue(let s): s.fields.forEach(walk)
            case .closure(let c): c.captures.forEach(walk)
            case .box(let b): if let inner = b.value { walk(inner) }
            default: break
            }
        }
        walk(x)
        return out
    }

    static func checkpointSnapshot(_ x: Value, _ seen: inout [ObjectIdentifier: Value]) -> Value {
        switch x {
        case .tuple(let items):
            return .tuple(items.map { checkpointSnapshot($0, &seen) })
        case .namedTuple(let nt):
            return .namedTuple(NamedTupleValue(names: nt.names, values: nt.values.map { checkpointSnapshot($0, &seen) }))
        case .pair(let a, let b):
            return .pair(checkpointSnapshot(a, &seen), checkpointSnapshot(b, &seen))
        case .array(let a):
            return memo(a, &seen) { seen in snapshotArray(a, &seen) }
        case .dict(let d):
            return memo(d, &seen) { seen in
                let c = DictValue(keyType: d.keyType, valueType: d.valueType)
                seen[ObjectIdentifier(d)] = .dict(c)
                c.keys = d.keys
                c.index = d.index
                c.values = d.values.map { checkpointSnapshot($0, &seen) }
                return .dict(c)
            }
        case .structValue(let s):
            return memo(s, &seen) { seen in
                let c = StructValue(type: s.type, fields: s.fields)
                seen[ObjectIdentifier(s)] = .structValue(c)
                c.fields = s.fields.map { checkpointSnapshot($0, &seen) }
                return .structValue(c)
            }
        case .closure(let f):
            guard !f.captures.isEmpty else { return x }
            return memo(f, &seen) { seen in
                let c = Closure(body: f.body, captures: f.captures)
                seen[ObjectIdentifier(f)] = .closure(c)
                c.captures = f.captures.map { checkpointSnapshot($0, &seen) }
                return .closure(c)
            }
        case .box(let b):
            return memo(b, &seen) { seen in
                let c = Box(nil)
                seen[ObjectIdentifier(b)] = .box(c)
                c.value = b.value.map { checkpointSnapshot($0, &seen) }
                return .box(c)
            }
        default:
            return x
        }
    }

    /// The snapshot already made of `object`, or a new one from `make`
    /// (which registers its copy before descending, for cycles).
    private static func memo(_ object: AnyObject, _ seen: inout [ObjectIdentifier: Value],
                             _ make: (inout [ObjectIdentifier: Value]) -> Value) -> Value {
        if let done = seen[ObjectIdentifier(object)] { return done }
        let v = make(&seen)
        seen[ObjectIdentifier(object)] = v
        return v
    }

    /// Shares the storage (copy-on-write); an array of objects (arrays of
    /// arrays, of structs) snapshots its elements too.
    private static func snapshotArray(_ a: ArrayValue, _ seen: inout [ObjectIdentifier: Value]) -> Value {
        let c = ArrayValue(storage: a.storage, elementType: a.elementType, dims: a.dims)
        c.isAdjointRow = a.isAdjointRow
        seen[ObjectIdentifier(a)] = .array(c)
        if case .values(let items) = a.storage, items.contains(where: holdsObjects) {
            c.storage = .values(items.map { checkpointSnapshot($0, &seen) })
        }
        return .array(c)
    }

    private static func holdsObjects(_ v: Value) -> Bool {
        switch v {
        case .array, .dict, .structValue, .closure, .box, .tuple, .namedTuple, .pair: return true
        default: return false
        }
    }
}
