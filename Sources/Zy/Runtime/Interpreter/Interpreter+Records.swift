/// Record stacks: vectors that code appends to and reads back by position
/// (the AD's tape). Registered globals compile to their own instructions
/// with an inline path for one-dimensional arrays; anything else calls the
/// global's own methods, so the registration changes speed, not meaning.
enum RecordOps {
    /// Globals `push(v, x)`: append `x` to vector `v`, result the new length.
    /// A record stack's length is its storage's: `dims` is left as it is
    /// (the AD's tape keeps `[0]`, so code walking the array as a Zy vector,
    /// like a shadow's settling, sees no elements).
    nonisolated(unsafe) static var pushes: Set<String> = []
    /// Globals `read(v, i, k)`: `v[i - k]` (1-based).
    nonisolated(unsafe) static var reads: Set<String> = []
}

extension Interpreter {
    /// Makes calls `name(v, x)` append in place without dispatch when `v`
    /// is a one-dimensional array holding boxed values, or unboxed Float64s
    /// and `x` is a Float64; the result is the new length (`dims` is not
    /// updated: see `RecordOps.pushes`). Other calls go
    /// to `name`'s own methods. Affects code compiled afterwards.
    public static func registerRecordPush(_ name: String) {
        RecordOps.pushes.insert(name)
    }

    /// Makes calls `name(v, i, k)` read `v[i - k]` without dispatch when
    /// `v` is a one-dimensional array and the position is in bounds; other
    /// calls go to `name`'s own methods. Affects code compiled afterwards.
    public static func registerRecordRead(_ name: String) {
        RecordOps.reads.insert(name)
    }

    /// Appends `x` to `v` in place; nil when not a fast case.
    @inline(__always)
    static func fastPush(_ v: Registers, _ x: Registers) -> Value? {
        guard case .array(let a) = v.pointee, a.dims.count == 1 else { return nil }
        switch a.storage {
        case .float(var xs):
            guard case .float(let d) = x.pointee else { return nil }
            // The array's own reference is dropped while appending, so the
            // buffer is uniquely referenced and grows in place.
            a.storage = .values([])
            xs.append(d)
            let n = xs.count
            a.storage = .float(xs)
            return .int(n)
        case .values(var items):
            a.storage = .float([])
            items.append(x.pointee)
            let n = items.count
            a.storage = .values(items)
            return .int(n)
        }
    }

    /// `d = v[i - k]` (1-based) for a vector in bounds; false otherwise.
    /// A scalar record over a scalar register is a plain copy.
    @inline(__always)
    static func fastRead(into d: Registers, _ v: Registers, _ i: Registers, _ k: Registers) -> Bool {
        guard case .array(let a) = v.pointee, case .int(let i) = i.pointee, case .int(let k) = k.pointee,
              a.dims.count == 1 else { return false }
        let p = i &- k &- 1
        switch a.storage {
        case .float(let xs):
            guard p >= 0 && p < xs.count else { return false }
            storeScalar(d, .float(xs[p]))
            return true
        case .values(let vs):
            guard p >= 0 && p < vs.count else { return false }
            vs.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { move(UnsafeMutablePointer(mutating: base + p), to: d) }
            }
            return true
        }
    }
}
