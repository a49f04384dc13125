import Zy

/// Inlines calls of small user functions built only from primitives into
/// the primal the transform runs on (the listing keeps the calls). A
/// recorded pullback costs a `_pullback` call, a closure, a tape and a
/// tuple per call, and a closure call in the adjoint; inlined, the callee's
/// primitives get inline rules and its records go onto the caller's tape
/// (the seed's `loop` calls `f` every iteration).
///
/// A call `%y = f(a…)` is inlined when `f` is a global generic function
/// with one method, of the call's arity, every parameter `Any` (so dispatch
/// always selects it), no varargs, keywords or captures; no custom rule
/// for `f`; and a body of at most `maxStatements` calls, each of a
/// primitive with an inline rule or of a non-differentiable function, none
/// that throws on part of its domain (an error inside keeps the callee's
/// frame in its stack trace). Otherwise an inlined callee's statements run
/// in the caller's frame, with their own spans.
/// Its blocks are copied with fresh variables and block ids; the calling
/// block is split, the callee's returns jump to the continuation with the
/// returned value. One level deep: inlined bodies are not searched again.
struct Inliner {
    let globals: Globals
    static let maxStatements = 40
    static let maxBlocks = 8
    /// Primitives that throw on part of their domain: a callee using them
    /// keeps its own frame, so an error's stack trace names it.
    static let throwing: Set<String> = ["sqrt", "log", "log2", "log10", "log1p", "asin", "acos", "acosh",
                                        "atanh", "^", "div", "÷", "%", "mod", "rem", "//", "\\", "inv",
                                        "error", "throw", "Core.rethrow", "Core.throw_undefkw", "Core.undefvar",
                                        "Core.typeassert", "Core.getbox"]

    /// The IR with eligible calls inlined, or nil when there are none.
    /// Records the functions the decision read in `dependencies`.
    func inline(_ ir: IRFunction, dependencies: inout [ObjectIdentifier: (GenericFunction, Int)]) -> IRFunction? {
        var nextVariable = ir.variableCount + 1
        var nextBlock = (ir.blocks.map(\.id).max() ?? 0) + 1
        var out: [Block] = []
        var changed = false
        for b in ir.blocks {
            var current = Block(id: b.id, arguments: b.arguments)
            for s in b.statements {
                guard case .call(.global(let name), let args) = s.instruction,
                      let body = callee(name, arity: args.count, dependencies: &dependencies) else {
                    current.statements.append(s)
                    continue
                }
                let result = s.result ?? nextVariable
                if s.result == nil { nextVariable += 1 }
                let continuation = nextBlock
                nextBlock += 1
                let copy = instantiate(body, name: name, arguments: args.map(\.operand), continuation: continuation,
                                       nextVariable: &nextVariable, nextBlock: &nextBlock)
                current.branches = [Branch(.jump(target: copy.entry), span: s.span)]
                out.append(current)
                out += copy.blocks
                current = Block(id: continuation, arguments: [result])
                changed = true
            }
            current.branches = b.branches
            out.append(current)
        }
        guard changed else { return nil }
        let inlined = IRFunction(name: ir.name, parameterNames: ir.parameterNames, isVarargs: ir.isVarargs,
                                 keywordNames: ir.keywordNames, captureNames: ir.captureNames, blocks: out,
                                 span: ir.span, variableNames: ir.variableNames, isInternal: ir.isInternal)
        // A callee's entry and the continuation after its return join the
        // blocks around them when nothing else enters them.
        Simplify.mergeStraightLines(inlined)
        return inlined
    }

