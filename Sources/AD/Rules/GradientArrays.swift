import Zy

/// Array gradients element by element, as Zygote builds them: where no
/// gradient reached a number element the array holds a zero (in the kind
/// the other gradients have, so an Int array's stays Int), where none
/// reached any other element (an array, tuple, struct…) it holds
/// `nothing` (Zygote's `Union{Nothing, T}` arrays), and the array takes
/// the tightest element type of what it holds (`ADRuntime.array`).
extension Value {
    var isNumber: Bool {
        switch self {
        case .int, .float, .rational, .bool, .complex: return true
        default: return false
        }
    }

    var isNothing: Bool {
        if case .nothing = self { return true }
        return false
    }
}

extension ADRuntime {
    /// `grads[i]` is the gradient of an element for which `isNumber(i)`
    /// tells whether it is a number; nil when every gradient is `nothing`.
    static func gradientArray(_ grads: [Value], dims: [Int], isNumber: (Int) -> Bool) -> Value {
        guard grads.contains(where: { !$0.isNothing }) else { return .nothing }
        let allInt = grads.allSatisfy { if case .int = $0 { return true } else { return $0.isNothing } }
        let zero: Value = allInt ? .int(0) : .float(0)
        let filled = grads.enumerated().map { i, g in g.isNothing && isNumber(i) ? zero : g }
        return array(filled, dims: dims)
    }

    /// Per element of `v` (an array), whether it is a number; nil for an
    /// array stored as Float64 (all are) or a non-array.
    static func numberElements(_ v: Value) -> [Bool]? {
        guard case .array(let a) = v, case .values(let xs) = a.storage else { return nil }
        return xs.map(\.isNumber)
    }

    static func elements(_ a: ArrayValue) -> [Value] {
        (0..<a.count).map { element(a, $0) }
    }
}
