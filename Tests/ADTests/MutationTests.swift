import Testing
@testable import Zy

/// Gradients through mutation: dicts, mutable structs, boxed captures.
@Suite struct MutationTests {
    @Test(arguments: [
        ("""
         vars = Dict(:r => 0, :n => 0)
         function pow(x, n)
             vars[:r] = 1
             vars[:n] = n
             while vars[:n] > 0
                 vars[:n] -= 1
                 vars[:r] *= x
             end
         end
         gradient(x -> (pow(x, 3); vars[:r]), 5)
         """, "(75,)"),
        ("gradient(d -> d[:a] * 2 + d[:a]^2, Dict(:a => 1.0, :b => 5.0))", "(Dict(:a => 4.0),)"),
        ("""
         mutable struct P; x; y; end
         function mp(p)
           p.x = p.x * p.y
           p.x + p.y
         end
         gradient(mp, P(2.0, 3.0))
         """, "((x = 3.0, y = 3.0),)"),
        ("""
         function adder(k)
           s = 0.0
           h = x -> s += k * x
           h(1.0); h(2.0)
           s
         end
         gradient(adder, 2.0)
         """, "(3.0,)"),
        ("""
         function f(x)
           d = Dict(:a => x)
           d[:a] = d[:a] * 3
           d[:a] = d[:a] * d[:a]
           d[:a]
         end
         gradient(f, 2.0)
         """, "(36.0,)"),
    ])
    func mutation(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    @Test(arguments: [
        ("function f(x)\n  v = [0.0, 0.0]\n  v[1] = x\n  v[1] * 2\nend\ngradient(f, 1.0)", "(2.0,)"),
        ("""
         function g(xs)
           ys = copy(xs)
           for i in 1:length(ys)
             ys[i] = ys[i]^2
           end
           sum(ys)
         end
         gradient(g, [1.0, 2.0, 3.0])
         """, "([2.0, 4.0, 6.0],)"),
        ("""
         function h(x)
           out = zeros(3)
           for i in 1:3
             out[i] = x^i
           end
           out[2] = out[2] * out[3]
           sum(out)
         end
         (gradient(h, 2.0), gradcheck(h, 2.0))
         """, "((93.0,), true)"),
        ("""
         function m(x)
           A = zeros(2, 2)
           A[1, 2] = x
           A[2, 1] = 3x
           sum(A * [1.0, 1.0])
         end
         gradient(m, 1.0)
         """, "(4.0,)"),
    ])
    func arrayWrites(_ source: String, _ expected: String) {
        self.check(source, expected)
    }

    @Test func returnedWrittenArray() {
        check("""
        function mk(x)
          v = zeros(2)
          v[1] = x
          v[2] = 2x
          v
        end
        gradient(x -> sum(mk(x)) + mk(x)[2], 1.0)
        """, "(5.0,)")
    }

    private func check(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    /// The overwritten v[1] gets no gradient; the argument's gradient is
    /// its shadow at the end of the backward pass.
    @Test func writesIntoArgumentArrays() {
        check("""
        function w(v)
          v[1] = 2 * v[2]
          v[1] + v[2]
        end
        gradient(w, [1.0, 2.0])
        """, "([0.0, 3.0],)")
    }
}
