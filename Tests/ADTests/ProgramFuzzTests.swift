import Foundation
import Testing
@testable import Zy

/// Random scalar programs (`ProgramGenerator`: control flow, tuples,
/// structs, closures, higher-order calls, keywords, recursion, Dicts,
/// try/catch, matrices) compared with central finite differences, first
/// and second order. Seeded, so a failure reproduces; the failing program
/// and its seed are in the failure message.
///
/// `ZY_PROGRAM_FUZZ_SEEDS=N` runs N seeds (from `ZY_PROGRAM_FUZZ_FIRST`,
/// default 1) instead of the few the default run takes; each seed's number
/// is printed first, so a trap names its seed. `ZY_PROGRAM_FUZZ_DUMP=dir`
/// writes each seed's program to `dir/seedN.zy` instead of running it (to
/// run many with a release `zygote`, one process per seed).
@Suite struct ProgramFuzzTests {
    /// Points where a finite difference with step h and with 4h disagree
    /// are next to a branch edge (or a changing trip count) and skipped, as
    /// are points where the one-sided differences disagree (a kink).
    /// A program whose gradient fails is not checked at second order.
    static let harness = """
    __fd(f, x, h) = (f(x + h) - f(x - h)) / (2h)
    __grad(f) = y -> (g = gradient(f, y)[1]; g === nothing ? 0.0 : g)
    function __check(name, f, xs...)
      ok = true
      for x in xs
        local d1, d4
        try
          d1 = __fd(f, x, 1e-5)
          d4 = __fd(f, x, 4e-5)
        catch e
          println("INVALID ", name, " at ", x, ": ", e)
          ok = false
          continue
        end
        abs(d1 - d4) <= 1e-5 * (1 + abs(d1)) || continue
        # a kink at x (max, clamp) looks smooth to central differences
        fx = f(x)
        abs((f(x + 1e-5) - fx) - (fx - f(x - 1e-5))) <= 1e-8 * (1 + abs(d1)) || continue
        try
          g = __grad(f)(x)
          if !(abs(g - d1) <= 1e-5 * (1 + abs(d1)))
            println("WRONG ", name, " at ", x, ": gradient ", g, ", finite differences ", d1)
            ok = false
          end
        catch e
          println("ERROR ", name, " at ", x, ": ", e)
          ok = false
        end
      end
      ok
    end
    __check2(name, f, xs...) = __check(name, f, xs...) && __check(string(name, "''"), __grad(f), xs...)

    """

    /// The default run: a few seeds, < 20 s in a debug build.
    static let defaultSeeds = 3
    static let programsPerSeed = 6

    /// One seed's programs with their checks, and each program's text by name.
    static func source(seed: UInt64, secondOrder: Bool = true) -> (String, [String: String]) {
        var generator = ProgramGenerator(dice: MutationFuzzTests.Dice(state: seed))
        var source = ProgramGenerator.helpers + harness
        var programs: [String: String] = [:]
        for k in 0..<programsPerSeed {
            let name = "f\(k)"
            let text = generator.function(name)
            programs[name] = text
            let points = "\(generator.dice.point()), \(generator.dice.point())"
            source += text + "\n" + "\(secondOrder ? "__check2" : "__check")(\"\(name)\", \(name), \(points))\n"
        }
        return (source + "nothing\n", programs)
    }

    /// The failure messages of one seed's programs (empty when all agree).
    static func failures(seed: UInt64) -> [String] {
        let (source, programs) = ProgramFuzzTests.source(seed: seed)
        let run = ADRun(source)
        if let error = run.errorText { return ["seed \(seed): \(error)\n\(source)"] }
        return run.output.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard words.count > 1, ["WRONG", "ERROR", "INVALID"].contains(String(words[0])) else { return nil }
            let name = String(words[1].prefix { $0 != "'" })
            return "seed \(seed): \(line)\n\(ProgramGenerator.helpersNote)\n\(programs[name] ?? source)"
        }
    }

    @Test func randomProgramsAgreeWithFiniteDifferences() {
        let environment = ProcessInfo.processInfo.environment
        let requested = environment["ZY_PROGRAM_FUZZ_SEEDS"].flatMap { Int($0) }
        let first = environment["ZY_PROGRAM_FUZZ_FIRST"].flatMap { UInt64($0) } ?? 1
        let count = UInt64(max(requested ?? ProgramFuzzTests.defaultSeeds, 0))
        let dump = environment["ZY_PROGRAM_FUZZ_DUMP"]
        for seed in first..<(first + count) {
            if let dump {
                let text = ProgramFuzzTests.source(seed: seed).0
                try? text.write(toFile: "\(dump)/seed\(seed).zy", atomically: true, encoding: .utf8)
                continue
            }
            if requested != nil { print("program fuzz seed \(seed)") }
            for failure in ProgramFuzzTests.failures(seed: seed) {
                Issue.record(Comment(rawValue: failure))
            }
        }
    }
}

extension ProgramFuzzTests {
    /// The check itself can fail: a custom rule with a wrong derivative is
    /// reported (first order, so the second is not tried).
    @Test func harnessReportsAWrongGradient() {
        let run = ADRun(ProgramGenerator.helpers + ProgramFuzzTests.harness + """
        wrong(x) = sin(x)
        @adjoint wrong(x) = sin(x), ȳ -> (ȳ * 2cos(x),)
        f(x) = wrong(x) * x
        __check2("f", f, 0.5)
        """)
        #expect(run.output.hasPrefix("WRONG f at 0.5: gradient "), "\(run.errorText ?? run.output)")
        #expect(!run.output.contains("f''"), "\(run.output)")
    }
}

extension ProgramGenerator {
    static let helpersNote = "(helpers: ProgramGenerator.helpers)"
}
