/// Record stacks: vectors that code appends to and reads back by position
/// (the AD's tape). Registered globals compile to their own instructions
/// with an inline path for one-dimensional arrays; anything else calls the
/// global's own methods, so the registration changes speed, not meaning.
///
/// A stack made by `makeStack` keeps its records unboxed in a
/// `RecordBuffer` beside the array's storage, until the first record that
/// `encode` cannot hold: then they all move to boxed storage. Its `dims`
/// stay `[0]` either way (see `pushes`), so code that walks it as a Zy
/// vector sees no elements; `count`, `record` and `records` see them.
public enum RecordOps {
    /// Globals `push(v, x)`: append `x` to vector `v`, result the new length.
    /// A record stack's length is its storage's: `dims` is left as it is
    /// (the AD's tape keeps `[0]`, so code walking the array as a Zy vector,
    /// like a shadow's settling, sees no elements).
    nonisolated(unsafe) static var pushes: Set<String> = []
    /// Globals `read(v, i, k)`: `v[i - k]` (1-based).
    nonisolated(unsafe) static var reads: Set<String> = []

    /// Unboxed record storage (`[Double]`) also holds Ints in Int32 range,
    /// as signalling-NaN bit patterns tagged `intTag` in the upper half, so
    /// a loop whose first record is an Int (`r = 1`) keeps unboxed records.
    /// A Float64 with those upper bits (a NaN no arithmetic makes) and wider
    /// Ints need boxed storage: `encode` answers nil for them.
    public static let intTag: UInt64 = 0x7FF4_0000

    @inline(__always)
    public static func encode(_ v: Value) -> Double? {
        switch v {
        case .float(let d):
            return d.bitPattern &>> 32 == intTag ? nil : d
        case .int(let i):
            guard let small = Int32(exactly: i) else { return nil }
            return Double(bitPattern: intTag &<< 32 | UInt64(UInt32(bitPattern: small)))
        default:
            return nil
        }
    }

    @inline(__always)
    public static func decode(_ d: Double) -> Value {
        let bits = d.bitPattern
        if bits &>> 32 == intTag { return .int(Int(Int32(truncatingIfNeeded: bits))) }
        return .float(d)
    }
}

extension Interpreter {
    /// Makes calls `name(v, x)` append in place without dispatch when `v`
    /// is a record stack (`RecordOps.makeStack`) and `x` fits its unboxed
    /// records, or a one-dimensional array (boxed values, or unboxed
    /// Float64s and `x` a Float64 or a small Int: `RecordOps.encode`); the
    /// result is the new length (`dims` is not updated: see
    /// `RecordOps.pushes`). Other calls go to `name`'s own methods. Affects
    /// code compiled afterwards.
    public static func registerRecordPush(_ name: String) {
        RecordOps.pushes.insert(name)
    }

    /// Makes calls `name(v, i, k)` read `v[i - k]` without dispatch when
    /// `v` is a one-dimensional array and the position is in bounds; other
    /// calls go to `name`'s own methods. Affects code compiled afterwards.
    public static func registerRecordRead(_ name: String) {
        RecordOps.reads.insert(name)
    }

    /// Appends `x` to `v` in place: the new length, or nil when not a fast
    /// case. The array is borrowed, not retained, and its records are
    /// appended to in place.
    @inline(__always)
    static func fastPush(_ v: Registers, _ x: Registers) -> Int? {
        guard let u = unretainedArray(v) else { return nil }
        return u._withUnsafeGuaranteedRef { a -> Int? in
            if a.records.isActive {
                guard let d = RecordOps.encode(x.pointee) else { return nil }
                return a.records.append(d)
            }
            return a.dims.count == 1 ? a.storage.appendRecord(x) : nil
        }
    }

    /// `dst = push(vector, value)`: inline when `fastPush` can, else
    /// through call site `site`.
    @inline(__always)
    func push(_ dst: Int32, _ vector: Int32, _ value: Int32, _ site: Int32,
              _ cf: CompiledFunction, _ regs: Registers) throws {
        if let n = Interpreter.fastPush(regs + Int(vector), regs + Int(value)) {
            Interpreter.storeScalar(regs + Int(dst), .int(n))
        } else {
            regs[Int(dst)] = try perform(cf.sites[Int(site)], regs)
        }
    }

    /// `d = v[i - k]` (1-based) for a vector in bounds; false otherwise.
    @inline(__always)
    static func fastRead(into d: Registers, _ v: Registers, _ i: Registers, _ k: Registers) -> Bool {
        guard case .int(let i) = i.pointee, case .int(let k) = k.pointee else { return false }
        return fastRead(into: d, v, index: i, offset: k)
    }

