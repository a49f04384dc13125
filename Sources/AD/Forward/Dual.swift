import Zy

/// A dual number `value + partials·ε` of one forward-mode derivative,
/// ForwardDiff's `Dual` with a single partial.
///
/// Runtime form: a built-in immutable struct `Dual(value, partials, tag)`
/// whose supertype is `Real` (so `f(x::Real)` methods accept duals, as in
/// ForwardDiff). `tag` tells the perturbations of different derivatives
/// apart: every `derivative`/`pushforward`/`hessian`/`forwarddiff` call
/// takes a fresh, larger tag, and a dual of tag `t` only ever holds duals
/// of smaller tags in its fields. An operation on duals of several tags
/// works on the largest one and treats the others as constants, so an inner
/// derivative's ε never mixes with an outer one's (perturbation confusion).
/// Tag 0 is a dual the user built with `Dual(v, p)` (ForwardDiff's
/// `Dual{Nothing}`); it prints as `Dual{Nothing}(1.0,2.0)`, others as
/// `Dual{T}(1.0,2.0)` with their tag number.
enum Dual {
    static let type: StructType = {
        let t = StructType(name: "Dual", isMutable: false,
                           fieldNames: ["value", "partials", "tag"].map(Symbol.named),
                           fieldTypes: [.any, .any, .any], supertype: .real)
        t.customRepr = { s, repr in
            guard let d = Dual.parts(.structValue(s)) else { return "Dual()" }
            let tag = d.tag == 0 ? "Nothing" : String(d.tag)
            return "Dual{\(tag)}(\(repr(d.value)),\(repr(d.partial)))"
        }
        return t
    }()

    static let zyType = ZyType.structType(StructTypeRef(type))

    struct Parts {
        let tag: Int
        let value: Value
        let partial: Value
    }

    static func make(tag: Int, value: Value, partial: Value) -> Value {
        .structValue(StructValue(type: type, fields: [value, partial, .int(tag)]))
    }

    static func parts(_ v: Value) -> Parts? {
        guard case .structValue(let s) = v, s.type === type, s.fields.count == 3,
              case .int(let tag) = s.fields[2] else { return nil }
        return Parts(tag: tag, value: s.fields[0], partial: s.fields[1])
    }

    static func isDual(_ v: Value) -> Bool {
        if case .structValue(let s) = v { return s.type === type }
        return false
    }

    /// The largest tag among the arguments that are duals.
    static func topTag(_ args: [Value]) -> Int? {
        var top: Int? = nil
        for a in args { if let d = parts(a) { top = max(top ?? d.tag, d.tag) } }
        return top
    }

    /// A value seen by the derivative of `tag`: its primal part and its
    /// tangent (nil where it does not depend on that derivative's ε).
    static func split(_ v: Value, tag: Int) -> (primal: Value, tangent: Value?) {
        if let d = parts(v), d.tag == tag { return (d.value, d.partial) }
        return (v, nil)
    }

    /// The plain number under every dual layer (comparisons and predicates
    /// look at it, as ForwardDiff's do).
    static func primal(_ v: Value) -> Value {
        var x = v
        while let d = parts(x) { x = d.value }
        return x
    }
}
