/// Arithmetic, division, powers, comparisons and logic on numbers.
/// Operators are registered by their names (`+`, `<`, …) so the
/// interpreter's fast path can recognise them.
enum NumberBuiltins {
    static func install(into globals: Globals) {
        let r = ScalarRegistrar(globals: globals)
        installArithmetic(r)
        installDivision(r)
        installComparison(r)
        installLogic(r)
    }

    static func installArithmetic(_ r: ScalarRegistrar) {
        let ops: [(String, ScalarArithmetic.Op)] = [("+", .add), ("-", .sub), ("*", .mul), ("/", .div)]
        for (name, op) in ops {
            r.def(name, [.number, .number]) { a in try ScalarArithmetic.apply(op, a[0], a[1]) }
        }
        r.def("\\", [.number, .number]) { a in try ScalarArithmetic.apply(.div, a[1], a[0]) }
        r.def("-", [.number]) { a in try ScalarArithmetic.negate(a[0]) }
        r.def("+", [.number]) { a in a[0] }
        r.def("*", [.number]) { a in a[0] }
        r.foldingVarargs("+")
        r.foldingVarargs("*")
        r.def("^", [.number, .number]) { a in try ScalarDivision.power(a[0], a[1]) }
        r.def("//", [.number, .number]) { a in try rationalDivide(a[0], a[1]) }
    }

    /// `a // b`: exact for integers and rationals; complex parts divide separately.
    static func rationalDivide(_ a: Value, _ b: Value) throws -> Value? {
        switch NumericValue.promote(a, b) {
        case .ints(let x, let y)?: return try Rationals.make(x, y)
        case .rationals(let n, let d, let m, let e)?: return try Rationals.quotient((n, d), (m, e))
        default: return nil
        }
    }

    static func installDivision(_ r: ScalarRegistrar) {
        let kinds: [(String, ScalarDivision.Kind)] = [
            ("div", .div), ("÷", .div), ("rem", .rem), ("%", .rem), ("mod", .mod), ("fld", .fld), ("cld", .cld),
        ]
        for (name, kind) in kinds {
            r.def(name, [.real, .real]) { a in try ScalarDivision.apply(kind, a[0], a[1]) }
        }
        r.def("divrem", [.real, .real]) { a in
            guard let q = try ScalarDivision.apply(.div, a[0], a[1]),
                  let m = try ScalarDivision.apply(.rem, a[0], a[1]) else { return nil }
            return .tuple([q, m])
        }
        r.def("gcd", [.integer, .integer]) { a in
            guard let x = a[0].intValue, let y = a[1].intValue else { return nil }
            return .int(Rationals.gcd(x, y))
        }
        r.def("lcm", [.integer, .integer]) { a in
            guard let x = a[0].intValue, let y = a[1].intValue else { return nil }
            if x == 0 || y == 0 { return .int(0) }
            let l = try Rationals.mul(x / Rationals.gcd(x, y), y)
            guard l != Int.min else { throw Rationals.overflow("*", x, y) }
            return .int(Swift.abs(l))
        }
        r.foldingVarargs("gcd")
        r.foldingVarargs("lcm")
    }

    static func installComparison(_ r: ScalarRegistrar) {
        let eq = r.function("==")
        r.full("==", [.any, .any]) { ctx, a, _ in
            .bool(try ScalarEquality.equal(a[0], a[1], numbers: ScalarComparison.numberEqual) { x, y in
                try ScalarRegistrar.truth(ctx, eq, x, y)
            })
        }
        let isequal = r.function("isequal")
        r.full("isequal", [.any, .any]) { ctx, a, _ in
            .bool(try ScalarEquality.equal(a[0], a[1], numbers: ScalarComparison.numberIsEqual, element: { x, y in
                try ScalarRegistrar.truth(ctx, isequal, x, y)
            }, other: { x, y in try ScalarRegistrar.truth(ctx, eq, x, y) }))
        }
        for name in ["!=", "≠"] {
            r.full(name, [.any, .any]) { ctx, a, _ in .bool(!(try ScalarRegistrar.truth(ctx, eq, a[0], a[1]))) }
        }
        let isless = r.function("isless")
        r.full("isless", [.any, .any]) { ctx, a, _ in
            try ScalarEquality.isLess(a[0], a[1]) { x, y in try ScalarRegistrar.truth(ctx, isless, x, y) }.map { .bool($0) }
        }
        r.full("cmp", [.any, .any]) { ctx, a, _ in
            if try ScalarRegistrar.truth(ctx, isless, a[0], a[1]) { return .int(-1) }
            return .int(try ScalarRegistrar.truth(ctx, isless, a[1], a[0]) ? 1 : 0)
        }
        installOrdering(r, isless: isless, eq: eq)
        installApprox(r)
    }

