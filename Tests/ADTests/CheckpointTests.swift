import Testing
@testable import Zy

/// `checkpointed(f, x…)` / `checkpoint`: `f(x…)` outside AD; under a
/// gradient nothing of f's forward pass is recorded and its pullback runs
/// f again. Values derived by hand and checked against `gradcheck`
/// (central finite differences) and against the same code without
/// checkpointing.
@Suite struct CheckpointTests {
    @Test(arguments: [
        // outside AD it is the call itself
        ("checkpointed((a, b) -> a * b + 1, 2.0, 3.0)", "7.0"),
        ("checkpoint === checkpointed", "true"),
        // d/dx x² sin x = 2x sin x + x² cos x
        ("gradient(x -> checkpointed(y -> y^2 * sin(y), x), 2.0)[1] ≈ 4sin(2.0) + 4cos(2.0)", "true"),
        // Int stays Int, Rational stays exact: d/dx (x⁴) = 4x³, d/dx (x² + 1) = 2x
        ("gradient(x -> checkpointed(y -> y^4, x), 2)", "(32,)"),
        ("gradient(x -> checkpoint(y -> y^2 + 1, x), 1//2)", "(1//1,)"),
        // the closure's captures get their gradient: d/dw (w·3²) = 9
        ("gradient(w -> checkpointed(x -> w * x^2, 3.0), 2.0)", "(9.0,)"),
        // multiple arguments: x y² → (y², 2xy); x y² z → (y² z, 2xyz, xy²)
        ("gradient((a, b) -> checkpointed((x, y) -> x * y^2, a, b), 2.0, 3.0)", "(9.0, 12.0)"),
        ("gradient((a, b, c) -> checkpointed((x, y, z) -> x * y^2 * z, a, b, c), 2.0, 3.0, 4.0)", "(36.0, 48.0, 18.0)"),
        ("gradient((a, b, c, d) -> checkpointed((p, q, r, s) -> p * q * r * s, a, b, c, d), 1.0, 2.0, 3.0, 4.0)",
         "(24.0, 12.0, 8.0, 6.0)"),
        ("gradient(a -> checkpointed((p, q, r, s, t) -> p + q * r + s * t, a, a, 2.0, a, 3.0), 1.0)", "(6.0,)"),
        // a loop inside: d/dx (x + x² + x³ + x⁴) at 2 = 49
        ("function pw(x); s = 0.0; for k in 1:4; s += x^k; end; s; end; gradient(x -> checkpoint(pw, x), 2.0)", "(49.0,)"),
        // gradients of the function itself, as for any call
        ("gradient(f -> checkpointed(f, 2.0), x -> x^3)", "(nothing,)"),
        ("struct L; W; b; end; lay(m, x) = m.W * x .+ m.b; m = L([1.0 2.0; 3.0 4.0], [0.5, -0.5]); "
            + "gradient(m -> sum(checkpointed(lay, m, [1.0, 2.0])), m) == gradient(m -> sum(lay(m, [1.0, 2.0])), m)", "true"),
        ("gradient(v -> checkpointed((a, b) -> sum(a .* b), v, v), [1.0, 2.0])", "([2.0, 4.0],)"),
        // checkpoints inside a checkpoint: d/dx x⁴ = 32
        ("gradient(x -> checkpointed(y -> checkpointed(z -> z^3, y) * y, x), 2.0)", "(32.0,)"),
        ("withgradient(x -> checkpointed(y -> y^2, x), 3.0)", "(val = 9.0, grad = (6.0,))"),
    ])
    func values(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    @Test(arguments: [
        "gradcheck(x -> checkpointed(y -> exp(sin(y)) * y, x), 0.7)",
        "gradcheck((a, b) -> checkpointed((x, y) -> x^2 * log(y) + y / x, a, b), 1.3, 2.1)",
        "gradcheck(v -> checkpointed(u -> sum(tanh.(u) .* u), v), [0.3, -1.2, 2.0])",
        """
        dense(W, b, x) = tanh.(W * x .+ b)
        function block(W, b, x)
            h = x
            for k in 1:3
                h = dense(W, b, h)
            end
            h
        end
        loss(W, b) = sum(checkpointed(block, W, b, [1.0, 2.0]) .^ 2)
        gradcheck(loss, [0.5 -0.2; 0.1 0.3], [0.1, -0.1])
        """,
    ])
    func finiteDifferences(_ source: String) {
        let run = ADRun(source)
        #expect(run.repr == "true", "\(run.errorText ?? "")")
    }

    @Test func sameGradientAsWithoutCheckpointing() {
        let run = ADRun("""
            dense(W, b, x) = tanh.(W * x .+ b)
            block(W, b, x) = dense(W, b, dense(W, b, x))
            x = [1.0, -2.0]
            plain(W, b) = sum(block(W, b, x) .^ 2)
            saving(W, b) = sum(checkpointed(block, W, b, x) .^ 2)
            W = [0.5 -0.2; 0.1 0.3]; b = [0.1, -0.1]
            (plain(W, b) == saving(W, b), gradient(plain, W, b) == gradient(saving, W, b))
            """)
        #expect(run.repr == "(true, true)", "\(run.errorText ?? "")")
    }

    /// Second and third order: the rule is Zy code, differentiated again.
    @Test(arguments: [
        // d²/dx² x³ = 6x
        ("gradient(a -> gradient(x -> checkpointed(y -> y^3, x), a)[1], 2.0)", "(12.0,)"),
        // ∂/∂x (x³ z) at z = x: 3x² · x → d/dx 3x³ = 9x²
        ("gradient(a -> gradient(x -> checkpointed((y, z) -> y^3 * z, x, a), a)[1], 2.0)", "(36.0,)"),
        // a capture: d/dw of ∂/∂x (w x² w) = d/dw 2x w² = 4xw
        ("gradient(w -> gradient(x -> checkpointed(a -> w * a^2 * w, x), 1.5)[1], 2.0)", "(12.0,)"),
        // d³/dx³ x⁴ = 24x
        ("gradient(z -> gradient(a -> gradient(x -> checkpointed(y -> y^4, x), a)[1], z)[1], 2.0)", "(48.0,)"),
        // arrays: ∇ sum(v.^3) = 3v.^2, and d/da of its first entry at v = [a, 1] is 6a
        ("gradient(a -> gradient(v -> checkpointed(u -> sum(u .^ 3), v), [a, 1.0])[1][1], 2.0)", "(12.0,)"),
        // a mutable struct input, written after the call: y = a² w with a = w → d²/dw² w³ = 6w
        ("mutable struct P; a; end; function u(w); p = P(w); y = checkpointed(r -> r.a^2 * w, p); p.a = 0.0; y; end; "
            + "(gradient(u, 3.0), gradient(w -> gradient(u, w)[1], 3.0))", "((27.0,), (18.0,))"),
        // a Dict input, written after: d²/dw² w⁴ = 12w²
        ("function u(w); d = Dict(:k => w); y = checkpointed(e -> e[:k]^4, d); d[:k] = 1.0; y + d[:k]; end; "
            + "(gradient(u, 2.0), gradient(w -> gradient(u, w)[1], 2.0))", "((32.0,), (48.0,))"),
    ])
    func nested(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    /// The recomputation sees the inputs as they were at the call.
    @Test(arguments: [
        // an array argument written after the call: ∇ sum(v²) at [1, 2] = [2, 4]
        ("x = [1.0, 2.0]; y, back = pullback(v -> checkpointed(u -> sum(u .^ 2), v), x); x[1] = 10.0; back(1.0)",
         "([2.0, 4.0],)"),
        // ... inside the differentiated function: x[1] is overwritten, so only the
        // checkpointed read of x[1] counts: (2·1, 2·2 + 1)
        ("function g(x); x = copy(x); y = checkpointed(v -> sum(v .^ 2), x); x[1] = 10.0; y + sum(x); end; "
            + "(gradient(g, [1.0, 2.0]), gradcheck(g, [1.0, 2.0]))", "(([2.0, 5.0],), true)"),
        // a captured array written after the call
        ("function f(w); ws = [w, 2w]; y = checkpointed(x -> sum(ws .* x), 3.0); ws[1] = 100.0; y + ws[1]; end; "
            + "(gradient(f, 1.0), gradcheck(f, 1.0))", "((9.0,), true)"),
        // a captured variable reassigned after the call (a box): y = 3c² with c = w
        ("function h(w); c = w; g = x -> c^2 * x; y = checkpointed(g, 3.0); c = 100.0; y + c; end; "
            + "(gradient(h, 2.0), gradcheck(h, 2.0))", "((12.0,), true)"),
        // a mutable struct field and a Dict entry written after the call
        ("mutable struct P; a; end; function u(w); p = P(w); y = checkpointed(r -> r.a^2, p); p.a = 10.0; y + p.a; end; "
            + "(gradient(u, 3.0), gradcheck(u, 3.0))", "((6.0,), true)"),
        ("function u(w); d = Dict(:k => w); y = checkpointed(e -> e[:k]^3, d); d[:k] = 1.0; y + d[:k]; end; "
            + "(gradient(u, 2.0), gradcheck(u, 2.0))", "((12.0,), true)"),
        // a gradient through a Dict argument keeps its shape
        ("gradient(e -> checkpointed(e -> e[:k]^2, e), Dict(:k => 3.0))", "(Dict(:k => 6.0),)"),
    ])
    func mutationAfterTheCall(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    @Test func pullbackCalledTwiceRecomputesEachTime() {
        let run = ADRun("""
            const runs = [0]
            count!() = (runs[1] += 1; nothing)
            @adjoint count!() = count!(), _ -> nothing
            f(x) = (count!(); x^3)
            y, back = pullback(x -> checkpointed(f, x), 2.0)
            after_forward = runs[1]
            (y, after_forward, back(1.0), back(2.0), runs[1])
            """)
        // 3x² = 12; twice Δ gives twice the gradient; f ran once forward and
        // once per call of the pullback
        #expect(run.repr == "(8.0, 1, (12.0,), (24.0,), 3)", "\(run.errorText ?? "")")
    }

    @Test func fRunsOnceMoreThanWithoutCheckpointing() {
        let run = ADRun("""
            const runs = [0]
            count!() = (runs[1] += 1; nothing)
            @adjoint count!() = count!(), _ -> nothing
            f(x) = (count!(); sin(x) * x)
            gradient(x -> f(x)^2, 1.0); plain = runs[1]; runs[1] = 0
            gradient(x -> checkpointed(f, x)^2, 1.0)
            (plain, runs[1])
            """)
        #expect(run.repr == "(1, 2)", "\(run.errorText ?? "")")
    }

    /// The saving: the pullback of a checkpointed loop holds a fixed number
    /// of records whatever the loop's length; without checkpointing the
    /// tape grows with it.
    @Test func tapeOfACheckpointedLoopDoesNotGrow() throws {
        func records(_ call: String) throws -> Int {
            let run = ADRun("""
                function loop(x, n)
                    s = x
                    for k in 1:n
                        s = sin(s) * x + s
                    end
                    s
                end
                \(call)
                """)
            guard case .tuple(let pair)? = run.value, pair.count == 2 else {
                Issue.record("no pullback: \(run.errorText ?? run.repr ?? "")")
                return -1
            }
            return TapeRecords.count(pair[1])
        }
        let plain100 = try records("pullback(x -> loop(x, 100), 0.5)")
        let plain1000 = try records("pullback(x -> loop(x, 1000), 0.5)")
        let saving100 = try records("pullback(x -> checkpointed(loop, x, 100), 0.5)")
        let saving1000 = try records("pullback(x -> checkpointed(loop, x, 1000), 0.5)")
        #expect(plain1000 - plain100 >= 900, "plain: \(plain100), \(plain1000)")
        #expect(saving100 == saving1000, "checkpointed: \(saving100), \(saving1000)")
        #expect(saving1000 * 50 < plain1000, "checkpointed \(saving1000) vs plain \(plain1000)")
        // and the gradients agree
        let same = ADRun("""
            function loop(x, n)
                s = x
                for k in 1:n
                    s = sin(s) * x + s
                end
                s
            end
            gradient(x -> loop(x, 50), 0.5) == gradient(x -> checkpointed(loop, x, 50), 0.5)
            """)
        #expect(same.repr == "true", "\(same.errorText ?? "")")
    }

    @Test func errorInTheRecomputationPointsIntoF() {
        let run = ADRun("""
            const scales = Dict(:a => 2.0)
            block(x) = scales[:a] * x^2
            function loss(x)
                y = checkpointed(block, x)
                delete!(scales, :a)
                y
            end
            gradient(loss, 3.0)
            """)
        let text = run.errorText ?? ""
        #expect(text.contains("test.zy:2:12: error: KeyError"), "\(text)")
        #expect(text.contains("Stacktrace (backward pass):"), "\(text)")
        #expect(text.contains("◀ block (recomputed by checkpointed) at test.zy:2"), "\(text)")
        #expect(text.contains("recorded at test.zy:4:9 in loss: checkpointed(block, x)"), "\(text)")
    }
}

/// Values a pullback holds for its backward pass: the records on each tape
/// it reaches (captures named `tape`), and those of the pullback closures
/// recorded there or captured, recursively (as the bench's tape bytes).
enum TapeRecords {
    static func count(_ v: Value) -> Int {
        var seen = Set<ObjectIdentifier>()
        return count(v, &seen)
    }

    private static func count(_ v: Value, _ seen: inout Set<ObjectIdentifier>) -> Int {
        switch v {
        case .closure(let c):
            guard seen.insert(ObjectIdentifier(c)).inserted else { return 0 }
            var total = 0
            for (name, capture) in zip(c.body.captureNames, c.captures) {
                if name == "tape", case .array(let a) = capture {
                    let records = RecordOps.records(a)
                    total += records.count + records.reduce(0) { $0 + count($1, &seen) }
                } else {
                    total += count(capture, &seen)
                }
            }
            return total
        case .tuple(let items):
            return items.reduce(0) { $0 + count($1, &seen) }
        default:
            return 0
        }
    }
}
