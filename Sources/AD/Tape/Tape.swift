import Zy

/// The per-call tape: a `Vector{Any}` the forward IR appends records to and
/// the adjoint IR reads by index (never consuming, so a pullback can run
/// many times). An ordinary array, so code that holds a tape stays
/// differentiable when AD is nested. `tape_push!` returns the record's
/// 1-based index, which its rule reads when forward code is itself
/// differentiated (nested AD): a read of the record adds to the tape's
/// shadow at that index, the push takes it.
///
/// A record stack (`RecordOps.makeStack`): records start unboxed
/// (Float64s, and Ints in Int32 range as tagged NaNs: `RecordOps.encode`;
/// 8 bytes a record, the common case of a scalar loop) and are widened to
/// boxed values at the first record that is neither. `tape_push!` and
/// `tape_get` are interpreter record operations
/// (`Interpreter.registerRecordPush`/`registerRecordRead`): the builtins
/// below are their fallback, and what other call forms reach. `dims` stays
/// `[0]`: code that walks the tape as a Zy vector (settling a shadow under
/// nesting) must see no elements.
enum Tape {
    /// Room for a few records up front: a callee's tape in a loop (a short
    /// inner loop) then grows once at most.
    static func new() -> Value { .array(RecordOps.makeStack(capacity: 16)) }

    static func push(_ tape: Value, _ v: Value) throws -> Value {
        guard case .array(let a) = tape else { throw InternalError("tape_push! on a non-tape") }
        return .int(RecordOps.push(a, v))
    }

    /// The record at 1-based index `cursor - k`.
    static func get(_ tape: Value, _ cursor: Value, _ k: Value) throws -> Value {
        guard case .array(let a) = tape, case .int(let c) = cursor, case .int(let k) = k else {
            throw InternalError("tape_get on a non-tape")
        }
        guard let record = RecordOps.record(a, at: c &- k &- 1) else { throw InternalError("tape read out of range") }
        return record
    }

    static func length(_ tape: Value) throws -> Value {
        guard case .array(let a) = tape else { throw InternalError("tape_length on a non-tape") }
        return .int(RecordOps.count(a))
    }

    private static let registered: Bool = {
        Interpreter.registerIntrinsic(Helper.tapeNew, arity: 0) { _, _, _ in new() }
        Interpreter.registerIntrinsic(Helper.tapeLength, arity: 1) { t, _, _ in try length(t) }
        Interpreter.registerRecordPush(Helper.tapePush)
        Interpreter.registerRecordRead(Helper.tapeGet)
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