    /// `<` is IEEE on reals and `isless` on everything else, as in Julia.
    static func installOrdering(_ r: ScalarRegistrar, isless: Value, eq: Value) {
        let lt = r.function("<")
        r.def("<", [.real, .real]) { a in .bool(ScalarComparison.order(a[0], a[1]) == -1) }
        r.full("<", [.any, .any]) { ctx, a, _ in .bool(try ScalarRegistrar.truth(ctx, isless, a[0], a[1])) }
        r.def("<=", [.real, .real]) { a in .bool((ScalarComparison.order(a[0], a[1]) ?? 1) <= 0) }
        r.full("<=", [.any, .any]) { ctx, a, _ in
            .bool(try ScalarRegistrar.truth(ctx, lt, a[0], a[1]) || ScalarRegistrar.truth(ctx, eq, a[0], a[1]))
        }
        let le = r.function("<=")
        r.full("≤", [.any, .any]) { ctx, a, _ in .bool(try ScalarRegistrar.truth(ctx, le, a[0], a[1])) }
        r.full(">", [.any, .any]) { ctx, a, _ in .bool(try ScalarRegistrar.truth(ctx, lt, a[1], a[0])) }
        for name in [">=", "≥"] {
            r.full(name, [.any, .any]) { ctx, a, _ in .bool(try ScalarRegistrar.truth(ctx, le, a[1], a[0])) }
        }
    }

    static let approxKeywords = BuiltinKeywords.named("rtol", "atol")

    static func installApprox(_ r: ScalarRegistrar) {
        let body: ScalarRegistrar.FullBody = { _, a, kw in
            var rtol: Double? = nil, atol = 0.0
            for (k, v) in kw {
                if k.name == "rtol" { rtol = NumericValue.double(v) }
                if k.name == "atol" { atol = NumericValue.double(v) ?? 0 }
            }
            return try approx(a[0], a[1], rtol: rtol, atol: atol).map { .bool($0) }
        }
        r.full("isapprox", [.any, .any], keywords: approxKeywords, body)
        r.full("≈", [.any, .any], keywords: approxKeywords, body)
        r.full("≉", [.any, .any], keywords: approxKeywords) { c, a, kw in
            guard case .bool(let t)? = try body(c, a, kw) else { return nil }
            return .bool(!t)
        }
    }

    /// Numbers directly; arrays and tuples by Julia's norm criterion.
    static func approx(_ a: Value, _ b: Value, rtol: Double?, atol: Double) throws -> Bool? {
        if let s = ScalarComparison.isApprox(a, b, rtol: rtol, atol: atol) { return s }
        var xs: [Value] = [], ys: [Value] = []
        switch (a, b) {
        case (.tuple(let p), .tuple(let q)):
            guard p.count == q.count else { return false }
            for (x, y) in zip(p, q) where try approx(x, y, rtol: rtol, atol: atol) != true { return false }
            return true
        default:
            guard let (p, dp) = ScalarEquality.flat(a), let (q, dq) = ScalarEquality.flat(b) else { return nil }
            guard dp == dq else { return false }
            xs = p
            ys = q
        }
        var diff = 0.0, nx = 0.0, ny = 0.0
        for (x, y) in zip(xs, ys) {
            let cx = ComplexMath.C(x), cy = ComplexMath.C(y)
            guard NumericValue.isNumber(x), NumericValue.isNumber(y) else { return nil }
            diff += pow2(cx.re - cy.re) + pow2(cx.im - cy.im)
            nx += pow2(cx.re) + pow2(cx.im)
            ny += pow2(cy.re) + pow2(cy.im)
        }
        let r = rtol ?? (atol > 0 ? 0 : 1.4901161193847656e-8)
        return diff.squareRoot() <= max(atol, r * max(nx.squareRoot(), ny.squareRoot()))
    }

    static func pow2(_ x: Double) -> Double { x * x }

    static func installLogic(_ r: ScalarRegistrar) {
        r.def("!", [.bool]) { a in
            guard case .bool(let b) = a[0] else { return nil }
            return .bool(!b)
        }
        let ops: [(String, (Int, Int) -> Int, (Bool, Bool) -> Bool)] = [
            ("&", { $0 & $1 }, { $0 && $1 }), ("|", { $0 | $1 }, { $0 || $1 }), ("xor", { $0 ^ $1 }, { $0 != $1 }),
            ("⊻", { $0 ^ $1 }, { $0 != $1 }),
        ]
        for (name, intOp, boolOp) in ops {
            r.def(name, [.integer, .integer]) { a in
                if case .bool(let x) = a[0], case .bool(let y) = a[1] { return .bool(boolOp(x, y)) }
                guard let x = a[0].intValue, let y = a[1].intValue else { return nil }
                return .int(intOp(x, y))
            }
        }
        r.def("~", [.integer]) { a in
            if case .bool(let b) = a[0] { return .bool(!b) }
            return a[0].intValue.map { .int(~$0) }
        }
        r.def("<<", [.integer, .integer]) { a in
            guard let x = a[0].intValue, let n = a[1].intValue else { return nil }
            return .int(n >= 64 || n <= -64 ? (n > 0 ? 0 : (x < 0 ? -1 : 0)) : (n >= 0 ? x << n : x >> -n))
        }
        r.def(">>", [.integer, .integer]) { a in
            guard let x = a[0].intValue, let n = a[1].intValue else { return nil }
            return .int(n >= 64 ? (x < 0 ? -1 : 0) : (n >= 0 ? x >> n : (n <= -64 ? 0 : x << -n)))
        }
    }
}
