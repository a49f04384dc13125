/// A gradient row: the gradient of a Zy computation against its primal,
/// timed in the same session (AD installed), per loop iteration.
struct GradientBenchmark {
    var name: String
    var setup: String
    var primalCall: String
    var gradientCall: String
    /// A call of `pullback` on the loop's function for `n` iterations:
    /// its tape is measured for two `n` to get bytes per iteration.
    var pullbackCall: (Int) -> String
    var tapeSizes: (Int, Int)
    var units: Int

    static let pow = GradientBenchmark(
        name: "gradient of pow(x, n), n = 10^6",
        setup: Benchmark.powSource,
        primalCall: "pow(1.0, 1_000_000)",
        gradientCall: "gradient(x -> pow(x, 1_000_000), 1.0)",
        pullbackCall: { "pullback(pow, 1.0, \($0))" },
        tapeSizes: (1_000, 2_000),
        units: 1_000_000)

    /// The seed's `loop(x, n)`: every iteration calls `f`, itself a loop.
    static let loop = GradientBenchmark(
        name: "gradient of seed loop(x, n), n = 10^5",
        // `loop` in block form: the parser does not take `(a; for …; end; b)`
        // as a block yet (it reads a named tuple).
        setup: """
            f(x) = (for i = 1:5; x = sin(cos(x)); end; x)
            function loop(x, n)
                r = x/x
                for i = 1:n
                    r *= f(x)
                end
                sin(cos(r))
            end
            """,
        primalCall: "loop(1.0, 100_000)",
        gradientCall: "gradient(x -> loop(x, 100_000), 1.0)",
        pullbackCall: { "pullback(loop, 1.0, \($0))" },
        tapeSizes: (1_000, 2_000),
        units: 100_000)

    static let all = [pow, loop]
}
