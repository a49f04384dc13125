import Testing
@testable import Zy

/// Second derivatives through code that writes: the outer gradient
/// differentiates the inner adjoint's shadow operations. Each value is
/// derived by hand (comment) and `gradcheck` compares the nested gradient
/// with central differences of the first derivative.
@Suite struct NestingMutationTests {
    static let prelude = "D(f, x) = gradient(f, x)[1]\n"

    @Test(arguments: [
        // The issue's example: y² + 2y; second derivative 2.
        ("g(y) = (a = [y, 2y]; a[1] = a[1]*y; sum(a))", "3.0", "2.0"),
        // a[1] written twice: y³ + 1, 6y.
        ("""
         function g(y)
           a = [y, 1.0]
           a[1] = a[1] * y
           a[1] = a[1] * y
           sum(a)
         end
         """, "2.0", "12.0"),
        // Written in a loop: y² + y⁴ + y⁶, 2 + 12y² + 30y⁴.
        ("""
         function g(y)
           a = zeros(3)
           for i in 1:3
             a[i] = y^i
           end
           sum(a .* a)
         end
         """, "1.5", "180.875"),
        // A callee writes: y² + y³, 2 + 6y.
        ("""
         function h!(v, y)
           v[2] = v[1] * y
           nothing
         end
         function g(y)
           v = [y^2, 0.0]
           h!(v, y)
           v[2] + v[1]
         end
         """, "2.0", "14.0"),
        // A matrix element: 2y + y² + 2, 2.
        ("""
         function g(y)
           A = [y 1.0; 2.0 y]
           A[1, 2] = A[1, 1] * A[2, 2]
           sum(A)
         end
         """, "3.0", "2.0"),
        // Arrays made per iteration: 3y² + 2, 6.
        ("""
         function g(y)
           s = 0.0
           for i in 1:2
             v = [y, 1.0]
             v[1] = v[1] * y * i
             s += sum(v)
           end
           s
         end
         """, "2.0", "6.0"),
        // Ranges and broadcast assignment: a = [y³, y², y, 0], sum(a)·y³ =
        // y⁶ + y⁵ + y⁴; 30y⁴ + 20y³ + 12y².
        ("""
         function g(y)
           a = zeros(4)
           a[2:3] = [y^2, y]
           a[1:2] .= a[2:3] .* y
           sum(a) * a[1]
         end
         """, "1.3", "149.90300000000002"),
        // A while loop updating an entry array: y + y² + y³, 2 + 6y.
        ("""
         function g(y)
           a = [1.0, 0.0]
           k = 0
           while k < 3
             a[1] = a[1] * y
             a[2] += a[1]
             k += 1
           end
           a[2]
         end
         """, "1.1", "8.600000000000001"),
    ])
    func secondDerivative(_ definition: String, _ x: String, _ expected: String) {
        let run = ADRun(NestingMutationTests.prelude + definition + """

        (D(y -> D(g, y), \(x)), gradcheck(y -> D(g, y), \(x)))
        """)
        #expect(run.repr == "(\(expected), true)", "\(run.errorText ?? "")")
    }

    /// Lengths changed by push!, pop!, append!, comprehensions, `T[…]`.
    @Test func lengthChanges() {
        let run = ADRun(NestingMutationTests.prelude + """
        function pushed(y)
          a = Float64[]
          for i in 1:3
            push!(a, y^i)
          end
          a[2] = a[1] * a[3]
          sum(a)
        end
        function stack(x)
          y = [x]
          push!(y, x^2)
          append!(y, [2x, 3x])
          v = pop!(y)
          sum(y) * v
        end
        comp(y) = sum([y^i for i in 1:3])
        typed(y) = sum(Float64[y, 2y, y^2] .* 3)
        (D(y -> D(pushed, y), 0.7), gradcheck(y -> D(pushed, y), 0.7),
         D(y -> D(stack, y), 1.0), gradcheck(y -> D(stack, y), 1.0),
         D(y -> D(comp, y), 2.0), D(y -> D(typed, y), 2.0))
        """)
        // y + y⁴ + y³: 12y² + 6y = 10.08; (3x + x²)·3x: 18 + 18x = 36;
        // y + y² + y³: 2 + 6y = 14; 3(3y + y²): 6.
        #expect(run.repr == "(10.079999999999998, true, 36.0, true, 14.0, 6.0)", "\(run.errorText ?? "")")
    }

    /// A backward pass run by an outer gradient gets fresh shadows, so
    /// nothing is left behind for later gradients (stale reverse lengths
    /// of freed arrays once made a later push! fail). Many rounds, each
    /// exact: (y + y² + y³)'' = 2 + 6y.
    @Test func repeatedNestedGradientsLeaveNoState() {
        let run = ADRun(NestingMutationTests.prelude + """
        comp(y) = sum([y^i for i in 1:3])
        function grown(y)
          a = Float64[]
          for i in 1:3
            push!(a, y^i)
          end
          sum(a)
        end
        all(k -> D(x -> D(comp, x), 0.5 * k) == 2 + 3k && D(x -> D(grown, x), 0.5 * k) == 2 + 3k, 1:30)
        """)
        #expect(run.repr == "true", "\(run.errorText ?? "")")
    }

    /// Dicts and mutable structs bound outside, written inside; a
    /// gradient with respect to an array, differentiated again.
    @Test func dictsStructsAndArrayArguments() {
        let run = ADRun(NestingMutationTests.prelude + """
        const d = Dict(:k => 0.0)
        function wd(y)
          d[:k] = y^2
          d[:k] = d[:k] * y
          d[:k] * y
        end
        mutable struct M; a; end
        const m = M(0.0)
        function wm(y)
          m.a = y
          m.a = m.a * y
          m.a * y
        end
        function wl(y)
          s = 0.0
          for i in 1:3
            d[:k] = y * i
            s += d[:k]^2
          end
          s
        end
        function wa(x)
          y = copy(x)
          y[1] = y[1] * y[2]
          sum(y .* y)
        end
        (D(y -> D(wd, y), 2.0), D(y -> D(wm, y), 2.0), D(y -> D(wl, y), 2.0),
         gradient(x -> gradient(wa, x)[1][1], [2.0, 3.0]),
         gradcheck(y -> D(wd, y), 2.0), gradcheck(y -> D(wl, y), 2.0))
        """)
        // y⁴: 12y²; y³: 6y; 14y²: 28; x₁²x₂² + x₂²: ∂₁ = 2x₁x₂², whose
        // gradient is [2x₂², 4x₁x₂].
        #expect(run.repr == "(48.0, 12.0, 28.0, ([18.0, 24.0],), true, true)", "\(run.errorText ?? "")")
    }
}
