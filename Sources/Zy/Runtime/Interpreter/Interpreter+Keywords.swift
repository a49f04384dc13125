/// Keyword arguments at a call: `f(x; a = 1, kw...)`. The lowering passes a
/// keyword splat as a keyword named `...` (`CallArgument.keywordSplatName`)
/// whose value is a NamedTuple or any iterable of `Symbol => value` pairs.
extension Interpreter {
    /// Expands keyword splats in order and merges repeated names as Julia's
    /// `merge` does: a later value replaces an earlier one in its position.
    static func expandKeywords(_ keywords: [(Symbol, Value)], context: CallContext) throws -> [(Symbol, Value)] {
        var names: [Symbol] = [], values: [Value] = []
        func add(_ name: Symbol, _ value: Value) {
            if let i = names.firstIndex(of: name) { values[i] = value } else { names.append(name); values.append(value) }
        }
        for (name, value) in keywords {
            guard name.name == CallArgument.keywordSplatName else { add(name, value); continue }
            if case .namedTuple(let nt) = value {
                for (n, v) in zip(nt.names, nt.values) { add(n, v) }
                continue
            }
            try forEachElement(of: value, context: context) { element in
                guard case .pair(.symbol(let n), let v) = element else {
                    throw Exceptions.argumentError("keyword argument splat must contain Symbol => value pairs, got \(Show.repr(element))")
                }
                add(n, v)
            }
        }
        return Array(zip(names, values))
    }

    /// Runs `body` on each element of `collection` through Julia's `iterate`.
    static func forEachElement(of collection: Value, context: CallContext,
                               _ body: (Value) throws -> Void) throws {
        guard let iterate = (context as? Interpreter)?.globals["iterate"] else {
            throw InternalError("iterate is not defined")
        }
        var next = try context.call(iterate, [collection])
        while case .tuple(let pair) = next, pair.count == 2 {
            try body(pair[0])
            next = try context.call(iterate, [collection, pair[1]])
        }
    }
}
