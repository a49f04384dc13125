import Zy

/// The per-call tape: a `Vector{Any}` the forward IR appends records to and
/// the adjoint IR reads by index (never consuming, so a pullback can run
/// many times). An ordinary array, so code that holds a tape stays
/// differentiable when AD is nested. The four operations are interpreter
/// intrinsics (called without dispatch) and ordinary built-ins too.
/// `tape_push!` returns the record's 1-based index, which its rule reads
/// when forward code is itself differentiated (nested AD): a read of the
/// record adds to the tape's shadow at that index, the push takes it.
enum Tape {
    static func new() -> Value {
        .array(ArrayValue(storage: .values([]), elementType: .any, dims: [0]))
    }

    static func push(_ tape: Value, _ v: Value) throws -> Value {
        guard case .array(let a) = tape, case .values(var items) = a.storage else {
            throw InternalError("tape_push! on a non-tape")
        }
        // Keep `items` uniquely referenced while appending. `dims` is not
        // kept up to date (the tape is never shown); its length is read
        // from the storage.
        a.storage = .float([])
        items.append(v)
        let n = items.count
        a.storage = .values(items)
        return .int(n)
    }

    /// The record at 1-based index `cursor - k`.
    static func get(_ tape: Value, _ cursor: Value, _ k: Value) throws -> Value {
        guard case .array(let a) = tape, case .values(let items) = a.storage,
              case .int(let c) = cursor, case .int(let k) = k else {
            throw InternalError("tape_get on a non-tape")
        }
        let i = c &- k &- 1
        guard i >= 0, i < items.count else { throw InternalError("tape read out of range") }
        return items[i]
    }

    static func length(_ tape: Value) throws -> Value {
        guard case .array(let a) = tape, case .values(let items) = a.storage else {
            throw InternalError("tape_length on a non-tape")
        }
        return .int(items.count)
    }

    private static let registered: Bool = {
        Interpreter.registerIntrinsic(Helper.tapeNew, arity: 0) { _, _, _ in new() }
        Interpreter.registerIntrinsic(Helper.tapePush, arity: 2) { t, v, _ in try push(t, v) }
        Interpreter.registerIntrinsic(Helper.tapeGet, arity: 3) { t, c, k in try get(t, c, k) }
        Interpreter.registerIntrinsic(Helper.tapeLength, arity: 1) { t, _, _ in try length(t) }
        return true
    }()

    static func install(into globals: Globals) {
        _ = registered
        globals.defineBuiltin(Helper.tapeNew, []) { _, _, _ in new() }
        globals.defineBuiltin(Helper.tapePush, [.any, .any]) { _, a, _ in try push(a[0], a[1]) }
        globals.defineBuiltin(Helper.tapeGet, [.any, .any, .any]) { _, a, _ in try get(a[0], a[1], a[2]) }
        globals.defineBuiltin(Helper.tapeLength, [.any]) { _, a, _ in try length(a[0]) }
    }
}
