@testable import Zy

/// The direct sub-expressions of a node (for span and robustness checks).
func children(_ e: Expr) -> [Expr] {
    func args(_ a: [Argument]) -> [Expr] {
        a.map {
            switch $0 {
            case .positional(let x), .splat(let x), .keyword(_, let x): return x
            }
        }
    }
    func params(_ s: FunctionSignature) -> [Expr] {
        (s.parameters + s.keywordParameters).flatMap { [$0.type, $0.defaultValue].compactMap { $0 } }
    }
    func comp(_ c: Comprehension) -> [Expr] {
        [c.body] + c.iterations.flatMap { [$0.target, $0.iterable] } + (c.filter.map { [$0] } ?? [])
    }
    switch e.kind {
    case .int, .float, .bool, .string, .char, .symbol, .identifier, .endIndex, .beginIndex, .functionDeclaration, .breakStatement,
         .continueStatement, .using, .error:
        return []
    case .interpolatedString(let parts):
        return parts.compactMap { if case .expr(let x) = $0 { return x } else { return nil } }
    case .call(let f, let a), .broadcast(let f, let a), .index(let f, let a): return [f] + args(a)
    case .comparison(let operands, _): return operands
    case .and(let a, let b), .or(let a, let b), .typeAssert(let a, let b), .assign(let a, let b),
         .updateAssign(_, let a, let b):
        return [a, b]
    case .curly(let x, let xs), .typedVect(let x, let xs): return [x] + xs
    case .field(let x, _), .const(let x): return [x]
    case .tuple(let a): return args(a)
    case .namedTuple(let fields): return fields.map(\.value)
    case .vect(let xs), .hcat(let xs), .vcat(let xs), .block(let xs), .global(let xs), .local(let xs):
        return xs
    case .matrix(let rows): return rows.flatMap { $0 }
    case .typedMatrix(let t, let rows): return [t] + rows.flatMap { $0 }
    case .comprehension(let c), .generator(let c): return comp(c)
    case .typedComprehension(let t, let c): return [t] + comp(c)
    case .lambda(let s, let body), .function(_, let s, let body): return params(s) + [body]
    case .ifElse(let c, let a, let b): return [c, a] + (b.map { [$0] } ?? [])
    case .whileLoop(let c, let body): return [c, body]
    case .forLoop(let its, let body): return its.flatMap { [$0.target, $0.iterable] } + [body]
    case .returnStatement(let v): return v.map { [$0] } ?? []
    case .letBlock(let bindings, let body): return bindings + [body]
    case .tryCatch(let body, _, let c, let f): return [body] + [c, f].compactMap { $0 }
    case .structDefinition(let d): return d.fields.compactMap(\.type) + d.constructors + (d.supertype.map { [$0] } ?? [])
    case .macroCall(_, let xs): return xs
    }
}

func allNodes(_ e: Expr) -> [Expr] {
    [e] + children(e).flatMap(allNodes)
}
