import Foundation

/// `rand`, `randn`, `Random.seed!`, `shuffle`, `randperm`. The generator is
/// Xoshiro256++ (Julia's default algorithm) seeded through SplitMix64, so a
/// seeded program is reproducible here, but its streams differ from
/// Julia's (Julia seeds through SHA-2, and `randn` here uses the polar
/// Box–Muller method instead of Julia's ziggurat).
enum RandomBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        let rng = Xoshiro256(seed: UInt64.random(in: .min ... .max))
        g.defineBuiltin("seed!", [.int64]) { _, args, _ in
            rng.reseed(UInt64(bitPattern: Int64(try S.int(args[0], g, "seed!"))))
            return .nothing
        }
        g.defineBuiltin("seed!", []) { _, _, _ in
            rng.reseed(UInt64.random(in: .min ... .max))
            return .nothing
        }
        g.defineBuiltin("rand", []) { _, _, _ in .float(rng.nextDouble()) }
        g.defineBuiltin("rand", [.int64, .int64], varargs: true) { _, args, _ in
            let dims = try ArrayConstructionBuiltins.checkedDims(args, g, "rand")
            return .array(S.floatArray((0..<dims.reduce(1, *)).map { _ in rng.nextDouble() }, dims: dims))
        }
        g.defineBuiltin("rand", [.dataType], varargs: false) { _, args, _ in try sample(args[0], rng, g) }
        g.defineBuiltin("rand", [.any, .int64, .int64], varargs: true) { _, args, _ in
            let dims = try ArrayConstructionBuiltins.checkedDims(Array(args.dropFirst()), g, "rand")
            let xs = try (0..<dims.reduce(1, *)).map { _ in try sample(args[0], rng, g) }
            let t: ZyType = { if case .type(let t) = args[0] { return t } else { return ArrayShapeBuiltins.elementType(of: args[0]) } }()
            return .array(S.makeArray(xs, elementType: t, dims: dims))
        }
        g.defineBuiltin("rand", [.any]) { _, args, _ in try sample(args[0], rng, g) }
        g.defineBuiltin("randn", []) { _, _, _ in .float(rng.nextNormal()) }
        g.defineBuiltin("randn", [.int64, .int64], varargs: true) { _, args, _ in
            let dims = try ArrayConstructionBuiltins.checkedDims(args, g, "randn")
            return .array(S.floatArray((0..<dims.reduce(1, *)).map { _ in rng.nextNormal() }, dims: dims))
        }
        g.defineBuiltin("randperm", [.int64]) { _, args, _ in
            let n = try S.int(args[0], g, "randperm")
            guard n >= 0 else { throw Exceptions.argumentError("invalid Array dimensions") }
            return S.makeVector(shuffled(Array(1...max(n, 1)).prefix(n).map { .int($0) }, rng), elementType: .int64)
        }
        g.defineBuiltin("shuffle", [S.anyArray]) { _, args, _ in
            guard let a = S.arrayLike(args[0]) else { throw S.methodError(g, "shuffle", args) }
            return .array(S.makeArray(shuffled(S.elements(a), rng), elementType: a.elementType, dims: a.dims))
        }
    }

    static func shuffled(_ xs: [Value], _ rng: Xoshiro256) -> [Value] {
        var out = xs
        if out.count < 2 { return out }
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            out.swapAt(i, Int(rng.nextBelow(UInt64(i + 1))))
        }
        return out
    }

    /// One random value of a type (`rand(Int)`, `rand(Bool)`) or one
    /// random element of a collection (`rand(1:6)`, `rand([:a, :b])`).
    static func sample(_ what: Value, _ rng: Xoshiro256, _ g: Globals) throws -> Value {
        switch what {
        case .type(.float64): return .float(rng.nextDouble())
        case .type(.int64): return .int(Int(bitPattern: UInt(rng.next())))
        case .type(.bool): return .bool(rng.next() & 1 == 1)
        case .range(let r):
            let n = S.rangeLength(r)
            guard n > 0 else { throw Exceptions.argumentError("collection must be non-empty") }
            return .int(r.start &+ Int(rng.nextBelow(UInt64(n))) &* r.step)
        case .array(let a):
            guard a.count > 0 else { throw Exceptions.argumentError("collection must be non-empty") }
            return S.element(a, Int(rng.nextBelow(UInt64(a.count))))
        case .tuple(let xs):
            guard !xs.isEmpty else { throw Exceptions.argumentError("collection must be non-empty") }
            return xs[Int(rng.nextBelow(UInt64(xs.count)))]
        default: throw S.methodError(g, "rand", [what])
        }
    }
}

/// Xoshiro256++ (Blackman and Vigna), state seeded by SplitMix64.
final class Xoshiro256 {
    private var s: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var spareNormal: Double?

    init(seed: UInt64) { reseed(seed) }

    func reseed(_ seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitmix(), splitmix(), splitmix(), splitmix())
        spareNormal = nil
    }

    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    func next() -> UInt64 {
        let result = Xoshiro256.rotl(s.0 &+ s.3, 23) &+ s.0
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = Xoshiro256.rotl(s.3, 45)
        return result
    }

    /// Uniform in [0, 1) with 52 random bits, as Julia's `rand()`.
    func nextDouble() -> Double {
        Double(bitPattern: (next() >> 12) | 0x3FF0_0000_0000_0000) - 1
    }

    /// Uniform in 0..<n without modulo bias.
    func nextBelow(_ n: UInt64) -> UInt64 {
        guard n > 1 else { return 0 }
        let limit = UInt64.max - UInt64.max % n
        while true {
            let x = next()
            if x < limit { return x % n }
        }
    }

    func nextNormal() -> Double {
        if let z = spareNormal { spareNormal = nil; return z }
        while true {
            let u = 2 * nextDouble() - 1, v = 2 * nextDouble() - 1
            let q = u * u + v * v
            if q > 0 && q < 1 {
                let f = (-2 * Foundation.log(q) / q).squareRoot()
                spareNormal = v * f
                return u * f
            }
        }
    }
}
