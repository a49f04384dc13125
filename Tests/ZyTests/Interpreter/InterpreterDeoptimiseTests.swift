import Foundation
import Testing
@testable import Zy

/// Redefining an operator rewrites the specialised instructions of code
/// already compiled, including frames that are running at the time.
@Suite struct InterpreterDeoptimiseTests {
    static let cases: [(String, String)] = [
        // Compiled and run first, then the operator changes.
        ("""
         function p(x, n); r = 1; while n > 0; n -= 1; r *= x; end; r; end
         a = p(2, 3)
         Base.:*(a::Int, b::Int) = 7
         (a, p(2, 3))
         """, "(8, 7)"),
        ("""
         f(x) = (x + 1, x - 1, x + x)
         a = f(1)
         Base.:+(a::Int, b::Int) = 0
         (a, f(1), f(1.5))
         """, "((2, 0, 2), (0, 0, 0), (2.5, 0.5, 3.0))"),
        ("""
         function c(n); k = 0; while n > 0; n -= 1; k += 1; end; k; end
         a = c(4)
         Base.:-(a::Int, b::Int) = -1
         (a, c(4))
         """, "(4, 1)"),
        ("""
         function c(n); k = 0; while k < n; k += 1; end; k; end
         function d(n); k = 0; while k <= 3; k += 1; end; k; end
         a = (c(4), d(0))
         Base.:<(a::Int, b::Int) = false
         Base.:<=(a::Int, b::Int) = a == 0
         (a, c(4), d(0))
         """, "((4, 4), 0, 1)"),
        // Inline vector indexing gives way to a user `getindex`.
        ("""
         f(v) = v[2]
         a = f([1, 2, 3])
         Base.getindex(v::Vector{Int}, i::Int) = 0
         (a, f([1, 2, 3]), f([1.0, 2.0]))
         """, "(2, 0, 2.0)"),
        // Register back-edge compares (`while k < n`) after `<` changes.
        ("""
         function c(n); k = 0; while k < n; k += 1; end; k; end
         a = c(3)
         Base.:<(a::Int, b::Int) = a == 0
         (a, c(3))
         """, "(3, 1)"),
        // A forward compare against a literal after `<` changes.
        ("f(n) = n < 2 ? \"small\" : \"big\"; a = f(1); Base.:<(a::Int, b::Int) = a > b; (a, f(1), f(3))",
         "(\"small\", \"big\", \"small\")"),
        // A method for another type leaves Int arithmetic alone.
        ("""
         struct V; x::Int; end
         g(n) = n + 1
         Base.:+(a::V, b::Int) = V(a.x + b)
         (g(1), g(V(1)).x)
         """, "(2, 2)"),
        // Float64 operands are inline in `add`/`sub`/`mul` too: a new
        // Float64 method reaches code compiled before it.
        ("""
         f(x, y) = (x + y, x - y, x * y)
         a = f(1.5, 2.0)
         Base.:*(a::Float64, b::Float64) = 0.0
         Base.:-(a::Float64, b::Float64) = 1.0
         (a, f(1.5, 2.0), f(1, 2))
         """, "((3.5, -0.5, 3.0), (3.5, 1.0, 0.0), (3, -1, 2))"),
        // A loop's entry and back edge both write the counter's register.
        ("""
         function s(n); k = n - 1; t = 0.0; while k != 0; t += k * 0.5; k = k - 1; end; (k, t); end
         a = s(4)
         Base.:-(a::Int, b::Int) = a == 4 ? 2 : 0
         (a, s(4))
         """, "((0, 3.0), (0, 1.0))"),
        // At top level, inside a running loop.
        ("""
         k = 0
         while k < 5
             global k += 1
             if k == 2
                 Base.:+(a::Int, b::Int) = 100
             end
         end
         k
         """, "100"),
    ]

    @Test(arguments: 0..<cases.count)
    func redefinitions(_ i: Int) {
        let (source, expected) = Self.cases[i]
        let run = SessionRun(source)
        #expect(run.error == nil, "\(source): \(run.errorText ?? "")")
        #expect(run.repr == expected, "\(source)")
    }

    /// A function's loop is running when `include` redefines `+` and `>`:
    /// its next `k += 1` and loop test call the new methods.
    @Test func runningFrameSwitchesToTheNewMethod() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("zy-deopt-\(UUID().uuidString).zy")
        try "Base.:+(a::Int, b::Int) = 10; Base.:>(a::Int, b::Int) = a < b".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let path = url.path
        let run = SessionRun("""
            function f(n)
                k = 0
                while n > 0
                    if k == 2
                        include("\(path)")
                    end
                    n -= 1
                    k += 1
                end
                (n, k)
            end
            f(5)
            """)
        #expect(run.error == nil, "\(run.errorText ?? "")")
        // In the third iteration the include runs, then `k += 1` gives 10
        // and the loop test is now `n < 0` with n = 2, which fails.
        #expect(run.repr == "(2, 10)", "\(run.errorText ?? "")")
    }
}
