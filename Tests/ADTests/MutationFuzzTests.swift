import Testing
@testable import Zy

/// Random programs that write arrays (fresh per iteration or branch, in
/// place, through callees and closures, push!, broadcast assignment,
/// swaps, copies, loops and branches), each compared with central finite
/// differences at two points, first and second order. Seeded, so a
/// failure reproduces; the program text is in the failure message.
@Suite struct MutationFuzzTests {
    /// A small deterministic generator (64-bit LCG).
    struct Dice {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func int(_ lo: Int, _ hi: Int) -> Int { lo + Int(next() % UInt64(hi - lo + 1)) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[int(0, xs.count - 1)] }
        mutating func point() -> String { String(format: "%.3f", Double(int(-1200, 1200)) / 1000) }
    }

    static let helpers = """
    function __scale!(y, c)
      y[1] = c * y[1]
      return nothing
    end
    function __mix!(y, c)
      for k in 2:length(y)
        y[k] = y[k] + c * y[k-1]
      end
      nothing
    end
    function __grow!(y, c)
      push!(y, c * y[end])
      nothing
    end
    __pick(y, i) = y[i]
    __wrong = String[]
    __errors = String[]
    function __check(name, f, xs...)
      for x in xs
        try
          g = gradient(f, x)[1]
          gradcheck(f, x) || push!(__wrong, string(name, " at ", x))
        catch e
          push!(__errors, string(name, " at ", x, ": ", e))
        end
      end
    end
    __check2(name, f, xs...) = __check(name, y -> (g = gradient(f, y)[1]; g === nothing ? 0.0 : g), xs...)

    """

    struct Generator {
        var dice: Dice
        var count = 0
        var lines: [String] = []

        mutating func expr(_ arrays: [(String, Int)], _ depth: Int = 0) -> String {
            var atoms = ["x", "s", "1.5"]
            for (a, n) in arrays where n > 0 { atoms.append("\(a)[\(dice.int(1, n))]") }
            let a = dice.pick(atoms)
            if depth > 1 { return a }
            let b = expr(arrays, depth + 1)
            return dice.pick(["\(a) * \(b)", "sin(\(a))", "(\(a) + \(b))", "\(a)^2", "(\(a) - 0.5 * \(b))", "cos(\(b)) * \(a)"])
        }

        mutating func bind(_ arrays: inout [(String, Int)], _ pad: String) {
            count += 1
            let a = "a\(count)"
            switch dice.int(0, 2) {
            case 0: lines.append("\(pad)\(a) = zeros(3)"); arrays.append((a, 3))
            case 1: lines.append("\(pad)\(a) = [\(expr(arrays)), \(expr(arrays)), x]"); arrays.append((a, 3))
            default:
                lines.append("\(pad)\(a) = Float64[]")
                lines.append("\(pad)push!(\(a), \(expr(arrays)))"); arrays.append((a, 1))
            }
        }

        mutating func block(_ arrays: inout [(String, Int)], depth: Int, indent: Int) {
            let pad = String(repeating: "  ", count: indent)
            for _ in 0..<dice.int(2, 5) {
                let k = dice.int(0, 15)
                if k == 0 || arrays.isEmpty { bind(&arrays, pad); continue }
                let j = dice.int(0, arrays.count - 1)
                let (a, n) = arrays[j]
                let i = dice.int(1, n)
                switch k {
                case 1: lines.append("\(pad)\(a)[\(i)] = \(expr(arrays))")
                case 2: lines.append("\(pad)\(a)[\(i)] += \(expr(arrays))")
                case 3: lines.append("\(pad)\(a)[\(i)] *= \(expr(arrays))")
                case 4: lines.append("\(pad)s += \(expr(arrays))")
                case 5: lines.append("\(pad)__scale!(\(a), \(expr(arrays)))")
                case 6: lines.append("\(pad)__mix!(\(a), \(expr(arrays)))")
                case 7 where depth == 0:
                    lines.append("\(pad)push!(\(a), \(expr(arrays)))"); arrays[j].1 += 1
                case 8: lines.append("\(pad)\(a) .= \(a) .* \(expr(arrays))")
                case 9 where depth < 2, 10 where depth < 2:
                    lines.append(k == 9 ? "\(pad)for i\(depth) in 1:2" : "\(pad)if \(expr(arrays)) > 0.3")
                    var inner = arrays
                    block(&inner, depth: depth + 1, indent: indent + 1)
                    if k == 10 {
                        lines.append("\(pad)else")
                        var other = arrays
                        block(&other, depth: depth + 1, indent: indent + 1)
                    }
                    lines.append("\(pad)end")
                case 11 where depth == 0:
                    lines.append("\(pad)__grow!(\(a), \(expr(arrays)))"); arrays[j].1 += 1
                case 12:
                    if let other = arrays.first(where: { $0.1 == n && $0.0 != a }) {
                        lines.append("\(pad)\(a), \(other.0) = \(other.0), \(a)")
                    }
                case 13: lines.append("\(pad)\(a) = copy(\(a))")
                case 14: lines.append("\(pad)\(a)[\(i)] = __pick(\(a), \(i)) * \(expr(arrays))")
                case 15:
                    lines.append("\(pad)__set = t -> (\(a)[\(i)] = t * \(a)[\(i)])")
                    lines.append("\(pad)__set(\(expr(arrays)))")
                default: break
                }
            }
        }

        mutating func function(_ name: String) -> String {
            lines = ["function \(name)(x)", "  s = 0.0"]
            var arrays: [(String, Int)] = []
            block(&arrays, depth: 0, indent: 1)
            let tail = arrays.filter { $0.1 > 0 }.map { "sum(\($0.0) .* \($0.0))" }
            lines.append("  s + " + (tail.isEmpty ? "0.0" : tail.joined(separator: " + ")))
            lines.append("end")
            return lines.joined(separator: "\n")
        }
    }

    @Test(arguments: [(UInt64(1), false), (2, false), (3, false), (4, false), (5, false), (6, false), (7, true), (8, true)])
    func randomProgramsAgreeWithFiniteDifferences(_ seed: UInt64, _ second: Bool) {
        var g = Generator(dice: Dice(state: seed))
        var source = MutationFuzzTests.helpers
        for k in 0..<12 {
            source += g.function("f\(k)") + "\n"
            let points = "\(g.dice.point()), \(g.dice.point())"
            source += "__check(\"f\(k)\", f\(k), \(points))\n"
            if second { source += "__check2(\"f\(k)''\", f\(k), \(points))\n" }
        }
        let run = ADRun(source + "(__wrong, __errors)")
        #expect(run.repr == "(String[], String[])", "\(run.errorText ?? run.repr ?? "")\n\(source)")
    }
}
