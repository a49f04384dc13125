import SourceMap

/// State shared by every function lowered from one top-level statement.
final class LoweringContext {
    let file: SourceFile?
    var diagnostics: [Diagnostic] = []
    var lambdaCounter = 0

    init(file: SourceFile?) { self.file = file }

    func error(_ message: String, _ span: Span) {
        diagnostics.append(.error(message, at: span))
    }
}

/// How a name resolves at one point of a function.
enum Binding {
    /// An SSA-constructed local.
    case local(slot: Int)
    /// A local living in a box; the slot holds the box.
    case boxed(slot: Int)
    /// A variable of an enclosing function, read from the closure object.
    case captured(name: String, boxed: Bool)
    case global(String)
}

/// One lexical scope: a function body, `let`, a loop body, a `try` part.
final class Scope {
    var bindings: [String: Binding] = [:]
    /// Hard scopes (functions, `let`) make new names local even at top level.
    let isHard: Bool
    init(isHard: Bool) { self.isHard = isHard }
}

struct LoopContext {
    let breakTarget: Int
    /// Emits the jump back to the loop header (for a counting loop, after
    /// incrementing the counter).
    let continueAction: (Span) -> Void
    let handlerDepth: Int
}

/// An active exception handler (`enterTry` not yet left).
struct HandlerContext {
    /// Code to run when leaving this handler's region by a jump.
    let finallyBody: Expr?
}

/// Lowers one function body (a method, closure or top-level thunk) to IR.
final class FunctionLowerer {
    let context: LoweringContext
    let parent: FunctionLowerer?
    let isTopLevel: Bool
    let builder = IRBuilder()
    let ssa: SSABuilder
    var scopes: [Scope] = []
    var captureNames: [String] = []
    var captureBoxed: [String: Bool] = [:]
    var loops: [LoopContext] = []
    var handlers: [HandlerContext] = []
    /// The objects being indexed, innermost last, for `end` inside brackets.
    var indexing: [(object: Operand, dimension: Int, count: Int)] = []
    /// Names that must live in boxes (found to be maybe-undefined).
    let forcedBoxes: Set<String>
    var variableNames: [VariableID: String] = [:]
    /// `getfield(%1, :x)` per captured name, emitted once in the entry block
    /// (the closure object never changes).
    var captureReads: [String: Operand] = [:]
    /// The struct whose inner constructor is being lowered (`new` → `Core.new`).
    var structName: String?
    /// The variables local function definitions have assigned (see
    /// `localFunctionKey`), to report a second method.
    var localFunctions: Set<String> = []
    /// Declared types of typed locals (`x::T = v`), by slot.
    var declaredTypes: [Int: Expr] = [:]
    let selfVariable: VariableID

    init(context: LoweringContext, parent: FunctionLowerer?, isTopLevel: Bool, forcedBoxes: Set<String>) {
        self.context = context
        self.parent = parent
        self.isTopLevel = isTopLevel
        self.forcedBoxes = forcedBoxes
        self.ssa = SSABuilder(builder: builder)
        self.selfVariable = builder.addArgument(to: 1)
        self.structName = parent?.structName
    }

    var current: Int { builder.current }

    // MARK: Emission helpers

    func call(_ callee: String, _ args: [Operand], _ span: Span) -> Operand {
        builder.call(callee, args, span: span)
    }

    func call(_ callee: Operand, _ args: [CallArgument], _ span: Span) -> Operand {
        .variable(builder.emit(.call(callee, args), span: span))
    }

    func symbol(_ s: String) -> Operand { .constant(.symbol(s)) }

    func error(_ message: String, _ span: Span) { context.error(message, span) }

    // MARK: Scopes

    var insideHardScope: Bool { scopes.contains { $0.isHard } }

    /// The binding of `name` here, capturing it from an enclosing function
    /// if needed; `.global` when declared `global` here or further out, nil
    /// for an undeclared (global) name.
    func resolveLocal(_ name: String) -> Binding? {
        for scope in scopes.reversed() {
            if let b = scope.bindings[name] { return b }
        }
        guard let parent, let outer = parent.bindingForChild(name) else { return nil }
        if case .captured(_, let boxed) = outer, captureBoxed[name] == nil {
            captureNames.append(name)
            captureBoxed[name] = boxed
        }
        return outer
    }

    /// How a nested function sees `name`: captured (boxed or not), an
    /// explicit global, or nil.
    func bindingForChild(_ name: String) -> Binding? {
        switch resolveLocal(name) {
        case .local?: return .captured(name: name, boxed: false)
        case .boxed?: return .captured(name: name, boxed: true)
        case .captured(_, let boxed)?: return .captured(name: name, boxed: boxed)
        case .global(let g)?: return .global(g)
        case nil: return nil
        }
    }

    /// Whether `name` names a local (own or captured) rather than a global.
    func isLocal(_ name: String) -> Bool {
        switch resolveLocal(name) {
        case .local?, .boxed?, .captured?: return true
        case .global?, nil: return false
        }
    }

    /// Opens a scope: binds `newLocals` (parameters, loop variables, the
    /// catch variable) and declares every name assigned directly in `body`
    /// that does not already resolve to an enclosing local.
    func enterScope(hard: Bool, body: [Expr], newLocals: [(name: String, value: Operand?)] = []) {
        let scope = Scope(isHard: hard)
        scopes.append(scope)
        for g in ScopeAnalysis.declaredGlobals(in: body) { scope.bindings[g] = .global(g) }
        for local in newLocals { declareLocal(local.name, initial: local.value, body: body, isParameter: true) }
        for name in ScopeAnalysis.declaredLocals(in: body) where scope.bindings[name] == nil {
            declareLocal(name, initial: nil, body: body, isParameter: false)
        }
        declareAssigned(in: body)
        declareTypes(in: body)
    }

