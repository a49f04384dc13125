/// Julia's `showerror`: the message printed after `ERROR: `.
extension Show {
    public static func errorMessage(_ exception: Value) -> String {
        guard case .structValue(let s) = exception else { return repr(exception) }
        let f = s.fields
        func field(_ i: Int) -> Value { i < f.count ? f[i] : .nothing }
        func text(_ i: Int) -> String { string(field(i)) }
        switch s.type.name {
        case "ErrorException": return text(0)
        case "ArgumentError", "AssertionError", "OverflowError", "DimensionMismatch", "NonFiniteError":
            return s.type.name + ": " + text(0)
        case "UndefVarError": return "UndefVarError: `" + text(0) + "` not defined"
        case "UndefKeywordError": return "UndefKeywordError: keyword argument `" + text(0) + "` not assigned"
        case "DivideError": return "DivideError: integer division error"
        case "StackOverflowError": return "StackOverflowError:"
        case "StepLimitExceeded": return "StepLimitExceeded: the step limit was exceeded"
        case "KeyError": return "KeyError: key " + repr(field(0)) + " not found"
        case "DomainError":
            let message = field(1)
            if case .nothing = message { return "DomainError with " + repr(field(0)) }
            return "DomainError with " + repr(field(0)) + ":\n" + string(message)
        case "BoundsError": return f.isEmpty ? "BoundsError" : boundsMessage(field(0), field(1))
        case "MethodError": return methodMessage(field(0), field(1))
        case "InexactError": return inexactMessage(field(0), field(1), field(2))
        case "TypeError": return typeErrorMessage(field(0), field(1), field(2), field(3))
        case "StringIndexError":
            if case .string(let str) = field(0), case .int(let i) = field(1) { return StringIndexing.message(str, i) }
            return repr(exception)
        default: return repr(exception)
        }
    }

    /// Julia's `summary`: what `BoundsError` says it tried to index.
    static func summary(_ v: Value) -> String {
        switch v {
        case .array(let a): return ArrayShow.summary(a)
        case .range(let r):
            return "\(ScalarEquality.length(r))-element " + v.type.description
        case .string(let s): return "\(s.utf8.count)-codeunit String"
        case .dict(let d):
            let n = d.keys.count
            return v.type.description + " with \(n) " + (n == 1 ? "entry" : "entries")
        default: return v.type.description
        }
    }

    static func boundsMessage(_ collection: Value, _ index: Value) -> String {
        var out = "BoundsError: attempt to access " + summary(collection)
        switch index {
        case .nothing: return out
        case .tuple(let vs): out += " at index [" + vs.map { repr($0) }.joined(separator: ", ") + "]"
        default: out += " at index [" + repr(index) + "]"
        }
        return out
    }

    static func calleeName(_ f: Value) -> String {
        switch f {
        case .function(let g): return g.name
        case .closure: return "(::" + f.type.description + ")"
        case .type(let t): return t.description
        default: return "(::" + f.type.description + ")"
        }
    }

    static func methodMessage(_ f: Value, _ args: Value) -> String {
        switch f {
        case .function, .closure, .type: break
        case .structValue(let s) where s.type.callMethods != nil: break
        default: return "MethodError: objects of type " + f.type.description + " are not callable"
        }
        var values: [Value] = []
        if case .tuple(let vs) = args { values = vs }
        if case .function(let g) = f, g.name == "convert", values.count == 2, case .type(let target) = values[0] {
            return "MethodError: Cannot `convert` an object of type " + values[1].type.description
                + " to an object of type " + target.description
        }
        func argumentType(_ v: Value) -> String {
            if case .type(let t) = v { return "::Type{" + t.description + "}" }
            return "::" + v.type.description
        }
        if let call = KeywordCall(f, values) {
            let keywords = zip(call.keywords.names, call.keywords.values).map { $0.0.description + argumentType($0.1) }
            return "MethodError: no method matching " + calleeName(call.function) + "("
                + call.arguments.map(argumentType).joined(separator: ", ") + "; " + keywords.joined(separator: ", ") + ")"
        }
        let types = values.map(argumentType)
        return "MethodError: no method matching " + calleeName(f) + "(" + types.joined(separator: ", ") + ")"
            + broadcastHint(f, values)
    }

    /// Julia's hints under `[1, 2] + 1` and `1 - [1, 2]` (the elementwise
    /// operation is spelt with a dot) and under `"a" + "b"` (`*` joins).
    static func broadcastHint(_ f: Value, _ args: [Value]) -> String {
        guard case .function(let g) = f, g.name == "+" || g.name == "-" else { return "" }
        if g.name == "+", !args.isEmpty, args.allSatisfy({ if case .string = $0 { return true }; return false }) {
            return "\nString concatenation is performed with * "
                + "(See also: https://docs.julialang.org/en/v1/manual/strings/#man-concatenation)."
        }
        guard args.count == 2 else { return "" }
        func isArray(_ v: Value) -> Bool {
            switch v { case .array, .range: return true; default: return false }
        }
        func isNumber(_ v: Value) -> Bool { v.type.isSubtype(of: .number) }
        let noun = g.name == "+" ? "addition" : "subtraction"
        let order: String
        if isArray(args[0]) && isNumber(args[1]) {
            order = "array ." + g.name + " scalar"
        } else if isNumber(args[0]) && isArray(args[1]) {
            order = "scalar ." + g.name + " array"
        } else {
            return ""
        }
        return "\nFor element-wise " + noun + ", use broadcasting with dot syntax: " + order
    }

    static func inexactMessage(_ function: Value, _ type: Value, _ value: Value) -> String {
        let name = string(function)
        let typeName = string(type)
        if name == typeName { return "InexactError: " + name + "(" + repr(value) + ")" }
        return "InexactError: " + name + "(" + typeName + ", " + repr(value) + ")"
    }

    static func typeErrorMessage(_ function: Value, _ context: Value, _ expected: Value, _ got: Value) -> String {
        if case .type(.bool) = expected {
            return "TypeError: non-boolean (" + got.type.description + ") used in boolean context"
        }
        let contextText = string(context)
        let place = contextText.isEmpty ? "in " + string(function) : "in " + string(function) + ", in " + contextText
        return "TypeError: " + place + ", expected " + string(expected) + ", got a value of type " + got.type.description
    }
}

/// A `MethodError` of a call with keywords, in Julia's representation:
/// callee `Core.kwcall`, arguments `(keywords, f, positional…)`.
public struct KeywordCall {
    public let function: Value
    public let keywords: NamedTupleValue
    public let arguments: [Value]

    public init?(_ callee: Value, _ values: [Value]) {
        guard case .function(let g) = callee, g.name == "Core.kwcall", values.count >= 2,
              case .namedTuple(let nt) = values[0] else { return nil }
        function = values[1]
        keywords = nt
        arguments = Array(values.dropFirst(2))
    }
}
