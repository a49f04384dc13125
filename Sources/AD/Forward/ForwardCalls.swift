import Zy

/// Calls made by forward rules. A dual operation makes several calls of
/// arithmetic on its parts; selecting among the many methods of `*` or
/// `+` each time dominated the cost. Here a built-in method is selected
/// once per function and argument kinds (Int64, Float64, Bool, Dual: the
/// kinds decide dispatch exactly) and kept until the function gains a
/// method; plain Int/Float64 `+ - * /` whose selected method is the
/// built-in compute inline. Anything else goes through the interpreter.
final class ForwardCalls {
    let interpreter: Interpreter
    private struct Key: Hashable {
        let function: ObjectIdentifier
        let kinds: Int
    }
    private struct Entry {
        let generation: Int
        let body: BuiltinFunction
        let arithmetic: Character?
    }
    private var cache: [Key: Entry] = [:]

    init(interpreter: Interpreter) { self.interpreter = interpreter }

    func call(_ f: Value, _ args: [Value]) throws -> Value {
        guard case .function(let g) = f, let kinds = Self.kinds(args) else { return try interpreter.call(f, args) }
        let key = Key(function: ObjectIdentifier(g), kinds: kinds)
        let entry: Entry
        if let e = cache[key], e.generation == g.generation {
            entry = e
        } else {
            guard case .method(let m) = Dispatcher.select(g, args), case .builtin(let body) = m.body else {
                return try interpreter.call(f, args)
            }
            let op = g.name.count == 1 ? g.name.first.flatMap { "+-*/".contains($0) ? $0 : nil } : nil
            entry = Entry(generation: g.generation, body: body, arithmetic: args.count == 2 ? op : nil)
            cache[key] = entry
        }
        if let op = entry.arithmetic, let v = Self.arithmetic(op, args[0], args[1]) { return v }
        return try entry.body(interpreter, args, [])
    }

    /// The arguments' kinds packed in base 5 (nil: a kind not cached).
    private static func kinds(_ args: [Value]) -> Int? {
        guard args.count <= 4 else { return nil }
        var packed = args.count
        for a in args {
            let k: Int
            switch a {
            case .int: k = 1
            case .float: k = 2
            case .bool: k = 3
            case .structValue(let s) where s.type === Dual.type: k = 4
            default: return nil
            }
            packed = packed * 5 + k
        }
        return packed
    }

    /// Julia's Int64/Float64 arithmetic (Int wraps; Int / Int is Float64).
    private static func arithmetic(_ op: Character, _ a: Value, _ b: Value) -> Value? {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            switch op {
            case "+": return .int(x &+ y)
            case "-": return .int(x &- y)
            case "*": return .int(x &* y)
            default: return .float(Double(x) / Double(y))
            }
        case (.float(let x), .float(let y)): return .float(apply(op, x, y))
        case (.int(let x), .float(let y)): return .float(apply(op, Double(x), y))
        case (.float(let x), .int(let y)): return .float(apply(op, x, Double(y)))
        default: return nil
        }
    }

    private static func apply(_ op: Character, _ x: Double, _ y: Double) -> Double {
        switch op {
        case "+": return x + y
        case "-": return x - y
        case "*": return x * y
        default: return x / y
        }
    }
}
