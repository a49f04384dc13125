@testable import Zy

extension MiniEvaluator {
    func int(_ v: V) throws -> Int {
        if case .int(let i) = v { return i }
        if case .bool(let b) = v { return b ? 1 : 0 }
        throw Thrown(value: .str("not an integer: \(v)"))
    }

    func builtin(_ name: String, _ a: [V]) throws -> V {
        let arithmetic: [String: (Int, Int) -> Int] = ["+": (&+), "-": (&-), "*": (&*), "÷": { $1 == 0 ? 0 : $0 / $1 },
                                                      "%": { $1 == 0 ? 0 : $0 % $1 }]
        let comparisons: [String: (Int, Int) -> Bool] = ["<": (<), "<=": (<=), ">": (>), ">=": (>=)]
        if let op = arithmetic[name], a.count == 2 { return .int(op(try int(a[0]), try int(a[1]))) }
        if name == "-", a.count == 1 { return .int(0 &- (try int(a[0]))) }
        if let op = comparisons[name], a.count == 2 { return .bool(op(try int(a[0]), try int(a[1]))) }
        switch (name, a.count) {
        case ("==", 2), ("===", 2): return .bool(a[0] == a[1])
        case ("!=", 2), ("!==", 2): return .bool(a[0] != a[1])
        case ("!", 1): return .bool(a[0] == .bool(false))
        case ("^", 2):
            var r = 1
            for _ in 0..<max(0, try int(a[1])) { r = r &* (try int(a[0])) }
            return .int(r)
        case ("iseven", 1): return .bool(try int(a[0]) % 2 == 0)
        case ("isodd", 1): return .bool(try int(a[0]) % 2 != 0)
        case ("identity", 1): return a[0]
        case ("println", _): output += a.map { $0.description }.joined() + "\n"; return .nothing
        case ("string", _): return .str(a.map { $0.description }.joined())
        case ("Core.tuple", _): return .tuple(a)
        case ("convert", 2) where a[0] == .function("Bool"): return .bool(try int(a[1]) != 0)
        case ("convert", 2) where a[0] == .function("Int"): return .int(try int(a[1]))
        case ("Core.typeassert", 2):
            switch (a[0], a[1]) {
            case (.int, .function("Int")), (.bool, .function("Bool")): return a[0]
            default: throw Thrown(value: .str("TypeError: typeassert"))
            }
        case ("Core.namedtuple", _): return newArray(a)  // a mutable record: :k1, v1, :k2, v2, …
        case ("getproperty", 2), ("setproperty!", 3): return try property(a)
        case (":", 2): return newArray(Array(try int(a[0])...max(try int(a[0]) - 1, try int(a[1]))).map { .int($0) })
        case ("Core.vect", _): return newArray(a)
        case ("Core.collect_narrow", 1), ("Core.reshape_comprehension", _): return a[0]
        case ("setindex!", 3):
            guard case .array(let k) = a[0], let i = Optional(try int(a[2])), i >= 1 && i <= arrays[k].count else {
                throw Thrown(value: .str("BoundsError"))
            }
            arrays[k][i - 1] = a[1]
            return a[0]
        case ("lastindex", 1): return .int(try elements(a[0]).count)
        case ("firstindex", 1): _ = try elements(a[0]); return .int(1)
        case ("push!", 2): if case .array(let k) = a[0] { arrays[k].append(a[1]) }; return a[0]
        case ("length", 1): return .int(try elements(a[0]).count)
        case ("sum", 1): return .int(try elements(a[0]).reduce(0) { $0 &+ (try int($1)) })
        case ("Core.broadcast_setindex!", 3): return try broadcastSetindex(a[0], a[1], a[2])
        case ("broadcast", 3): return try broadcast(a[0], a[1], a[2])
        case ("getindex", 2) where (try? elements(a[1])) != nil:
            return newArray(try elements(a[1]).map { try builtin("getindex", [a[0], $0]) })
        case ("getindex", 2):
            let items = try elements(a[0]), i = try int(a[1])
            guard i >= 1 && i <= items.count else { throw Thrown(value: .str("BoundsError")) }
            return items[i - 1]
        case ("iterate", 1), ("iterate", 2):
            let items = try elements(a[0]), i = a.count == 2 ? try int(a[1]) : 1
            return i <= items.count ? .tuple([items[i - 1], .int(i + 1)]) : .nothing
        case ("getfield", 2):
            guard case .named(let ks, let vs) = a[0], case .sym(let k) = a[1], let i = ks.firstIndex(of: k) else {
                throw Thrown(value: .str("getfield"))
            }
            return vs[i]
        case ("Core.kwrest", _):
            guard case .named(let ks, let vs) = a[0] else { throw Thrown(value: .str("Core.kwrest")) }
            let kept = zip(ks, vs).filter { !a.dropFirst().contains(.sym($0.0)) }
            return .named(kept.map { $0.0 }, kept.map { $0.1 })
        case ("Core.check_kwnames", _) where a.count >= 4:
            guard case .named(let ks, _) = a[1], case .tuple(let allowed) = a[2] else { return .nothing }
            if let k = ks.first(where: { !allowed.contains(.sym($0)) }) { throw Thrown(value: .str("MethodError: keyword \(k)")) }
            return .nothing
        case ("Core.haskw", 2):
            if case .named(let ks, _) = a[0], case .sym(let k) = a[1] { return .bool(ks.contains(k)) }
            return .bool(false)
        case ("Core.box", _): boxes.append(a.first); return .box(boxes.count - 1)
        case ("Core.getbox", 2):
            guard case .box(let k) = a[0], let v = boxes[k] else { throw Thrown(value: .str("UndefVarError: \(a[1])")) }
            return v
        case ("Core.setbox!", 2): if case .box(let k) = a[0] { boxes[k] = a[1] }; return a[1]
        case ("Core.undefvar", 1): throw Thrown(value: .str("UndefVarError: \(a[0])"))
        case ("Core.throw_undefkw", 1): throw Thrown(value: .str("UndefKeywordError: \(a[0])"))
        case ("Core.show_expr", 2):
            if case .str(let t) = a[0] { output += "\(t) = \(a[1])\n" }
            return a[1]
        case ("error", 1), ("throw", 1), ("Core.rethrow", 1): throw Thrown(value: a[0])
        case ("AssertionError", 1): return .str("AssertionError: \(a[0])")
        default: throw Thrown(value: .str("UndefVarError: \(name)"))
        }
    }

