import SourceMap

/// Module names whose prefix is dropped (`Zygote.gradient` is `gradient`).
let strippedModules: Set<String> = ["Zygote", "Base", "Random", "Colors", "LinearAlgebra", "Statistics"]

/// `Base.:+` → `+`, `Zygote.gradient` → `gradient`.
func strippedName(_ name: String) -> String {
    var n = name
    if let dot = n.lastIndex(of: "."), dot != n.startIndex, strippedModules.contains(String(n[..<dot])) {
        n = String(n[n.index(after: dot)...])
    }
    if n.count > 1 && n.hasPrefix(":") { n.removeFirst() }
    return n
}

extension FunctionLowerer {
    static let nothingValue = Operand.constant(.nothing)

    /// Lowers `e` and returns the operand holding its value. With `used`
    /// false the value is not needed, so no join argument is made for it.
    func lower(_ e: Expr, used: Bool = true) -> Operand {
        let span = e.span
        switch e.kind {
        case .int(let i): return .constant(.int(i))
        case .float(let d): return .constant(.float(d))
        case .bool(let b): return .constant(.bool(b))
        case .string(let s): return .constant(.string(s))
        case .char(let c): return .constant(.char(c))
        case .symbol(let s): return symbol(s)
        case .identifier(let n): return read(n, span)
        case .interpolatedString(let parts):
            let args = parts.map { p -> Operand in
                switch p {
                case .text(let t): return .constant(.string(t))
                case .expr(let x): return lower(x)
                }
            }
            return call("string", args, span)
        case .endIndex: return lowerEnd(span)
        case .beginIndex: return lowerEnd(span, first: true)
        case .call(let f, let args): return lowerCall(f, args, span)
        case .broadcast(let f, let args):
            let callee = lowerCallee(f)
            return call(.global("broadcast"), [.positional(callee)] + lowerArguments(args), span)
        case .comparison(let operands, let ops): return lowerComparison(operands, ops, span, used: used)
        case .and(let a, let b): return lowerShortCircuit(a, b, isAnd: true, span, used: used)
        case .or(let a, let b): return lowerShortCircuit(a, b, isAnd: false, span, used: used)
        case .typeAssert(let x, let t):
            let v = lower(x)
            return call("Core.typeassert", [v, lowerType(t, whereNames: [])], span)
        case .curly: return lowerType(e, whereNames: [])
        case .index(let obj, let args): return lowerIndex(obj, args, span)
        case .field(let obj, let name):
            if let g = modulePrefixedGlobal(obj, name) { return g }
            return call("getproperty", [lower(obj), symbol(name)], span)
        default: return lowerCompound(e, used: used)
        }
    }

    private func lowerCompound(_ e: Expr, used: Bool) -> Operand {
        let span = e.span
        switch e.kind {
        case .tuple(let args) where args.contains(where: { if case .keyword = $0 { return true } else { return false } }):
            return lowerKeywordTuple(args, span)
        case .tuple(let args): return call(.global("Core.tuple"), lowerArguments(args), span)
        case .namedTuple(let items):
            var args: [Operand] = []
            for item in items { args.append(symbol(item.name)); args.append(lower(item.value)) }
            return call("Core.namedtuple", args, span)
        case .vect(let es): return call("Core.vect", es.map { lower($0) }, span)
        case .hcat(let es): return call("hcat", es.map { lower($0) }, span)
        case .vcat(let es): return call("vcat", es.map { lower($0) }, span)
        case .matrix(let rows):
            let lengths = call("Core.tuple", rows.map { .constant(.int($0.count)) }, span)
            return call("Core.hvcat", [lengths] + rows.flatMap { $0 }.map { lower($0) }, span)
        case .typedMatrix(let t, let rows):
            let type = lowerType(t, whereNames: [])
            if rows.count == 1 { return call("Core.typed_hcat", [type] + rows[0].map { lower($0) }, span) }
            if rows.allSatisfy({ $0.count == 1 }) { return call("Core.typed_vcat", [type] + rows.flatMap { $0 }.map { lower($0) }, span) }
            let lengths = call("Core.tuple", rows.map { .constant(.int($0.count)) }, span)
            return call("Core.typed_hvcat", [type, lengths] + rows.flatMap { $0 }.map { lower($0) }, span)
        case .typedVect(let t, let es):
            let type = lowerType(t, whereNames: [])
            return call("Core.typed_vect", [type] + es.map { lower($0) }, span)
        case .comprehension(let c), .generator(let c): return lowerComprehension(c, span)
        case .typedComprehension(let t, let c): return lowerComprehension(c, span, elementType: lowerType(t, whereNames: []))
        case .lambda(let sig, let body): return lowerLambda(sig, body, span)
        case .function(let name, let sig, let body): return lowerFunctionDefinition(name, sig, body, span)
        case .functionDeclaration(let name): return lowerFunctionDeclaration(name, span)
        case .block(let es): return lowerBlock(es, used: used)
        case .ifElse(let c, let t, let f): return lowerIf(c, t, f, span, used: used)
        case .whileLoop(let c, let body): lowerWhile(c, body, span); return Self.nothingValue
        case .forLoop(let its, let body): lowerFor(its, body, span); return Self.nothingValue
        case .breakStatement: lowerBreak(span); return Self.nothingValue
        case .continueStatement: lowerContinue(span); return Self.nothingValue
        case .returnStatement(let v): lowerReturn(v, span); return Self.nothingValue
        case .letBlock(let bindings, let body): return lowerLet(bindings, body, used: used)
        case .tryCatch(let body, let v, let c, let f): return lowerTry(body, v, c, f, span, used: used)
        case .assign(let lhs, let rhs): return lowerAssign(lhs, rhs, span, used: used)
        case .updateAssign(let op, let lhs, let rhs): return lowerUpdate(op, lhs, rhs, span)
        case .global(let items), .local(let items): return lowerDeclarations(items, used: used)
        case .const(let inner): return lowerConst(inner, span)
        case .structDefinition(let def): return lowerStruct(def)
        case .macroCall(let name, let args): return lowerMacro(name, args, span)
        case .using, .error: return Self.nothingValue
        default:
            error("unsupported expression", span)
            return Self.nothingValue
        }
    }

