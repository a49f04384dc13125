import _Differentiation
import Dispatch

/// The seed's `pow` compiled by Swift and differentiated by Swift's own
/// reverse mode (`_Differentiation`): the reference the Zy gradient is
/// compared with in the same run.
@differentiable(reverse, wrt: x)
@inline(never)
func swiftPow(_ x: Double, _ n: Int) -> Double {
    var r: Double = 1
    var k = withoutDerivative(at: n)
    while k > 0 {
        k -= 1
        r *= x
    }
    return r
}

enum SwiftDifferentiation {
    /// Median nanoseconds per loop iteration of `gradient(at: x) { swiftPow($0, n) }`.
    static func powGradientNanoseconds(n: Int, runs: Int) -> Double {
        var samples: [Double] = []
        var sink = 0.0
        for run in 0...runs {
            let x = 1.0 + Double(run) * 1e-9   // not a compile-time constant
            let start = DispatchTime.now().uptimeNanoseconds
            sink += gradient(at: x) { swiftPow($0, n) }
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            if run > 0 { samples.append(Double(elapsed) / Double(n)) }   // run 0 warms up
        }
        if sink.isNaN { print("") }
        return median(samples)
    }
}