    /// Reads or writes a field of a record made by `Core.namedtuple`.
    func property(_ a: [V]) throws -> V {
        guard case .array(let k) = a[0], let i = arrays[k].firstIndex(of: a[1]), i + 1 < arrays[k].count else {
            throw Thrown(value: .str("no field \(a[1])"))
        }
        if a.count == 3 { arrays[k][i + 1] = a[2] }
        return arrays[k][i + 1]
    }

    /// `x[I] .= v` for integer or vector indices `I`.
    func broadcastSetindex(_ x: V, _ v: V, _ index: V) throws -> V {
        let indices = (try? elements(index)) ?? [index]
        let values = (try? elements(v)) ?? Array(repeating: v, count: indices.count)
        guard values.count == indices.count else { throw Thrown(value: .str("DimensionMismatch")) }
        for (i, value) in zip(indices, values) { _ = try builtin("setindex!", [x, value, i]) }
        return v
    }

    /// `broadcast(f, a, b)` over vectors and scalars.
    func broadcast(_ f: V, _ a: V, _ b: V) throws -> V {
        let xs = try? elements(a), ys = try? elements(b)
        guard xs != nil || ys != nil else { return try apply(f, [a, b], keywords: nil) }
        let n = xs?.count ?? ys?.count ?? 0
        var out: [V] = []
        for k in 0..<n { out.append(try apply(f, [xs?[k] ?? a, ys?[k] ?? b], keywords: nil)) }
        return newArray(out)
    }

    func newArray(_ items: [V]) -> V {
        arrays.append(items)
        return .array(arrays.count - 1)
    }

    func elements(_ v: V) throws -> [V] {
        switch v {
        case .tuple(let vs): return vs
        case .array(let k): return arrays[k]
        default: throw Thrown(value: .str("not iterable: \(v)"))
        }
    }
}
