import Zy

/// The per-call tape: a `Vector{Any}` the forward IR appends records to and
/// the adjoint IR reads by index (never consuming, so a pullback can run
/// many times). An ordinary array, so code that holds a tape stays
/// differentiable when AD is nested.
enum Tape {
    static func install(into globals: Globals) {
        globals.defineBuiltin(Helper.tapeNew, []) { _, _, _ in
            .array(ArrayValue(storage: .values([]), elementType: .any, dims: [0]))
        }
        globals.defineBuiltin(Helper.tapePush, [.any, .any]) { _, args, _ in
            guard case .array(let a) = args[0], case .values(var items) = a.storage else {
                throw InternalError("tape_push! on a non-tape")
            }
            a.storage = .float([])  // keep `items` uniquely referenced while appending
            items.append(args[1])
            a.dims = [items.count]
            a.storage = .values(items)
            return .nothing
        }
        // tape_get(tape, cursor, k): the record at 1-based index cursor - k.
        globals.defineBuiltin(Helper.tapeGet, [.any, .any, .any]) { _, args, _ in
            guard case .array(let a) = args[0], case .values(let items) = a.storage,
                  case .int(let cursor) = args[1], case .int(let k) = args[2] else {
                throw InternalError("tape_get on a non-tape")
            }
            let i = cursor &- k &- 1
            guard i >= 0, i < items.count else { throw InternalError("tape read out of range") }
            return items[i]
        }
        globals.defineBuiltin(Helper.tapeLength, [.any]) { _, args, _ in
            guard case .array(let a) = args[0] else { throw InternalError("tape_length on a non-tape") }
            return .int(a.count)
        }
    }
}
