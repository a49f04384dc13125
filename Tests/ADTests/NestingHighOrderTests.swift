import Testing
@testable import Zy

/// Fourth and fifth derivatives through loops and branches: each level's
/// tape cells have cells of their own one level up, and a take is reversed
/// by a set. Exact values: (xⁿ)'''' = n(n-1)(n-2)(n-3)xⁿ⁻⁴.
@Suite struct NestingHighOrderTests {
    static let prelude = """
    function pow(x, n)
      r = 1
      while n > 0
        n -= 1
        r *= x
      end
      return r
    end
    D(f, x) = gradient(f, x)[1]
    D3(f, x) = D(x -> D(y -> D(f, y), x), x)
    D4(f, x) = D(w -> D(x -> D(y -> D(f, y), x), w), x)

    """

    @Test(arguments: [
        // 120x
        ("z -> pow(z, 5)", "1.5", "180.0"),
        ("z -> pow(z, 5)", "2.0", "240.0"),
        // 24
        ("z -> pow(z, 4)", "1.5", "24.0"),
        // 360x² in Float64
        ("z -> pow(z, 6)", "0.5", "90.0"),
        // a for loop and a product after it: x⁴
        ("z -> (r = 1.0; for i in 1:2; r *= z; end; r * z * z)", "1.5", "24.0"),
        // a branch recording several values: x⁵, 120x
        ("z -> z > 0 ? z*z*z*z*z : z", "1.5", "180.0"),
        // a while loop counting up: x⁵
        ("z -> (r = 1.0; k = 0; while k < 5; r *= z; k += 1; end; r)", "1.5", "180.0"),
    ])
    func fourthDerivative(_ f: String, _ x: String, _ expected: String) {
        let run = ADRun(NestingHighOrderTests.prelude + "(D4(\(f), \(x)), gradcheck(x -> D3(\(f), x), \(x)))")
        #expect(run.repr == "(\(expected), true)", "\(run.errorText ?? "")")
    }

    /// Fifth order through the while loop: (x⁶)⁽⁵⁾ = 720x.
    @Test func fifthDerivative() {
        let run = ADRun(NestingHighOrderTests.prelude + "D(v -> D4(z -> pow(z, 6), v), 1.5)")
        #expect(run.repr == "1080.0", "\(run.errorText ?? "")")
    }

    /// Second order through the product helpers with arrays (was a
    /// DimensionMismatch): sum([y² y³; y³ y⁴]·[y, 1]) = 2y³ + 2y⁴,
    /// 12y + 24y² = 20.16 at 0.7; 5x²sin²x via an array times a number.
    @Test func productsOfArrays() {
        let run = ADRun(NestingHighOrderTests.prelude + """
        m(y) = sum([y^2 y^3; y^3 y^4] * [y, 1.0])
        k(x) = (a = [x, 2x]; b = a * sin(x); sum(b .* b))
        (D(y -> D(m, y), 0.7) ≈ 20.16, gradcheck(y -> D(m, y), 0.7), gradcheck(y -> D(k, y), 0.322))
        """)
        #expect(run.repr == "(true, true, true)", "\(run.errorText ?? "")")
    }

    /// Third and fourth order through array writes: y⁴ + 1 built by three
    /// writes of a[1]; 24y and 24.
    @Test func throughArrayWrites() {
        let run = ADRun(NestingHighOrderTests.prelude + """
        function w(y)
          a = [y, 1.0]
          a[1] = a[1] * y
          a[1] = a[1] * y
          a[1] = a[1] * y
          sum(a)
        end
        (D3(w, 2.0), D4(w, 2.0))
        """)
        #expect(run.repr == "(48.0, 24.0)", "\(run.errorText ?? "")")
    }
}
