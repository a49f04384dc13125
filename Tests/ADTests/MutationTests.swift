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

    @Test func arrayWritesFailClearly() {
        let run = ADRun("""
        function f(x)
          v = [0.0, 0.0]
          v[1] = x
          v[1] * 2
        end
        gradient(f, 1.0)
        """)
        #expect(run.errorText?.contains("not supported yet") == true, "\(run.errorText ?? run.repr ?? "")")
    }
}