    func lowerBlock(_ es: [Expr], used: Bool) -> Operand {
        guard let last = es.last else { return Self.nothingValue }
        for e in es.dropLast() { _ = lower(e, used: false) }
        return lower(last, used: used)
    }

    func modulePrefixedGlobal(_ obj: Expr, _ name: String) -> Operand? {
        guard case .identifier(let m) = obj.kind, strippedModules.contains(m), !isLocal(m) else { return nil }
        return .global(strippedName(name))
    }

    func lowerCallee(_ f: Expr) -> Operand {
        if case .identifier(let n) = f.kind, !isLocal(n) { return .global(strippedName(n)) }
        return lower(f)
    }

    func lowerArguments(_ args: [Argument]) -> [CallArgument] {
        args.map { a in
            switch a {
            case .positional(let e): return .positional(lower(e))
            case .splat(let e): return .splat(lower(e))
            case .keyword(let k, let e): return .keyword(k, lower(e))
            }
        }
    }

    /// `(; a = 1, kw...)`: a NamedTuple built from keywords,
    /// `Core.namedtuple(; a = 1, kw...)`, merged like a call's keywords.
    func lowerKeywordTuple(_ args: [Argument], _ span: Span) -> Operand {
        for case .positional(let e) in args { error("invalid named tuple element", e.span) }
        for case .splat(let e) in args { error("invalid named tuple element", e.span) }
        let keywords = args.filter { if case .keyword = $0 { return true } else { return false } }
        return call(.global("Core.namedtuple"), lowerArguments(keywords), span)
    }

    /// Julia rejects a keyword passed twice by name (a keyword splat may
    /// repeat one: later wins).
    func checkRepeatedKeywords(_ f: Expr, _ args: [Argument]) {
        var seen: Set<String> = []
        for case .keyword(let k, let e) in args where k != CallArgument.keywordSplatName {
            if !seen.insert(k).inserted {
                let callee: String
                if case .identifier(let n) = f.kind { callee = " to \"\(n)\"" } else { callee = "" }
                error("syntax: keyword argument \"\(k)\" repeated in call" + callee, e.span)
            }
        }
    }

    func lowerCall(_ f: Expr, _ args: [Argument], _ span: Span) -> Operand {
        checkRepeatedKeywords(f, args)
        if case .identifier("new") = f.kind, let s = structName, !isLocal("new") {
            return call(.global("Core.new"), [.positional(.global(s))] + lowerArguments(args), span)
        }
        let callee = lowerCallee(f)
        return call(callee, lowerArguments(args), span)
    }

    func lowerIndex(_ obj: Expr, _ args: [Argument], _ span: Span) -> Operand {
        let o = lower(obj)
        let indices = lowerIndices(o, args)
        return call(.global("getindex"), [.positional(o)] + indices, span)
    }

