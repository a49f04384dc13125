import Foundation

/// A record stack's unboxed records: Float64s and tagged Ints
/// (`RecordOps.encode`) in owned memory, so appending and reading need no
/// uniqueness check, no retain and no switch over the array's storage.
/// Inactive (no memory) for every array that is not a record stack, and
/// for a stack once its records are boxed.
struct RecordBuffer {
    private var base: UnsafeMutablePointer<Double>?
    private(set) var count = 0
    private var capacity = 0
    /// Made by `RecordOps.makeStack`; stays true when the records move out.
    private(set) var isStack = false

    init() {}

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = RecordPool.allocate(self.capacity)
        isStack = true
    }

    var isActive: Bool { base != nil }

    /// The new count, or nil when inactive.
    @inline(__always)
    mutating func append(_ d: Double) -> Int? {
        guard let base, count < capacity else { return appendGrowing(d) }
        base[count] = d
        count &+= 1
        return count
    }

    @inline(never)
    private mutating func appendGrowing(_ d: Double) -> Int? {
        guard let old = base else { return nil }
        (base, capacity) = RecordPool.grow(old, count: count, capacity: capacity)
        return append(d)
    }

    /// The record at 0-based position `p`; nil out of range or inactive.
    @inline(__always)
    func at(_ p: Int) -> Double? {
        guard let base, p >= 0, p < count else { return nil }
        return base[p]
    }

    /// The records, leaving the buffer inactive.
    mutating func moveOut() -> [Double] {
        guard let old = base else { return [] }
        let xs = Array(UnsafeBufferPointer(start: old, count: count))
        RecordPool.release(old, capacity: capacity)
        base = nil
        count = 0
        capacity = 0
        return xs
    }

    func deallocate() {
        if let base { RecordPool.release(base, capacity: capacity) }
    }
}

/// Memory for record buffers. Growth doubles with `realloc`, which moves
/// large blocks by remapping pages instead of copying them. A few large
/// buffers are kept when their stack is freed and handed to the next stack
/// that outgrows its first block, as PyTorch's caching allocator does: a
/// training loop takes one gradient after another, and each tape would
/// otherwise fault in (and the kernel zero) fresh pages for every record.
enum RecordPool {
    /// Buffers smaller than this go straight back to `malloc`.
    static let minimumKept = 1 << 16
    /// At most this many buffers, and this many bytes, are kept.
    static let maximumKept = 2
    static let maximumKeptBytes = 1 << 28

    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [(base: UnsafeMutablePointer<Double>, capacity: Int)] = []

    static func allocate(_ capacity: Int) -> UnsafeMutablePointer<Double> {
        guard let raw = malloc(capacity * MemoryLayout<Double>.stride) else {
            // Out of memory: Swift's allocator reports it as Swift does.
            return .allocate(capacity: capacity)
        }
        return raw.assumingMemoryBound(to: Double.self)
    }

    /// A buffer of at least twice `capacity` holding the first `count`
    /// records of `old` (which is released).
    static func grow(_ old: UnsafeMutablePointer<Double>, count: Int, capacity: Int) -> (UnsafeMutablePointer<Double>, Int) {
        let wanted = capacity * 2
        if let spare = take(atLeast: wanted) {
            spare.base.update(from: old, count: count)
            release(old, capacity: capacity)
            return spare
        }
        if let raw = realloc(old, wanted * MemoryLayout<Double>.stride) {
            return (raw.assumingMemoryBound(to: Double.self), wanted)
        }
        let fresh = UnsafeMutablePointer<Double>.allocate(capacity: wanted)
        fresh.update(from: old, count: count)
        free(old)
        return (fresh, wanted)
    }

    static func release(_ base: UnsafeMutablePointer<Double>, capacity: Int) {
        if capacity >= minimumKept, keep(base, capacity: capacity) { return }
        free(base)
    }

    /// The largest kept buffer when it holds at least `wanted` records.
    private static func take(atLeast wanted: Int) -> (base: UnsafeMutablePointer<Double>, capacity: Int)? {
        lock.lock()
        defer { lock.unlock() }
        guard let i = kept.indices.max(by: { kept[$0].capacity < kept[$1].capacity }),
              kept[i].capacity >= wanted else { return nil }
        return kept.remove(at: i)
    }

    /// Keeps `base` when there is room, evicting a smaller buffer if need
    /// be; false when the caller should free it.
    private static func keep(_ base: UnsafeMutablePointer<Double>, capacity: Int) -> Bool {
        let bytes = capacity * MemoryLayout<Double>.stride
        guard bytes <= maximumKeptBytes else { return false }
        lock.lock()
        defer { lock.unlock() }
        if kept.count == maximumKept {
            guard let i = kept.indices.min(by: { kept[$0].capacity < kept[$1].capacity }),
                  kept[i].capacity < capacity else { return false }
            free(kept.remove(at: i).base)
        }
        let total = kept.reduce(bytes) { $0 + $1.capacity * MemoryLayout<Double>.stride }
        guard total <= maximumKeptBytes else { return false }
        kept.append((base, capacity))
        return true
    }
}
