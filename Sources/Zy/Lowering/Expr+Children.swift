extension Expr {
    /// The direct sub-expressions, in source order, for generic walks.
    var children: [Expr] {
        func args(_ a: [Argument]) -> [Expr] {
            a.map { arg in
                switch arg {
                case .positional(let e), .splat(let e), .keyword(_, let e): return e
                }
            }
        }
        func comprehension(_ c: Comprehension) -> [Expr] {
            c.iterations.flatMap { [$0.target, $0.iterable] } + [c.body] + (c.filter.map { [$0] } ?? [])
        }
        func parameters(_ s: FunctionSignature) -> [Expr] {
            (s.parameters + s.keywordParameters).flatMap { p in [p.type, p.defaultValue].compactMap { $0 } }
        }
        switch kind {
        case .int, .float, .bool, .string, .char, .symbol, .identifier, .endIndex, .beginIndex,
             .breakStatement, .continueStatement, .using, .error, .functionDeclaration:
            return []
        case .interpolatedString(let parts):
            return parts.compactMap { if case .expr(let e) = $0 { return e } else { return nil } }
        case .call(let f, let a), .broadcast(let f, let a), .index(let f, let a): return [f] + args(a)
        case .comparison(let operands, _): return operands
        case .and(let a, let b), .or(let a, let b), .typeAssert(let a, let b), .assign(let a, let b),
             .updateAssign(_, let a, let b):
            return [a, b]
        case .curly(let f, let ps): return [f] + ps
        case .field(let e, _): return [e]
        case .tuple(let a): return args(a)
        case .namedTuple(let items): return items.map { $0.value }
        case .vect(let es), .hcat(let es), .vcat(let es), .block(let es), .global(let es), .local(let es): return es
        case .matrix(let rows): return rows.flatMap { $0 }
        case .typedMatrix(let t, let rows): return [t] + rows.flatMap { $0 }
        case .typedVect(let t, let es): return [t] + es
        case .comprehension(let c), .generator(let c): return comprehension(c)
        case .typedComprehension(let t, let c): return [t] + comprehension(c)
        case .lambda(let s, let body): return parameters(s) + [body]
        case .function(_, let s, let body): return parameters(s) + [body]
        case .ifElse(let c, let t, let e): return [c, t] + (e.map { [$0] } ?? [])
        case .whileLoop(let c, let body): return [c, body]
        case .forLoop(let its, let body): return its.flatMap { [$0.target, $0.iterable] } + [body]
        case .returnStatement(let v): return v.map { [$0] } ?? []
        case .letBlock(let bindings, let body): return bindings + [body]
        case .tryCatch(let body, _, let c, let f): return [body] + [c, f].compactMap { $0 }
        case .const(let e): return [e]
        case .structDefinition(let s): return s.fields.compactMap { $0.type } + s.constructors
        case .macroCall(_, let es): return es
        }
    }
}
