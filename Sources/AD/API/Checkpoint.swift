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
/// after the recomputed pullback `__ad_ckpt_return!(fresh, kept)` moves the
/// shadows of the copies it ran on to the objects the call was given.
extension ADRuntime {
    func installCheckpoint() {
        globals.defineBuiltin(Rules.checkpointSnapshot, [.any]) { _, a, _ in
            var seen: [ObjectIdentifier: Value] = [:]
            let copy = Self.checkpointSnapshot(a[0], &seen)
            return .tuple([copy, .tuple(Self.links(a[0], seen))])
        }
        // (fresh links: kept object → fresh copy; kept links: original → kept object)
        globals.defineBuiltin(Rules.checkpointReturn, [.any, .any]) { [self] _, a, _ in
            try moveShadows(Self.pairs(a[0], a[1]))
        }
        // Nested AD: a snapshot's reversal moves its copies' shadows to the
        // originals; the cell operations reverse a move, one level up each
        // (`Rules.checkpoint`).
        globals.defineBuiltin(Rules.checkpointUnsnapshot, [.any]) { [self] _, a, _ in
            guard case .tuple(let snap) = a[0], snap.count == 2, case .tuple(let links) = snap[1] else { return .tuple([]) }
            return try moveShadows(links.compactMap { link in
                guard case .tuple(let pair) = link, pair.count == 2 else { return nil }
                return (pair[1], pair[0])
            })
        }
        globals.defineBuiltin(Rules.checkpointCopyCells, [.any]) { [self] _, a, _ in try copyCells(a[0]) }
        globals.defineBuiltin(Rules.checkpointMoveCells, [.any]) { [self] _, a, _ in try moveCells(a[0]) }
    }

    /// (fresh copy, original) for each object the recomputation ran on.
    private static func pairs(_ fresh: Value, _ kept: Value) -> [(Value, Value)] {
        guard case .tuple(let freshLinks) = fresh, case .tuple(let keptLinks) = kept else { return [] }
        var original: [ObjectIdentifier: Value] = [:]
        for link in keptLinks {
            guard case .tuple(let pair) = link, pair.count == 2, let id = Shadows.identity(pair[1]) else { continue }
            original[id] = pair[0]
        }
        return freshLinks.compactMap { link in
            guard case .tuple(let pair) = link, pair.count == 2, let id = Shadows.identity(pair[0]),
                  let target = original[id] else { return nil }
            return (pair[1], target)
        }
    }

    /// Every slot of each copy's shadow, added to its original's. Returns
    /// what moved, `((copy, original, keys), …)`, for the reversal.
    private func moveShadows(_ pairs: [(Value, Value)]) throws -> Value {
        var moved: [Value] = []
        for (copy, original) in pairs {
            guard let e = shadows.entry(copy) else { continue }
            let keys = e.keys.compactMap { e.slots[$0]?.key }
            try shadows.moveAll(from: copy, to: original, accum: accum)
            moved.append(.tuple([copy, original, .tuple(keys)]))
        }
        return .tuple(moved)
    }

    /// The move's adjoint one level up: a copy's cell gets the original's
    /// (the sum's gradient flows to both summands; the copy's own slot was
    /// cleared, so its old gradient is dropped).
    private func copyCells(_ moved: Value) throws -> Value {
        try eachCell(moved) { copy, original, key in shadows.set(copy, key, shadows.peek(original, key)) }
    }

    /// The copy's adjoint one level up: the copy's cell is added to the
    /// original's and cleared (a move again).
    private func moveCells(_ moved: Value) throws -> Value {
        try eachCell(moved) { copy, original, key in
            try shadows.add(original, key, shadows.take(copy, key), accum: accum)
        }
    }

    /// Runs `body` on each moved key one level up; returns the triples with
    /// those keys, for the next level's reversal.
    private func eachCell(_ moved: Value, _ body: (Value, Value, Value) throws -> Void) throws -> Value {
        guard case .tuple(let items) = moved else { return .tuple([]) }
        var out: [Value] = []
        for item in items {
            guard case .tuple(let t) = item, t.count == 3, case .tuple(let keys) = t[2] else { continue }
            let up = keys.map { MutationNesting.up($0, 1) }
            for key in up { try body(t[0], t[1], key) }
            out.append(.tuple([t[0], t[1], .tuple(up)]))
        }
        return .tuple(out)
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
