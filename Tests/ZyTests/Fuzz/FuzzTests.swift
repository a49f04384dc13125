import Foundation
import SourceMap
import Testing
import TestSupport
@testable import Zy

/// Mutation fuzzing of the samples: every mutated program must end in a
/// value or a user error (CompileError, ZyException), never an internal
/// error, a crash or a hang. Deterministic: each sample's cases come from a
/// seed derived from its path.
@Suite("Fuzzing the pipeline with mutated samples")
struct FuzzTests {
    static let casesPerSample = 120
    /// Backward jumps plus calls allowed per case: enough for every sample,
    /// small enough that a mutated infinite loop ends in milliseconds.
    static let stepLimit = 20_000
    /// A case still running after this long is reported as a hang; its
    /// thread is abandoned (it cannot be stopped) and the sample's remaining
    /// cases are skipped, so one hang costs one spinning thread, not the run.
    static let hangTimeout: TimeInterval = 10

    struct Source: Sendable, CustomTestStringConvertible {
        var path: String
        var text: String
        var testDescription: String { path }
    }

    static var sources: [Source] {
        let root = Executables.packageRoot
        let dir = root.appendingPathComponent("samples")
        guard let walker = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        var found: [Source] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".zy"),
                  let data = FileManager.default.contents(atPath: dir.appendingPathComponent(relative).path)
            else { continue }
            found.append(Source(path: "samples/" + relative, text: String(decoding: data, as: UTF8.self)))
        }
        return found.sorted { $0.path < $1.path }
    }

    @Test("the corpus is there")
    func corpus() {
        #expect(FuzzTests.sources.count >= 20)
    }

    @Test("mutants end in a value or a user error", arguments: sources)
    func mutants(_ source: Source) throws {
        var mutator = Mutator(seed: FuzzTests.seed(for: source.path))
        var failures: [String] = []
        for index in 0..<FuzzTests.casesPerSample {
            let text = index == 0 ? source.text : mutator.mutate(source.text)
            if let failure = FuzzTests.check(text, name: source.path, evaluate: index % 2 == 1) {
                failures.append("case \(index): \(failure)\n--- mutated source ---\n\(text)\n--- end ---")
                if failure.hasPrefix("hang") { break }
            }
        }
        for failure in failures.prefix(5) {
            Issue.record(Comment(rawValue: "\(source.path) \(failure)"))
        }
        #expect(failures.isEmpty, "\(failures.count) of \(FuzzTests.casesPerSample) cases failed")
    }

    /// Runs one program on a thread with the 8 MiB stack of a process's main
    /// thread (what `zygote` gets), so deep recursion behaves as in the CLI.
    /// Returns a description of the failure, or nil when the outcome is fine.
    static func check(_ text: String, name: String, evaluate: Bool) -> String? {
        // A crash (signal) cannot be reported as a test failure; with
        // ZY_FUZZ_CASES=dir set, each case is written to dir/<sample>.zy
        // first (samples run in parallel), so the crashing program is left
        // behind for `zygote`.
        if let dir = ProcessInfo.processInfo.environment["ZY_FUZZ_CASES"] {
            let file = name.replacingOccurrences(of: "/", with: "_")
            FileManager.default.createFile(atPath: dir + "/" + file, contents: Data(text.utf8))
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.failure = runCase(text, name: name, evaluate: evaluate)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        if done.wait(timeout: .now() + hangTimeout) == .timedOut {
            return "hang: no result after \(Int(hangTimeout)) s"
        }
        return outcome.failure
    }

    /// Written by the case's thread before it signals, read after the wait.
    private final class Outcome: @unchecked Sendable {
        var failure: String?
    }

    private static func runCase(_ text: String, name: String, evaluate: Bool) -> String? {
        let session = Session(output: { _ in }, input: { nil })
        session.stepLimit = stepLimit
        let start = Date()
        do {
            if evaluate {
                _ = try session.evaluate(file: SourceFile(name: name, text: text))
            } else {
                try session.run(file: SourceFile(name: name, text: text))
            }
        } catch is CompileError {
        } catch is ZyException {
        } catch let error as InternalError {
            return "internal error: \(error.message)"
        } catch {
            return "unexpected error type \(type(of: error)): \(error)"
        }
        let seconds = Date().timeIntervalSince(start)
        return seconds > 5 ? "took \(seconds) s (step limit not enforced?)" : nil
    }

    /// FNV-1a of the path: stable across runs and platforms, unlike Hasher.
    static func seed(for path: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in path.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

@Suite("Mutator")
struct MutatorTests {
    @Test("tokens join back to the text")
    func tokensRoundTrip() {
        let text = "function pow(x, n)\n  r = σ.(x) #= c =#\nend\n"
        #expect(Mutator.tokens(of: text).joined() == text)
        #expect(Mutator.tokens(of: "ab  c").count == 3)
    }

    @Test("the same seed gives the same mutants; different seeds differ")
    func deterministic() {
        let source = "function f(x)\n    return x + 1\nend\nprintln(f(2))\n"
        var a = Mutator(seed: 42), b = Mutator(seed: 42), c = Mutator(seed: 43)
        let fromA = (0..<20).map { _ in a.mutate(source) }
        let fromB = (0..<20).map { _ in b.mutate(source) }
        let fromC = (0..<20).map { _ in c.mutate(source) }
        #expect(fromA == fromB)
        #expect(fromA != fromC)
        #expect(fromA.contains { $0 != source })
    }

    @Test("every kind of mutation changes or shortens some text", arguments: Mutator.Kind.allCases)
    func kinds(_ kind: Mutator.Kind) {
        var m = Mutator(seed: 7)
        let source = "a = 1\nb = 2\nc = a + b\n"
        let results = (0..<10).map { _ in m.apply(kind, to: source) }
        #expect(results.contains { $0 != source })
    }
}
