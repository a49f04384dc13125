/// Which keyword arguments a built-in method accepts. Julia rejects a
/// keyword no method declares with a `MethodError` shown as
/// `no method matching sum(::Vector{Float64}; foo::Int64)`; a built-in
/// must not silently ignore one (`sort(v; reverse = true)` is a typo for
/// `rev`, not a request to sort ascending).
public enum BuiltinKeywords {
    /// Passed to the body unchecked: it forwards them to a callee that
    /// checks (`(f ∘ g)(x; kw...)`, `gradient(f, x; kw...)`).
    case forwarded
    /// Only these names; any other is a `MethodError`.
    case only(Set<Symbol>)

    /// No keywords at all.
    public static let none = BuiltinKeywords.only([])

    public static func named(_ names: String...) -> BuiltinKeywords {
        .only(Set(names.map(Symbol.named)))
    }

    /// `body`, rejecting keywords outside `policy` before it runs; `callee`
    /// is the function value the error names.
    static func checking(_ policy: BuiltinKeywords, _ body: @escaping BuiltinFunction,
                         callee: @escaping () -> Value) -> BuiltinFunction {
        guard case .only(let accepted) = policy else { return body }
        return { context, arguments, keywords in
            if !keywords.isEmpty { try reject(keywords, outside: accepted, callee(), arguments) }
            return try body(context, arguments, keywords)
        }
    }

    /// The check inlined into the hottest built-ins (the ones every `for`
    /// loop calls: `iterate`, `===`, tuple `getindex`, …), registered as
    /// `.forwarded` so they skip the wrapper `checking` adds: a branch
    /// instead of a second closure call.
    @inline(__always)
    static func none(_ keywords: [(Symbol, Value)], _ g: Globals, _ name: String, _ arguments: [Value]) throws {
        if !keywords.isEmpty { try rejectAll(keywords, g, name, arguments) }
    }

    private static func rejectAll(_ keywords: [(Symbol, Value)], _ g: Globals, _ name: String,
                                  _ arguments: [Value]) throws {
        let f = g.genericFunction(name).map(Value.function) ?? .nothing
        throw Exceptions.keywordMethodError(f, arguments, keywords)
    }

    /// Throws the keyword-call `MethodError` when a keyword is not accepted.
    static func reject(_ keywords: [(Symbol, Value)], outside accepted: Set<Symbol>,
                       _ callee: Value, _ arguments: [Value]) throws {
        guard keywords.contains(where: { !accepted.contains($0.0) }) else { return }
        throw Exceptions.keywordMethodError(callee, arguments, keywords)
    }
}
