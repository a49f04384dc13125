/// Ranges: `a:b` (`UnitRange`), `a:s:b` (`StepRange`), `range(...)`, and
/// the O(1) queries on them. Float ranges (`0:0.1:1`, `range(0, 1;
/// length = 5)`) are materialised as a `Vector{Float64}` holding exactly
/// the elements Julia's `StepRangeLen` produces (a documented deviation in
/// type and printing only).
enum RangeBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        g.defineBuiltin(":", [.int64, .int64]) { _, args, _ in
            guard case .int(let a) = args[0], case .int(let b) = args[1] else { throw S.methodError(g, ":", args) }
            return .range(RangeValue(start: a, step: 1, stop: b >= a ? b : a &- 1, isUnit: true))
        }
        g.defineBuiltin(":", [.int64, .int64, .int64]) { _, args, _ in
            guard case .int(let a) = args[0], case .int(let s) = args[1], case .int(let b) = args[2] else {
                throw S.methodError(g, ":", args)
            }
            return .range(try stepRange(a, s, b))
        }
        g.defineBuiltin(":", [.real, .real]) { _, args, _ in
            let xs = try floatRange(S.asDouble(args[0]), 1, S.asDouble(args[1]))
            return .array(S.floatArray(xs, dims: [xs.count]))
        }
        g.defineBuiltin(":", [.real, .real, .real]) { _, args, _ in
            let xs = try floatRange(S.asDouble(args[0]), S.asDouble(args[1]), S.asDouble(args[2]))
            return .array(S.floatArray(xs, dims: [xs.count]))
        }
        installRange(g)
        installQueries(g)
    }

    static func stepRange(_ a: Int, _ s: Int, _ b: Int) throws -> RangeValue {
        guard s != 0 else { throw Exceptions.argumentError("step cannot be zero") }
        let empty = s > 0 ? b < a : b > a
        if empty { return RangeValue(start: a, step: s, stop: a &- s, isUnit: false) }
        let (span, overflow) = b.subtractingReportingOverflow(a)
        let (q, o2) = span.dividedReportingOverflow(by: s)
        let last = overflow || o2 ? b : a &+ q &* s
        return RangeValue(start: a, step: s, stop: last, isUnit: false)
    }

    /// Julia's `rat`: a continued-fraction rational approximation with
    /// terms bounded by `maxintfloat(Float32)`.
    static func rat(_ x: Double) -> (Int, Int) {
        var y = x
        var a = 1, b = 0, c = 0, d = 1
        let m = 16777216.0
        while abs(y) <= m {
            let f = Int(y.rounded(.towardZero))
            y -= Double(f)
            (a, c) = (f &* a &+ c, a)
            (b, d) = (f &* b &+ d, b)
            if max(abs(a), abs(b)) > Int(m) { return (c, d) }
            if Double(a) / Double(b) == x { break }
            y = 1 / y
        }
        return (a, b)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }

    /// The elements of the float range `a:s:b`, as Julia computes them:
    /// through exact rationals when start, step and stop have short ones.
    static func floatRange(_ a: Double, _ s: Double, _ b: Double) throws -> [Double] {
        guard s != 0 else { throw Exceptions.argumentError("range step cannot be zero") }
        guard a.isFinite, s.isFinite, b.isFinite else { throw Exceptions.argumentError("range endpoints must be finite") }
        let (sn, sd) = rat(s), (an, ad) = rat(a), (bn, bd) = rat(b)
        if sd != 0, ad != 0, bd != 0, Double(sn) / Double(sd) == s, Double(an) / Double(ad) == a, Double(bn) / Double(bd) == b {
            let den = ad / gcd(ad, sd) &* sd
            let m = 9007199254740992.0
            if den != 0, abs(a * Double(den)) <= m, abs(s * Double(den)) <= m, den % ad == 0, den % sd == 0 {
                let start = Int((a * Double(den)).rounded()), step = Int((s * Double(den)).rounded())
                let num = den &* bn &- bd &* start &+ step &* bd
                let len = max(0, num / (step &* bd))
                let last = a + Double(len - 1) * s, next = a + Double(len) * s
                if between(a, last, b + s / 2), !between(a, next, b), len <= maxLength {
                    return (0..<len).map { Double(start &+ $0 &* step) / Double(den) }
                }
            }
        }
        let lf = (b - a) / s
        var len = 0
        if lf == 0 { len = 1 } else if lf > 0 {
            guard lf < Double(maxLength) else { throw tooLong() }
            len = Int(lf.rounded()) + 1
            let stop = a + Double(len - 1) * s
            if (a < b && b < stop) || (a > b && b > stop) { len -= 1 }
        }
        return (0..<len).map { a + Double($0) * s }
    }

    /// Float ranges are materialised, so their length is bounded.
    static let maxLength = 1 << 27

    static func tooLong() -> ZyException {
        Exceptions.argumentError("float range too long to materialise (more than \(maxLength) elements)")
    }

    private static func between(_ a: Double, _ x: Double, _ b: Double) -> Bool {
        (a <= x && x <= b) || (b <= x && x <= a)
    }

    /// `range(a, b; length = n)` for floats: Julia's `LinRange`-like
    /// interpolation computed exactly where endpoints are short rationals.
    static func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        if n <= 0 { return [] }
        if n == 1 { return [a] }
        let (an, ad) = rat(a), (bn, bd) = rat(b)
        if ad != 0, bd != 0, Double(an) / Double(ad) == a, Double(bn) / Double(bd) == b {
            let den = ad / gcd(ad, bd) &* bd
            let sN = Int((a * Double(den)).rounded()), eN = Int((b * Double(den)).rounded())
            let bound = 1 << 52
            if abs(sN) < bound / n, abs(eN) < bound / n, den < bound / n {
                let q = Double((n - 1) &* den)
                return (0..<n).map { k in Double(sN &* (n - 1 - k) &+ eN &* k) / q }
            }
        }
        return (0..<n).map { k in a + (b - a) * Double(k) / Double(n - 1) }
    }

    private static func installRange(_ g: Globals) {
        g.defineBuiltin("range", [.real, .real], keywords: .named("length", "step")) { _, args, kw in
            try range(start: args[0], stop: args[1], kw, g)
        }
        g.defineBuiltin("range", [.real, .real, .int64]) { _, args, _ in
            try range(start: args[0], stop: args[1], [(Symbol.named("length"), args[2])], g)
        }
        g.defineBuiltin("range", [.real], keywords: .named("stop", "length", "step")) { _, args, kw in
            try range(start: args[0], stop: S.keyword(kw, "stop"), kw, g)
        }
    }

    static func range(start: Value, stop: Value?, _ kw: [(Symbol, Value)], _ g: Globals) throws -> Value {
        let length = S.keyword(kw, "length"), step = S.keyword(kw, "step")
        switch (stop, length, step) {
        case (let e?, let n?, nil):
            let count = try S.int(n, g, "range")
            guard count >= 0 else { throw Exceptions.argumentError("length cannot be negative, got \(count)") }
            guard count <= maxLength else { throw tooLong() }
            return .array(S.floatArray(linspace(S.asDouble(start), S.asDouble(e), count), dims: [count]))
        case (let e?, nil, let s):
            let s = s ?? .int(1)
            if case .int(let a) = start, case .int(let b) = e, case .int(let st) = s {
                if st == 1, S.keyword(kw, "step") == nil { return .range(RangeValue(start: a, step: 1, stop: b >= a ? b : a &- 1, isUnit: true)) }
                return .range(try stepRange(a, st, b))
            }
            let xs = try floatRange(S.asDouble(start), S.asDouble(s), S.asDouble(e))
            return .array(S.floatArray(xs, dims: [xs.count]))
        case (nil, let n?, let s):
            let count = max(0, try S.int(n, g, "range"))
            if case .int(let a) = start, (s == nil || { if case .int = s! { return true } else { return false } }()) {
                let st: Int
                if case .int(let v)? = s { st = v } else { st = 1 }
                let stopValue = a &+ (count - 1) &* st
                return .range(RangeValue(start: a, step: st, stop: count > 0 ? stopValue : a &- st, isUnit: s == nil))
            }
            guard count <= maxLength else { throw tooLong() }
            let a = S.asDouble(start), st = s.map(S.asDouble) ?? 1
            return .array(S.floatArray((0..<count).map { a + Double($0) * st }, dims: [count]))
        default:
            throw Exceptions.argumentError("range: at least two of `length`, `stop`, `step` must be given")
        }
    }

    private static func installQueries(_ g: Globals) {
        let r = ZyType.abstractRange
        g.defineBuiltin("step", [r]) { _, args, _ in
            guard case .range(let x) = args[0] else { throw S.methodError(g, "step", args) }
            return .int(x.step)
        }
        g.defineBuiltin("first", [r]) { _, args, _ in
            guard case .range(let x) = args[0] else { throw S.methodError(g, "first", args) }
            guard S.rangeLength(x) > 0 else { throw Exceptions.boundsError(args[0], [.int(1)]) }
            return .int(x.start)
        }
        g.defineBuiltin("last", [r]) { _, args, _ in
            guard case .range(let x) = args[0] else { throw S.methodError(g, "last", args) }
            guard S.rangeLength(x) > 0 else { throw Exceptions.boundsError(args[0], [.int(0)]) }
            return .int(x.stop)
        }
        g.defineBuiltin("reverse", [r]) { _, args, _ in
            guard case .range(let x) = args[0] else { throw S.methodError(g, "reverse", args) }
            let n = S.rangeLength(x)
            if n == 0 { return .range(RangeValue(start: x.stop, step: -x.step, stop: x.stop &+ x.step, isUnit: false)) }
            return .range(RangeValue(start: x.stop, step: 0 &- x.step, stop: x.start, isUnit: false))
        }
    }
}
