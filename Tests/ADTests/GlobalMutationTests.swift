import Testing
@testable import Zy

/// Differentiated code that writes into global arrays, Dicts and mutable
/// structs (counters, logs, caches), and `pullback`'s gradients of mutable
/// arguments. Expected values derived by hand; `ok`/`ok2` also compare the
/// first and second derivative with central finite differences.
@Suite struct GlobalMutationTests {
    static let checks = """
        fd(f, x) = (f(x + 1e-6) - f(x - 1e-6)) / 2e-6
        ok(f, x) = (g = gradient(f, x)[1]; (g, abs(g - fd(f, x)) < 1e-5))
        ok2(f, x) = (g = gradient(y -> gradient(f, y)[1], x)[1]; (g, abs(g - fd(y -> gradient(f, y)[1], x)) < 1e-5))

        """

    @Test(arguments: [
        // A counter: no gradient flows through it; (x^2)' = 2x, (x^2)'' = 2.
        ("""
         const runs = [0]
         f(x) = (runs[1] += 1; x^2)
         (gradient(f, 3.0), runs[1], ok(f, 3.0), ok2(f, 3.0))
         """, "((6.0,), 1, (6.0, true), (2.0, true))"),
        // A cache written then read back: 2x^2 → 4x, 4.
        ("""
         memo = [0.0]
         h(x) = (memo[1] = x^2; memo[1] * 2)
         (ok(h, 3.0), ok2(h, 3.0))
         """, "((12.0, true), (4.0, true))"),
        // An accumulator: (a0 + x)·x → a0 + 2x (a0 = 1, then 4 after the
        // first call), second derivative 2.
        ("""
         acc = [1.0]
         k(x) = (acc[1] += x; acc[1] * x)
         g1 = gradient(k, 3.0)
         a1 = acc[1]
         g2 = gradient(x -> gradient(k, x)[1], 3.0)
         k2(x) = (acc[1] = 1.0; acc[1] += x; acc[1] * x)
         (g1, a1, g2, ok(k2, 3.0), ok2(k2, 3.0))
         """, "((7.0,), 4.0, (2.0,), (7.0, true), (2.0, true))"),
        // A log: sum([1, x]) · x → 1 + 2x.
        ("""
         log = [1.0]
         l(x) = (push!(log, x); sum(log) * x)
         (gradient(l, 3.0), log)
         """, "((7.0,), [1.0, 3.0])"),
        // Pushed in a loop and read back: x + 2x + 3x → 6.
        ("""
         log = Float64[]
         function q(x)
           s = 0.0
           for i in 1:3
             push!(log, x * i)
             s += log[end]
           end
           s
         end
         (gradient(q, 2.0), log)
         """, "((6.0,), [2.0, 4.0, 6.0])"),
        // Written in a loop: x + x^2 + x^3 → 1 + 2x + 3x^2 = 17, 2 + 6x = 14.
        ("""
         buf = zeros(3)
         function g(x)
           for i in 1:3
             buf[i] = x^i
           end
           buf[1] + buf[2] + buf[3]
         end
         (gradient(g, 2.0), copy(buf), ok2(g, 2.0))
         """, "((17.0,), [2.0, 4.0, 8.0], (14.0, true))"),
        // A matrix global only read, beside a counter: sum(W·[x, x]) = 10x.
        ("""
         W = [1.0 2.0; 3.0 4.0]
         calls = [0]
         loss(x) = (calls[1] += 1; sum(W * [x, x]))
         (gradient(loss, 1.0), calls)
         """, "((10.0,), [1])"),
        // Broadcast assignments into globals (read, not rebound):
        // sum([x, 2x]) · x = 3x^2 → 6x; sum(a0 + [x, x^2]) → 1 + 2x.
        ("""
         buf = zeros(2)
         h(x) = (buf .= [x, 2x]; sum(buf) * x)
         acc = zeros(2)
         k(x) = (acc .+= [x, x^2]; sum(acc))
         (gradient(h, 3.0), gradient(k, 2.0), copy(acc), ok(h, 3.0), ok2(k, 2.0))
         """, "((18.0,), (5.0,), [2.0, 4.0], (18.0, true), (2.0, true))"),
        // Reassigned by the function itself: (2x)^2 → 8x.
        ("""
         function q(x)
           global zz = [x]
           zz[1] = 2x
           zz[1] * zz[1]
         end
         ok(q, 3.0)
         """, "(24.0, true)"),
    ])
    func globalArrays(_ source: String, _ expected: String) {
        let run = ADRun(GlobalMutationTests.checks + source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    @Test(arguments: [
        // Written by one function, read back by another: 2x^2 → 4x.
        ("""
         memo = [0.0]
         store!(x) = (memo[1] = x^2; nothing)
         readback() = sum(memo) * 2
         f(x) = (store!(x); readback())
         ok(f, 3.0)
         """, "(12.0, true)"),
        // The reader differentiated before anything wrote the global (its
        // transform is redone once something has): 2·memo·x → 2, then 4x.
        ("""
         memo = [1.0]
         readback() = sum(memo) * 2
         r0 = gradient(x -> readback() * x, 1.0)
         store!(x) = (memo[1] = x^2; nothing)
         f(x) = (store!(x); readback())
         (r0, gradient(f, 3.0))
         """, "((2.0,), (12.0,))"),
        // The same inside nested gradients, to the third order:
        // 2x^3 → 6x^2 = 24, 12x = 24 (12 at 1), 12; a log kept across
        // calls: (c + x^2 + x)·x → c + 3x^2 + 2x, 6x + 2 (c = 6 then).
        ("""
         memo = [0.0]
         store!(x) = (memo[1] = x^3; nothing)
         readback() = sum(memo) * 2
         f(x) = (store!(x); readback())
         d2(x) = gradient(y -> gradient(f, y)[1], x)[1]
         log = Float64[]
         addlog!(x) = (push!(log, x); nothing)
         total() = sum(log)
         g(x) = (addlog!(x^2); addlog!(x); total() * x)
         (gradient(f, 2.0), d2(2.0), d2(2.0), d2(1.0), gradient(d2, 2.0), gradient(g, 2.0),
          gradient(y -> gradient(g, y)[1], 2.0), ok2(f, 1.5))
         """, "((24.0,), 24.0, 24.0, 12.0, (12.0,), (16.0,), (14.0,), (18.0, true))"),
        // Handed to a function that writes into it: sum((x·[1, 2, 3]).^2) = 14x^2 → 28x.
        ("""
         buf = zeros(3)
         function fill_it!(b, x)
           for i in 1:3
             b[i] = x * i
           end
           nothing
         end
         f(x) = (fill_it!(buf, x); sum(buf .* buf))
         (gradient(f, 2.0), copy(buf), ok(f, 2.0))
         """, "((56.0,), [2.0, 4.0, 6.0], (56.0, true))"),
        // A global Dict and a global mutable struct: 3x^2 → 6x; 2x·x → 4x, 4.
        ("""
         d = Dict(:a => 0.0, :n => 0)
         m(x) = (d[:n] += 1; d[:a] = x^2; d[:a] * 3)
         mutable struct C; n; v; end
         c = C(0, 0.0)
         p(x) = (c.n += 1; c.v = x * 2; c.v * x)
         (gradient(m, 2.0), d[:n], gradient(p, 2.0), c.n, ok(m, 2.0), ok2(p, 2.0))
         """, "((12.0,), 1, (8.0,), 1, (12.0, true), (4.0, true))"),
        // The pullback of a function that counts, called twice.
        ("""
         cnt = [0]
         p(x) = (cnt[1] += 1; x^2)
         y, back = pullback(p, 3.0)
         (y, back(1.0), back(1.0), cnt[1])
         """, "(9.0, (6.0,), (6.0,), 1)"),
    ])
    func acrossFunctions(_ source: String, _ expected: String) {
        let run = ADRun(GlobalMutationTests.checks + source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    /// `back` returns what `gradient` returns for mutable arguments (their
    /// shadows), each time it is called.
    @Test(arguments: [
        ("""
         mutable struct M; a; end
         f(m) = m.a^2
         y, back = pullback(f, M(3.0))
         (back(1.0), back(1.0), gradient(f, M(3.0)))
         """, "(((a = 6.0,),), ((a = 6.0,),), ((a = 6.0,),))"),
        ("""
         g(d) = d[:a]^2
         y, back = pullback(g, Dict(:a => 3.0))
         (back(1.0), back(1.0), gradient(g, Dict(:a => 3.0)))
         """, "((Dict(:a => 6.0),), (Dict(:a => 6.0),), (Dict(:a => 6.0),))"),
        // v[1] ← v[1]^2, then 2·v[1]: 2·2·v1 = 12.
        ("""
         h(v) = (v[1] = v[1]^2; v[1] * 2)
         y, back = pullback(h, [3.0, 1.0])
         (back(1.0), back(1.0), gradient(h, [3.0, 1.0]))
         """, "(([12.0, 0.0],), ([12.0, 0.0],), ([12.0, 0.0],))"),
        ("""
         mutable struct M; a; end
         k(m) = (m.a = m.a^2; m.a * 2)
         y, back = pullback(k, M(3.0))
         (back(1.0), back(1.0), gradient(k, M(3.0)))
         """, "(((a = 12.0,),), ((a = 12.0,),), ((a = 12.0,),))"),
        // m.a·x with a scaled seed: (a = 2x, 3a).
        ("""
         mutable struct M; a; end
         two(m, x) = m.a * x
         y, back = pullback(two, M(3.0), 2.0)
         (back(2.0), gradient(two, M(3.0), 2.0))
         """, "(((a = 4.0,), 6.0), ((a = 2.0,), 3.0))"),
    ])
    func pullbackOfMutableArguments(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }
}
