import Zy

/// Gradients of structure reads: a one-hot tuple, named tuple, array or
/// dict with the sensitivity where the read happened.
extension ADRuntime {
    /// `g[i]` of a gradient (`nothing` stays `nothing`): read after every
    /// recorded pullback, so called directly by the interpreter.
    /// Also the reverse of a read's one-hot gradient under nesting, so it
    /// takes every key a read records: `nt[:name]`, `A[i, j]` (the key is
    /// the tuple `(i, j)`), `x[a:b]`.
    static func gradientAt(_ g: Value, _ index: Value) -> Value {
        switch (g, index) {
        case (.tuple(let xs), .int(let i)): return i >= 1 && i <= xs.count ? xs[i - 1] : .nothing
        case (.namedTuple(let nt), .int(let i)): return i >= 1 && i <= nt.values.count ? nt.values[i - 1] : .nothing
        case (.array(let arr), .int(let i)): return i >= 1 && i <= arr.count ? ADRuntime.element(arr, i - 1) : .nothing
        case (.namedTuple(let nt), .symbol(let s)): return nt.names.firstIndex(of: s).map { nt.values[$0] } ?? .nothing
        case (_, .int(1)) where g.isNumber: return g  // x[1] of a number x (nested)
        case (.array(let arr), .tuple(let ks)):
            // column-major linear index of A[i, j, …]
            var linear = 0, stride = 1
            for (d, k) in ks.enumerated() {
                guard case .int(let i) = k, d < arr.dims.count || i == 1 else { return .nothing }
                let n = d < arr.dims.count ? arr.dims[d] : 1
                guard i >= 1, i <= n else { return .nothing }
                linear += (i - 1) * stride
                stride *= n
            }
            return linear < arr.count ? ADRuntime.element(arr, linear) : .nothing
        case (.array(let arr), .range(let r)):
            guard r.step != 0 else { return .nothing }
            let ks = Array(stride(from: r.start, through: r.stop, by: r.step))
            guard ks.allSatisfy({ $0 >= 1 && $0 <= arr.count }) else { return .nothing }
            return ADRuntime.array(ks.map { ADRuntime.element(arr, $0 - 1) }, dims: [ks.count])
        default: return .nothing
        }
    }

    private static let gradientAtIntrinsic: Bool = {
        Interpreter.registerIntrinsic(Helper.gradientAt, arity: 2) { g, i, _ in gradientAt(g, i) }
        Interpreter.registerIntrinsic(Helper.snapshot, arity: 1) { x, _, _ in snapshot(x) }
        return true
    }()

    /// `Helper.snapshot`: the storage is shared until either side writes.
    /// A record stack (a tape under nesting) is only appended to, and its
    /// readers name a position: it is its own snapshot.
    static func snapshot(_ x: Value) -> Value {
        guard case .array(let a) = x, !RecordOps.isStack(a) else { return x }
        let c = ArrayValue(storage: a.storage, elementType: a.elementType, dims: a.dims)
        c.isAdjointRow = a.isAdjointRow
        return .array(c)
    }

