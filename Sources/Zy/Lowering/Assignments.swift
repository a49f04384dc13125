import SourceMap

extension FunctionLowerer {
    /// `lhs = rhs`. Destructuring from a literal tuple is a parallel
    /// assignment: every right-hand value is computed before any target is
    /// written, so `a, b = b, a` swaps.
    func lowerAssign(_ lhs: Expr, _ rhs: Expr, _ span: Span, used: Bool) -> Operand {
        switch lhs.kind {
        case .identifier(let n):
            let v = lower(rhs)
            write(n, v, span)
            return v
        case .tuple(let targets):
            if case .tuple(let values) = rhs.kind, values.count == targets.count,
               values.allSatisfy({ if case .positional = $0 { return true } else { return false } }),
               targets.allSatisfy({ if case .positional = $0 { return true } else { return false } }) {
                let written = globalTargets(lhs)
                let operands = values.map { a -> Operand in
                    guard case .positional(let e) = a else { return Self.nothingValue }
                    return snapshot(lower(e), ifIn: written, e.span)
                }
                for (t, v) in zip(targets, operands) {
                    if case .positional(let target) = t { assignTarget(target, v, span) }
                }
                return used ? call("Core.tuple", operands, rhs.span) : Self.nothingValue
            }
            let v = snapshot(lower(rhs), ifIn: globalTargets(lhs), rhs.span)
            assignTarget(lhs, v, span)
            return v
        case .index(let obj, let args):
            let o = lower(obj)
            let indices = lowerIndices(o, args)
            let v = lower(rhs)
            _ = call(.global("setindex!"), [.positional(o), .positional(v)] + indices, span)
            return v
        case .field(let obj, let name):
            let o = lower(obj)
            let v = lower(rhs)
            _ = call("setproperty!", [o, symbol(name), v], span)
            return v
        case .typeAssert:
            let v = lower(rhs)
            assignTarget(lhs, v, span)
            return v
        default:
            invalidAssignment(lhs)
            return lower(rhs)
        }
    }

    /// The globals a destructuring target writes (`p, q = …` at top level).
    func globalTargets(_ target: Expr) -> Set<String> {
        switch target.kind {
        case .identifier(let n): return isLocal(n) ? [] : [n]
        case .typeAssert(let x, _): return globalTargets(x)
        case .tuple(let args):
            var out: Set<String> = []
            for case .positional(let t) in args { out.formUnion(globalTargets(t)) }
            return out
        default: return []
        }
    }

    /// A global operand is read when the statement using it runs, so a value
    /// read from a global that a parallel assignment writes is copied into
    /// an SSA variable first (`identity`), before any target is written.
    func snapshot(_ value: Operand, ifIn written: Set<String>, _ span: Span) -> Operand {
        guard case .global(let g) = value, written.contains(g) else { return value }
        return call("identity", [value], span)
    }

    /// Stores an already computed value into an assignment target.
    func assignTarget(_ target: Expr, _ value: Operand, _ span: Span) {
        switch target.kind {
        case .identifier(let n):
            write(n, value, span)
        case .typeAssert(let x, let t):
            guard case .identifier(let n) = x.kind else {
                let checked = call("Core.typeassert", [value, lowerType(t, whereNames: [])], span)
                return assignTarget(x, checked, span)
            }
            // A declared local converts in `write`; a global converts here.
            write(n, declaredType(of: n) == nil ? convertForAssignment(t, value, span) : value, span)
        case .tuple(let targets):
            for (i, a) in targets.enumerated() {
                guard case .positional(let t) = a else {
                    error("unsupported destructuring pattern", target.span)
                    continue
                }
                let part = call("getindex", [value, .constant(.int(i + 1))], span)
                assignTarget(t, part, span)
            }
        case .index(let obj, let args):
            let o = lower(obj)
            let indices = lowerIndices(o, args)
            _ = call(.global("setindex!"), [.positional(o), .positional(value)] + indices, span)
        case .field(let obj, let name):
            _ = call("setproperty!", [lower(obj), symbol(name), value], span)
        default:
            invalidAssignment(target)
        }
    }

