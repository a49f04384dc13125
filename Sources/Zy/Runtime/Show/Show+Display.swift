/// The REPL's `text/plain` display (`display(x)`, the value echoed after
/// each input).
extension Show {
    /// `limit` is the REPL's `:limit` context: dictionary keys are padded to
    /// a common width, as Julia's REPL does.
    public static func display(_ v: Value, limit: Bool = true) -> String {
        switch v {
        case .function(let f):
            return f.name + " (generic function with " + methodCount(f.methods.count) + ")"
        case .closure(let c):
            return closureName(c) + " (generic function with 1 method)"
        case .array(let a):
            return ArrayShow.display(a)
        case .dict(let d):
            return dictDisplay(d, limit: limit)
        default:
            return repr(v)
        }
    }

    static func methodCount(_ n: Int) -> String {
        n == 1 ? "1 method" : "\(n) methods"
    }

    /// `Dict{Symbol, Int64} with 2 entries:` then one `  key => value` line each.
    static func dictDisplay(_ d: DictValue, limit: Bool) -> String {
        let type = ZyType.dict(key: d.keyType, value: d.valueType).description
        if d.keys.isEmpty { return type + "()" }
        let n = d.keys.count
        var out = type + " with \(n) " + (n == 1 ? "entry" : "entries") + ":"
        let keys = d.keys.map { repr($0, Context(typeinfo: d.keyType)) }
        let width = keys.map(\.count).max() ?? 0
        for (key, value) in zip(keys, d.values) {
            let padded = limit ? key + String(repeating: " ", count: width - key.count) : key
            out += "\n  " + padded + " => " + repr(value, Context(typeinfo: d.valueType))
        }
        return out
    }
}