    func installStructuralHelpers() {
        let g = globals
        g.defineBuiltin(Helper.snapshot, [.any]) { _, a, _ in ADRuntime.snapshot(a[0]) }
        g.defineBuiltin(Helper.fieldGradient, [.any, .any, .any]) { [self] _, a, _ in
            guard case .symbol(let name) = a[1] else { return .nothing }
            if case .nothing = a[2] { return .nothing }
            // g.name of a gradient that is `nothing` (none flowed): a constant.
            if case .nothing = a[0] { return .nothing }
            return try fieldGradient(a[0], name, a[2])
        }
        g.defineBuiltin(Helper.indexGradient, [.any, .any, .any]) { [self] _, a, _ in
            if case .nothing = a[1] { return .nothing }
            // g[i] of a gradient that is `nothing` (none flowed): a constant.
            if case .nothing = a[0] { return .nothing }
            return try indexGradient(a[0], a[1], a[2])
        }
        _ = ADRuntime.gradientAtIntrinsic
        g.defineBuiltin(Helper.gradientAt, [.any, .any]) { _, a, _ in ADRuntime.gradientAt(a[0], a[1]) }
        g["__ad_at"] = g[Helper.gradientAt]
        g.defineBuiltin(Helper.iterateGradient, [.any, .any, .any]) { [self] _, a, _ in
            guard case .tuple(let ḡ) = a[1], let item̄ = ḡ.first, case .tuple(let y) = a[2], y.count == 2 else {
                return .nothing
            }
            if case .nothing = item̄ { return .nothing }
            switch (a[0], y[1]) {
            case (.array, .int(let next)), (.tuple, .int(let next)):
                return try indexGradient(a[0], item̄, .int(next - 1))
            case (.range, _):
                return .nothing
            case (.dict, _):
                // The item is `k => v`: v̄ goes to the shadow of d[k].
                guard case .pair(let k, _) = y[0] else { return .nothing }
                let v̄ = try call(Helper.gradientField, [item̄, .symbol(.named("second"))])
                if case .nothing = v̄ { return .nothing }
                try shadows.add(a[0], k, v̄, accum: accum)
                return .nothing
            default:
                throw Exceptions.error("cannot differentiate iteration over \(Show.repr(a[0])) yet")
            }
        }
        g.defineBuiltin(Helper.unzipGradient, [.any, .any, .any]) { _, a, _ in
            guard case .array(let ȳ) = a[0], case .int(let k) = a[2] else { return .nothing }
            let parts = (0..<ȳ.count).map { i -> Value in
                if case .tuple(let t) = ADRuntime.element(ȳ, i), k - 1 < t.count { return t[k - 1] }
                return .nothing
            }
            if parts.allSatisfy({ if case .nothing = $0 { return true } else { return false } }) { return .nothing }
            switch a[1] {
            case .tuple: return .tuple(parts)
            case .array(let xs):
                return ADRuntime.gradientArray(parts, dims: xs.dims) { ADRuntime.element(xs, $0).isNumber }
            default: return .nothing
            }
        }
        g.defineBuiltin(Helper.unsplat, [.any, .any], varargs: true) { [self] _, a, _ in
            guard a.count >= 2, case .tuple(let gs) = a[0], case .string(let pattern) = a[1] else { return .nothing }
            var out: [Value] = [gs.first ?? .nothing]
            var i = 1
            for (kind, v) in zip(pattern, a.dropFirst(2)) {
                if kind == "p" {
                    out.append(i < gs.count ? gs[i] : .nothing)
                    i += 1
                    continue
                }
                guard case .int(let n) = try call("length", [v]) else { return .nothing }
                let part = (i..<(i + n)).map { $0 < gs.count ? gs[$0] : .nothing }
                i += n
                if part.allSatisfy({ if case .nothing = $0 { return true } else { return false } }) {
                    out.append(.nothing)
                } else if case .array(let arr) = v {
                    out.append(ADRuntime.gradientArray(part, dims: arr.dims) { ADRuntime.element(arr, $0).isNumber })
                } else {
                    out.append(.tuple(part))
                }
            }
            return .tuple(out)
        }
        // (a third argument, a keyword function's keywords' gradient, goes last)
        g.defineBuiltin(Helper.spread, [.any, .any], varargs: true) { _, a, _ in
            guard case .tuple(var gs) = a[0], case .tuple(let xs) = a[1], let last = gs.popLast() else { return a[0] }
            let kw̄ = Array(a.dropFirst(2).prefix(1))
            switch last {
            case .tuple(let parts) where parts.count == xs.count: return .tuple(gs + parts + kw̄)
            default: return .tuple(gs + Array(repeating: .nothing, count: xs.count) + kw̄)
            }
        }
        g.defineBuiltin(Helper.reverse, [.any]) { [self] _, a, _ in
            if case .nothing = a[0] { return .nothing }
            return try call("reverse", [a[0]])
        }
        g.defineBuiltin(Helper.fill, [.any, .any]) { [self] _, a, _ in
            if case .nothing = a[1] { return .nothing }
            switch a[0] {
            case .array(let x): return ADRuntime.array(Array(repeating: a[1], count: x.count), dims: x.dims)
            case .tuple(let xs): return .tuple(Array(repeating: a[1], count: xs.count))
            // sum of a number is the number
            case .int, .float, .rational, .complex, .bool: return a[1]
            // a zero gradient summed (nested AD): its sensitivity goes nowhere
            case .nothing: return .nothing
            // a range's gradient is an array (Zygote's Fill)
            case .range:
                guard case .int(let n) = try call("length", [a[0]]) else { return .nothing }
                return ADRuntime.array(Array(repeating: a[1], count: max(n, 0)), dims: [max(n, 0)])
            default: throw Exceptions.error("cannot differentiate sum of \(Show.repr(a[0]))")
            }
        }
        g.defineBuiltin("__ad_tail", [.any]) { _, a, _ in
            if case .tuple(let xs) = a[0] { return .tuple(Array(xs.dropFirst())) }
            return .nothing
        }
        g.defineBuiltin(Helper.gradientField, [.any, .any]) { _, a, _ in
            guard case .namedTuple(let nt) = a[0], case .symbol(let s) = a[1],
                  let i = nt.names.firstIndex(of: s) else { return .nothing }
            return nt.values[i]
        }
        g.defineBuiltin("__ad_self_nothing", [.any]) { _, a, _ in
            switch a[0] {
            case .nothing: return .nothing
            case .tuple(let xs): return .tuple([.nothing] + xs)
            default:
                throw Exceptions.error("a custom @adjoint pullback must return a tuple of gradients, one per argument; got \(Show.repr(a[0]))")
            }
        }
        g.defineBuiltin(Helper.noGradient, [.any, .any]) { _, a, _ in
            if case .nothing = a[1] { return .nothing }
            // Float64(x), Int(x) convert: the gradient passes through (Zygote's
            // `(T::Type{<:Real})(x::Real)` rule)
            if case .type = a[0], ["Float64", "Int64"].contains(Show.string(a[0])) { return .tuple([.nothing, a[1]]) }
            let name = Show.string(a[0])
            if ADRuntime.isInternalName(name) { throw Exceptions.error(ADRuntime.noRuleMessage(a[0], [])) }
            throw Exceptions.error("no derivative rule for `\(name)`: cannot differentiate it")
        }
    }