    @inline(__always)
    static func fastRead(into d: Registers, _ v: Registers, index i: Int, offset k: Int) -> Bool {
        guard let u = unretainedArray(v) else { return false }
        let p = i &- k &- 1
        if let r = u._withUnsafeGuaranteedRef({ $0.records.at(p) }) {
            storeScalar(d, RecordOps.decode(r))
            return true
        }
        let record: Value? = u._withUnsafeGuaranteedRef { a in
            a.dims.count == 1 && !a.records.isActive ? RecordOps.record(a, at: p) : nil
        }
        guard let record else { return false }
        store(d, record)
        return true
    }

    /// `reg *= rhs` on two Float64s or two Ints, in place; false (nothing
    /// done) otherwise.
    @inline(__always)
    static func multiplyInPlace(_ p: Registers, _ rhs: Registers) -> Bool {
        if case .float(let a) = p.pointee, case .float(let b) = rhs.pointee {
            UnsafeMutableRawPointer(p).storeBytes(of: a * b, as: Double.self)
        } else if case .int(let a) = p.pointee, case .int(let b) = rhs.pointee {
            UnsafeMutableRawPointer(p).storeBytes(of: a &* b, as: Int.self)
        } else {
            return false
        }
        return true
    }

    /// The array in a register, without retaining it (the register keeps
    /// it alive while the instruction runs).
    @inline(__always)
    static func unretainedArray(_ v: Registers) -> Unmanaged<ArrayValue>? {
        guard case .array(let a) = v.pointee else { return nil }
        return Unmanaged.passUnretained(a)
    }
}

extension ArrayValue.Storage {
    /// Appends a record in place (the storage is `inout`, so its buffer is
    /// uniquely referenced and grows without a copy); the new length, or nil
    /// when unboxed storage cannot hold `x` (`RecordOps.encode`).
    @inline(__always)
    mutating func appendRecord(_ x: Registers) -> Int? {
        switch self {
        case .float(var xs):
            guard let d = RecordOps.encode(x.pointee) else { return nil }
            self = .values([])
            xs.append(d)
            let n = xs.count
            self = .float(xs)
            return n
        case .values(var items):
            self = .float([])
            items.append(x.pointee)
            let n = items.count
            self = .values(items)
            return n
        }
    }
}

extension RecordOps {
    /// An empty record stack with room for `capacity` unboxed records.
    public static func makeStack(capacity: Int = 16) -> ArrayValue {
        let a = ArrayValue(storage: .values([]), elementType: .any, dims: [0])
        a.records = RecordBuffer(capacity: capacity)
        return a
    }

    /// Appends `v`, boxing every record from here on when it is the first
    /// one `encode` cannot hold; the new number of records.
    public static func push(_ a: ArrayValue, _ v: Value) -> Int {
        var x = v
        let appended = withUnsafeMutablePointer(to: &x) { p -> Int? in
            a.records.isActive ? encode(v).flatMap { a.records.append($0) } : a.storage.appendRecord(p)
        }
        if let n = appended { return n }
        var items = a.records.isActive ? a.records.moveOut().map(decode) : records(a)
        items.append(v)
        a.storage = .values(items)
        return items.count
    }

    /// The number of records pushed.
    public static func count(_ a: ArrayValue) -> Int {
        if a.records.isActive { return a.records.count }
        switch a.storage {
        case .float(let xs): return xs.count
        case .values(let vs): return vs.count
        }
    }

    /// The record at 0-based position `p`, or nil out of range.
    @inline(__always)
    public static func record(_ a: ArrayValue, at p: Int) -> Value? {
        if let d = a.records.at(p) { return decode(d) }
        if a.records.isActive { return nil }
        switch a.storage {
        case .float(let xs): return p >= 0 && p < xs.count ? decode(xs[p]) : nil
        case .values(let vs): return p >= 0 && p < vs.count ? vs[p] : nil
        }
    }

    /// Every record, in order.
    public static func records(_ a: ArrayValue) -> [Value] {
        (0..<count(a)).compactMap { record(a, at: $0) }
    }

    /// True for a stack made by `makeStack` (boxed records or not).
    public static func isStack(_ a: ArrayValue) -> Bool { a.records.isStack }

    /// True while the records are all unboxed.
    public static func isUnboxed(_ a: ArrayValue) -> Bool {
        if a.records.isActive { return true }
        if case .float = a.storage { return true }
        return false
    }
}
