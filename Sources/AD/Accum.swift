import Zy

/// Sums gradients. `nothing` is the zero; numbers add; tuples, named tuples
/// and arrays add elementwise; dicts add by key.
struct Accum {
    /// Calls a global function by name.
    let call: (String, [Value]) throws -> Value

    func callAsFunction(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        // Numbers add (Zygote's `accum(x, y) = x + y`), without a dispatch.
        case (.float(let x), .float(let y)): return .float(x + y)
        case (.int(let x), .int(let y)): return .int(x &+ y)
        case (.nothing, _): return b
        case (_, .nothing): return a
        case (.tuple(let x), .tuple(let y)) where x.count == y.count:
            return .tuple(try zip(x, y).map { try self($0, $1) })
        case (.namedTuple(let x), .namedTuple(let y)):
            var names = x.names, values = x.values
            for (n, v) in zip(y.names, y.values) {
                if let i = names.firstIndex(of: n) { values[i] = try self(values[i], v) } else {
                    names.append(n)
                    values.append(v)
                }
            }
            return .namedTuple(NamedTupleValue(names: names, values: values))
        case (.array(let x), .array(let y)) where x.dims == y.dims && !(x.isFloat && y.isFloat):
            var out: [Value] = []
            for i in 0..<x.count { out.append(try self(ADRuntime.element(x, i), ADRuntime.element(y, i))) }
            return ADRuntime.array(out, dims: x.dims)
        case (.dict, .dict(let y)):
            let out = try call("copy", [a])
            for (k, v) in zip(y.keys, y.values) {
                let old = try call("get", [out, k, .nothing])
                _ = try call("setindex!", [out, try self(old, v), k])
            }
            return out
        default:
            return try call("+", [a, b])
        }
    }

}

extension ArrayValue {
    var isFloat: Bool {
        if case .float = storage { return true }
        return false
    }
}
