/// Pre-passes over the AST of one scope: which names it assigns (its new
/// locals, by Julia's rule that a scope's locals are the names assigned
/// anywhere directly in it), which it declares `global`, and which locals
/// must live in a box (captured and assigned after capture, or assigned in
/// a `try` body whose handler may observe them).
enum ScopeAnalysis {
    /// Names assigned directly in `body` (not in nested scopes), in order of
    /// first appearance; `local x` counts; local function definitions count.
    static func assignedNames(in body: [Expr]) -> [String] {
        var names: [String] = []
        var seen: Set<String> = []
        func add(_ n: String) { if seen.insert(n).inserted { names.append(n) } }
        func targets(_ e: Expr) {
            switch e.kind {
            case .identifier(let n): add(n)
            case .tuple(let args): for a in args { if case .positional(let t) = a { targets(t) } else if case .splat(let t) = a { targets(t) } }
            case .typeAssert(let x, _): targets(x)
            default: for c in e.children { visit(c) }
            }
        }
        func visit(_ e: Expr) {
            switch e.kind {
            case .assign(let lhs, let rhs): targets(lhs); visit(rhs)
            case .updateAssign(let op, let lhs, let rhs):
                // `x .= e` and `x .+= e` write into x's array: x is read, not bound
                if case .identifier(let n) = lhs.kind, !op.hasPrefix(".") { add(n) } else { visit(lhs) }
                visit(rhs)
            case .local(let items):
                for item in items {
                    if case .assign(let lhs, let rhs) = item.kind { targets(lhs); visit(rhs) } else { targets(item) }
                }
            case .global(let items):
                for item in items {
                    if case .assign(_, let rhs) = item.kind { visit(rhs) }
                    if case .updateAssign(_, _, let rhs) = item.kind { visit(rhs) }
                }
            case .function(let name, _, _): add(name)
            case .whileLoop(let c, _): visit(c)
            case .forLoop(let iterations, _): for it in iterations { visit(it.iterable) }
            case .const, .lambda, .letBlock, .tryCatch, .comprehension, .typedComprehension, .generator, .structDefinition: break
            default: for c in e.children { visit(c) }
            }
        }
        for e in body { visit(e) }
        return names
    }

    /// Locals declared with a type directly in `body` (`x::T = v`,
    /// `local x::T`): every assignment to them converts to `T`.
    static func typedDeclarations(in body: [Expr]) -> [(name: String, type: Expr)] {
        var out: [(name: String, type: Expr)] = []
        func targets(_ e: Expr) {
            switch e.kind {
            case .typeAssert(let x, let t): if case .identifier(let n) = x.kind { out.append((n, t)) }
            case .tuple(let args): for case .positional(let t) in args { targets(t) }
            default: break
            }
        }
        func visit(_ e: Expr) {
            switch e.kind {
            case .assign(let lhs, let rhs): targets(lhs); visit(rhs)
            case .local(let items):
                for item in items {
                    if case .assign(let lhs, let rhs) = item.kind { targets(lhs); visit(rhs) } else { targets(item) }
                }
            case .global, .function, .whileLoop, .forLoop, .const, .lambda, .letBlock, .tryCatch, .comprehension,
                 .typedComprehension, .generator, .structDefinition: break
            default: for c in e.children { visit(c) }
            }
        }
        for e in body { visit(e) }
        return out
    }

    /// Names declared `local` directly in `body`: new locals even when an
    /// enclosing scope has the name.
    static func declaredLocals(in body: [Expr]) -> [String] {
        var out: [String] = []
        func visit(_ e: Expr) {
            switch e.kind {
            case .local(let items):
                for item in items {
                    var target = item
                    if case .assign(let lhs, _) = item.kind { target = lhs }
                    if case .typeAssert(let x, _) = target.kind { target = x }
                    if case .identifier(let n) = target.kind { out.append(n) }
                }
            case .whileLoop, .forLoop, .lambda, .function, .letBlock, .tryCatch, .comprehension, .typedComprehension, .generator, .structDefinition: break
            default: for c in e.children { visit(c) }
            }
        }
        for e in body { visit(e) }
        return out
    }

    /// Names declared `global` directly in `body`.
    static func declaredGlobals(in body: [Expr]) -> [String] {
        var out: [String] = []
        func names(_ target: Expr) {
            switch target.kind {
            case .identifier(let n): out.append(n)
            case .tuple(let args): for a in args { if case .positional(let t) = a { names(t) } }
            default: break
            }
        }
        func visit(_ e: Expr) {
            switch e.kind {
            case .global(let items):
                for item in items {
                    switch item.kind {
                    case .identifier, .tuple: names(item)
                    case .assign(let lhs, _), .updateAssign(_, let lhs, _): names(lhs)
                    default: break
                    }
                }
            case .whileLoop, .forLoop, .lambda, .function, .letBlock, .tryCatch, .comprehension, .typedComprehension, .generator, .structDefinition: break
            default: for c in e.children { visit(c) }
            }
        }
        for e in body { visit(e) }
        return out
    }

