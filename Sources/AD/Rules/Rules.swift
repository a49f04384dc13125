import Zy

/// A primitive by name and number of positional arguments.
struct RuleKey: Hashable {
    let name: String
    let arity: Int
    init(_ name: String, _ arity: Int) {
        self.name = name
        self.arity = arity
    }
}

/// The inline rules the transform knows, and the functions through which no
/// gradient flows.
enum Rules {
    static func rule(_ name: String, arity: Int) -> Rule? {
        let key = RuleKey(name, arity)
        return scalar[key] ?? scalarMore[key] ?? structural[key] ?? concatenation[key] ?? helpers[key] ?? mutation[key]
            ?? checkpoint[key]
    }

    /// The rule of a call `name(a₁…aₙ)`, including the constructors of
    /// tuples, vectors and named tuples (one rule per arity).
    static func ruleForCall(_ name: String, arity: Int) -> Rule? {
        if name == "Core.tuple" || name == "Core.vect" { return tupleRule(arity: arity) }
        if name == "Core.namedtuple" { return arity % 2 == 0 ? namedTupleRule(arity: arity) : nil }
        return rule(name, arity: arity)
    }

    /// Calls whose result carries no gradient and whose arguments receive
    /// none: comparisons, predicates, sizes, printing, types.
    static let nonDifferentiable: Set<String> = [
        "==", "!=", "<", "<=", ">", ">=", "≤", "≥", "≠", "===", "!==", "!", "isa", "<:", "≈",
        "isequal", "isless", "iszero", "isone", "isnan", "isinf", "isfinite", "iseven", "isodd",
        "length", "size", "ndims", "axes", "lastindex", "firstindex", "eachindex", "typeof", "eltype",
        "println", "print", "show", "display", "string", "repr", "readline",
        "Core.undefvar", "Core.throw_undefkw", "Core.haskw", "Core.check_kwnames", "throw", "error", "rethrow", "Core.rethrow",
        "nestlevel_marker", "sign", "div",
        "÷", "Core.time_ns", "Core.print_time", "zero", "one", "rand", "randn",
        "haskey", "in", "∈", "isempty", "keys", "Symbol", "&", "|", "xor", "Core.code_ir", "Core.code_ir_source", Helper.tapeNew, Helper.tapeLength,
        // indices, counts and tests: integer or Bool results
        "argmax", "argmin", "findfirst", "findlast", "findall", "sortperm", "any", "all",
        "issorted", "isreal", "isinteger", "isnothing", "Core.reduce_empty", "__ad_reduce_empty",
    ]
}
