import AD
import Dispatch
import SourceMap
import Zy

/// Times gradient rows: one session with AD installed per row; the primal and
/// the gradient are timed alternately in the same session (medians of `runs`).
struct GradientTimer {
    var runs: Int

    struct Result {
        var primal: Double
        var gradient: Double
        var tapeBytesPerIteration: Double?
    }

    func measure(_ benchmark: GradientBenchmark) throws -> Result {
        let session = Session(output: { _ in }, input: { nil })
        ADRuntime.install(into: session)
        _ = try session.evaluate(file: SourceFile(name: "bench-setup.zy", text: benchmark.setup))
        let primal = SourceFile(name: "bench-primal.zy", text: benchmark.primalCall)
        let gradient = SourceFile(name: "bench-gradient.zy", text: benchmark.gradientCall)
        _ = try session.evaluate(file: primal)     // warm-up: dispatch caches
        _ = try session.evaluate(file: gradient)   // warm-up: the transform's cache
        var primalSamples: [Double] = [], gradientSamples: [Double] = []
        for _ in 0..<runs {
            primalSamples.append(try time(session, primal, units: benchmark.units))
            gradientSamples.append(try time(session, gradient, units: benchmark.units))
        }
        let (n1, n2) = benchmark.tapeSizes
        let b1 = try tapeBytes(session, benchmark.pullbackCall(n1))
        let b2 = try tapeBytes(session, benchmark.pullbackCall(n2))
        let perIteration = b1.flatMap { b1 in b2.map { Double($0 - b1) / Double(n2 - n1) } }
        return Result(primal: median(primalSamples), gradient: median(gradientSamples),
                      tapeBytesPerIteration: perIteration)
    }

    private func time(_ session: Session, _ file: SourceFile, units: Int) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try session.evaluate(file: file)
        return Double(DispatchTime.now().uptimeNanoseconds - start) / Double(units)
    }

    /// Bytes held by the tape of the pullback `call` returns, nested tapes included.
    private func tapeBytes(_ session: Session, _ call: String) throws -> Int? {
        let value = try session.evaluate(file: SourceFile(name: "bench-tape.zy", text: call))
        guard case .tuple(let pair)? = value, pair.count == 2 else { return nil }
        return TapeSize.bytes(ofPullback: pair[1])
    }
}

/// The memory a pullback keeps for its adjoint, read from the objects: each
/// tape record is one `Value`; a recorded pullback closure adds its object
/// (header, body and captures references), its captures array and, through
/// its own tape, everything it recorded.
enum TapeSize {
    static let objectHeader = 16, arrayHeader = 32, reference = 8

    static func bytes(ofPullback value: Value) -> Int? {
        guard case .closure(let c) = value else { return nil }
        return closureBytes(c)
    }

    private static func closureBytes(_ c: Closure) -> Int {
        var total = objectHeader + 2 * reference + arrayHeader + c.captures.count * MemoryLayout<Value>.stride
        for (name, v) in zip(c.body.captureNames, c.captures) {
            if name == "tape" { total += tapeBytes(v) } else { total += recordBytes(v) }
        }
        return total
    }

    private static func tapeBytes(_ tape: Value) -> Int {
        guard case .array(let a) = tape else { return 0 }
        let n = RecordOps.count(a)
        if RecordOps.isUnboxed(a) { return arrayHeader + n * MemoryLayout<Double>.stride }
        return arrayHeader + RecordOps.records(a).reduce(n * MemoryLayout<Value>.stride) { $0 + recordBytes($1) }
    }

    /// What a record holds beyond its `Value` slot.
    private static func recordBytes(_ v: Value) -> Int {
        if case .closure(let c) = v { return closureBytes(c) }
        return 0
    }
}