    func fieldGradient(_ object: Value, _ name: Symbol, _ ȳ: Value) throws -> Value {
        let names: [Symbol]
        switch object {
        case .structValue(let s): names = s.type.fieldNames
        case .namedTuple(let nt): names = nt.names
        case .closure(let c): names = c.body.captureNames.map { Symbol.named($0) }
        // p.first / p.second of a Pair: its gradient is (first = …, second = …)
        case .pair where name == .named("first") || name == .named("second"):
            names = [.named("first"), .named("second")]
        default:
            throw Exceptions.error("cannot differentiate field access .\(name.name) of \(Show.repr(object))")
        }
        return .namedTuple(NamedTupleValue(names: names, values: names.map { $0 == name ? ȳ : .nothing }))
    }

    func indexGradient(_ object: Value, _ ȳ: Value, _ index: Value) throws -> Value {
        switch (object, index) {
        case (.tuple(let xs), .int(let i)):
            return .tuple(xs.indices.map { $0 == i - 1 ? ȳ : .nothing })
        case (.tuple(let xs), .array), (.tuple(let xs), .range):
            // t[[i, j…]] is a tuple: its parts' gradients go back to their places
            guard case .tuple(let parts) = ȳ, case .array(let ks) = try call("collect", [index]) else { return .nothing }
            var out = [Value](repeating: .nothing, count: xs.count)
            for (n, part) in parts.enumerated() where n < ks.count {
                guard case .int(let k) = ADRuntime.element(ks, n), k >= 1, k <= xs.count else { continue }
                out[k - 1] = try accum(out[k - 1], part)
            }
            return .tuple(out)
        case (.namedTuple(let nt), .symbol(let s)):
            return .namedTuple(NamedTupleValue(names: nt.names, values: nt.names.map { $0 == s ? ȳ : .nothing }))
        case (.namedTuple(let nt), .int(let i)):
            return .namedTuple(NamedTupleValue(names: nt.names, values: nt.values.indices.map { $0 == i - 1 ? ȳ : .nothing }))
        case (.array(let a), _):
            let z: ArrayValue
            switch a.storage {
            case .float(let xs): z = ArrayValue(storage: .float(Array(repeating: 0, count: xs.count)), elementType: a.elementType, dims: a.dims)
            case .values(let xs):
                // Zygote's `_zero`: numbers' zeros in ȳ's kind, else nothing
                let zero = try ȳ.isNumber ? call("zero", [ȳ]) : nil
                z = ArrayValue(storage: .values(try xs.map { x in
                    guard x.isNumber else { return .nothing }
                    return try zero ?? call("zero", [x])
                }), elementType: .any, dims: a.dims)
            }
            if case .tuple(let ks) = index {
                _ = try call("setindex!", [.array(z), ȳ] + ks)
            } else {
                _ = try call("setindex!", [.array(z), ȳ, index])
            }
            return z.isFloat ? .array(z) : ADRuntime.array(ADRuntime.elements(z), dims: z.dims)
        case (.dict, _):
            return try call("Dict", [.pair(index, ȳ)])
        case (_, .int(1)) where object.isNumber:
            // a number is its own only entry (`(u' * M * u)[1]`), as in Zygote
            return ȳ
        case (.pair, .int(let i)) where i == 1 || i == 2:
            // destructuring `(k, v)` of a Pair: its gradient is (first, second)
            return .namedTuple(NamedTupleValue(names: [.named("first"), .named("second")],
                                               values: i == 1 ? [ȳ, .nothing] : [.nothing, ȳ]))
        default:
            throw Exceptions.error("cannot differentiate indexing into \(Show.repr(object))")
        }
    }
}

