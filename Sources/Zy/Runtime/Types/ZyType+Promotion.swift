/// Julia's `promote_type` for the numeric tower Zy has, and the element
/// type an array literal takes (`[1, 2.0]` is `Vector{Float64}`,
/// `[1, "a"]` is `Vector{Any}`).
extension ZyType {
    /// Rank of a real type in the promotion order Bool < Int64 < Rational < Float64.
    private var realRank: Int? {
        switch self {
        case .bool: return 0
        case .int64: return 1
        case .rational: return 2
        case .float64: return 3
        default: return nil
        }
    }

    /// `promote_type(a, b)`; nil when the two do not promote to a common
    /// number type (non-numbers, or numbers with non-numbers).
    public static func promote(_ a: ZyType, _ b: ZyType) -> ZyType? {
        if a == b { return a }
        if let ra = a.realRank, let rb = b.realRank { return ra >= rb ? a : b }
        switch (a, b) {
        case (.complex(let x?), .complex(let y?)):
            return promote(x, y).map { .complex($0) }
        case (.complex(let x?), let r) where r.realRank != nil:
            return promote(x, r == .bool ? .int64 : r).map { .complex($0) }
        case (let r, .complex(let y?)) where r.realRank != nil:
            return promote(r == .bool ? .int64 : r, y).map { .complex($0) }
        default:
            return nil
        }
    }

    /// The element type of an array built from values of these types: the
    /// promoted number type, the common type if all agree, else `Any`.
    public static func elementType(of types: [ZyType]) -> ZyType {
        guard var t = types.first else { return .any }
        for u in types.dropFirst() {
            if let p = promote(t, u) { t = p } else { return .any }
        }
        return t
    }

    /// Julia's `promote_typejoin` over some values' types: the element type
    /// `collect` and comprehensions narrow to (for AD's array gradients).
    public static func typejoin(_ types: [ZyType]) -> ZyType { CollectionSupport.typejoin(types) }
}
