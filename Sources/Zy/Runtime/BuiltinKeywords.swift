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

    /// Throws the keyword-call `MethodError` when a keyword is not accepted.
    static func reject(_ keywords: [(Symbol, Value)], outside accepted: Set<Symbol>,
                       _ callee: Value, _ arguments: [Value]) throws {
        guard keywords.contains(where: { !accepted.contains($0.0) }) else { return }
        throw Exceptions.keywordMethodError(callee, arguments, keywords)
    }
}
