import Testing
@testable import Zy

/// Writes into arrays anywhere: arguments, callees, closures, structs,
/// `push!`/`pop!`/`append!`, broadcast assignment, any-dimensional
/// indices. Each case is checked against exact values and, through
/// `gradcheck`, against central finite differences.
@Suite struct MutationArrayTests {
    @Test(arguments: [
        ("""
         function f!(y, x)
           y[1] = x[1]^2
           y[2] = 2x[2]
           sum(y)
         end
         g(x) = f!(zeros(2), x)
         (gradient(g, [3.0, 4.0]), gradcheck(g, [3.0, 4.0]))
         """, "(([6.0, 2.0],), true)"),
        ("""
         g(x) = begin y = copy(x); y[1] *= 2; sum(y .* x) end
         (gradient(g, [1.0, 2.0]), gradcheck(g, [1.0, 2.0]))
         """, "(([4.0, 4.0],), true)"),
        ("""
         function sq!(x)
           x[1] = x[1]^2
           x[1] = x[1]^2
           sum(x)
         end
         g(x) = sq!(copy(x))
         (gradient(sq!, [3.0, 2.0]), gradcheck(g, [3.0, 2.0]))
         """, "(([108.0, 1.0],), true)"),
        ("""
         function scale!(x, c)
           for i in 1:length(x)
             x[i] = c * x[i]
           end
           x
         end
         g(x, c) = sum(scale!(copy(x), c) .^ 2)
         (gradient(g, [1.0, 2.0], 3.0), gradcheck(g, [1.0, 2.0], 3.0))
         """, "(([18.0, 36.0], 30.0), true)"),
        ("""
         function corner!(A, v)
           A[1, 2] = v
           A[2, 1] += 3v
           sum(A)
         end
         g(A) = corner!(copy(A), 2.0)
         (gradient(g, [1.0 2.0; 3.0 4.0]), gradcheck(g, [1.0 2.0; 3.0 4.0]))
         """, "(([1.0 0.0; 1.0 1.0],), true)"),
        ("""
         function f3(x)
           A = zeros(2, 2, 2)
           A[1, 2, 1] = x^2
           A[2, 2, 2] = 3x
           A[2, 2, 2] += A[1, 2, 1]
           sum(A)
         end
         (gradient(f3, 2.0), gradcheck(f3, 2.0))
         """, "((11.0,), true)"),
        ("""
         function h!(y, x)
           y[1] = x^2
           nothing
         end
         function g(x)
           y = zeros(2)
           h!(y, x)
           sum(y)
         end
         (gradient(g, 3.0), gradcheck(g, 3.0))
         """, "((6.0,), true)"),
        ("""
         function cl(x)
           y = zeros(2)
           set! = i -> begin y[i] = x * i end
           set!(1); set!(2)
           sum(y .* y)
         end
         (gradient(cl, 3.0), gradcheck(cl, 3.0))
         """, "((30.0,), true)"),
        ("""
         struct S; v; end
         function w!(s, x)
           s.v[1] = x^2
           sum(s.v)
         end
         g(x) = w!(S(zeros(2)), x)
         (gradient(g, 3.0), gradcheck(g, 3.0), gradient(s -> w!(s, 1.0), S([1.0, 2.0])))
         """, "((6.0,), true, ((v = [0.0, 1.0],),))"),
        ("""
         function incr(x)
           y = zeros(2)
           for i in 1:2
             y[i] += x[i] * i
             y[1] += x[2]
           end
           sum(y .^ 2)
         end
         (gradient(incr, [1.0, 2.0]), gradcheck(incr, [1.0, 2.0]))
         """, "(([10.0, 36.0],), true)"),
    ])
    func writes(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    @Test(arguments: [
        ("""
         function p(x)
           y = Float64[]
           push!(y, x^2)
           push!(y, 3x)
           sum(y)
         end
         (gradient(p, 2.0), gradcheck(p, 2.0))
         """, "((7.0,), true)"),
        ("""
         function ap(x)
           y = [x]
           append!(y, [2x, 3x])
           v = pop!(y)
           sum(y) * v
         end
         (gradient(ap, 1.0), gradcheck(ap, 1.0))
         """, "((18.0,), true)"),
        ("""
         function bc(x)
           y = zeros(3)
           y .= x .* 2
           y[2:3] .= x[1:2] .* x[2:3]
           y[1:2] .+= 1.0
           sum(y)
         end
         (gradient(bc, [1.0, 2.0, 3.0]), gradcheck(bc, [1.0, 2.0, 3.0]))
         """, "(([4.0, 4.0, 2.0],), true)"),
        ("""
         function sc(x)
           y = zeros(3)
           y[1:2] .= x
           sum(y) * x
         end
         (gradient(sc, 2.0), gradcheck(sc, 2.0))
         """, "((8.0,), true)"),
        ("""
         mutable struct M; a; end
         function setm!(m, x); m.a = x^2; nothing; end
         function usem(x); m = M(0.0); setm!(m, x); m.a * 2; end
         function setd!(d, x); d[:k] = x^3; nothing; end
         function used(x); d = Dict(:k => 0.0); setd!(d, x); d[:k] + 1; end
         (gradient(usem, 3.0), gradient(used, 2.0), gradcheck(usem, 3.0), gradcheck(used, 2.0))
         """, "((12.0,), (12.0,), true, true)"),
    ])
    func lengthsAndBroadcasts(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    /// Third order through a loop: the tape's shadow has a shadow.
    /// pow(z, n)''' = n(n-1)(n-2) z^(n-3).
    @Test(arguments: [("pow(z, 4)", "2.0", "48.0"), ("pow(z, 4)", "3.0", "72.0"), ("pow(z, 5)", "1.5", "135.0")])
    func thirdOrderThroughLoops(_ body: String, _ x: String, _ expected: String) {
        let run = ADRun("""
        function pow(x, n)
          r = 1
          while n > 0
            n -= 1
            r *= x
          end
          return r
        end
        D(f, x) = gradient(f, x)[1]
        D(x -> D(y -> D(z -> \(body), y), x), \(x))
        """)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    /// Overwriting with a constant clears the slots (`x .= 0.0`, `A[…] = 0.0`).
    @Test func constantWritesClear() {
        let run = ADRun("""
        z(x) = begin y = copy(x); y .= 0.0; sum(y .* x) end
        function w(x)
          A = zeros(2, 2, 2)
          A[1, 1, 1] = x
          B = A .* x
          A[1, 1, 1] = 0.0
          sum(A) + sum(B)
        end
        (gradient(z, [1.0, 2.0]), gradient(w, 3.0), gradcheck(w, 3.0))
        """)
        #expect(run.repr == "(([0.0, 0.0],), (6.0,), true)", "\(run.errorText ?? "")")
    }

    /// Loops around writing callees, matrices filled in loops, updates in
    /// place, a stack grown and folded with push!/pop!.
    @Test(arguments: [
        ("""
         function step!(y, x)
           for i in 1:length(y)
             y[i] = y[i] * x[i] + 1.0
           end
           nothing
         end
         function run(x)
           y = ones(2)
           s = 0.0
           for k in 1:3
             step!(y, x)
             s += y[1] * y[2]
           end
           s
         end
         (gradient(run, [2.0, 3.0]), gradcheck(run, [2.0, 3.0]))
         """, "(([749.0, 562.0],), true)"),
        ("""
         function mat(x)
           A = zeros(2, 2)
           for i in 1:2, j in 1:2
             A[i, j] = x[i] * j
           end
           A[1, 1] += A[2, 2]
           sum(A * x)
         end
         (gradient(mat, [1.0, 2.0]), gradcheck(mat, [1.0, 2.0]))
         """, "(([12.0, 13.0],), true)"),
        ("""
         function upd(x)
           x[1] += x[2]^2
           x[2] *= 3
           sum(x .^ 2)
         end
         g(x) = upd(copy(x))
         (gradient(g, [1.0, 2.0]), gradcheck(g, [1.0, 2.0]))
         """, "(([10.0, 76.0],), true)"),
        ("""
         function grow(x)
           v = Float64[]
           for i in 1:3
             push!(v, x * i)
           end
           while length(v) > 1
             a = pop!(v)
             v[end] += a^2
           end
           v[1]
         end
         (gradient(grow, 1.0), gradcheck(grow, 1.0))
         """, "((441.0,), true)"),
        ("""
         function h!(x)
           x[1] = x[2]^2
           nothing
         end
         function g(x)
           h!(x)
           sum(x)
         end
         (gradient(g, [1.0, 2.0]), gradcheck(v -> g(copy(v)), [1.0, 2.0]))
         """, "(([0.0, 5.0],), true)"),
    ])
    func loops(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    /// Writes of whole columns and ranges (`A[:, 1] = x`, `y[2:3] = x`).
    @Test(arguments: [
        ("""
         function col(x)
           A = zeros(2, 2)
           A[:, 1] = x
           A[:, 2] .= 2 .* x
           sum(A .* A)
         end
         (gradient(col, [1.0, 2.0]), gradcheck(col, [1.0, 2.0]))
         """, "(([10.0, 20.0],), true)"),
        ("""
         function rng(x)
           y = zeros(3)
           y[2:3] = x
           sum(y) * y[2]
         end
         (gradient(rng, [1.0, 2.0]), gradcheck(rng, [1.0, 2.0]))
         """, "(([4.0, 1.0],), true)"),
    ])
    func ranges(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    /// Each call of a pullback starts from fresh shadows.
    @Test func pullbackTwice() {
        let run = ADRun("""
        function f!(y, x)
          y[1] = x[1]^2
          y[2] = 2x[2]
          sum(y)
        end
        back = pullback(x -> f!(zeros(2), x), [3.0, 4.0])[2]
        (back(1.0), back(1.0), back(2.0))
        """)
        #expect(run.repr == "(([6.0, 2.0],), ([6.0, 2.0],), ([12.0, 4.0],))", "\(run.errorText ?? "")")
    }

    /// An array made inside a loop body and written by a callee before it is
    /// read again: each iteration's instance is tracked from its last reversed
    /// use to its creation, so the callee's write sees the later read.
    /// d/dx Σᵢ 3x = 6.
    @Test func loopLocalArrayWrittenByCallee() {
        let run = ADRun("""
        function scale!(y, c)
          y[1] = c * y[1]
          return nothing
        end
        function f(x)
          s = 0.0
          for i = 1:2
            v = [x, 1.0]
            scale!(v, 3.0)
            s += v[1]
          end
          return s
        end
        (gradient(f, 2.0), gradcheck(f, 2.0))
        """)
        #expect(run.repr == "((6.0,), true)", "\(run.errorText ?? "")")
    }
}
