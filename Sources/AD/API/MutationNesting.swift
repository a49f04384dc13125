import Zy

/// Second order through writes: the shadow operations of an adjoint,
/// differentiated when an outer `gradient` runs that adjoint. A shadow
/// slot is a cell the inner backward pass adds to (reads, deposits), takes
/// (writes) and settles (takes every slot). One level up, a slot's
/// gradient lives in the same object's shadow under `(:d, key)`; reversed,
/// a take sets it (the slot was cleared there) and an addition's addend
/// reads it. Which path an inner operation took (shadow or ordinary
/// gradient) is read off its result: the shadow paths return the
/// `nothing` or the old value they were given.
enum MutationNesting {
    static let untake = "Core.∂untake!"
    static let unbroadcastSet = "Core.∂unbroadcast_set!"
    static let readBack = "Core.∂read_back"
    static let fieldBack = "Core.∂field_back"
    static let depositBack = "Core.∂deposit_back"
    static let depositUnlessBack = "Core.∂deposit_unless_back"
    static let unsettle = "Core.∂unsettle!"

    static func up(_ key: Value) -> Value { .tuple([.symbol(.named("d")), key]) }
}

extension ADRuntime {
    func installMutationNesting() {
        let g = globals
        // untake!(object, key, ȳ): the taken slots' gradients are ȳ.
        g.defineBuiltin(MutationNesting.untake, [.any, .any, .any]) { [self] _, a, _ in
            try setSlots(a[0], try slotKeys(a[0], a[1]), a[2], single: isSingle(a[0], a[1]))
            return .nothing
        }
        // unbroadcast_set!(object, index tuple, ȳ): `x[I…] .= v` or `x .= v` took the slots.
        g.defineBuiltin(MutationNesting.unbroadcastSet, [.any, .any, .any]) { [self] _, a, _ in
            guard case .array(let arr) = a[0], case .tuple(let index) = a[1] else { return .nothing }
            let all = (0..<arr.count).map { $0 + 1 }
            let slots = index.isEmpty ? all : try self.slots(a[0], a[1]) ?? all
            try setSlots(a[0], slots.map { .int($0) }, a[2], single: false)
            return .nothing
        }
        // read_back(object, ȳ, index, y, z̄): ȳ̄ of a read's pullback.
        g.defineBuiltin(MutationNesting.readBack, [.any, .any, .any, .any, .any]) { [self] _, a, _ in
            if case .nothing = a[1] { return .nothing }
            guard case .nothing = a[3], Shadows.identity(a[0]) != nil else {
                return try call(Helper.gradientAt, [a[4], a[2]])
            }
            return try peekSlots(a[0], try slotKeys(a[0], a[2]), like: a[1], single: isSingle(a[0], a[2]))
        }
        // field_back(object, name, ȳ, y, z̄)
        g.defineBuiltin(MutationNesting.fieldBack, [.any, .any, .any, .any, .any]) { [self] _, a, _ in
            if case .nothing = a[2] { return .nothing }
            guard case .nothing = a[3], Shadows.identity(a[0]) != nil else {
                return try call(Helper.gradientField, [a[4], a[1]])
            }
            return shadows.peek(a[0], MutationNesting.up(a[1]))
        }
        // deposit_back(object, ḡ, old, y, ȳ): ḡ̄ of `deposit_or`; into
        // the shadow exactly when the result is the old value unchanged.
        g.defineBuiltin(MutationNesting.depositBack, [.any, .any, .any, .any, .any]) { [self] _, a, _ in
            try depositBack(a[0], a[1], a[2], a[3], a[4])
        }
        // deposit_unless_back(c, object, ḡ, y, ȳ): nothing was deposited when c.
        g.defineBuiltin(MutationNesting.depositUnlessBack, [.any, .any, .any, .any, .any]) { [self] _, a, _ in
            if case .bool(true) = a[0] { return .nothing }
            return try depositBack(a[1], a[2], .nothing, a[3], a[4])
        }
        // unsettle!(object, given, y, ȳ): when settling turned the shadow
        // into an ordinary gradient, each slot's gradient is ȳ's element.
        g.defineBuiltin(MutationNesting.unsettle, [.any, .any, .any, .any]) { [self] _, a, _ in
            guard case .array = a[0], case .array(let y) = a[2], !a[2].isIdentical(to: a[1]) else { return a[3] }
            try setSlots(a[0], (0..<y.count).map { .int($0 + 1) }, a[3], single: false)
            return a[3]
        }
    }

    private func depositBack(_ object: Value, _ ḡ: Value, _ old: Value, _ y: Value, _ ȳ: Value) throws -> Value {
        guard case .array(let arr) = ḡ, case .array = object, y.isIdentical(to: old) else { return ȳ }
        return try peekSlots(object, (0..<arr.count).map { .int($0 + 1) }, like: ḡ, single: false)
    }

    /// The shadow keys an index selects: 1-based linear slots of an array,
    /// the key itself for dicts, structs and boxes.
    func slotKeys(_ object: Value, _ index: Value) throws -> [Value] {
        guard case .array = object else { return [index] }
        if case .int = index { return [index] }
        return try slots(object, index).map { $0.map { .int($0) } } ?? [index]
    }

    /// One slot whose gradient is the whole value: a dict's, struct's or
    /// box's key, or an array's scalar index (a range or colon selects
    /// several, laid out like the value).
    private func isSingle(_ object: Value, _ index: Value) -> Bool {
        guard case .array = object else { return true }
        switch index {
        case .int: return true
        case .tuple(let t): return t.allSatisfy { if case .int = $0 { return true } else { return false } }
        default: return false
        }
    }

    private func setSlots(_ object: Value, _ keys: [Value], _ ȳ: Value, single: Bool) throws {
        let parts: [Value]
        switch ȳ {
        case _ where single: parts = keys.map { _ in ȳ }
        case .array, .tuple: parts = try elements(ȳ)
        default: parts = keys.map { _ in ȳ }  // nothing, or one number written to many slots
        }
        for (k, key) in keys.enumerated() {
            shadows.set(object, MutationNesting.up(key), k < parts.count ? parts[k] : .nothing)
        }
    }

    private func peekSlots(_ object: Value, _ keys: [Value], like: Value, single: Bool) throws -> Value {
        let grads = keys.map { shadows.peek(object, MutationNesting.up($0)) }
        switch like {
        case _ where single:
            return grads.first ?? .nothing
        case .array, .tuple:
            return try shaped(grads, like: like, zeros: try elements(like))
        default:
            return grads.first ?? .nothing  // as `MutationRules.read` adds a number
        }
    }
}
