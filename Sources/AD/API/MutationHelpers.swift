import Zy

/// Runtime side of `MutationRules`: undoing `pop!`, `append!` and
/// broadcast assignments against an array's shadow.
extension ADRuntime {
    func installMutationRules() {
        let g = globals
        g.defineBuiltin(MutationRules.popSlot, [.any]) { [self] _, a, _ in
            guard let top = shadows.top(a[0]), top > 0 else { return .nothing }
            shadows.setTop(a[0], top - 1)
            return .int(top)
        }
        g.defineBuiltin(MutationRules.popTake, [.any, .any, .any]) { [self] _, a, _ in
            if case .int = a[1] { return shadows.take(a[0], a[1]) }
            switch a[2] {
            case .int, .float, .rational, .complex:
                throw Exceptions.error("cannot differentiate push! of a number into an array that is not tracked here")
            default:
                return .nothing
            }
        }
        g.defineBuiltin(MutationRules.unpopSlot, [.any]) { [self] _, a, _ in
            guard case .array(let arr) = a[0] else { return .nothing }
            let top = (shadows.top(a[0]) ?? arr.count) + 1
            shadows.setTop(a[0], top)
            return .int(top)
        }
        g.defineBuiltin(MutationRules.unappendSlots, [.any, .any]) { [self] _, a, _ in
            guard case .array(let arr) = a[0] else { return .nothing }
            let top = shadows.top(a[0]) ?? arr.count
            let first = max(top - (try elements(a[1])).count, 0)
            shadows.setTop(a[0], first)
            return .tuple([.symbol(.named("span")), .int(first + 1), .int(top)])
        }
        // Reads and writes of arrays with ranges or in many dimensions go
        // slot by slot; single elements, dicts, structs go the usual way.
        g.defineBuiltin(MutationRules.read, [.any, .any, .any]) { [self] _, a, _ in
            guard case .array = a[0], shadows.isTracked(a[0]) else {
                return try call(Helper.indexRead, [a[0], a[1], a[2]])
            }
            if case .nothing = a[1] { return .nothing }
            let slots: [Int]
            if case .int(let k) = a[2] { slots = [k] } else { slots = try self.slots(a[0], a[2]) ?? [] }
            let ȳ = try elements(a[1])
            for (k, s) in slots.enumerated() where k < ȳ.count {
                try shadows.add(a[0], .int(s), ȳ[k], accum: accum)
            }
            return .nothing
        }
        g.defineBuiltin(MutationRules.write, [.any, .any, .any]) { [self] _, a, _ in
            guard case .array = a[0], shadows.isTracked(a[0]) else {
                return try call(Helper.take, [a[0], a[2]])
            }
            if case .int(let k) = a[2] { return shadows.take(a[0], .int(k)) }
            let slots = try self.slots(a[0], a[2]) ?? []
            let grads = slots.map { shadows.take(a[0], .int($0)) }
            if case .array(let v) = a[1], v.count == grads.count {
                return try shaped(grads, like: a[1], zeros: (0..<v.count).map { ADRuntime.element(v, $0) })
            }
            // x[I] = v with v not recorded: a range or colon writes a vector.
            if case .nothing = a[1], !isScalarIndex(a[2]) {
                return try shaped(grads, like: ADRuntime.array(grads, dims: [grads.count]),
                                  zeros: grads.map { _ in .float(0) })
            }
            return try grads.reduce(Value.nothing) { try accum($0, $1) }
        }
        // x[I…] .= v and x .= v: v̄ is what the written slots held.
        g.defineBuiltin(MutationRules.broadcastSet, [.any, .any, .any]) { [self] _, a, _ in
            guard case .array(let arr) = a[0], case .tuple(let index) = a[2] else { return .nothing }
            // Every slot the array had then (pushes since are undone already).
            let all = (0..<(shadows.top(a[0]) ?? arr.count)).map { $0 + 1 }
            let slots = index.isEmpty ? all : try self.slots(a[0], .tuple(index)) ?? all
            let grads = slots.map { shadows.take(a[0], .int($0)) }
            if case .array(let v) = a[1], v.count == grads.count {
                return try shaped(grads, like: a[1], zeros: (0..<v.count).map { ADRuntime.element(v, $0) })
            }
            return try grads.reduce(Value.nothing) { try accum($0, $1) }
        }
    }

    /// The 1-based linear slots `index` selects in `array`; nil for a
    /// single Int index (the usual path handles it).
    func slots(_ array: Value, _ index: Value) throws -> [Int]? {
        guard case .array(let arr) = array else { return nil }
        let parts: [Value]
        switch index {
        case .int: return nil
        case .tuple(let t): parts = t
        default: parts = [index]
        }
        let linear = ADRuntime.array((0..<arr.count).map { .int($0 + 1) }, dims: arr.dims)
        return try elements(try call("getindex", [linear] + parts)).compactMap {
            if case .int(let k) = $0 { return k } else { return nil }
        }
    }

    private func isScalarIndex(_ index: Value) -> Bool {
        switch index {
        case .int: return true
        case .tuple(let t): return t.allSatisfy { if case .int = $0 { return true } else { return false } }
        default: return false
        }
    }

    func elements(_ v: Value) throws -> [Value] {
        switch v {
        case .array(let a): return (0..<a.count).map { ADRuntime.element(a, $0) }
        case .tuple(let t): return t
        default: return [v]
        }
    }

    /// Gradients laid out like `like` (array or tuple); `nothing` if none flowed.
    func shaped(_ grads: [Value], like: Value, zeros: [Value]) throws -> Value {
        guard grads.contains(where: { if case .nothing = $0 { return false } else { return true } }) else { return .nothing }
        if case .array(let a) = like {
            return ADRuntime.gradientArray(grads, dims: a.dims) { $0 >= zeros.count || zeros[$0].isNumber }
        }
        let filled = zip(grads, zeros).map { g, z -> Value in
            if case .nothing = g, z.isNumber { return ADRuntime.zeroLike(z) }
            return g
        }
        switch like {
        case .tuple: return .tuple(filled)
        default: return filled.first ?? .nothing
        }
    }
}