    /// Lowers the bracket arguments of `object[…]`, where `end` means the
    /// last index of `object` along the argument's dimension.
    func lowerIndices(_ object: Operand, _ args: [Argument]) -> [CallArgument] {
        var out: [CallArgument] = []
        for (k, a) in args.enumerated() {
            indexing.append((object, k + 1, args.count))
            out += lowerArguments([a])
            indexing.removeLast()
        }
        return out
    }

    /// `end` (or `begin` when `first`) inside `x[…]`.
    func lowerEnd(_ span: Span, first: Bool = false) -> Operand {
        guard let top = indexing.last else {
            error("`\(first ? "begin" : "end")` used outside of indexing brackets", span)
            return Self.nothingValue
        }
        let f = first ? "firstindex" : "lastindex"
        if top.count == 1 { return call(f, [top.object], span) }
        return call(f, [top.object, .constant(.int(top.dimension))], span)
    }

    /// Lowers a type expression; `where` variables stand for `Any`.
    func lowerType(_ t: Expr, whereNames: [String]) -> Operand {
        switch t.kind {
        case .identifier(let n) where whereNames.contains(n): return .global("Any")
        case .curly(let f, let params):
            let base = lowerType(f, whereNames: whereNames)
            return call("Core.apply_type", [base] + params.map { lowerType($0, whereNames: whereNames) }, t.span)
        default: return lower(t)
        }
    }

    /// `a < b <= c`: each operand evaluated once, later comparisons only
    /// when the earlier ones hold.
    func lowerComparison(_ operands: [Expr], _ ops: [String], _ span: Span, used: Bool) -> Operand {
        guard let first = operands.first, ops.count + 1 == operands.count else {
            error("malformed comparison", span)
            return Self.nothingValue
        }
        if ops.contains(where: { $0.hasPrefix(".") }) {
            return lowerBroadcastComparison(first, operands, ops, span)
        }
        let result = newTemporary()
        let join = builder.newBlock()
        var left = lower(first)
        for (i, op) in ops.enumerated() {
            let right = lower(operands[i + 1])
            let test = call(.global(strippedName(op)), [.positional(left), .positional(right)], span)
            writeTemporary(result, test)
            if i + 1 < ops.count {
                let next = builder.newBlock()
                builder.branchUnless(test, to: join, span: span)
                builder.jump(to: next, span: span)
                enter(next)
            }
            left = right
        }
        builder.jump(to: join, span: span)
        enter(join)
        return readTemporary(result)
    }

    /// `0 .<= r .< 1`: with a dotted operator the chain is elementwise, as
    /// in Julia: `(0 .<= r) .& (r .< 1)`, each operand evaluated once.
    func lowerBroadcastComparison(_ first: Expr, _ operands: [Expr], _ ops: [String], _ span: Span) -> Operand {
        var left = lower(first)
        var result: Operand?
        for (i, op) in ops.enumerated() {
            let right = lower(operands[i + 1])
            let test: Operand
            if op.hasPrefix(".") {
                let f = Operand.global(strippedName(String(op.dropFirst())))
                test = call(.global("broadcast"), [.positional(f), .positional(left), .positional(right)], span)
            } else {
                test = call(.global(strippedName(op)), [.positional(left), .positional(right)], span)
            }
            if let acc = result {
                result = call(.global("broadcast"), [.positional(.global("&")), .positional(acc), .positional(test)], span)
            } else {
                result = test
            }
            left = right
        }
        return result ?? Self.nothingValue
    }

    /// `a && b` is `if a; b; else false; end`, `a || b` is
    /// `if a; true; else b; end`.
    func lowerShortCircuit(_ a: Expr, _ b: Expr, isAnd: Bool, _ span: Span, used: Bool) -> Operand {
        let result = newTemporary()
        let test = lower(a)
        let rhs = builder.newBlock()
        let join = builder.newBlock()
        writeTemporary(result, .constant(.bool(!isAnd)))
        if isAnd {
            builder.branchUnless(test, to: join, span: a.span)
            builder.jump(to: rhs, span: a.span)
        } else {
            builder.branchUnless(test, to: rhs, span: a.span)
            builder.jump(to: join, span: a.span)
        }
        enter(rhs)
        let value = lower(b, used: used)
        writeTemporary(result, value)
        builder.jump(to: join, span: b.span)
        enter(join)
        return used ? readTemporary(result) : Self.nothingValue
    }
}
