import Dispatch
import SourceMap
import Zy

/// Times Zy code in one session: setup once, then the call `runs` times;
/// the fastest run, in nanoseconds per unit. On a shared machine the
/// fastest run is the one least disturbed by other processes (the advice of
/// Python's `timeit`); CPython is timed the same way.
struct ZyTimer {
    var runs: Int

    func nanosecondsPerUnit(_ benchmark: Benchmark, observer: ExecutionObserver? = nil) throws -> Double {
        let session = Session(output: { _ in }, input: { nil })
        _ = try session.evaluate(file: SourceFile(name: "bench-setup.zy", text: benchmark.zySetup))
        session.observer = observer
        let call = SourceFile(name: "bench.zy", text: benchmark.zyCall)
        _ = try session.evaluate(file: call)   // warm-up: dispatch caches, first-call work
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try session.evaluate(file: call)
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            samples.append(Double(elapsed) / Double(benchmark.units))
        }
        return samples.min() ?? .nan
    }
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Attached to measure what observing costs when the observer does nothing.
final class NoOpObserver: ExecutionObserver {
    func statementEntered(function: IRFunction, span: Span, phase: Phase, depth: Int) {}
    func functionEntered(function: IRFunction, arguments: [Value], phase: Phase, depth: Int) {}
    func functionReturned(function: IRFunction, value: Value, phase: Phase, depth: Int) {}
    func errorRaised(_ error: ZyException, function: IRFunction, span: Span, depth: Int) {}
}
