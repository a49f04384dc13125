import Zy

/// Global arrays written during one forward pass (`Core.∂global_written`,
/// `Transform/GlobalArrays.swift`), per `gradient`/`pullback` call: its
/// backward pass tracks them from its start, so a value one function writes
/// into a global and another reads back (reversed before the writer's
/// adjoint starts) deposits its gradient into the shadow for the write to
/// take. Their own gradient is dropped at the end, as Zygote's explicit
/// `gradient` drops gradients of globals.
///
/// Noted arrays are also tracked at once, in the table current when the
/// call began, until its forward pass ends: a nested `gradient` runs its
/// backward pass inside the outer forward pass, on that table. Their slots
/// there are cleared when the scope closes.
final class WrittenGlobals {
    private var scopes: [(seen: Set<ObjectIdentifier>, objects: [Value], depth: Int)] = []
    /// Every global array differentiated code has written (kept alive, so
    /// identities stay unique), and a generation that changes when one is
    /// added: transforms that did not read a global into a variable
    /// because nothing had written it depend on it.
    private var ever: [ObjectIdentifier: Value] = [:]
    let epoch = GenericFunction(name: "∂written globals")

    func everWritten(_ object: Value) -> Bool {
        Shadows.identity(object).map { ever[$0] != nil } ?? false
    }

    func open(depth: Int) { scopes.append(([], [], depth)) }

    /// The scope's objects, untracked and cleared in `shadows`.
    func close(_ shadows: Shadows) -> [Value] {
        guard let scope = scopes.popLast() else { return [] }
        if shadows.depth == scope.depth {
            for o in scope.objects {
                shadows.untrack(o)
                shadows.clear(o)
            }
        }
        return scope.objects
    }

    /// The arrays written so far by the forward passes still running: a
    /// nested gradient's backward pass, in fresh shadows, tracks them too.
    var inFlight: [Value] { scopes.flatMap(\.objects) }

    func note(_ object: Value, _ shadows: Shadows) {
        guard case .array = object, let id = Shadows.identity(object), !scopes.isEmpty,
              scopes[scopes.count - 1].seen.insert(id).inserted else { return }
        scopes[scopes.count - 1].objects.append(object)
        if ever[id] == nil {
            ever[id] = object
            epoch.generation &+= 1
        }
        if shadows.depth == scopes[scopes.count - 1].depth { shadows.track(object) }
    }
}

extension ADRuntime {
    func installGlobalWrites() {
        globals.defineBuiltin(GlobalArrays.read, [.any]) { _, a, _ in a[0] }
        globals.defineBuiltin(GlobalArrays.drop, [.any]) { _, _, _ in .nothing }
        globals.defineBuiltin(GlobalArrays.readWritten, [.any]) { [self] _, a, _ in
            writtenGlobals.note(a[0], shadows)
            return a[0]
        }
        // A user's pullback: fresh shadows per call (so calling it again
        // after mutation gives the same result), the global arrays its
        // forward pass wrote tracked throughout, and the gradients of
        // mutable arguments (their shadows) returned as `gradient` does.
        globals.defineBuiltin("__ad_backward", [.any, .any, .any, .any]) { [self] _, a, _ in
            guard case .tuple(let args) = a[2] else { throw InternalError("__ad_backward without arguments") }
            let objects: [Value]
            if case .tuple(let xs) = a[3] { objects = xs } else { objects = [] }
            return try differentiating({ backLabel(a[0], a[1]) }) {
                let (g, table) = try backwardTracking(a[0], a[1], objects)
                guard case .tuple(var xs) = g, !xs.isEmpty else { return g }
                let grads = try withShadowGradients(Array(xs.dropFirst().prefix(args.count)), args, table)
                xs.replaceSubrange(1..<(1 + grads.count), with: grads)
                return .tuple(xs)
            }
        }
    }

    /// The forward pass `body`, with the global arrays it wrote.
    func notingWrittenGlobals<T>(_ body: () throws -> T) throws -> (T, [Value]) {
        writtenGlobals.open(depth: shadows.depth)
        do {
            let r = try body()
            return (r, writtenGlobals.close(shadows))
        } catch {
            _ = writtenGlobals.close(shadows)
            throw error
        }
    }

    /// `back(ȳ)` in fresh shadows (`inFreshShadows`) that also track
    /// `objects`; the table as it is after the pass.
    func backwardTracking(_ back: Value, _ ȳ: Value, _ objects: [Value])
        throws -> (Value, [ObjectIdentifier: Shadows.Entry]) {
        try inFreshShadows(tracking: objects) { try backward(back, ȳ) }
    }

    /// Each argument's gradient with its shadows added (a mutable struct's
    /// or Dict's reads and writes, also of those it holds: `NestedShadows`),
    /// projected onto real arguments.
    func withShadowGradients(_ gradients: [Value], _ args: [Value],
                             _ table: [ObjectIdentifier: Shadows.Entry]) throws -> [Value] {
        var grads = gradients
        for (i, a) in args.enumerated() where i < grads.count {
            if let s = try shadowGradients(a, table) { grads[i] = try accum(grads[i], s) }
            grads[i] = try projectReal(grads[i], onto: a)
        }
        return grads
    }
}
