import Zy

/// The runtime side of `MutationTracking`: arrays written anywhere keep
/// their gradient in their shadow while some running adjoint tracks them.
extension ADRuntime {
    func installMutation() {
        let g = globals
        g.defineBuiltin(Shadows.trackName, [.any]) { [self] _, a, _ in
            if case .array = a[0] { shadows.track(a[0]) }
            return .nothing
        }
        // deposit_or(object, ḡ, old): into the shadow when the array is
        // tracked, else summed with the variable's ordinary gradient.
        g.defineBuiltin(Shadows.depositName, [.any, .any, .any]) { [self] _, a, _ in try deposit(a[0], a[1], a[2]) }
        g.defineBuiltin(Shadows.depositUnlessName, [.any, .any, .any]) { [self] _, a, _ in
            if case .bool(true) = a[0] { return .nothing }
            return try deposit(a[1], a[2], .nothing)
        }
        g.defineBuiltin(Shadows.settleName, [.any, .any]) { [self] _, a, _ in
            try shadows.settle(a[0], given: a[1], accum: accum)
        }
        // track_all!(owned): every instance the forward pass listed.
        g.defineBuiltin(Shadows.trackAllName, [.any]) { [self] _, a, _ in
            // A tape: its records are not its elements (`RecordOps`).
            guard case .array(let list) = a[0] else { return .nothing }
            for item in RecordOps.records(list) { shadows.track(item) }
            return .nothing
        }
    }

    private func deposit(_ object: Value, _ ḡ: Value, _ old: Value) throws -> Value {
        guard case .array = object, shadows.isTracked(object) else { return try accum(old, ḡ) }
        guard case .array(let g) = ḡ else {
            if case .nothing = ḡ { return old }
            throw Exceptions.error("cannot add gradient \(Show.repr(ḡ)) to an array written in place")
        }
        for i in 0..<g.count {
            try shadows.add(object, .int(i + 1), ADRuntime.element(g, i), accum: accum)
        }
        return old
    }

    /// The zero gradient of one array element (Int stays Int).
    static func zeroLike(_ v: Value) -> Value {
        switch v {
        case .int: return .int(0)
        default: return .float(0)
        }
    }
}
