/// Julia's `===` (egal): immutable values are identical when their contents
/// are; mutable objects (arrays, dicts, mutable structs, boxes) only when they
/// are the same object. Closures are immutable: same body, identical captures.
extension Value {
    public func isIdentical(to other: Value) -> Bool {
        switch (self, other) {
        case (.nothing, .nothing): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        case (.complex(let a1, let b1), .complex(let a2, let b2)): return a1.isIdentical(to: a2) && b1.isIdentical(to: b2)
        case (.rational(let n1, let d1), .rational(let n2, let d2)): return n1 == n2 && d1 == d2
        case (.char(let x), .char(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.symbol(let x), .symbol(let y)): return x === y
        case (.tuple(let xs), .tuple(let ys)):
            return xs.count == ys.count && zip(xs, ys).allSatisfy { $0.isIdentical(to: $1) }
        case (.namedTuple(let x), .namedTuple(let y)):
            return x.names == y.names && zip(x.values, y.values).allSatisfy { $0.isIdentical(to: $1) }
        case (.pair(let a1, let b1), .pair(let a2, let b2)): return a1.isIdentical(to: a2) && b1.isIdentical(to: b2)
        case (.range(let x), .range(let y)):
            return x.start == y.start && x.step == y.step && x.stop == y.stop && x.isUnit == y.isUnit
        case (.array(let x), .array(let y)): return x === y
        case (.dict(let x), .dict(let y)): return x === y
        case (.function(let x), .function(let y)): return x === y
        case (.closure(let x), .closure(let y)):
            return x.body === y.body && x.captures.count == y.captures.count
                && zip(x.captures, y.captures).allSatisfy { $0.isIdentical(to: $1) }
        case (.structValue(let x), .structValue(let y)):
            if x === y { return true }
            return !x.type.isMutable && x.type === y.type
                && zip(x.fields, y.fields).allSatisfy { $0.isIdentical(to: $1) }
        case (.type(let x), .type(let y)): return x == y
        case (.box(let x), .box(let y)): return x === y
        default: return false
        }
    }
}
