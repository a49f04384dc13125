import Zy

/// The Zy value that flows through a function under `taylor`: a built-in
/// struct `TaylorScalar <: Real` (as ForwardDiff's `Dual <: Real`) whose
/// fields are the coefficients (a `Vector{Float64}`) and the tag of the
/// `taylor` call that made it.
///
/// A struct rather than a new `Value` case: the interpreter's inline
/// arithmetic sees a non-scalar and takes its generic call path, where the
/// `TaylorScalar` methods registered at install time are ordinary built-in
/// methods: no operator is redefined, so nothing is deoptimised.
struct TaylorScalar {
    var coefficients: TaylorSeries.Series
    /// Which `taylor` call this series belongs to. Two different tags meeting
    /// in one operation means nested Taylor mode, which is refused rather
    /// than mixing two perturbations (perturbation confusion).
    var tag: Int

    static let type = StructType(
        name: "TaylorScalar", isMutable: false,
        fieldNames: [Symbol.named("coeffs"), Symbol.named("tag")],
        fieldTypes: [.array(element: .float64, dims: 1), .int64],
        supertype: .real)
    static let zyType = ZyType.structType(StructTypeRef(type))

    init(_ coefficients: TaylorSeries.Series, tag: Int) {
        self.coefficients = coefficients
        self.tag = tag
    }

    /// The series inside `v`, or nil when `v` is not a `TaylorScalar` (or
    /// one a program emptied through its `coeffs` field: every rule may
    /// read `c₀`).
    init?(_ v: Value) {
        guard case .structValue(let s) = v, s.type === TaylorScalar.type, s.fields.count == 2,
              case .array(let a) = s.fields[0], case .float(let c) = a.storage, !c.isEmpty,
              case .int(let tag) = s.fields[1] else { return nil }
        self.init(c, tag: tag)
    }

    var value: Value {
        let array = ArrayValue(storage: .float(coefficients), elementType: .float64, dims: [coefficients.count])
        return .structValue(StructValue(type: TaylorScalar.type, fields: [.array(array), .int(tag)]))
    }

    var count: Int { coefficients.count }
    var constantTerm: Double { coefficients.first ?? 0 }

    /// The same tag, new coefficients.
    func with(_ c: TaylorSeries.Series) -> Value { TaylorScalar(c, tag: tag).value }

    /// A real number as a Double (`Bool`, `Int`, `Float64`, `Rational`).
    static func real(_ v: Value) -> Double? {
        switch v {
        case .float(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .rational(let n, let d): return Double(n) / Double(d)
        default: return nil
        }
    }

    static var nestedError: ZyException {
        Exceptions.argumentError("nested Taylor mode is not supported: a TaylorScalar of one "
            + "`taylor` call met one of another (call `taylor` on a function that does not capture "
            + "the outer expansion's variable)")
    }

    /// Two operands as series of one length and tag: a plain real becomes a
    /// constant series. Nil when either is neither.
    static func operands(_ x: Value, _ y: Value) throws -> (TaylorSeries.Series, TaylorSeries.Series, tag: Int)? {
        switch (TaylorScalar(x), TaylorScalar(y)) {
        case (let a?, let b?):
            guard a.tag == b.tag else { throw nestedError }
            let n = min(a.count, b.count)
            return (Array(a.coefficients.prefix(n)), Array(b.coefficients.prefix(n)), a.tag)
        case (let a?, nil):
            guard let r = real(y) else { return nil }
            return (a.coefficients, TaylorSeries.constant(r, count: a.count), a.tag)
        case (nil, let b?):
            guard let r = real(x) else { return nil }
            return (TaylorSeries.constant(r, count: b.count), b.coefficients, b.tag)
        case (nil, nil):
            return nil
        }
    }
}
