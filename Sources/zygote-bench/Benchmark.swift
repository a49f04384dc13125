/// One row of the benchmark table: the same computation written in Zy and
/// in Python, repeated `units` times per run (iterations, calls, elements),
/// so times are reported per unit.
struct Benchmark {
    var name: String
    /// Definitions, evaluated once before timing.
    var zySetup: String
    /// The timed expression.
    var zyCall: String
    /// Python definitions and the timed expression, as for Zy.
    var pythonSetup: String
    var pythonCall: String
    var units: Int
    var unitName: String

    static let powSource = """
        function pow(x, n)
            r = 1
            while n > 0
                n -= 1
                r *= x
            end
            return r
        end
        """

    /// The seed's `pow` loop: the headline row (goal: CPython/Zy ≥ 5).
    static let pow = Benchmark(
        name: "pow(x, n) loop, n = 10^6",
        zySetup: powSource,
        zyCall: "pow(1, 1_000_000)",
        pythonSetup: """
            def pow(x, n):
                r = 1
                while n > 0:
                    n -= 1
                    r *= x
                return r
            """,
        pythonCall: "pow(1, 1000000)",
        units: 1_000_000, unitName: "iter")

    static let fib = Benchmark(
        name: "fib(22), recursive",
        zySetup: "fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)",
        zyCall: "fib(22)",
        pythonSetup: """
            def fib(n):
                return n if n < 2 else fib(n - 1) + fib(n - 2)
            """,
        pythonCall: "fib(22)",
        units: 57_313, unitName: "call")

    static let arraySum = Benchmark(
        name: "array sum loop, 10^6 elements",
        zySetup: """
            function asum(xs)
                s = 0.0
                for i in 1:length(xs)
                    s += xs[i]
                end
                return s
            end
            xs = ones(1_000_000)
            """,
        zyCall: "asum(xs)",
        pythonSetup: """
            def asum(xs):
                s = 0.0
                for i in range(len(xs)):
                    s += xs[i]
                return s
            xs = [1.0] * 1000000
            """,
        pythonCall: "asum(xs)",
        units: 1_000_000, unitName: "elem")

    static let all = [pow, fib, arraySum]
}
