/// Programs of the seed talk that several test suites read, written once
/// (their spans, listings and traces are checked against this exact text).
public enum SeedSource {
    /// The talk's first example, as the slide shows it.
    public static let pow = """
        function pow(x, n)
            r = 1
            while n > 0
                n -= 1
                r *= x
            end
            return r
        end
        """
}
