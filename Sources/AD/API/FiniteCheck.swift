import SourceMap
import Zy

/// Which primal statement a run of adjoint variables differentiates: the
/// statements a rule emitted (and the accumulation of its gradients), or a
/// recorded pullback's call. Adjoint statements already carry the primal
/// span; this adds the rule and the argument slot for `--check-finite`.
struct AdjointOrigin {
    let ref: StatementRef
    let variables: Range<VariableID>
    /// The gradient operand per primal argument; nil for a recorded pullback.
    let gradients: [Operand?]?
    /// The output's sensitivity ȳ the rule started from.
    let sensitivity: Operand
}

extension ADRuntime {
    func installFiniteCheck() {
        interpreter.nonFiniteExplainer = FiniteCheckExplainer(transformer: transformer)
    }
}

/// Explains non-finite values made in adjoint code in terms of the primal:
/// "gradient of sqrt(y - 2.0) with respect to y - 2.0 is Inf in the
/// backward pass (pullback of sqrt), with finite inputs sqrt(y - 2.0) == 0.0, ȳ == 1.0".
final class FiniteCheckExplainer: NonFiniteExplainer {
    weak var transformer: Transformer?
    /// Adjoint (and forward) IR → its transform, holding the IR so the key stays valid.
    private var known: [ObjectIdentifier: (IRFunction, Transformed)] = [:]

    init(transformer: Transformer) { self.transformer = transformer }

    /// The transform whose adjoint (as run, or as listed) or forward IR is `ir`.
    func transformed(of ir: IRFunction) -> Transformed? {
        if let (_, t) = known[ObjectIdentifier(ir)] { return t }
        guard let transformer else { return nil }
        for t in transformer.cache.values where known[ObjectIdentifier(t.adjoint)] == nil {
            known[ObjectIdentifier(t.adjoint)] = (t.adjoint, t)
            known[ObjectIdentifier(t.forward)] = (t.forward, t)
            // The closure the forward IR adds (its primal's own closures,
            // such as an inner adjoint under nesting, are copied too).
            let own = Set(FiniteCheckExplainer.closures(in: t.primal).map(ObjectIdentifier.init))
            for fn in FiniteCheckExplainer.closures(in: t.forward) where !own.contains(ObjectIdentifier(fn)) {
                known[ObjectIdentifier(fn)] = (fn, t)
            }
        }
        return known[ObjectIdentifier(ir)]?.1
    }

    /// The transform whose adjoint `ir` runs: the adjoint itself, or, under
    /// nested AD, the forward IR made from it (which keeps its variables).
    func adjointTransform(of ir: IRFunction) -> Transformed? {
        guard ir.name.hasPrefix("∂"), let t = transformed(of: ir) else { return nil }
        if t.forward === ir, t.primal.name.hasPrefix("∂") { return adjointTransform(of: t.primal) }
        return t.forward === ir ? nil : t
    }

    func isImplementation(_ ir: IRFunction) -> Bool {
        guard ir.name.hasPrefix("∂") else { return false }
        return adjointTransform(of: ir)?.primal.isInternal ?? false
    }

    func describe(_ site: NonFiniteSite) -> String? {
        guard let t = adjointTransform(of: site.function),
              let v = site.statement.result,
              let origin = t.ruleOrigins.first(where: { $0.variables.contains(v) }),
              origin.ref.block < t.primal.blocks.count,
              origin.ref.index < t.primal.blocks[origin.ref.block].statements.count else { return nil }
        let primal = t.primal.blocks[origin.ref.block].statements[origin.ref.index]
        guard case .call(let callee, let primalArguments) = primal.instruction else { return nil }
        let arguments = primalArguments.map(\.operand)
        let text = NonFinite.sourceText(primal.span) ?? NonFinite.callText(primal)
        let definitions = FiniteCheckExplainer.definitions(site.function)
        var subject = "gradient of \(text)"
        var phrase = site.flaw.phrase
        var slot: Int?
        if origin.gradients == nil, let p = site.flaw.tuplePosition {
            // A pullback's gradients: (f̄, ārg₁, …).
            slot = p - 2
            phrase = site.flaw.elementPhrase
            if p == 1 { subject += " with respect to \(label(callee, t))" }
        } else if let gradients = origin.gradients {
            slot = FiniteCheckExplainer.slot(v, gradients, origin, definitions)
        }
        if let k = slot, k >= 0, k < arguments.count { subject += " with respect to \(label(arguments[k], t))" }
        let inputs = leaves(of: v, origin, t, site, definitions)
        var rule = label(callee, t)
        // `sqrt.(v)` is a call of `broadcast(sqrt, v)`.
        if case .global("broadcast") = callee, case .global(let f)? = arguments.first { rule = f + "." }
        return "\(subject) \(phrase) in the backward pass (pullback of \(rule))" + NonFinite.inputs(inputs)
    }

