/// The fallbacks of `==`, `isequal` and `isless` for non-numbers: strings,
/// chars and symbols by content; tuples, named tuples, pairs, ranges,
/// arrays and dicts element-wise through `element` (which dispatches, so
/// user methods apply inside containers); anything else by identity (`===`).
enum ScalarEquality {
    typealias Element = (Value, Value) throws -> Bool

    /// `other` decides values that are neither numbers nor containers
    /// (identity for `==`; `isequal` defers to a user's `==` there).
    static func equal(_ a: Value, _ b: Value, numbers: (Value, Value) -> Bool?, element: Element,
                      other: Element? = nil) throws -> Bool {
        if let n = numbers(a, b) { return n }
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.char(let x), .char(let y)): return x == y
        case (.tuple(let xs), .tuple(let ys)): return try all(xs, ys, element)
        case (.namedTuple(let x), .namedTuple(let y)):
            return try x.names == y.names && all(x.values, y.values, element)
        case (.pair(let a1, let b1), .pair(let a2, let b2)):
            return try element(a1, a2) && element(b1, b2)
        case (.range(let x), .range(let y)):
            let n = length(x)
            return n == length(y) && (n == 0 || (x.start == y.start && (n == 1 || x.step == y.step)))
        case (.range, .array), (.array, .range), (.array, .array):
            guard count(a) == count(b), let (xs, dx) = flat(a), let (ys, dy) = flat(b), dx == dy else { return false }
            return try all(xs, ys, element)
        case (.dict(let x), .dict(let y)):
            guard x.keys.count == y.keys.count else { return false }
            for (k, v) in zip(x.keys, x.values) {
                guard let j = try y.keys.firstIndex(where: { try isEqual($0, k) }) else { return false }
                guard try element(v, y.values[j]) else { return false }
            }
            return true
        default:
            if let other, case .structValue = a, case .structValue = b { return try other(a, b) }
            return a.isIdentical(to: b)
        }
    }

    static func all(_ xs: [Value], _ ys: [Value], _ element: Element) throws -> Bool {
        guard xs.count == ys.count else { return false }
        for (x, y) in zip(xs, ys) where try !element(x, y) { return false }
        return true
    }

    /// The number of elements of a range, without overflowing.
    static func length(_ r: RangeValue) -> Int {
        guard r.step != 0 else { return 0 }
        if (r.step > 0 && r.stop < r.start) || (r.step < 0 && r.stop > r.start) { return 0 }
        let span = r.stop.subtractingReportingOverflow(r.start)
        let quotient = span.partialValue.dividedReportingOverflow(by: r.step)
        if !span.overflow && !quotient.overflow { return quotient.partialValue &+ 1 }
        let steps = UInt(bitPattern: r.stop &- r.start).magnitude / r.step.magnitude
        return steps >= UInt(Int.max) ? Int.max : Int(steps) + 1
    }

    static func count(_ v: Value) -> Int {
        switch v {
        case .array(let a): return a.count
        case .range(let r): return length(r)
        default: return 0
        }
    }

    /// Elements and dimensions of an array or range.
    static func flat(_ v: Value) -> ([Value], [Int])? {
        switch v {
        case .array(let a): return (ArrayShow.elements(a), a.dims)
        case .range(let r):
            let n = length(r)
            guard n <= 1 << 24 else { return nil }
            return ((0..<n).map { .int(r.start &+ $0 &* r.step) }, [n])
        default: return nil
        }
    }

    /// `isequal`, recursively, without dispatch (used for dict keys too).
    static func isEqual(_ a: Value, _ b: Value) throws -> Bool {
        try equal(a, b, numbers: ScalarComparison.numberIsEqual, element: isEqual)
    }


    /// `isless` fallback: strings, chars, symbols, tuples lexicographically.
    static func isLess(_ a: Value, _ b: Value, element: Element) throws -> Bool? {
        if let r = ScalarComparison.realIsLess(a, b) { return r }
        switch (a, b) {
        case (.string(let x), .string(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        case (.char(let x), .char(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        case (.symbol(let x), .symbol(let y)): return x.name.utf8.lexicographicallyPrecedes(y.name.utf8)
        case (.tuple(let xs), .tuple(let ys)):
            for (x, y) in zip(xs, ys) {
                if try element(x, y) { return true }
                if try element(y, x) { return false }
            }
            return xs.count < ys.count
        default: return nil
        }
    }
}
