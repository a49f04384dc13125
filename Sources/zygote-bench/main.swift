import Foundation
import Zy

// `swift run -c release zygote-bench`: Zy against CPython on the same loops,
// and the cost of an attached (do-nothing) observer. Medians of `runs`.
let runs = 5
let zy = ZyTimer(runs: runs)
let python = CPythonTimer(runs: runs)

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
    print(table.render())
    print("")
    print("pow loop with a no-op observer: \(formatted(observed, "iter")) "
          + "(overhead \(ratio(observed, powPlain)) of unobserved)")
    print("goal: CPython/Zy ≥ 5× on the pow loop")
} catch {
    FileHandle.standardError.write(Data(ErrorReporter.render(error, color: .plain, fullTrace: true).utf8))
    exit(1)
}