    private func label(_ o: Operand, _ t: Transformed) -> String {
        switch o {
        case .variable(let p): return NonFinite.label(p, in: t.primal)
        case .global(let name): return name
        case .constant(let c):
            switch c {
            case .int(let i): return String(i)
            case .float(let d): return Show.repr(.float(d))
            case .bool(let b): return String(b)
            case .string(let x): return Show.repr(.string(x))
            case .char(let ch): return Show.repr(.char(ch))
            case .symbol(let x): return ":" + x
            case .nothing: return "nothing"
            }
        }
    }

    static func closures(in ir: IRFunction) -> [IRFunction] {
        ir.blocks.flatMap { b in
            b.statements.compactMap { s -> IRFunction? in
                if case .closure(let fn, _) = s.instruction { return fn }
                return nil
            }
        }
    }

    static func definitions(_ ir: IRFunction) -> [VariableID: Statement] {
        var d: [VariableID: Statement] = [:]
        for b in ir.blocks { for s in b.statements { if let r = s.result { d[r] = s } } }
        return d
    }

    /// What `s` computes from (a product's shape operand is not an input).
    static func operands(_ s: Statement) -> [Operand] {
        guard case .call(let f, let args) = s.instruction else { return [] }
        if case .global(let name) = f, name == Helper.mul || name == Helper.mulr, args.count == 3 {
            return args.prefix(2).map(\.operand)
        }
        return args.map(\.operand)
    }

    /// The argument whose gradient `v` is part of: it feeds that gradient,
    /// or adds it to the gradient so far.
    static func slot(_ v: VariableID, _ gradients: [Operand?], _ origin: AdjointOrigin,
                     _ definitions: [VariableID: Statement]) -> Int? {
        for (k, g) in gradients.enumerated() {
            guard case .variable(let root)? = g else { continue }
            var stack = [root], seen = Set<VariableID>()
            while let u = stack.popLast() {
                if u == v { return k }
                guard seen.insert(u).inserted, origin.variables.contains(u), let s = definitions[u] else { continue }
                for case .variable(let w) in operands(s) { stack.append(w) }
            }
        }
        guard let s = definitions[v] else { return nil }
        let read = operands(s)
        return gradients.firstIndex { g in g.map(read.contains) ?? false }
    }

    /// The recorded primal values and ȳ the failing statement was computed from.
    private func leaves(of v: VariableID, _ origin: AdjointOrigin, _ t: Transformed, _ site: NonFiniteSite,
                        _ definitions: [VariableID: Statement]) -> [(String, Value)] {
        var direct: [VariableID: Value] = [:]
        for (o, value) in site.arguments { if case .variable(let u) = o { direct[u] = value } }
        var recorded: [(String, Value)] = [], sensitivity: [(String, Value)] = []
        // The gradient so far, to which an accumulation adds this rule's.
        var earlier = Set<VariableID>()
        var stack = [v], seen = Set<VariableID>()
        while let u = stack.popLast() {
            guard seen.insert(u).inserted else { continue }
            if u == v || (origin.variables.contains(u) && t.recorded[u] == nil), let s = definitions[u] {
                let read = FiniteCheckExplainer.operands(s)
                if case .call(.global(Helper.accum), _) = s.instruction, case .variable(let old)? = read.first {
                    earlier.insert(old)
                }
                for case .variable(let w) in read.reversed() { stack.append(w) }
                continue
            }
            guard let value = direct[u] ?? site.valueOf(u) else { continue }
            if let p = t.recorded[u] {
                recorded.append((NonFinite.label(p, in: t.primal), value))
            } else {
                // Adjoint blocks merged into one read ȳ under another name.
                sensitivity.append((earlier.contains(u) ? "gradient so far" : "ȳ", value))
            }
        }
        return recorded + sensitivity
    }
}
