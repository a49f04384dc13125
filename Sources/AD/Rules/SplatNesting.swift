import Zy

/// Calls with splats under nested AD. The adjoint regroups a call's
/// per-value gradients by argument with `Core.∂unsplat(gs, pattern,
/// values…)` (a splatted tuple or array gets one gradient); differentiated
/// again, `Core.∂resplat` flattens the groups back, and the two reverse
/// each other (both only move entries). The call's callee comes last
/// (after the values), ignored by both but checked by `∂resplat`.
extension Rules {
    static let splatNesting: [RuleKey: Rule] = {
        var t: [RuleKey: Rule] = [:]
        // pattern and values (for the splats' lengths) are read; gs is not
        for arity in 2...16 {
            let rest = Array(1..<arity)
            t[RuleKey(Helper.unsplat, arity)] = Rule(reads: rest) { b, z̄, x, _ in
                [b.call(Helper.resplat, [z̄] + rest.map { x[$0] })] + Array(repeating: nil, count: arity - 1)
            }
            t[RuleKey(Helper.resplat, arity)] = Rule(reads: rest) { b, z̄, x, _ in
                [b.call(Helper.unsplat, [z̄] + rest.map { x[$0] })] + Array(repeating: nil, count: arity - 1)
            }
        }
        return t
    }()
}

extension Helper {
    static let resplat = "Core.∂resplat"
}

extension ADRuntime {
    /// Known wrong (a third order through `Dict(k => v…)` or a mutable
    /// struct's constructor came out 1.5 times too large, once splatted
    /// calls nested): an error until the constructors' shadow takes nest
    /// one level more (`ConstructorNesting.swift`).
    static func constructsMutable(_ callee: Value) -> Bool {
        switch callee {
        case .type(.structType(let t)): return t.type.isMutable
        case .type(.dict): return true
        default: return false
        }
    }

    func installSplatNesting() {
        globals.defineBuiltin(Helper.resplat, [.any, .any], varargs: true) { [self] _, a, _ in
            guard a.count >= 2, case .tuple(let groups) = a[0], case .string(let pattern) = a[1] else { return .nothing }
            if a.count == pattern.count + 3, let callee = a.last, ADRuntime.constructsMutable(callee) {
                throw Exceptions.error("third-order gradients through the constructor \(Show.repr(callee)) are not supported yet")
            }
            var out: [Value] = [groups.first ?? .nothing]
            for (i, (kind, v)) in zip(pattern, a.dropFirst(2)).enumerated() {
                let group = i + 1 < groups.count ? groups[i + 1] : .nothing
                if kind == "p" {
                    out.append(group)
                    continue
                }
                guard case .int(let n) = try call("length", [v]) else { return .nothing }
                out += (0..<max(n, 0)).map { ADRuntime.gradientAt(group, .int($0 + 1)) }
            }
            return .tuple(out)
        }
    }
}
