import Testing

/// The adjoint of a catch block stops at `__ad_catch_block!` (which throws
/// Zygote's error): the listing says `unreachable` there, not a return.
@Suite struct CatchAdjointTests {
    static let source = """
    function f(x)
        y = 0.0
        try
            y = x^2
        catch e
            y = -x
        end
        return y
    end

    """

    @Test func catchPathEndsUnreachable() {
        let run = ADRun(CatchAdjointTests.source + "@code_adjoint f(2.0)")
        let adjoint = run.output.components(separatedBy: "Adjoint").last ?? ""
        let lines = adjoint.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let k = lines.firstIndex(where: { $0.contains("__ad_catch_block!(\"test.zy:6:9\", \"f\")") }) else {
            Issue.record("no catch-block call in: \(run.output)")
            return
        }
        #expect(k + 1 < lines.count && lines[k + 1] == "unreachable", "\(adjoint)")
        #expect(!adjoint.contains("return ()"), "\(adjoint)")
    }

    /// 2x on the try path; a gradient through the catch path is the error.
    @Test func gradientsThroughEachPath() {
        #expect(ADRun(CatchAdjointTests.source + "gradient(f, 2.0)").repr == "(4.0,)")
        let run = ADRun("""
        function g(x)
            y = 0.0
            try
                y = x > 1 ? error("no") : x
            catch e
                y = -x
            end
            return y
        end
        gradient(g, 2.0)
        """)
        let text = run.errorText ?? ""
        #expect(text.contains("catch block") && text.contains("test.zy:"), "\(text.isEmpty ? run.repr ?? "" : text)")
    }
}
