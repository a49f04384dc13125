import SourceMap
import Zy

/// Backtraces of errors that leave a differentiation. When an exception
/// passes out of `gradient`, `pullback` or a user's call of a pullback,
/// the frames it unwound through are named after the user's functions
/// (`∂pow` → `pullback of pow`; the closure returned by an `@adjoint`
/// → `pullback of *(a::Real, b::Real) (@adjoint at pow.zy:10)`), forward
/// frames are marked as run under differentiation (`▶`), the failing
/// pullback says which forward statement recorded it, and the call itself
/// becomes a frame (`gradient(pow, 2, 3)`). Nothing is paid unless an
/// error passes.
extension ADRuntime {
    /// What a frame is, as far as the report is concerned.
    private enum Role: Equatable {
        /// Adjoint IR made by the transform, of the named primal function.
        case adjoint(primal: String)
        /// The pullback closure returned by a user's `@adjoint`.
        case customPullback
        case other
    }

    /// Runs `body`; an error leaving it gets its frames annotated and a
    /// frame for the call, labelled `label()`.
    func differentiating<T>(_ label: () -> String, _ body: () throws -> T) throws -> T {
        try interpreter.annotatingFrames(body) { frames in
            annotate(&frames)
            frames.append(.callSite(label()))
        }
    }

    /// `gradient(pow, 2, 3)`: short values as they print, others by type.
    func callLabel(_ name: String, _ arguments: [Value]) -> String {
        "\(name)(\(arguments.map(Self.describe).joined(separator: ", ")))"
    }

    static func describe(_ v: Value) -> String {
        switch v {
        case .function(let g): return g.name
        case .closure(let c): return c.body.name.isEmpty ? "#" : c.body.name
        case .type(let t): return t.description
        case .int, .float, .bool, .rational, .symbol, .nothing, .complex, .string:
            let text = Show.repr(v)
            return text.count <= 24 ? text : "::" + v.type.description
        default:
            return "::" + v.type.description
        }
    }

    /// `(pullback of pow)(1)`: a user calling the pullback they were given.
    func backLabel(_ back: Value, _ ȳ: Value) -> String {
        var what = "pullback"
        if case .closure(let c) = back, c.body.name.hasPrefix("∂") {
            what = "pullback of " + c.body.name.dropFirst()
        }
        return "(\(what))(\(Self.describe(ȳ)))"
    }

    private func annotate(_ frames: inout [Frame]) {
        var roles = Array(repeating: Role.other, count: frames.count)
        var rules: [(span: Span, label: String)]?
        var definitions: [(span: Span, name: String)]?
        let recomputing = Self.recomputing(frames)
        for i in frames.indices where !frames[i].isDifferentiated && !frames[i].isCallSite {
            frames[i].isDifferentiated = true
            let name = frames[i].function
            if recomputing[i], !frames[i].isInternal, !name.hasPrefix("∂") {
                if rules == nil { rules = customRuleSites() }
                let rule = rules?.first(where: { Self.contains($0.span, frames[i].span) })
                frames[i].function = rule?.label ?? name + " (recomputed by checkpointed)"
                continue
            }
            if frames[i].isInternal, name.hasPrefix("#") {
                // A prelude closure (only in a full trace): say whose it is.
                if definitions == nil { definitions = internalDefinitions() }
                if let owner = definitions?.first(where: { Self.contains($0.span, frames[i].span) }) {
                    frames[i].function = "\(name) of \(owner.name)"
                }
            } else if name.hasPrefix("∂") {
                let primal = Self.primalName(String(name.dropFirst()))
                roles[i] = .adjoint(primal: primal)
                // Adjoint code is backward even when it runs inside the
                // forward pass of an outer gradient (nested AD).
                frames[i].phase = .backward
                frames[i].function = "pullback of " + primal
            } else if !frames[i].isInternal {
                if rules == nil { rules = customRuleSites() }
                guard let rule = rules?.first(where: { Self.contains($0.span, frames[i].span) }) else { continue }
                if frames[i].phase == .backward {
                    roles[i] = .customPullback
                    frames[i].function = "pullback of " + rule.label
                } else {
                    frames[i].function = rule.label
                }
            }
        }
        markRecorded(&frames, roles)
    }

