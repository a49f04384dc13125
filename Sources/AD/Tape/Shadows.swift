import Zy

/// Gradients of mutable objects (dicts, mutable structs, boxes of captured
/// variables), kept beside the objects during a backward pass: a read's
/// pullback adds its sensitivity to the slot read; a write's pullback takes
/// the slot's gradient as the written value's and clears it, since the old
/// value was overwritten. One table per `gradient` call (nesting pushes).
final class Shadows {
    struct Entry {
        let object: Value
        var slots: [String: (key: Value, gradient: Value)] = [:]
        /// When each live slot was (last) created, so `keys` lists them in
        /// that order; kept as a map so clearing a slot costs O(1).
        var order: [String: Int] = [:]
        var created = 0

        /// The live slots' names, oldest first.
        var keys: [String] { order.sorted { $0.value < $1.value }.map(\.key) }

        mutating func insert(_ name: String, _ key: Value, _ g: Value) {
            if slots[name] == nil {
                order[name] = created
                created += 1
            }
            slots[name] = (key, g)
        }

        mutating func remove(_ name: String) {
            slots[name] = nil
            order[name] = nil
        }
    }
    private var tables: [[ObjectIdentifier: Entry]] = [[:]]
    /// Arrays written in differentiated code: all their gradient lives in
    /// the shadow (keys are 1-based linear indices).
    /// Counted: each adjoint that tracks an array it received as an
    /// argument releases it when it returns, so the caller's earlier reads
    /// (reversed later) go back to ordinary dense gradients unless the
    /// caller tracks the array itself.
    /// Each entry keeps its object alive: an ObjectIdentifier names an
    /// object only while it lives, and a later array at a freed one's
    /// address must not look tracked.
    private var tracked: [[ObjectIdentifier: (object: Value, count: Int)]] = [[:]]

    func track(_ object: Value) {
        guard let id = Shadows.identity(object), !tracked.isEmpty else { return }
        let n = tracked[tracked.count - 1][id]?.count ?? 0
        tracked[tracked.count - 1][id] = (object, n + 1)
    }

    func untrack(_ object: Value) {
        guard let id = Shadows.identity(object), !tracked.isEmpty,
              let n = tracked[tracked.count - 1][id]?.count else { return }
        tracked[tracked.count - 1][id] = n > 1 ? (object, n - 1) : nil
    }

    /// How many tables are pushed (1 outside any backward pass).
    var depth: Int { tracked.count }

    /// Forgets the object's slots and reverse length in the current table.
    func clear(_ object: Value) {
        guard let id = Shadows.identity(object), !tables.isEmpty else { return }
        tables[tables.count - 1][id] = nil
        if !tops.isEmpty { tops[tops.count - 1][id] = nil }
    }

    func isTracked(_ object: Value) -> Bool {
        guard let id = Shadows.identity(object) else { return false }
        return (tracked.last?[id]?.count ?? 0) > 0
    }

    /// Where a tracked array's variable is defined (or, for an argument,
    /// where the adjoint returns): the function stops tracking it; when no
    /// one else does, the shadow becomes the variable's ordinary gradient
    /// (same shape, zeros where nothing flowed), else it stays for the
    /// caller, who tracks the same array.
    func settle(_ object: Value, given: Value, accum: (Value, Value) throws -> Value) throws -> Value {
        guard case .array(let arr) = object else { return given }
        untrack(object)
        if isTracked(object) { return given }
        // Pushes reversed since: the array had its reverse length here.
        let count = max(top(object) ?? arr.count, 0)
        let parts = (0..<count).map { take(object, .int($0 + 1)) }
        let dims = count == arr.count ? arr.dims : [count]
        let shadow = ADRuntime.gradientArray(parts, dims: dims) { $0 >= arr.count || ADRuntime.element(arr, $0).isNumber }
        return shadow.isNothing ? given : try accum(given, shadow)
    }

    static func identity(_ v: Value) -> ObjectIdentifier? {
        switch v {
        case .dict(let d): return ObjectIdentifier(d)
        case .box(let b): return ObjectIdentifier(b)
        case .structValue(let s) where s.type.isMutable: return ObjectIdentifier(s)
        case .array(let a): return ObjectIdentifier(a)
        default: return nil
        }
    }

    static func slotName(_ key: Value) -> String { Show.repr(key) }

    func push() {
        tables.append([:])
        tracked.append([:])
        tops.append([:])
    }
    func pop() -> [ObjectIdentifier: Entry] {
        if tracked.count > 1 { tracked.removeLast() }
        if tops.count > 1 { tops.removeLast() }
        return tables.count > 1 ? tables.removeLast() : [:]
    }