/// Reads and writes of mutable objects go through their shadows.
extension ADRuntime {
    func installShadowHelpers() {
        let g = globals
        // Dict(k => v, …): each value's gradient is what its slot's shadow holds.
        g.defineBuiltin("__ad_dict_grads", [.any, .any]) { [self] _, a, _ in
            guard case .tuple(let pairs) = a[1] else { return .nothing }
            let grads = pairs.map { p -> Value in
                guard case .pair(let k, _) = p else { return .nothing }
                let v = shadows.take(a[0], k)
                if case .nothing = v { return .nothing }
                return .namedTuple(NamedTupleValue(names: [.named("first"), .named("second")], values: [.nothing, v]))
            }
            return .tuple([.nothing] + grads)
        }
        // A mutable struct's constructor: each field's gradient is its slot's
        // shadow (where reads added), plus the ordinary gradient's field.
        g.defineBuiltin("__ad_mutable_fields", [.any, .any, .any]) { [self] _, a, _ in
            guard case .structValue(let m) = a[0] else { return .nothing }
            let grads = try m.type.fieldNames.map { name -> Value in
                let slot = shadows.take(a[0], .symbol(name))
                guard case .namedTuple(let nt) = a[1], let k = nt.names.firstIndex(of: name) else { return slot }
                return try accum(slot, nt.values[k])
            }
            return .tuple([.nothing] + grads)
        }
        g.defineBuiltin(Helper.fieldRead, [.any, .any, .any]) { [self] _, a, _ in
            guard case .symbol(let name) = a[1] else { return .nothing }
            if case .nothing = a[2] { return .nothing }
            if Shadows.identity(a[0]) != nil {
                try shadows.add(a[0], a[1], a[2], accum: accum)
                return .nothing
            }
            return try fieldGradient(a[0], name, a[2])
        }
        g.defineBuiltin(Helper.indexRead, [.any, .any, .any]) { [self] _, a, _ in
            if case .nothing = a[1] { return .nothing }
            switch a[0] {
            case .dict, .box, .structValue:
                try shadows.add(a[0], a[2], a[1], accum: accum)
                return .nothing
            case .array where shadows.isTracked(a[0]):
                return try call(MutationRules.read, [a[0], a[1], a[2]])
            default:
                return try indexGradient(a[0], a[1], a[2])
            }
        }
        g.defineBuiltin(Helper.tapeAdd, [.any, .any, .any, .any]) { [self] _, a, _ in
            guard case .int(let c) = a[1], case .int(let k) = a[2] else { return .nothing }
            try shadows.add(a[0], .int(c &- k), a[3], accum: accum)
            return .nothing
        }
        g.defineBuiltin(Helper.tapeTake, [.any, .any]) { [self] _, a, _ in shadows.take(a[0], a[1]) }
        g.defineBuiltin(Helper.reduction, [.any, .any, .any]) { [self] _, a, _ in
            guard case .symbol(let kind) = a[0] else { return .nothing }
            if case .nothing = a[2] { return .nothing }
            let xs: [Value]
            switch a[1] {
            case .array(let arr): xs = (0..<arr.count).map { ADRuntime.element(arr, $0) }
            case .tuple(let t): xs = t
            default: throw Exceptions.error("cannot differentiate \(kind.name) of \(Show.repr(a[1]))")
            }
            var grads: [Value] = []
            if kind.name == "prod" {
                for i in xs.indices {
                    var p: Value = a[2]
                    for (j, x) in xs.enumerated() where j != i { p = try call("*", [p, x]) }
                    grads.append(p)
                }
            } else {
                var best = 0
                for i in xs.indices.dropFirst() where truth(try call(kind.name == "max" ? ">" : "<", [xs[i], xs[best]])) { best = i }
                grads = try xs.indices.map { $0 == best ? a[2] : try call("zero", [a[2]]) }
            }
            if case .array(let arr) = a[1] { return ADRuntime.array(grads, dims: arr.dims) }
            return .tuple(grads)
        }
        g.defineBuiltin(Helper.pick, [.any, .any]) { [self] _, a, _ in
            if case .nothing = a[1] { return .nothing }
            if case .bool(true) = a[0] { return a[1] }
            return try call("zero", [a[1]])
        }
        g.defineBuiltin(Helper.step, [.any]) { [self] _, a, _ in
            let positive = try call(">", [a[0], .int(0)])
            return try call(truth(positive) ? "one" : "zero", [a[0]])
        }
        g.defineBuiltin(Helper.collect, [.any, .any]) { [self] _, a, _ in
            guard case .array(let ȳ) = a[1] else { return .nothing }
            try shadows.collect(a[0], a[1], count: ȳ.count, element: { ADRuntime.element(ȳ, $0) }, accum: accum)
            return .nothing
        }
        g.defineBuiltin(Helper.pop, [.any, .any]) { [self] _, a, _ in
            if let g = shadows.pop(a[0]) { return g }
            switch a[1] {
            case .int, .float, .rational, .complex:
                throw Exceptions.error("differentiating push! of a number into an array is supported in comprehensions only, not yet here")
            default:
                return .nothing
            }
        }
        g.defineBuiltin(Helper.take, [.any, .any]) { [self] _, a, _ in
            if case .array = a[0] {
                guard shadows.isTracked(a[0]) else {
                    throw Exceptions.error("cannot differentiate this write: the array is not tracked here")
                }
                return try call(MutationRules.write, [a[0], .nothing, a[1]])
            }
            return shadows.take(a[0], a[1])
        }
        g.defineBuiltin(Helper.sumGradient, [.any]) { [self] _, a, _ in
            switch a[0] {
            case .nothing: return .nothing
            case .tuple(let xs):
                // a tuple's gradient has `nothing` where none flowed
                return try xs.reduce(.nothing) { try accum($0, $1) }
            case .array(let arr):
                guard case .values(let xs) = arr.storage else { return try call("sum", [a[0]]) }
                return try xs.reduce(.nothing) { try accum($0, $1) }
            default: return try call("sum", [a[0]])
            }
        }
        g.defineBuiltin(Helper.track, [.any]) { [self] _, a, _ in
            shadows.track(a[0])
            return .nothing
        }
        g.defineBuiltin(Helper.deposit, [.any, .any]) { [self] _, a, _ in
            guard case .array(let g) = a[1] else { return .nothing }
            for i in 0..<g.count {
                try shadows.add(a[0], .int(i + 1), ADRuntime.element(g, i), accum: accum)
            }
            return .nothing
        }
        g.defineBuiltin(Helper.depositUnless, [.any, .any, .any]) { [self] _, a, _ in
            if case .bool(true) = a[0] { return .nothing }
            guard case .array(let g) = a[2] else { return .nothing }
            for i in 0..<g.count { try shadows.add(a[1], .int(i + 1), ADRuntime.element(g, i), accum: accum) }
            return .nothing
        }
        g.defineBuiltin(Helper.drain, [.any]) { [self] _, a, _ in
            guard case .array(let arr) = a[0] else { return .nothing }
            let parts = (0..<arr.count).map { shadows.take(a[0], .int($0 + 1)) }
            return ADRuntime.gradientArray(parts, dims: arr.dims) { ADRuntime.element(arr, $0).isNumber }
        }
    }

