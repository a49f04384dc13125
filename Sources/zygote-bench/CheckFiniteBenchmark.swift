import AD
import Dispatch
import Foundation
import SourceMap
import Zy

/// The cost of `--check-finite` on the gradient of pow: the same gradient
/// in two sessions, one checking, timed alternately (medians of `runs`).
/// Goal ≤ 1.5× (PyTorch's anomaly mode costs 1.2–4.7×).
struct CheckFiniteBenchmark {
    var runs: Int
    let benchmark = GradientBenchmark.pow

    func measure() throws -> (plain: Double, checked: Double) {
        let plain = try session(checkFinite: false)
        let checked = try session(checkFinite: true)
        let file = SourceFile(name: "bench-gradient.zy", text: benchmark.gradientCall)
        // Warm-up (dispatch caches, the transform); both must agree.
        let a = try plain.evaluate(file: file), b = try checked.evaluate(file: file)
        guard let a, let b, Show.repr(a) == Show.repr(b) else {
            throw InternalError("--check-finite changed the gradient of pow")
        }
        var plainSamples: [Double] = [], checkedSamples: [Double] = []
        for _ in 0..<runs {
            plainSamples.append(try time(plain, file))
            checkedSamples.append(try time(checked, file))
        }
        return (median(plainSamples), median(checkedSamples))
    }

    private func session(checkFinite: Bool) throws -> Session {
        let session = Session(output: { _ in }, input: { nil })
        ADRuntime.install(into: session)
        session.checkFinite = checkFinite
        _ = try session.evaluate(file: SourceFile(name: "bench-setup.zy", text: benchmark.setup))
        return session
    }

    private func time(_ session: Session, _ file: SourceFile) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try session.evaluate(file: file)
        return Double(DispatchTime.now().uptimeNanoseconds - start) / Double(benchmark.units)
    }
}

/// One line per measure: times and the overhead against the goal.
func printCheckFiniteRow(runs: Int) {
    do {
        let r = try CheckFiniteBenchmark(runs: runs).measure()
        print("")
        print("gradient of pow, n = 10^6: \(formatted(r.plain, "iter")) plain, "
              + "\(formatted(r.checked, "iter")) with --check-finite "
              + "(overhead " + String(format: "%.2f×", r.checked / r.plain) + ", goal ≤ 1.5×)")
    } catch {
        print("check-finite benchmark failed: \(ErrorReporter.render(error, color: .plain, fullTrace: true))")
    }
}
