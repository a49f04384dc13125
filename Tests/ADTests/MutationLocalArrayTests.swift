import Testing
@testable import Zy

/// Arrays bound inside a loop body, a branch, or merged at a join: each
/// instance is tracked from its first reversed use to its reversed
/// definition, so writes in place and by callees, `push!`/`pop!`, and
/// reads after the writes all meet in its shadow. Exact values are derived
/// by hand in each comment; `gradcheck` compares with central differences.
@Suite struct MutationLocalArrayTests {
    static let scale = """
    function scale!(y, c)
      y[1] = c * y[1]
      return nothing
    end

    """

    @Test(arguments: [
        // Σᵢ (x·i + x²i²): 6 + 2x·14 = 62 at x = 2.
        ("""
         function f(x)
           s = 0.0
           for i in 1:3
             v = zeros(2)
             v[1] = x * i
             v[2] = v[1]^2
             s += sum(v)
           end
           s
         end
         (gradient(f, 2.0), gradcheck(f, 2.0))
         """, "((62.0,), true)"),
        // x > 0: x + 2x², 1 + 4x = 13 at 3; else x³ + x, 3x² + 1 = 13 at -2.
        ("""
         function f(x)
           if x > 0
             v = [x, 2x]
             v[2] *= x
             return sum(v)
           else
             w = Float64[]
             push!(w, x^3)
             push!(w, x)
             return w[1] + w[2]
           end
         end
         (gradient(f, 3.0), gradient(f, -2.0), gradcheck(f, 3.0), gradcheck(f, -2.0))
         """, "((13.0,), (13.0,), true, true)"),
        // Iteration i pushes x, x², …, xⁱ and doubles the last:
        // 4x + 3x² + 2x³, 4 + 6x + 6x² = 26.5 at 1.5.
        ("""
         function f(x)
           s = 0.0
           for i in 1:3
             v = Float64[]
             for j in 1:i
               push!(v, x^j)
             end
             v[end] *= 2
             s += sum(v)
           end
           s
         end
         (gradient(f, 1.5), gradcheck(f, 1.5))
         """, "((26.5,), true)"),
        // A closure writes the iteration's array: x + 2x, 3.
        ("""
         function f(x)
           s = 0.0
           for i in 1:2
             v = [x, 0.0]
             set! = k -> (v[2] = v[1] * k)
             set!(i)
             s += v[2]
           end
           s
         end
         (gradient(f, 3.0), gradcheck(f, 3.0))
         """, "((3.0,), true)"),
        // Returned from inside the loop: sum([x², x]), 2x + 1 = 7.
        ("""
         function g(x)
           for i in 1:1
             v = [x, x]
             v[1] = x^2
             return v
           end
           return [0.0, 0.0]
         end
         f(x) = sum(g(x))
         (gradient(f, 3.0), gradcheck(f, 3.0))
         """, "((7.0,), true)"),
    ])
    func writtenInPlace(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    @Test(arguments: [
        // v = [x, x²], first element scaled by x; iteration 1 reads
        // v[1] = x², iteration 2 v[2] = x²: 2x², 4x = 8 at 2.
        ("""
         function f(x)
           s = 0.0
           for i in 1:2
             v = [x, x^2]
             scale!(v, x)
             if i == 2
               s += v[2]
             else
               s += v[1]
             end
           end
           s
         end
         (gradient(f, 2.0), gradcheck(f, 2.0))
         """, "((8.0,), true)"),
        // Arrays read out of a container per iteration: x² + 2x², 6x = 18.
        ("""
         function f(x)
           vs = [[x, 1.0], [2.0, x]]
           s = 0.0
           for i in 1:2
             v = vs[i]
             scale!(v, x)
             s += v[1] * v[2]
           end
           s
         end
         (gradient(f, 3.0), gradcheck(f, 3.0))
         """, "((18.0,), true)"),
        // A loop-carried array, rebuilt from the second iteration on:
        // (x² + 1) + (x³ + x) + (x⁴ + x), 4x³ + 3x² + 2x + 2 = 25.25 at 1.5.
        ("""
         function f(x)
           v = [x, 1.0]
           s = 0.0
           for i in 1:3
             if i > 1
               v = [v[1], x]
             end
             scale!(v, x)
             s += v[1] + v[2]
           end
           s
         end
         (gradient(f, 1.5), gradcheck(f, 1.5))
         """, "((25.25,), true)"),
        // Filled in an inner loop (x, x² + x, x³ + x² + x), first scaled
        // by i·x: Σᵢ i x² + x³ + 2x² + 2x = 2x³ + 7x² + 4x;
        // 6x² + 14x + 4 = 29.44 at 1.2.
        ("""
         function f(x)
           s = 0.0
           for i in 1:2
             v = zeros(3)
             for j in 1:3
               v[j] = x^j + (j > 1 ? v[j-1] : 0.0)
             end
             scale!(v, i * x)
             s += sum(v)
           end
           s
         end
         (gradient(f, 1.2), gradcheck(f, 1.2))
         """, "((29.44,), true)"),
        // Merged at a join, then written by a callee: [x², 2] → 2x = 6;
        // [2x, x] → 3.
        ("""
         function h(x, c)
           v = c ? [x, 2.0] : [2.0, x]
           scale!(v, x)
           v[1] + v[2]
         end
         (gradient(x -> h(x, true), 3.0), gradient(x -> h(x, false), 3.0),
          gradcheck(x -> h(x, true), 3.0), gradcheck(x -> h(x, false), 3.0))
         """, "((6.0,), (3.0,), true, true)"),
    ])
    func writtenByCallees(_ source: String, _ expected: String) {
        let run = ADRun(MutationLocalArrayTests.scale + source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    @Test(arguments: [
        // A copy grown with push! each iteration: t = 2(x₁² + x₂) + x₁ + x₂²,
        // the gradient keeps the argument's length: [4x₁ + 1, 2 + 2x₂].
        ("""
         function f(xs)
           t = 0.0
           for k in 1:2
             w = copy(xs)
             w[k] = w[k]^2
             push!(w, t)
             t += sum(w)
           end
           t
         end
         (gradient(f, [1.0, 2.0]), gradcheck(f, [1.0, 2.0]))
         """, "(([5.0, 6.0],), true)"),
        // push! then a write: 2x₁ + x₂ + 2.
        ("""
         function f(xs)
           w = copy(xs)
           push!(w, 2.0)
           w[1] *= w[3]
           sum(w)
         end
         (gradient(f, [1.0, 2.0]), gradcheck(f, [1.0, 2.0]))
         """, "(([2.0, 1.0],), true)"),
        // pop! then a write: x₁x₃ + x₂.
        ("""
         function f(xs)
           w = copy(xs)
           a = pop!(w)
           w[1] *= a
           sum(w)
         end
         (gradient(f, [1.0, 2.0, 3.0]), gradcheck(f, [1.0, 2.0, 3.0]))
         """, "(([3.0, 1.0, 1.0],), true)"),
        // Rebound around a loop (a merged value written): x + x², 1 + 2x;
        // written through an alias: 1 + 2x in v[2], 2.
        ("""
         function f(x)
           v = [x, 1.0]
           for i in 1:2
             v = copy(v)
             v[2] = v[1] * v[2]
           end
           sum(v)
         end
         function g(x)
           v = [x, 1.0]
           for i in 1:2
             w = v
             w[2] += x
             v = w
           end
           v[2]
         end
         (gradient(f, 3.0), gradcheck(f, 3.0), gradient(g, 3.0), gradcheck(g, 3.0))
         """, "((7.0,), true, (2.0,), true)"),
    ])
    func lengthsAndRebinding(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }

    /// `x .= e` reversed after a push! that grew x: the assignment wrote
    /// the slots x had then. [x/2, x, x/2, x]: 2.5x², 5x = 4 (was 12.8).
    @Test func assignThenPush() {
        let run = ADRun("""
        function f(x)
          a = [x, 2x, x]
          a .= a .* 0.5
          push!(a, 2.0 * a[end])
          sum(a .* a)
        end
        D(f, x) = gradient(f, x)[1]
        (gradient(f, 0.8), gradcheck(f, 0.8), D(y -> D(f, y), 0.8))
        """)
        #expect(run.repr == "((4.0,), true, 5.0)", "\(run.errorText ?? "")")
    }
}
