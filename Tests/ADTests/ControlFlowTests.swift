import Testing
@testable import Zy

/// Exact gradients through every control-flow form.
@Suite struct ControlFlowTests {
    static let pow = """
    function pow(x, n)
      r = 1
      while n > 0
        n -= 1
        r *= x
      end
      return r
    end
    """

    @Test(arguments: [
        ("gradient(x -> pow(x, 3), 5)", "(75,)"),
        ("gradient(pow, 5, 3)", "(75, nothing)"),
        ("gradient(pow, 5, 0)", "(nothing, nothing)"),
        ("begin; y, back = J(pow, 5, 3); (y, back(1), back(2)); end", "(125, (75, nothing), (150, nothing))"),
        ("pullback(pow, 2.0, 3)[2](1.0)", "(12.0, nothing)"),
        ("withgradient(pow, 2.0, 3)", "(val = 8.0, grad = (12.0, nothing))"),
    ])
    func seedPow(_ expression: String, _ expected: String) {
        let run = ADRun(ControlFlowTests.pow + "\n" + expression)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    @Test(arguments: [
        ("f(x) = x > 0 ? x^2 : -x; (gradient(f, 3.0), gradient(f, -2.0))", "((6.0,), (-1.0,))"),
        ("""
         function f(x)
           if x < 0
             y = -x
           elseif x < 1
             y = x^3
           else
             y = 2x
           end
           y
         end
         (gradient(f, -1.0), gradient(f, 0.5), gradient(f, 4.0))
         """, "((-1.0,), (0.75,), (2.0,))"),
        ("f(x, y) = (x > 1 && y > 1) ? x*y : x+y; (gradient(f, 2.0, 3.0), gradient(f, 0.0, 3.0))", "((3.0, 2.0), (1.0, 1.0))"),
        ("f(x, y) = (x > 1 || y > 1) ? x*y : x+y; (gradient(f, 0.0, 3.0), gradient(f, 0.0, 0.0))", "((3.0, 0.0), (1.0, 1.0))"),
        ("""
         function f(x)
           s = 0.0
           for i in 1:4
             s += i * x
           end
           s
         end
         gradient(f, 0.5)
         """, "(10.0,)"),
        ("""
         function f(a, b)
           for i = 1:3
             a, b = b, a * b
           end
           return a
         end
         gradient(f, 2.0, 3.0)
         """, "(9.0, 12.0)"),
        ("""
         function f(a, b, c)
           for i = 1:4
             a, b, c = c, a, b * 2
           end
           a + 10b + 100c
         end
         gradient(f, 1.0, 1.0, 1.0)
         """, "(20.0, 400.0, 2.0)"),
        ("""
         function f(x)
           while true
             x > 100 && return x
             x = x * 2
           end
         end
         gradient(f, 3.0)
         """, "(64.0,)"),
        ("""
         function f(x)
           for i in 1:10
             i == 3 && break
             x = x * x
           end
           x
         end
         gradient(f, 3.0)
         """, "(108.0,)"),
        ("""
         function f(x)
           s = 0.0
           for i in 1:5
             iseven(i) && continue
             s += x^i
           end
           s
         end
         gradient(f, 2.0)
         """, "(93.0,)"),
        ("""
         function f(xs)
           s = 0.0
           for x in xs
             s += x^2
           end
           s
         end
         (gradient(f, [1.0, 2.0]), gradient(f, (1.0, 3.0)))
         """, "(([2.0, 4.0],), ((2.0, 6.0),))"),
        ("""
         function g(xs)
           s = 0.0
           for (i, x) in enumerate(xs)
             s += i * x
           end
           s
         end
         function h(a, b)
           s = 0.0
           for (x, y) in zip(a, b)
             s += x * y
           end
           s
         end
         (gradient(g, [1.0, 2.0]), gradient(h, [1.0, 2.0], [3.0, 4.0]))
         """, "(([1.0, 2.0],), ([3.0, 4.0], [1.0, 2.0]))"),
        ("fact(x, n) = n == 0 ? one(x) : x * fact(x, n - 1); gradient(x -> fact(x, 4), 2)", "(32,)"),
        ("""
         function f(x)
           try
             x * 2
           catch e
             0.0
           end
         end
         gradient(f, 1.5)
         """, "(2.0,)"),
    ])
    func controlFlow(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }
}