    /// Records the declared types of the locals `body` declares typed.
    func declareTypes(in body: [Expr]) {
        for d in ScopeAnalysis.typedDeclarations(in: body) {
            switch resolveLocal(d.name) {
            case .local(let slot)?, .boxed(let slot)?: if declaredTypes[slot] == nil { declaredTypes[slot] = d.type }
            default: break
            }
        }
    }

    /// The declared type of local `name` (own or captured), if any.
    func declaredType(of name: String) -> Expr? {
        switch resolveLocal(name) {
        case .local(let slot)?, .boxed(let slot)?: return declaredTypes[slot]
        case .captured(let n, _)?: return parent?.declaredType(of: n)
        case .global?, nil: return nil
        }
    }

    /// Julia converts on assignment to a typed variable:
    /// `typeassert(convert(T, v), T)`.
    func convertForAssignment(_ type: Expr, _ value: Operand, _ span: Span) -> Operand {
        let t = lowerType(type, whereNames: [])
        let converted = call("convert", [t, value], span)
        return call("Core.typeassert", [converted, t], span)
    }

    /// Declares the names assigned directly in `body` as locals of the
    /// innermost scope, unless they resolve further out (or are globals).
    func declareAssigned(in body: [Expr]) {
        guard let scope = scopes.last else { return }
        for name in ScopeAnalysis.assignedNames(in: body) where scope.bindings[name] == nil {
            if resolveLocal(name) != nil { continue }
            if isTopLevel && !insideHardScope { continue }
            declareLocal(name, initial: nil, body: body, isParameter: false)
        }
    }

    func exitScope() { _ = scopes.popLast() }

    func declareLocal(_ name: String, initial: Operand?, body: [Expr], isParameter: Bool) {
        guard let scope = scopes.last else { return }
        let slot = ssa.newSlot(name: name)
        let boxed = forcedBoxes.contains(name) || ScopeAnalysis.needsBox(name, in: body, isParameter: isParameter)
        if boxed {
            let box = call("Core.box", initial.map { [$0] } ?? [], body.first?.span ?? .unknown)
            ssa.write(slot, box, in: current)
            scope.bindings[name] = .boxed(slot: slot)
        } else {
            ssa.write(slot, initial ?? SSABuilder.undefined, in: current)
            if let initial { nameValue(initial, name) }
            scope.bindings[name] = .local(slot: slot)
        }
    }

    /// A hidden temporary (the value of an `if` expression, a loop counter).
    func newTemporary() -> Int { ssa.newSlot(name: nil) }

    func nameValue(_ value: Operand, _ name: String) {
        if case .variable(let v) = value, variableNames[v] == nil { variableNames[v] = name }
    }

    // MARK: Reading and writing names

    func read(_ name: String, _ span: Span) -> Operand {
        switch resolveLocal(name) {
        case .local(let slot)?:
            let v = ssa.read(slot, in: current)
            if v == SSABuilder.undefined { return call("Core.undefvar", [symbol(name)], span) }
            return v
        case .boxed(let slot)?:
            let v = call("Core.getbox", [ssa.read(slot, in: current), symbol(name)], span)
            nameValue(v, name)
            return v
        case .captured(let n, let boxed)?:
            let c = capturedObject(n, span)
            let v = boxed ? call("Core.getbox", [c, symbol(n)], span) : c
            nameValue(v, name)
            return v
        case .global?, nil:
            if name == "nothing" { return .constant(.nothing) }
            return .global(name)
        }
    }

    func write(_ name: String, _ value: Operand, _ span: Span) {
        var value = value
        if let type = declaredType(of: name) { value = convertForAssignment(type, value, span) }
        var binding = resolveLocal(name)
        if binding == nil, !(isTopLevel && !insideHardScope) {
            // A name the scope pre-pass did not see (defensive): make it local.
            declareLocal(name, initial: nil, body: [], isParameter: false)
            binding = resolveLocal(name)
        }
        switch binding {
        case .local(let slot)?:
            ssa.write(slot, value, in: current)
            nameValue(value, name)
        case .boxed(let slot)?:
            _ = call("Core.setbox!", [ssa.read(slot, in: current), value], span)
        case .captured(let n, let boxed)?:
            let c = capturedObject(n, span)
            if boxed {
                _ = call("Core.setbox!", [c, value], span)
            } else {
                error("cannot assign captured variable `\(n)`", span)
            }
        case .global(let g)?:
            builder.emitEffect(.setGlobal(g, value), span: span)
        case nil:
            builder.emitEffect(.setGlobal(name, value), span: span)
        }
    }

    /// The captured value (or box) `name`, read from the closure object.
    func capturedObject(_ name: String, _ span: Span) -> Operand {
        if let v = captureReads[name] { return v }
        let instruction = Instruction.call(.global("getfield"), [.positional(.variable(selfVariable)), .positional(symbol(name))])
        let v = Operand.variable(current == 1 ? builder.emit(instruction, span: span)
                                              : builder.emit(instruction, span: span, inBlock: 1))
        captureReads[name] = v
        nameValue(v, name)
        return v
    }

    /// Reads a hidden temporary.
    func readTemporary(_ slot: Int) -> Operand {
        let v = ssa.read(slot, in: current)
        return v == SSABuilder.undefined ? .constant(.nothing) : v
    }

    func writeTemporary(_ slot: Int, _ value: Operand) { ssa.write(slot, value, in: current) }

    // MARK: Blocks

    /// Opens `block` for emission; all its predecessors must be known.
    func enter(_ block: Int) {
        ssa.seal(block)
        builder.switchTo(block)
    }
}
