import Foundation

/// Times the Python version of a benchmark in a `python3` subprocess that
/// measures itself with `time.perf_counter_ns`, so process start-up is not
/// counted; the fastest of `runs`, as for Zy. Nil when python3 is missing or fails.
struct CPythonTimer {
    var runs: Int

    func nanosecondsPerUnit(_ benchmark: Benchmark) -> Double? {
        let script = """
            import time, statistics, sys
            sys.setrecursionlimit(10000)
            \(benchmark.pythonSetup)
            \(benchmark.pythonCall)
            samples = []
            for _ in range(\(runs)):
                t0 = time.perf_counter_ns()
                \(benchmark.pythonCall)
                samples.append((time.perf_counter_ns() - t0) / \(benchmark.units))
            print(min(samples))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