    /// `x op= v`: the target's object and indices are evaluated once.
    /// Dotted operators broadcast in place: `x .+= v` is `x .= x .+ v`.
    func lowerUpdate(_ op: String, _ lhs: Expr, _ rhs: Expr, _ span: Span) -> Operand {
        if op.hasPrefix(".") || op.isEmpty {
            let base = String(op.dropFirst())
            if case .index(let obj, let args) = lhs.kind { return lowerIndexedBroadcast(base, obj, args, rhs, span) }
            let target = lower(lhs)
            var value = lower(rhs)
            if !base.isEmpty {
                value = call(.global("broadcast"), [.positional(.global(base)), .positional(target), .positional(value)], span)
            }
            return call("broadcast!", [.global("identity"), target, value], span)
        }
        let f = Operand.global(strippedName(op))
        switch lhs.kind {
        case .identifier(let n):
            let old = read(n, lhs.span)
            let v = call(f, [.positional(old), .positional(lower(rhs))], span)
            write(n, v, span)
            return v
        case .index(let obj, let args):
            let o = lower(obj)
            let indices = lowerIndices(o, args)
            let old = call(.global("getindex"), [.positional(o)] + indices, lhs.span)
            let v = call(f, [.positional(old), .positional(lower(rhs))], span)
            _ = call(.global("setindex!"), [.positional(o), .positional(v)] + indices, span)
            return v
        case .field(let obj, let name):
            let o = lower(obj)
            let old = call("getproperty", [o, symbol(name)], lhs.span)
            let v = call(f, [.positional(old), .positional(lower(rhs))], span)
            _ = call("setproperty!", [o, symbol(name), v], span)
            return v
        default:
            invalidAssignment(lhs)
            return lower(rhs)
        }
    }

    /// `x[I] .= v` writes into `x` (not into a copy made by `getindex`):
    /// `Core.broadcast_setindex!(x, v, I...)`; `x[I] .op= v` broadcasts
    /// `op` over the current `x[I]` and `v` first.
    func lowerIndexedBroadcast(_ base: String, _ obj: Expr, _ args: [Argument], _ rhs: Expr, _ span: Span) -> Operand {
        let o = lower(obj)
        let indices = lowerIndices(o, args)
        var value = lower(rhs)
        if !base.isEmpty {
            let old = call(.global("getindex"), [.positional(o)] + indices, span)
            value = call(.global("broadcast"), [.positional(.global(base)), .positional(old), .positional(value)], span)
        }
        return call(.global("Core.broadcast_setindex!"), [.positional(o), .positional(value)] + indices, span)
    }

    func lowerDeclarations(_ items: [Expr], used: Bool) -> Operand {
        var value = Self.nothingValue
        for item in items {
            switch item.kind {
            case .assign(let lhs, let rhs): value = lowerAssign(lhs, rhs, item.span, used: used)
            case .updateAssign(let op, let lhs, let rhs): value = lowerUpdate(op, lhs, rhs, item.span)
            case .identifier: value = Self.nothingValue
            case .typeAssert(let x, _):
                if case .identifier = x.kind { value = Self.nothingValue } else { error("invalid declaration", item.span) }
            default: error("invalid declaration", item.span)
            }
        }
        return value
    }

    func lowerConst(_ inner: Expr, _ span: Span) -> Operand {
        guard case .assign(let lhs, let rhs) = inner.kind, case .identifier(let name) = lhs.kind else {
            error("expected assignment after `const`", span)
            return Self.nothingValue
        }
        guard isTopLevel && !insideHardScope else {
            error("unsupported `const` declaration on local variable", span)
            return lower(rhs)
        }
        let v = lower(rhs)
        builder.emitEffect(.setConst(name, v), span: span)
        return v
    }
}

extension FunctionLowerer {
    /// Julia's `syntax: invalid assignment location "1"`.
    func invalidAssignment(_ target: Expr) {
        error("invalid assignment location \"\(sourceText(target))\"", target.span)
    }
}
