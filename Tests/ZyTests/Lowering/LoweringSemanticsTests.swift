import Testing
@testable import Zy

/// Runs lowered programs on `MiniEvaluator` and checks their values: the
/// verifier proves the IR well formed, these prove it means the program.
@Suite struct LoweringSemanticsTests {
    static let cases: [(source: String, expected: String)] = [
        ("function pow(x, n)\n r = 1\n while n > 0\n n -= 1\n r *= x\n end\n return r\nend\npow(5, 3)", "125"),
        ("function fib(n)\n a, b = 0, 1\n for i = 1:n\n a, b = b, a + b\n end\n a\nend\nfib(10)", "55"),
        ("function sw(n)\n a, b = 1, 2\n i = 0\n while i < n\n i += 1\n a, b = b, a\n end\n (a, b)\nend\nsw(3)", "(2, 1)"),
        ("function c(n)\n s = 0\n for i = 1:n\n i == 2 && continue\n j = 0\n while true\n j += 1\n j > i && break\n s += 1\n end\n end\n s\nend\nc(4)", "8"),
        ("function f(x)\n if x > 0\n y = 1\n elseif x < 0\n y = -1\n else\n y = 0\n end\n y\nend\n(f(3), f(-2), f(0))", "(1, -1, 0)"),
        ("g(a, b) = a > 0 && b > 0 || a < b\n(g(1, 1), g(-1, 0), g(1, -1))", "(true, true, false)"),
        ("between(a, x, b) = a < x <= b\n(between(1, 2, 2), between(1, 3, 2), between(3, 2, 5))", "(true, false, false)"),
        ("function counter()\n c = 0\n inc = () -> (c += 1)\n inc()\n inc()\n c\nend\ncounter()", "2"),
        ("function fresh()\n fs = []\n for i = 1:3\n push!(fs, () -> i)\n end\n [f() for f in fs]\nend\nsum(fresh())", "6"),
        ("function late()\n g = () -> v\n v = 7\n g()\nend\nlate()", "7"),
        ("function fact10()\n fact(m) = m <= 1 ? 1 : m * fact(m - 1)\n fact(5)\nend\nfact10()", "120"),
        ("outer(k) = x -> y -> x + y + k\nouter(1)(2)(3)", "6"),
        ("function maybe(c)\n if c\n z = 1\n end\n z\nend\nmaybe(true)", "1"),
        ("sq(n) = [i^2 for i = 1:n if isodd(i)]\nsum(sq(5))", "35"),
        ("sum([i * j for i = 1:2, j = 1:3])", "18"),
        ("pb(n) = [10i + j for i in 1:n for j in 1:n if i < j]\nv = pb(3)\n(length(v), v[1], v[2], v[3])", "(3, 12, 13, 23)"),
        ("f = ((a, b), c) -> a + b + c\nf((1, 2), 3)", "6"),
        ("anon(::Any, b = 2) = b\n(anon(1), anon(1, 5))", "(2, 5)"),
        ("h = ((k, v),) -> v\nh((1, 5))", "5"),
        ("function sh()\n a = 100\n h = ((a, b),) -> a\n (h((1, 2)), a)\nend\nsh()", "(1, 100)"),
        ("function dd((x, y), z = 1)\n x * y + z\nend\n(dd((3, 4)), dd((3, 4), 10))", "(13, 22)"),
        ("v = [i * j for i in 1:3 for j in i:3]\n(length(v), v[1], v[3], v[4], v[6])", "(6, 1, 3, 4, 9)"),
        ("v = [10i + j for i in 1:2, j in 1:2 if true]\n(v[1], v[2], v[3], v[4])", "(11, 21, 12, 22)"),
        ("v = [x for xs in ((1, 2), (3,)) if length(xs) > 1 for x in xs]\n(length(v), v[2])", "(2, 2)"),
        ("scale(x; by = 2, shift = 0) = x * by + shift\n(scale(3), scale(3; shift = 1), scale(3; by = 3))", "(6, 7, 9)"),
        ("kw(a, b = 2; c, d = a + b) = (a, b, c, d)\n(kw(1; c = 0), kw(1, 5; c = 0, d = 9))", "((1, 2, 0, 3), (1, 5, 0, 9))"),
        ("add(a, b = 10, c = b + 1) = a + b + c\n(add(1), add(1, 2), add(1, 2, 3))", "(22, 6, 6)"),
        ("total(xs...) = sum(xs)\ntotal(1, 2, 3)", "6"),
        ("s = 0\nfor i = 1:4\n global s += i\nend\ns", "10"),
        ("let t = 2\n t *= 3\n t\nend", "6"),
        ("function pairsum()\n s = 0\n for (a, b) in ((1, 2), (3, 4))\n s += a * b\n end\n s\nend\npairsum()", "14"),
        ("function mixed()\n k = 0\n for i = 1:10\n if i > 5\n break\n end\n k = i\n end\n k\nend\nmixed()", "5"),
        ("n_g = 0\nfunction bump()\n global n_g\n f = () -> (n_g += 1)\n f()\n f()\nend\nbump()\nn_g", "2"),
        ("function shadow()\n i = 0\n for i = 1:3\n end\n i\nend\nshadow()", "0"),
        ("function sw2()\n a = [1, 2, 3]\n a[1], a[end] = a[end], a[1]\n (a[1], a[3])\nend\nsw2()", "(3, 1)"),
        ("function loopvar()\n s = 0\n for i = 1:3\n i = i * 10\n s += i\n end\n s\nend\nloopvar()", "60"),
        ("function upd()\n a = [5]\n a[end] += 2\n a[1]\nend\nupd()", "7"),
        ("function fb()\n a = [5, 6, 7]\n a[begin] += a[begin + 1]\n (a[begin], a[end - 1])\nend\nfb()", "(11, 6)"),
        ("function loc()\n x = 1\n for i = 1:2\n local x = 10\n x += i\n end\n x\nend\nloc()", "1"),
        ("function collatz(n)\n steps = 0\n while n != 1\n if n % 2 == 0\n n = n ÷ 2\n else\n n = 3n + 1\n end\n steps += 1\n end\n steps\nend\ncollatz(27)", "111"),
        ("function pairs_below(n)\n c = 0\n for i = 1:n\n for j = 1:n\n j > i && break\n c += 1\n end\n end\n c\nend\npairs_below(4)", "10"),
        ("function acc()\n total = 0\n for i = 1:3\n f = () -> (total += i)\n f()\n end\n total\nend\nacc()", "6"),
        ("function scan(xs)\n i = 1\n while i <= length(xs) && xs[i] != 0\n i += 1\n end\n i\nend\nscan([3, 4, 0, 5])", "3"),
        ("function branchy(n)\n a = 0\n b = 1\n for i = 1:n\n if iseven(i)\n a, b = b, a\n else\n b = a + b\n end\n end\n (a, b)\nend\nbranchy(5)", "(1, 2)"),
        ("function ret_in_loop()\n for i = 1:10\n i == 4 && return i\n end\n 0\nend\nret_in_loop()", "4"),
    ]

