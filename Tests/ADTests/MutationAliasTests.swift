import Testing
@testable import Zy

/// One array reached through several variables: reads of a box (a
/// captured variable that is reassigned), fields of a struct handed to a
/// writing callee, a copy stored into a captured box. Found by a
/// randomized finite-difference scan; each was silently wrong or stopped.
@Suite struct MutationAliasTests {
    @Test(arguments: [
        // a1 is boxed (`.=` counts as an assignment after capture): two
        // reads of the box in the loop body are the same array, each
        // tracked on its own. a1 = [0.5, 2x + x], doubled: 6.
        ("""
         function mix!(y, c)
           y[2] = y[2] + c * y[1]
           nothing
         end
         function f(x)
           a1 = [x, 2x]
           for i0 in 1:2
             set = t -> (a1[1] = t * a1[1])
             a1[1] = 0.5
             mix!(a1, x)
           end
           a1 .= a1 .* 2.0
           sum(a1)
         end
         (gradient(f, 0.3), gradcheck(f, 0.3))
         """, "((6.0,), true)"),
        // A copy stored in the box a closure writes through, read after:
        // 2x + 1, 2 (was 1).
        ("""
         function f(x)
           a = [x, 1.0]
           a = copy(a)
           set = t -> (a[1] = t * a[1])
           set(2.0)
           sum(a)
         end
         (gradient(f, 0.5), gradcheck(f, 0.5))
         """, "((2.0,), true)"),
        // A struct's field written by a callee, read after: 2x + 1, 2
        // (was nothing for a mutable struct, 1 for an immutable one).
        ("""
         mutable struct S; v; end
         struct T; v; end
         function w!(s, x)
           s.v[1] = x * s.v[1]
           nothing
         end
         f(x) = (s = S([x, 1.0]); w!(s, 2.0); sum(s.v))
         g(x) = (s = T([x, 1.0]); w!(s, 2.0); sum(s.v))
         (gradient(f, 0.5), gradcheck(f, 0.5), gradient(g, 0.5), gradcheck(g, 0.5))
         """, "((2.0,), true, (2.0,), true)"),
        // Rebound to a copy in a loop or branch while boxed (captured),
        // written there, read after: x + 2x², 1 + 4x = 6.2 (the read after
        // the loop had moved the gradient to the box before the write).
        ("""
         function f(x)
           a = [x, 2x]
           for i in 1:1
             a = copy(a)
             a[2] *= a[1]
           end
           set = t -> (a[1] = t)
           sum(a)
         end
         function g(x)
           a = [x, 2x]
           if x > 0
             a = copy(a)
             a[2] *= a[1]
           end
           set = t -> (a[1] = t)
           sum(a)
         end
         (gradient(f, 1.3), gradcheck(f, 1.3), gradient(g, 1.3), gradcheck(g, 1.3))
         """, "((6.2,), true, (6.2,), true)"),
        // Written in one branch, merged with a copy from the other, copied
        // again: x², 2x (was nothing: the merged value's gradient never
        // reached the written array's shadow).
        ("""
         function f(x)
           a = [0.0]
           if x > 10
             a = copy(a)
           else
             a[1] += x
           end
           a = copy(a)
           sum(a .* a)
         end
         (gradient(f, 0.5), gradcheck(f, 0.5))
         """, "((1.0,), true)"),
    ])
    func aliases(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }
}