    /// The gradient of a mutable argument: what its shadow holds after the
    /// backward pass (a Dict for a Dict, a NamedTuple for a mutable struct).
    func shadowGradient(_ object: Value, _ table: [ObjectIdentifier: Shadows.Entry]) throws -> Value? {
        guard let id = Shadows.identity(object), let e = table[id], !e.slots.isEmpty else { return nil }
        switch object {
        case .dict(let d):
            // keys in the Dict's own order, as Julia prints a Dict with the
            // same keys in the same order
            let rank = Dictionary(d.keys.enumerated().map { (Shadows.slotName($0.element), $0.offset) }, uniquingKeysWith: { a, _ in a })
            let names = e.keys.enumerated().sorted { (rank[$0.element] ?? Int.max, $0.offset) < (rank[$1.element] ?? Int.max, $1.offset) }
            let pairs = names.compactMap { e.slots[$0.element] }.map { Value.pair($0.key, $0.gradient) }
            return try call("Dict", pairs)
        case .structValue(let s):
            let values = s.type.fieldNames.map { e.slots[Shadows.slotName(.symbol($0))]?.gradient ?? .nothing }
            return .namedTuple(NamedTupleValue(names: s.type.fieldNames, values: values))
        default:
            return nil
        }
    }
}

extension ADRuntime {
    /// The 1-based linear index of `i` (an Int, or a tuple of Ints) in `a`.
    func linearIndex(_ a: ArrayValue, _ i: Value) throws -> Int {
        switch i {
        case .int(let k): return k
        case .tuple(let ks):
            var index = 0, stride = 1
            for (d, k) in ks.enumerated() {
                guard case .int(let kk) = k else { break }
                index += (kk - 1) * stride
                stride *= d < a.dims.count ? a.dims[d] : 1
            }
            return index + 1
        default:
            throw Exceptions.error("cannot differentiate indexing of an array with \(Show.repr(i))")
        }
    }
}
