import Foundation
import Testing
@testable import Zy

/// A scan for silently wrong gradients: the samples' differentiable
/// functions (each sample file included in a fresh session), and more
/// programs that write, checked on a grid of points against central finite
/// differences (`gradcheck`) and, for arrays, the gradient's shape; second
/// derivatives against differences of the first. A check that throws
/// counts as a failure too, so nothing here may stop with an error.
@Suite struct MutationScanTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples")

    static let harness = """
    __wrong = String[]
    __errors = String[]
    function __check(name, f, xs...)
      for x in xs
        try
          g = gradient(f, x)[1]
          shaped = !(x isa AbstractArray) || (g isa AbstractArray && size(g) == size(x))
          (shaped && gradcheck(f, x)) || push!(__wrong, string(name, " at ", x))
        catch e
          push!(__errors, string(name, " at ", x))
        end
      end
    end
    __check2(name, f, xs...) = __check(name, y -> gradient(f, y)[1], xs...)

    """

    static func run(_ sample: String, _ checks: String) -> ADRun {
        let path = samples.appendingPathComponent(sample).path
        return ADRun(harness + "include(\"\(path)\")\n" + checks + "\n(__wrong, __errors)")
    }

    @Test(arguments: [
        ("ad/chain.zy", """
         __check("foo", foo, 0.3, 1.0, 2.0, -1.2)
         __check2("foo''", foo, 0.3, 1.1)
         """, []),
        ("ad/closures.zy", """
         __check("twice", x -> twice(y -> y^2, x), 0.5, 2.0, -1.5)
         __check("adder", adder, 0.5, 2.0)
         __check("make", a -> make(a)(2.0), 0.5, 3.0)
         """, []),
        ("ad/seed_loop.zy", """
         __check("loop", x -> loop(x, 3), 0.4, 2.0, 2.9)
         __check("f", f, 0.4, 1.0)
         __check2("loop''", x -> loop(x, 2), 0.7, 2.0)
         """, []),
        ("ad/dict_pow.zy", """
         vars = Dict{Symbol, Any}(:r => 0, :n => 0)
         __check("dict pow", x -> (pow(x, 3); vars[:r]), 0.5, 1.7, -2.0)
         __check2("dict pow''", x -> (pow(x, 3); vars[:r]), 0.5, 1.7)
         """, []),
        ("ad/mutation_arguments.zy", """
         __check("f!", x -> f!(zeros(2), x), [3.0, 4.0], [-0.5, 0.25])
         __check("copy then write", x -> begin y = copy(x); y[1] *= 2; sum(y .* x) end, [1.0, 2.0], [-1.5, 0.3])
         __check("square_twice!", v -> square_twice!(copy(v)), [3.0, 2.0], [0.7, -1.1])
         __check("scale!", x -> sum(scale!(copy(x), 1.7) .^ 2), [1.0, 2.0], [-0.3, 0.9])
         __check("scale! c", c -> sum(scale!([1.0, 2.0], c) .^ 2), 3.0, -0.4)
         __check("corner!", A -> corner!(copy(A), 2.0), [1.0 2.0; 3.0 4.0])
         __check("corner! v", v -> corner!(zeros(2, 2), v), 1.5, -0.2)
         __check("caller", v -> caller(copy(v)), [1.0, 2.0], [0.5, -3.0])
         __check("run", run, [2.0, 3.0], [0.5, -0.7])
         __check2("f!''", y -> f!(zeros(2), [y, y^2]), 0.6, 1.3)
         """, []),
        ("ad/mutation_anywhere.zy", """
         __check("viacallee", viacallee, 3.0, -0.4)
         __check("viaclosure", viaclosure, 3.0, -0.4)
         __check("fill_first!", x -> fill_first!(Holder(zeros(2)), x), 3.0, 0.2)
         __check("stack", stack, 1.0, 0.3, -2.0)
         __check("assign", assign, [1.0, 2.0, 3.0], [0.2, -0.5, 1.5])
         __check("cube", cube, 2.0, -0.7)
         __check("count", count, 1.0, 2.5)
         __check("setkey!", x -> (d = Dict(:k => 0.0); setkey!(d, x); d[:k] + 1), 2.0, -0.6)
         __check("columns", columns, [1.0, 2.0], [-0.4, 0.9])
         __check2("stack''", stack, 1.0, 0.3)
         __check2("cube''", cube, 2.0)
         """, []),
        ("ad/mutation_local_arrays.zy", """
         __check("percall", percall, 2.0, -0.3)
         __check("inplace", inplace, 2.0, 0.1, -1.0)
         __check("branchy", branchy, 3.0, 0.5, -2.0, -0.25)
         __check("grown", grown, 1.5, 0.3, -0.8)
         __check("joined", x -> joined(x, true), 3.0, -0.5)
         __check("joined false", x -> joined(x, false), 3.0, -0.5)
         __check2("percall''", percall, 2.0)
         __check2("inplace''", inplace, 2.0, -1.0)
         __check2("grown''", grown, 1.5)
         __check2("joined''", x -> joined(x, true), 1.2)
         """, []),
        ("ad/rules_arrays.zy", """
         __check("softmax", v -> softmax(v)[1], [1.0, 2.0, 3.0], [0.3, -0.2, 0.0])
         __check("logsumexp", logsumexp, [1.0, 2.0, 3.0])
         __check("foldr", v -> foldr(-, v), [1.0, 2.0, 3.0])
         __check("mapreduce", v -> mapreduce(y -> y^2, +, v), [1.0, -2.0, 3.0])
         __check("prod", prod, [1.0, 2.0, 3.0], [0.5, -1.5, 2.0])
         __check("cumsum", v -> sum(cumsum(v) .^ 2), [1.0, 2.0, 3.0])
         __check("extrema", v -> maximum(v) - minimum(v), [1.0, 5.0, 3.0])
         __check("reshape", v -> sum(reshape(v, 2, 2) * [1.0, 2.0]), [1.0, 2.0, 3.0, 4.0])
         __check("norm", norm, [3.0, 4.0], [-1.0, 0.5])
         __check("matrix literal", x -> sum([x 2x; 3x 4x] * [1.0, 2.0]), 1.0)
         __check2("prod''", x -> prod([x, x^2, 3.0]), 0.8)
         """, []),
        ("arrays.zy", """
         __check("cumulative", xs -> sum(cumulative(xs) .^ 2), [1.0, 2.0, 3.0], [0.5, -1.0, 0.25])
         __check("swap_ends!", xs -> sum(swap_ends!(copy(xs)) .* [1.0, 2.0, 3.0]), [1.0, 2.0, 3.0])
         __check2("cumulative''", y -> sum(cumulative([y, y^2, 1.0]) .^ 2), 0.7)
         """, []),
    ])
    func samplesAgreeWithFiniteDifferences(_ sample: String, _ checks: String, _ errors: [String]) {
        let run = MutationScanTests.run(sample, checks)
        let expected = errors.isEmpty ? "String[]" : "[" + errors.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        #expect(run.repr == "(String[], \(expected))", "\(sample): \(run.errorText ?? run.repr ?? "")")
    }
}