    /// Whether local `name` of the scope whose statements are `body` must be
    /// boxed. Julia boxes a captured variable that may change after capture;
    /// we approximate "may change" syntactically, erring towards boxing.
    static func needsBox(_ name: String, in body: [Expr], isParameter: Bool) -> Bool {
        var walk = BoxWalk(name: name)
        for e in body { walk.visit(e, BoxWalk.Where()) }
        if walk.assignedInTry { return true }
        guard walk.captured else { return false }
        if walk.assignedInClosure || walk.assignedInLoop { return true }
        if walk.assignments + (isParameter ? 1 : 0) > 1 { return true }
        if isParameter { return false }
        guard let assigned = walk.firstAssignmentEnd, let captured = walk.firstCapture else { return true }
        return captured < assigned
    }
}

/// The syntactic facts about one name that decide boxing.
private struct BoxWalk {
    struct Where {
        var inClosure = false
        var inLoop = false
        var inTryBody = false
    }

    let name: String
    var position = 0
    var captured = false
    var firstCapture: Int?
    var assignments = 0
    var firstAssignmentEnd: Int?
    var assignedInClosure = false
    var assignedInLoop = false
    var assignedInTry = false

    init(name: String) { self.name = name }

    mutating func assigned(_ w: Where) {
        if w.inClosure {
            assignedInClosure = true
            captured = true
            firstCapture = firstCapture ?? position
            return
        }
        assignments += 1
        if w.inLoop { assignedInLoop = true }
        if w.inTryBody { assignedInTry = true }
        if firstAssignmentEnd == nil { firstAssignmentEnd = position }
    }

    func binds(_ params: [Parameter]) -> Bool {
        params.contains { $0.name == name || ($0.pattern.map(bindsTarget) ?? false) }
    }

    func bindsTarget(_ e: Expr) -> Bool {
        switch e.kind {
        case .identifier(let n): return n == name
        case .tuple(let args): return args.contains { if case .positional(let t) = $0 { return bindsTarget(t) } else { return false } }
        default: return false
        }
    }

    mutating func target(_ e: Expr, _ w: Where) {
        switch e.kind {
        case .identifier(let n): if n == name { assigned(w) }
        case .tuple(let args):
            for a in args { if case .positional(let t) = a { target(t, w) } else if case .splat(let t) = a { target(t, w) } }
        case .typeAssert(let x, _): target(x, w)
        default: visit(e, w)
        }
    }

    mutating func visit(_ e: Expr, _ w: Where) {
        position += 1
        var inner = w
        switch e.kind {
        case .identifier(let n):
            if n == name && w.inClosure {
                captured = true
                if firstCapture == nil { firstCapture = position }
            }
        case .assign(let lhs, let rhs):
            visit(rhs, w)
            target(lhs, w)
        case .updateAssign(let op, let lhs, let rhs):
            visit(lhs, w)
            visit(rhs, w)
            if !op.hasPrefix(".") { target(lhs, w) }
        case .lambda(let sig, let body):
            guard !binds(sig.parameters + sig.keywordParameters) else { return }
            inner.inClosure = true
            visit(body, inner)
        case .function(let fname, let sig, let body):
            if !binds(sig.parameters + sig.keywordParameters) {
                inner.inClosure = true
                visit(body, inner)
            }
            position += 1
            if fname == name { assigned(w) }
        case .whileLoop(let c, let body):
            inner.inLoop = true
            visit(c, inner)
            visit(body, inner)
        case .forLoop(let iterations, let body):
            for it in iterations { visit(it.iterable, w) }
            guard !iterations.contains(where: { bindsTarget($0.target) }) else { return }
            inner.inLoop = true
            visit(body, inner)
        case .typedComprehension(let t, let c):
            visit(t, w)
            visit(Expr(.comprehension(c), e.span), w)
        case .comprehension(let c), .generator(let c):
            for it in c.iterations { visit(it.iterable, w) }
            guard !c.iterations.contains(where: { bindsTarget($0.target) }) else { return }
            inner.inLoop = true
            visit(c.body, inner)
            if let f = c.filter { visit(f, inner) }
        case .letBlock(let bindings, let body):
            var shadowed = false
            for b in bindings {
                if case .assign(let lhs, let rhs) = b.kind {
                    visit(rhs, w)
                    if bindsTarget(lhs) { shadowed = true }
                } else if bindsTarget(b) {
                    shadowed = true
                }
            }
            if !shadowed { visit(body, w) }
        case .tryCatch(let body, let v, let catchBody, let finallyBody):
            inner.inTryBody = catchBody != nil || finallyBody != nil
            visit(body, inner)
            // With `finally`, a throw in the catch body reaches the finally
            // handler, which must see the catch body's assignments.
            var catchWhere = w
            catchWhere.inTryBody = w.inTryBody || finallyBody != nil
            if let c = catchBody, v != name { visit(c, catchWhere) }
            if let f = finallyBody { visit(f, w) }
        case .local(let items), .global(let items):
            for item in items { visit(item, w) }
        default:
            for c in e.children { visit(c, w) }
        }
    }
}
