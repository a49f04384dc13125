/// Multiple dispatch: choosing the most specific applicable method of a
/// generic function for the runtime types of all arguments, with Julia's
/// rules for the types Zy has. Pure functions of the method table, so the
/// printing code can ask "is this call ambiguous?" without an interpreter.
public enum Dispatcher {
    /// The outcome of selecting a method.
    public enum Selection {
        case method(Method)
        case noMethod
        case ambiguous([Method])
    }

    /// Selects the method `function` runs for `arguments`.
    public static func select(_ function: GenericFunction, _ arguments: [Value]) -> Selection {
        select(function.methods, arguments)
    }

    public static func select(_ methods: [Method], _ arguments: [Value]) -> Selection {
        var applicable: [Method] = []
        for m in methods where isApplicable(m, arguments) { applicable.append(m) }
        if applicable.isEmpty { return .noMethod }
        if applicable.count == 1 { return .method(applicable[0]) }
        let n = arguments.count
        // Between identical signatures the later definition wins (two
        // built-in groups defining the same method must not be ambiguous).
        outer: for (i, candidate) in applicable.enumerated() {
            for (j, other) in applicable.enumerated() where j != i {
                if sameSignature(candidate, other) {
                    if j > i { continue outer }
                } else if !isMoreSpecific(candidate, than: other, arity: n) {
                    continue outer
                }
            }
            return .method(candidate)
        }
        // Keep only the maximal ones for the message.
        let maximal = applicable.filter { m in
            !applicable.contains { $0 !== m && isMoreSpecific($0, than: m, arity: n) }
        }
        return .ambiguous(maximal)
    }

    /// True when `m` accepts arguments of these runtime values.
    public static func isApplicable(_ m: Method, _ arguments: [Value]) -> Bool {
        let sig = m.signature
        if m.isVarargs {
            guard let rest = sig.last, arguments.count >= sig.count - 1 else { return false }
            for i in 0..<arguments.count {
                let t = i < sig.count - 1 ? sig[i] : rest
                if !matches(arguments[i], t) { return false }
            }
            return true
        }
        guard arguments.count == sig.count else { return false }
        for i in 0..<sig.count where !matches(arguments[i], sig[i]) { return false }
        return true
    }

    @inline(__always)
    static func matches(_ v: Value, _ t: ZyType) -> Bool {
        switch (v, t) {
        case (_, .any): return true
        case (.int, .int64), (.float, .float64): return true
        default: return v.isa(t)
        }
    }

    /// `a` is strictly more specific than `b` for a call with `arity`
    /// arguments: every parameter type of `a` is a subtype of `b`'s, and not
    /// the other way round; between equal types, fixed arity beats varargs.
    public static func isMoreSpecific(_ a: Method, than b: Method, arity: Int) -> Bool {
        let ta = expanded(a, arity), tb = expanded(b, arity)
        let aLE = zip(ta, tb).allSatisfy { isSubtype($0, $1) }
        guard aLE else { return false }
        let bLE = zip(tb, ta).allSatisfy { isSubtype($0, $1) }
        if !bLE { return true }
        return b.isVarargs && !a.isVarargs
    }

    /// Parameter types for a call of `arity` arguments (varargs expanded).
    static func expanded(_ m: Method, _ arity: Int) -> [ZyType] {
        guard m.isVarargs, let rest = m.signature.last else { return m.signature }
        var ts = Array(m.signature.dropLast())
        while ts.count < arity { ts.append(rest) }
        if ts.count < m.signature.count { ts.append(rest) }
        return ts
    }

    /// Subtyping extended with `Type{T} <: DataType`.
    static func isSubtype(_ a: ZyType, _ b: ZyType) -> Bool {
        if a == b { return true }
        if case .typeOf = a { return b == .dataType || b == .any }
        return a.isSubtype(of: b)
    }

    /// True when two signatures are identical (a redefinition replaces).
    public static func sameSignature(_ a: Method, _ b: Method) -> Bool {
        a.isVarargs == b.isVarargs && a.signature == b.signature
    }

    /// Adds `method`, replacing one with an identical signature, as Julia does.
    public static func add(_ method: Method, to function: GenericFunction) {
        if let i = function.methods.firstIndex(where: { sameSignature($0, method) }) {
            function.methods[i] = method
        } else {
            function.methods.append(method)
        }
        function.generation &+= 1
    }
}
