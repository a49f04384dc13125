import SourceMap
@testable import Zy

/// A compact S-expression rendering of the AST for table-driven parser
/// tests: `a + b * c` is `(call + a (call * b c))`.
enum SExpression {
    static func render(_ e: Expr) -> String {
        switch e.kind {
        case .int(let v): return String(v)
        case .float(let v): return String(v)
        case .bool(let v): return String(v)
        case .string(let s): return quoted(s)
        case .interpolatedString(let parts):
            return list("string", parts.map {
                switch $0 {
                case .text(let t): return quoted(t)
                case .expr(let x): return render(x)
                }
            })
        case .char(let c): return "'\(c)'"
        case .symbol(let s): return ":" + s
        case .identifier(let n): return n.isEmpty ? "_anon" : n
        case .endIndex: return "end"
        case .beginIndex: return "begin"
        case .call(let f, let args): return list("call", [render(f)] + args.map(argument))
        case .broadcast(let f, let args): return list("broadcast", [render(f)] + args.map(argument))
        case .comparison(let operands, let ops):
            var parts: [String] = []
            for (i, o) in operands.enumerated() {
                parts.append(render(o))
                if i < ops.count { parts.append(ops[i]) }
            }
            return list("comparison", parts)
        case .and(let a, let b): return list("&&", [render(a), render(b)])
        case .or(let a, let b): return list("||", [render(a), render(b)])
        case .typeAssert(let x, let t): return list("::", [render(x), render(t)])
        case .curly(let x, let ts): return list("curly", [render(x)] + ts.map(render))
        case .index(let x, let args): return list("ref", [render(x)] + args.map(argument))
        case .field(let x, let n): return list("field", [render(x), n])
        case .tuple(let args): return list("tuple", args.map(argument))
        case .namedTuple(let fields): return list("namedtuple", fields.map { list("=", [$0.name, render($0.value)]) })
        case .vect(let xs): return list("vect", xs.map(render))
        case .hcat(let xs): return list("hcat", xs.map(render))
        case .vcat(let xs): return list("vcat", xs.map(render))
        case .matrix(let rows): return list("matrix", rows.map { list("row", $0.map(render)) })
        case .typedMatrix(let t, let rows): return list("typed-matrix", [render(t)] + rows.map { list("row", $0.map(render)) })
        case .typedVect(let t, let xs): return list("typedvect", [render(t)] + xs.map(render))
        case .comprehension(let c): return comprehension("comprehension", c)
        case .generator(let c): return comprehension("generator", c)
        case .typedComprehension(let t, let c): return comprehension("typed_comprehension " + render(t), c)
        case .lambda(let sig, let body): return list("->", [signature(sig), render(body)])
        case .function(let name, let sig, let body): return list("function", [name, signature(sig), render(body)])
        case .functionDeclaration(let name): return list("function", [name])
        case .block(let xs): return list("block", xs.map(render))
        case .ifElse(let c, let a, let b): return list("if", [render(c), render(a)] + (b.map { [render($0)] } ?? []))
        case .whileLoop(let c, let body): return list("while", [render(c), render(body)])
        case .forLoop(let its, let body): return list("for", [list("", its.map(iteration)).replacingFirstSpace(), render(body)])
        case .breakStatement: return "(break)"
        case .continueStatement: return "(continue)"
        case .returnStatement(let v): return list("return", v.map { [render($0)] } ?? [])
        case .letBlock(let bindings, let body): return list("let", [list("", bindings.map(render)).replacingFirstSpace(), render(body)])
        case .tryCatch(let body, let v, let c, let f):
            return list("try", [render(body), v ?? "_", c.map(render) ?? "_", f.map(render) ?? "_"])
        case .assign(let a, let b): return list("=", [render(a), render(b)])
        case .updateAssign(let op, let a, let b): return list(op + "=", [render(a), render(b)])
        case .global(let xs): return list("global", xs.map(render))
        case .local(let xs): return list("local", xs.map(render))
        case .const(let x): return list("const", [render(x)])
        case .structDefinition(let d):
            var parts = [d.isMutable ? "mutable" : "immutable", d.name]
            if let s = d.supertype { parts.append(list("<:", [render(s)])) }
            parts += d.fields.map { f in f.type.map { list("::", [f.name, render($0)]) } ?? f.name }
            parts += d.constructors.map(render)
            return list("struct", parts)
        case .macroCall(let name, let args): return list("macrocall", ["@" + name] + args.map(render))
        case .using(let names): return list("using", names)
        case .error: return "(error)"
        }
    }

    static func argument(_ a: Argument) -> String {
        switch a {
        case .positional(let e): return render(e)
        case .splat(let e): return list("...", [render(e)])
        case .keyword(let k, let v): return list("kw", [k, render(v)])
        }
    }

    static func iteration(_ it: Iteration) -> String {
        list("=", [render(it.target), render(it.iterable)])
    }

    static func comprehension(_ head: String, _ c: Comprehension) -> String {
        var parts = [render(c.body)] + c.iterations.map(iteration)
        if let f = c.filter { parts.append(list("if", [render(f)])) }
        return list(c.flattens ? head + "/flatten" : head, parts)
    }

    static func parameter(_ p: Parameter) -> String {
        var s = p.pattern.map(render) ?? p.name ?? "_"
        if let t = p.type { s = list("::", [s, render(t)]) }
        if p.isVarargs { s = list("...", [s]) }
        if let d = p.defaultValue { s = list("=", [s, render(d)]) }
        return s
    }

    static func signature(_ sig: FunctionSignature) -> String {
        var parts = sig.parameters.map(parameter)
        if !sig.keywordParameters.isEmpty { parts.append(list("parameters", sig.keywordParameters.map(parameter))) }
        if !sig.whereNames.isEmpty { parts.append(list("where", sig.whereNames)) }
        if let object = sig.callee { parts.insert(list("callee", [parameter(object)]), at: 0) }
        return list("", parts).replacingFirstSpace()
    }

    static func list(_ head: String, _ items: [String]) -> String {
        "(" + ([head] + items).joined(separator: " ") + ")"
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    /// Parses `source` and renders its statements, one per line.
    static func parse(_ source: String, name: String = "test.zy") -> (String, ParsedFile) {
        let parsed = Parser.parse(SourceFile(name: name, text: source))
        return (parsed.statements.map(render).joined(separator: "\n"), parsed)
    }
}

extension String {
    /// `"( a b)"` → `"(a b)"` for lists with an empty head.
    func replacingFirstSpace() -> String {
        hasPrefix("( ") ? "(" + dropFirst(2) : self
    }
}
