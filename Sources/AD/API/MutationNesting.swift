import Zy

/// Runtime side of `Rules.nestedShadowRules`: the cell operations on shadow
/// slots L levels up (`(:d, …)` keys), and the tests that read off an
/// inner shadow operation's result whether it went through the shadow.
enum MutationNesting {
    static let peek = "Core.∂cells_peek"
    static let add = "Core.∂cells_add!"
    static let take = "Core.∂cells_take!"
    static let set = "Core.∂cells_set!"
    static let unless = "Core.∂unless"
    static let viaShadow = "Core.∂via_shadow"
    static let deposited = "Core.∂deposited"
    static let densified = "Core.∂densified"
    static let allSlots = "Core.∂all_slots"

    static func up(_ key: Value, _ level: Int) -> Value {
        var k = key
        for _ in 0..<max(level, 0) { k = .tuple([.symbol(.named("d")), k]) }
        return k
    }
}

extension ADRuntime {
    func installMutationNesting() {
        let g = globals
        typealias N = MutationNesting
        // (object, index, value or shape, on, level)
        g.defineBuiltin(N.peek, [.any, .any, .any, .any, .any]) { [self] _, a, _ in
            guard let (keys, single) = try cells(a) else { return .nothing }
            return try gather(keys.map { shadows.peek(a[0], $0) }, like: a[2], single: single)
        }
        g.defineBuiltin(N.take, [.any, .any, .any, .any, .any]) { [self] _, a, _ in
            guard let (keys, single) = try cells(a) else { return .nothing }
            return try gather(keys.map { shadows.take(a[0], $0) }, like: a[2], single: single)
        }
        g.defineBuiltin(N.add, [.any, .any, .any, .any, .any]) { [self] _, a, _ in
            guard let (keys, single) = try cells(a) else { return .nothing }
            for (key, v) in zip(keys, try spread(a[2], over: keys.count, single: single)) {
                try shadows.add(a[0], key, v, accum: accum)
            }
            return .nothing
        }
        g.defineBuiltin(N.set, [.any, .any, .any, .any, .any]) { [self] _, a, _ in
            guard let (keys, single) = try cells(a) else { return .nothing }
            for (key, v) in zip(keys, try spread(a[2], over: keys.count, single: single)) {
                shadows.set(a[0], key, v)
            }
            return .nothing
        }
        g.defineBuiltin(N.unless, [.any, .any]) { _, a, _ in
            if case .bool(true) = a[0] { return .nothing }
            return a[1]
        }
        // A read (index!/field!) added ȳ to the slot: it returned nothing.
        g.defineBuiltin(N.viaShadow, [.any, .any, .any]) { _, a, _ in
            if case .nothing = a[1] { return .bool(false) }
            guard case .nothing = a[2], Shadows.identity(a[0]) != nil else { return .bool(false) }
            return .bool(true)
        }
        // deposit_or(object, ḡ, old) put ḡ in the slots: it returned old.
        g.defineBuiltin(N.deposited, [.any, .any, .any, .any]) { _, a, _ in
            guard case .array = a[0], case .array = a[1] else { return .bool(false) }
            return .bool(a[3].isIdentical(to: a[2]))
        }
        // settle(object, given) took the slots: it returned a new array.
        g.defineBuiltin(N.densified, [.any, .any, .any]) { _, a, _ in
            guard case .array = a[0], case .array = a[2] else { return .bool(false) }
            return .bool(!a[2].isIdentical(to: a[1]))
        }
        g.defineBuiltin(N.allSlots, [.any]) { _, a, _ in
            guard case .array(let arr) = a[0] else { return .tuple([.symbol(.named("all")), .int(0)]) }
            return .tuple([.symbol(.named("all")), .int(arr.count)])
        }
    }

    /// The cells an operation touches, and whether one cell holds the whole
    /// value (a dict's, struct's or box's key; an array's scalar index); nil
    /// when it is off.
    private func cells(_ a: [Value]) throws -> ([Value], Bool)? {
        guard case .bool(true) = a[3], case .int(let level) = a[4] else { return nil }
        if case .nothing = a[1] { return nil }  // no slot (push! into an untracked array)
        let (keys, single) = try slotKeys(a[0], a[1], like: a[2])
        return (keys.map { MutationNesting.up($0, level) }, single)
    }

    /// The shadow keys an index selects: 1-based linear slots of an array
    /// (`(:all, n)`: slots 1…n; `(:span, a, b)`: a…b; `()`: every slot), the key itself for dicts,
    /// structs and boxes.
    private func slotKeys(_ object: Value, _ index: Value, like: Value) throws -> ([Value], Bool) {
        guard case .array(let arr) = object else { return ([index], true) }
        switch index {
        case .int:
            return ([index], true)
        case .tuple(let t) where t.count == 2:
            if case .symbol(let s) = t[0], s.name == "all", case .int(let n) = t[1] {
                return ((0..<max(n, 0)).map { .int($0 + 1) }, false)
            }
        case .tuple(let t) where t.count == 3:
            if case .symbol(let s) = t[0], s.name == "span", case .int(let first) = t[1], case .int(let last) = t[2] {
                return (first <= last ? (first...last).map { .int($0) } : [], false)
            }
        case .tuple(let t) where t.isEmpty:
            // x .= v: the slots v filled (the array may have grown since).
            var n = arr.count
            if case .array(let v) = like { n = v.count }
            return ((0..<n).map { .int($0 + 1) }, false)
        default:
            break
        }
        let single: Bool
        if case .tuple(let t) = index {
            single = t.allSatisfy { if case .int = $0 { return true } else { return false } }
        } else {
            single = false
        }
        return ((try slots(object, index) ?? []).map { .int($0) }, single)
    }

    /// A value laid over n cells: whole into one, elementwise from an array
    /// or tuple, a number or `nothing` into each.
    private func spread(_ v: Value, over n: Int, single: Bool) throws -> [Value] {
        if single { return Array(repeating: v, count: n) }
        switch v {
        case .array, .tuple: return try elements(v)
        default: return Array(repeating: v, count: n)
        }
    }

    /// Cells read back shaped like `like`: the one cell, an array or tuple,
    /// or a number's sum over many (the adjoint of `spread`).
    private func gather(_ grads: [Value], like: Value, single: Bool) throws -> Value {
        if single { return grads.first ?? .nothing }
        switch like {
        case .nothing: return .nothing
        case .array, .tuple: return try shaped(grads, like: like, zeros: try elements(like))
        default: return try grads.reduce(Value.nothing) { try accum($0, $1) }
        }
    }
}
