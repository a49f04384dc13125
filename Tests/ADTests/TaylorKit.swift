import Foundation
import Testing
@testable import Zy

/// Helpers of the Taylor-mode suites: running `taylor` and comparing
/// coefficient vectors.
enum TaylorKit {
    /// The `Vector{Float64}` (or tuple of numbers) `source` evaluates to.
    static func coefficients(_ source: String) -> (values: [Double]?, run: ADRun) {
        let run = ADRun(source)
        return (run.value.flatMap(doubles), run)
    }

    static func doubles(_ v: Value) -> [Double]? {
        switch v {
        case .array(let a):
            if case .float(let c) = a.storage { return c }
            return nil
        case .tuple(let items):
            var out: [Double] = []
            for item in items {
                switch item {
                case .float(let d): out.append(d)
                case .int(let i): out.append(Double(i))
                default: return nil
                }
            }
            return out
        default:
            return nil
        }
    }

    /// Equal within `tolerance`, relative to the larger magnitude (absolute
    /// below 1).
    static func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x == y || abs(x - y) <= tolerance * max(1, abs(x), abs(y))
        }
    }

    static func factorial(_ k: Int) -> Double { k < 2 ? 1 : (2...k).reduce(1.0) { $0 * Double($1) } }

    /// The generalised binomial coefficient `p choose k`.
    static func binomial(_ p: Double, _ k: Int) -> Double {
        var c = 1.0
        for i in 0..<k { c *= (p - Double(i)) / Double(i + 1) }
        return c
    }

    /// Coefficients of `x^p` at `a`: `binomial(p, k) a^(p−k)`.
    static func power(_ p: Double, at a: Double, count n: Int) -> [Double] {
        (0..<n).map { binomial(p, $0) * Foundation.pow(a, p - Double($0)) }
    }

    /// sin (phase 0) or cos (phase 1) at `a`: `sin(a + (k + phase)π/2)/k!`.
    static func sinusoid(at a: Double, phase: Int, count n: Int) -> [Double] {
        (0..<n).map { k in
            switch (k + phase) % 4 {
            case 0: return Foundation.sin(a) / factorial(k)
            case 1: return Foundation.cos(a) / factorial(k)
            case 2: return -Foundation.sin(a) / factorial(k)
            default: return -Foundation.cos(a) / factorial(k)
            }
        }
    }

    /// log at `a`: `log a`, then `(−1)^(k+1)/(k a^k)`, all divided by `scale`.
    static func logarithm(at a: Double, count n: Int, scale: Double = 1) -> [Double] {
        var c = [Foundation.log(a) / scale]
        for k in 1..<max(n, 1) {
            let sign: Double = k % 2 == 1 ? 1 : -1
            let power: Double = Foundation.pow(a, Double(k))
            c.append(sign / (Double(k) * power * scale))
        }
        return Array(c.prefix(n))
    }
}