    /// The failing pullback is the innermost pullback the user can see; it
    /// was recorded by the forward statement its caller's frame is at (or,
    /// for an adjoint frame, the statement it is differentiating).
    private func markRecorded(_ frames: inout [Frame], _ roles: [Role]) {
        guard !frames.contains(where: { $0.recordedAt != nil }),
              let i = frames.indices.first(where: { !frames[$0].isInternal && frames[$0].phase == .backward && roles[$0] != .other })
        else { return }
        // An adjoint that failed in its own code (an inline derivative, a
        // catch block) called no recorded pullback.
        if i == 0, Self.isAdjoint(roles[i]) { return }
        var owner = i
        if roles[i] == .customPullback {
            guard let j = frames.indices.first(where: { $0 > i && !frames[$0].isInternal && Self.isAdjoint(roles[$0]) })
            else { return }
            owner = j
        }
        guard case .adjoint(let primal) = roles[owner] else { return }
        frames[i].recordedAt = frames[owner].span
        frames[i].recordedIn = primal
    }

    /// Frames of the forward pass a `checkpointed` pullback runs again
    /// (inside `__ad_ckpt_back`, not yet inside an adjoint it called): they
    /// run in the backward pass but are forward code.
    private static func recomputing(_ frames: [Frame]) -> [Bool] {
        var flags = Array(repeating: false, count: frames.count)
        var inside = false
        for i in frames.indices.reversed() {
            let name = frames[i].function
            if name.hasPrefix("__ad_ckpt_back") { inside = true } else if name.hasPrefix("∂") { inside = false }
            flags[i] = inside && frames[i].phase == .backward
        }
        return flags
    }

    /// Where each user `@adjoint` method is defined, with its label:
    /// `*(a::Real, b::Real) (@adjoint at pow.zy:10)`.
    private func customRuleSites() -> [(span: Span, label: String)] {
        var sites: [(span: Span, label: String)] = []
        let prefix = Transformer.adjointName("")
        for name in globals.names where name.hasPrefix(prefix) {
            guard case .function(let table)? = globals[name] else { continue }
            for m in table.methods {
                guard case .ir(let ir) = m.body, !ir.isInternal, !ir.span.isUnknown else { continue }
                sites.append((ir.span, Self.ruleLabel(String(name.dropFirst(prefix.count)), m, ir)))
            }
        }
        return sites
    }

    /// Internal methods with their spans, smallest first, to name the
    /// closures defined in them.
    private func internalDefinitions() -> [(span: Span, name: String)] {
        var found: [(span: Span, name: String)] = []
        for name in globals.names {
            guard case .function(let g)? = globals[name] else { continue }
            for m in g.methods {
                guard case .ir(let ir) = m.body, ir.isInternal, !ir.span.isUnknown else { continue }
                found.append((ir.span, Self.primalName(name)))
            }
        }
        return found.sorted { $0.span.end - $0.span.start < $1.span.end - $1.span.start }
    }

    static func ruleLabel(_ name: String, _ m: Method, _ ir: IRFunction) -> String {
        var params: [String] = []
        for (k, p) in ir.parameterNames.enumerated() {
            let type = k < m.signature.count ? m.signature[k] : .any
            let shown = p.hasPrefix("#") ? "" : p
            params.append(type == .any ? (shown.isEmpty ? "_" : shown) : "\(shown)::\(type)")
        }
        return "\(name)(\(params.joined(separator: ", "))) (@adjoint at \(ir.span.fileAndLine))"
    }

    /// `Core.adjoint.f` (the forward code of a user's rule, differentiated
    /// again under nested AD) → `@adjoint f`.
    static func primalName(_ name: String) -> String {
        let prefix = Transformer.adjointName("")
        return name.hasPrefix(prefix) ? "@adjoint " + name.dropFirst(prefix.count) : name
    }

    private static func isAdjoint(_ role: Role) -> Bool {
        if case .adjoint = role { return true }
        return false
    }

    private static func contains(_ outer: Span, _ inner: Span) -> Bool {
        guard let f = outer.file, f === inner.file else { return false }
        return inner.start >= outer.start && inner.end <= outer.end
    }
}