    /// The body to inline for a call of global `name` with `arity` positional arguments.
    private func callee(_ name: String, arity: Int,
                        dependencies: inout [ObjectIdentifier: (GenericFunction, Int)]) -> IRFunction? {
        guard Rules.rule(name, arity: arity) == nil, !Rules.nonDifferentiable.contains(name),
              case .function(let g)? = globals[name] else { return nil }
        dependencies[ObjectIdentifier(g)] = (g, g.generation)
        if let custom = globals.genericFunction(Transformer.adjointName(name)) {
            dependencies[ObjectIdentifier(custom)] = (custom, custom.generation)
            if !custom.methods.isEmpty { return nil }
        }
        guard g.methods.count == 1, let m = g.methods.first, !m.isVarargs, m.signature.count == arity,
              m.signature.allSatisfy({ $0 == .any }), case .ir(let body) = m.body,
              !body.isVarargs, body.keywordNames.isEmpty, body.captureNames.isEmpty,
              body.parameterNames.count == arity, body.blocks.count <= Inliner.maxBlocks,
              body.blocks.first?.arguments.count == arity + 1,
              isSimple(body, name: name, dependencies: &dependencies) else { return nil }
        return body
    }

    /// Only calls of primitives with rules (and non-differentiable ones),
    /// never of `name` itself, with positional arguments.
    private func isSimple(_ body: IRFunction, name: String,
                          dependencies: inout [ObjectIdentifier: (GenericFunction, Int)]) -> Bool {
        var count = 0
        for b in body.blocks {
            for s in b.statements {
                count += 1
                guard count <= Inliner.maxStatements, case .call(.global(let n), let args) = s.instruction, n != name,
                      args.allSatisfy({ if case .positional = $0 { return true } else { return false } })
                else { return false }
                if Inliner.throwing.contains(n) { return false }
                if Rules.nonDifferentiable.contains(n) { continue }
                guard let rule = Rules.rule(n, arity: args.count), !rule.mutates, !n.hasSuffix("!"),
                      !MutationTracking.creating.contains(n), !MutationTracking.aliasing.contains(n) else { return false }
                // The callee's primitive must stay one in the caller.
                if case .function(let p)? = globals[n] {
                    dependencies[ObjectIdentifier(p)] = (p, p.generation)
                    if p.methods.contains(where: { if case .ir = $0.body { return true } else { return false } }) { return false }
                }
            }
        }
        return true
    }

    private struct Copy {
        var entry: Int
        var blocks: [Block]
    }

    /// `body`'s blocks with fresh variables and ids; its arguments read the
    /// call's operands (`%1`, the function itself, reads the global), its
    /// returns jump to `continuation` with the returned value.
    private func instantiate(_ body: IRFunction, name: String, arguments: [Operand], continuation: Int,
                             nextVariable: inout Int, nextBlock: inout Int) -> Copy {
        let offset = nextVariable
        nextVariable += body.variableCount + 1
        var substitution: [VariableID: Operand] = [:]
        if let entry = body.blocks.first {
            for (i, a) in entry.arguments.enumerated() {
                substitution[a] = i == 0 ? .global(name) : (i - 1 < arguments.count ? arguments[i - 1] : .constant(.nothing))
            }
        }
        var ids: [Int: Int] = [:]
        for b in body.blocks {
            ids[b.id] = nextBlock
            nextBlock += 1
        }
        func op(_ o: Operand) -> Operand {
            guard case .variable(let v) = o else { return o }
            return substitution[v] ?? .variable(v + offset)
        }
        var blocks: [Block] = []
        for (k, b) in body.blocks.enumerated() {
            var nb = Block(id: ids[b.id] ?? b.id, arguments: k == 0 ? [] : b.arguments.map { $0 + offset })
            nb.statements = b.statements.map { s in
                var c = s
                c.result = s.result.map { $0 + offset }
                if case .call(let f, let args) = s.instruction {
                    c.instruction = .call(op(f), args.map { .positional(op($0.operand)) })
                }
                return c
            }
            nb.branches = b.branches.map { br in
                let args = br.arguments.map(op)
                switch br.kind {
                case .jump(let t): return Branch(.jump(target: ids[t] ?? t), arguments: args, span: br.span)
                case .jumpUnless(let t, let c):
                    return Branch(.jumpUnless(target: ids[t] ?? t, condition: op(c)), arguments: args, span: br.span)
                case .ret(let v): return Branch(.jump(target: continuation), arguments: [op(v)], span: br.span)
                case .unreachable: return br
                }
            }
            blocks.append(nb)
        }
        return Copy(entry: ids[body.blocks.first?.id ?? 0] ?? continuation, blocks: blocks)
    }
}
