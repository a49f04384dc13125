import Foundation
import Zy

// `swift run -c release zygote-bench`: Zy against CPython on the same loops
// (fastest of `speedRuns` each), and the cost of an attached (do-nothing)
// observer. The gradient table reports medians of `runs`.
let runs = 5
let speedRuns = 7
let zy = ZyTimer(runs: speedRuns)
let python = CPythonTimer(runs: speedRuns)

var table = Table(header: ["benchmark", "Zy", "CPython", "CPython/Zy"])

func formatted(_ ns: Double?, _ unit: String) -> String {
    guard let ns, ns.isFinite else { return "n/a" }
    return String(format: "%.1f ns/%@", ns, unit)
}

func ratio(_ a: Double?, _ b: Double?) -> String {
    guard let a, let b, a.isFinite, b.isFinite, b > 0 else { return "n/a" }
    return String(format: "%.1f×", a / b)
}

do {
    var powPlain: Double?
    for benchmark in Benchmark.all {
        let zyTime = try zy.nanosecondsPerUnit(benchmark)
        if benchmark.name == Benchmark.pow.name { powPlain = zyTime }
        let pyTime = python.nanosecondsPerUnit(benchmark)
        table.add([benchmark.name, formatted(zyTime, benchmark.unitName),
                   formatted(pyTime, benchmark.unitName), ratio(pyTime, zyTime)])
    }
    let observed = try zy.nanosecondsPerUnit(Benchmark.pow, observer: NoOpObserver())
    print("Zy and CPython: fastest of \(speedRuns) runs each")
    print(table.render())
    print("")
    print("pow loop with a no-op observer: \(formatted(observed, "iter")) "
          + "(overhead \(ratio(observed, powPlain)) of unobserved)")
    print("goal: CPython/Zy ≥ 5× on the pow loop")
    print("")
    printGradientTable()
    printCheckFiniteRow(runs: runs)
} catch {
    FileHandle.standardError.write(Data(ErrorReporter.render(error, color: .plain, fullTrace: true).utf8))
    exit(1)
}

/// Reverse-mode AD: gradient time against primal time (goal ≤ 3×), bytes of
/// tape per loop iteration, and Swift's own `_Differentiation` on `pow`.
func printGradientTable() {
    let timer = GradientTimer(runs: runs)
    var table = Table(header: ["gradient benchmark", "gradient", "primal", "gradient/primal", "tape/iter"])
    var zyPow: Double?
    for benchmark in GradientBenchmark.all {
        do {
            let r = try timer.measure(benchmark)
            if benchmark.name == GradientBenchmark.pow.name { zyPow = r.gradient }
            let tape = r.tapeBytesPerIteration.map { String(format: "%.1f B", $0) } ?? "n/a"
            table.add([benchmark.name, formatted(r.gradient, "iter"), formatted(r.primal, "iter"),
                       ratio(r.gradient, r.primal), tape])
        } catch {
            FileHandle.standardError.write(Data(ErrorReporter.render(error, color: .plain, fullTrace: true).utf8))
            table.add([benchmark.name, "error", "", "", ""])
        }
    }
    let swiftPow = SwiftDifferentiation.powGradientNanoseconds(n: 1_000_000, runs: runs)
    table.add(["Swift _Differentiation gradient of pow, n = 10^6", formatted(swiftPow, "iter"), "", "", ""])
    print(table.render())
    print("")
    print("Zy gradient of pow / Swift _Differentiation: \(ratio(zyPow, swiftPow)) (goal ≤ 0.5×)")
    print("goal: gradient/primal ≤ 3×")
}