    @Test(arguments: Array(LoweringSemanticsTests.cases.indices))
    func evaluates(_ index: Int) throws {
        let c = Self.cases[index]
        let e = MiniEvaluator()
        let value = try e.run(c.source)
        #expect(value.description == c.expected, "\(c.source)")
    }

    @Test func maybeUndefinedLocalThrowsUndefVarError() {
        let e = MiniEvaluator()
        #expect(throws: MiniEvaluator.Thrown(value: .str("UndefVarError: :z"))) {
            try e.run("function maybe(c)\n if c\n z = 1\n end\n z\nend\nmaybe(false)")
        }
    }

    @Test func tryCatchFinallyRunsHandlersInOrder() throws {
        let e = MiniEvaluator()
        let v = try e.run("""
        function safe(x)
            try
                x > 0 || error("neg")
                println("ok")
                1
            catch err
                println("caught ", err)
                2
            finally
                println("finally")
            end
        end
        (safe(1), safe(-1))
        """)
        #expect(v.description == "(1, 2)")
        #expect(e.output == "ok\nfinally\ncaught neg\nfinally\n")
    }

    @Test func finallyRunsOnReturnBreakAndRethrow() throws {
        let e = MiniEvaluator()
        let v = try e.run("""
        function r()
            try
                return 1
            finally
                println("f1")
            end
        end
        function b()
            k = 0
            while true
                try
                    k += 1
                    k > 2 && break
                finally
                    println("f2")
                end
            end
            k
        end
        function t()
            try
                try
                    error("inner")
                finally
                    println("f3")
                end
            catch e
                e
            end
        end
        (r(), b(), t())
        """)
        #expect(v.description == "(1, 3, inner)")
        #expect(e.output == "f1\nf2\nf2\nf2\nf3\n")
    }

    @Test func assignedInTryIsVisibleInCatch() throws {
        let e = MiniEvaluator()
        let v = try e.run("""
        function progress()
            step = 0
            try
                step = 1
                error("x")
                step = 2
            catch
                step += 10
            end
            step
        end
        progress()
        """)
        #expect(v.description == "11")
    }

    @Test func finallySeesAssignmentsOfAThrowingCatch() throws {
        let e = MiniEvaluator()
        #expect(throws: MiniEvaluator.Thrown(value: .str("b"))) {
            try e.run("""
            function stage()
                s = 0
                try
                    error("a")
                catch
                    s = 5
                    error("b")
                finally
                    println(s)
                end
            end
            stage()
            """)
        }
        #expect(e.output == "5\n")
    }

    @Test func macrosExpand() throws {
        let e = MiniEvaluator()
        let v = try e.run("x = 3\n@show x + 1\n@assert x > 0\nx")
        #expect(v.description == "3")
        #expect(e.output == "x + 1 = 4\n")
        #expect(throws: MiniEvaluator.Thrown(value: .str("AssertionError: x < 0"))) { try e.run("@assert x < 0") }
    }
}