    func add(_ object: Value, _ key: Value, _ g: Value, accum: (Value, Value) throws -> Value) throws {
        guard let id = Shadows.identity(object), !tables.isEmpty else { return }
        if case .nothing = g { return }
        let name = Shadows.slotName(key)
        // `accum` may run Zy code (and nested gradients), so it runs before
        // the table is accessed for writing.
        let old = tables[tables.count - 1][id]?.slots[name]?.gradient
        let sum = try old.map { try accum($0, g) } ?? g
        update(object, id) { e in e.insert(name, key, sum) }
    }

    /// In place: copying the entry out would copy its tables on every
    /// write (quadratic in the number of slots).
    private func update(_ object: Value, _ id: ObjectIdentifier, _ body: (inout Entry) -> Void) {
        guard !tables.isEmpty else { return }
        body(&tables[tables.count - 1][id, default: Entry(object: object)])
    }

    /// Replaces the slot's gradient (`nothing` clears it).
    func set(_ object: Value, _ key: Value, _ g: Value) {
        guard let id = Shadows.identity(object), !tables.isEmpty else { return }
        let name = Shadows.slotName(key)
        update(object, id) { e in
            if case .nothing = g { e.remove(name) } else { e.insert(name, key, g) }
        }
    }

    func peek(_ object: Value, _ key: Value) -> Value {
        guard let id = Shadows.identity(object) else { return .nothing }
        return tables.last?[id]?.slots[Shadows.slotName(key)]?.gradient ?? .nothing
    }

    func take(_ object: Value, _ key: Value) -> Value {
        guard let id = Shadows.identity(object), !tables.isEmpty,
              tables[tables.count - 1][id] != nil else { return .nothing }
        let name = Shadows.slotName(key)
        var g = Value.nothing
        update(object, id) { e in
            g = e.slots[name]?.gradient ?? .nothing
            e.remove(name)
        }
        return g
    }

    /// `copy(x)` undone: every slot of the copy's shadow is added to x's.
    func moveAll(from copy: Value, to original: Value, accum: (Value, Value) throws -> Value) throws {
        guard let id = Shadows.identity(copy), !tables.isEmpty, let e = tables[tables.count - 1][id] else { return }
        tables[tables.count - 1][id] = nil
        // in the original Dict's key order, as its own gradient would be
        var order = e.keys
        if case .dict(let d) = original {
            let rank = Dictionary(d.keys.enumerated().map { (Shadows.slotName($0.element), $0.offset) }, uniquingKeysWith: { a, _ in a })
            order = order.enumerated().sorted { (rank[$0.element] ?? Int.max, $0.offset) < (rank[$1.element] ?? Int.max, $1.offset) }
                .map(\.element)
        }
        for name in order {
            if let slot = e.slots[name] { try add(original, slot.key, slot.gradient, accum: accum) }
        }
    }

    /// Reverse lengths: where the next undone `push!` takes its slot from.
    /// Comprehensions: `collect!` spreads an array's gradient over slots
    /// 1…n; a tracked array starts at its final length (the backward pass
    /// runs after the whole forward one).
    /// (keeping each object alive, as `tracked` does)
    private var tops: [[ObjectIdentifier: (object: Value, top: Int)]] = [[:]]

    func top(_ object: Value) -> Int? {
        guard let id = Shadows.identity(object) else { return nil }
        if let t = tops.last?[id] { return t.top }
        if case .array(let a) = object, isTracked(object) { return a.count }
        return nil
    }

    func setTop(_ object: Value, _ n: Int) {
        guard let id = Shadows.identity(object), !tops.isEmpty else { return }
        tops[tops.count - 1][id] = (object, n)
    }

    func collect(_ object: Value, _ ȳ: Value, count: Int, element: (Int) -> Value,
                 accum: (Value, Value) throws -> Value) throws {
        for i in 0..<count { try add(object, .int(i + 1), element(i), accum: accum) }
        setTop(object, count)
    }

    /// The gradient of the last value pushed and not yet reversed; nil when
    /// the array is neither tracked nor a collected comprehension.
    func pop(_ object: Value) -> Value? {
        guard let top = top(object), top > 0 else { return nil }
        setTop(object, top - 1)
        return take(object, .int(top))
    }

    func entry(_ object: Value) -> Entry? {
        guard let id = Shadows.identity(object) else { return nil }
        return tables.last?[id]
    }
}
