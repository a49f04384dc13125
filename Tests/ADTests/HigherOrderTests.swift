import Testing
@testable import Zy

/// Closures, higher-order code, varargs and splatting, keywords.
@Suite struct HigherOrderTests {
    @Test(arguments: [
        ("function make(a); b = 2.0; x -> a * x + b; end; f = make(3.0); gradient(f -> f(2.0), f)", "((a = 2.0, b = 1.0),)"),
        ("twice(g, x) = g(g(x)); gradient(x -> twice(y -> y^2, x), 2.0)", "(32.0,)"),
        ("gradient(2, 3) do a, b; a * b; end", "(3, 2)"),
        ("f(xs...) = sum(xs); gradient(x -> f(x, 2x, 3x), 1.0)", "(6.0,)"),
        ("g(a, b, c) = a * b + c; gradient(t -> g(t...), (1.0, 2.0, 3.0))", "((2.0, 1.0, 1.0),)"),
        ("g(a, b, c) = a * b + c; gradient((a, t) -> g(a, t...), 5.0, (2.0, 3.0))", "(2.0, (5.0, 1.0))"),
        ("g(a, b, c) = a * b + c; gradient(v -> g(v...), [1.0, 2.0, 3.0])", "([2.0, 1.0, 1.0],)"),
        ("h(x; k = 2.0) = x * k; (gradient(x -> h(x; k = 3.0), 1.0), gradient(h, 1.0))", "((3.0,), (2.0,))"),
        ("gradient(v -> sum(x -> x^2, v), [1.0, 2.0])", "([2.0, 4.0],)"),
        ("gradient(x -> sum(map(y -> y * x, [1.0, 2.0])), 2.0)", "(3.0,)"),
        ("function make(a); x -> a * x; end; m = make(3.0); m -= 0.5 * gradient(m -> m(2.0), m); m(1.0)", "2.0"),
        ("gradient(x -> sum([x^k for k in 1:3]), 2.0)", "(17.0,)"),
        ("gradient(xs -> sum([x^2 for x in xs if x > 1.5]), [1.0, 2.0])", "([0.0, 4.0],)"),
        ("hook(-, 2.0); gradient((a, b) -> hook(-, a) * b, 2, 3)", "(-3, 2)"),
    ])
    func higherOrder(_ source: String, _ expected: String) {
        let run = ADRun(source)
        #expect(run.repr == expected, "\(run.errorText ?? "")")
    }
}
