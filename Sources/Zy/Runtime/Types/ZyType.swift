/// A Zy type, for `typeof`, `isa`, annotations and dispatch.
///
/// Abstract types form Julia's lattice: `Any ⊇ Number ⊇ Real ⊇ Integer ⊇
/// Signed ⊇ Int64`, `Integer ⊇ Bool`, `Real ⊇ AbstractFloat ⊇ Float64`,
/// `Real ⊇ Rational{Int64}`, `Number ⊇ Complex{…}`, `AbstractArray{T,N} ⊇
/// Array{T,N}`, `Function ⊇` every function and closure type. Parametric
/// types are invariant in their parameters except `Tuple`, as in Julia.
/// Subtyping, specificity and names live in extensions beside this file.
public indirect enum ZyType: Hashable {
    // Abstract
    case any
    case number
    case real
    case integer
    case signed
    case abstractFloat
    case abstractString
    case function
    case exception
    /// `AbstractArray{T,N}`; nil parameters are unconstrained
    /// (`AbstractVector` is `.abstractArray(element: nil, dims: 1)`).
    case abstractArray(element: ZyType?, dims: Int?)
    case abstractDict
    case abstractRange
    /// `Tuple` with no parameters: any tuple.
    case anyTuple
    /// `NamedTuple` with no parameters: any named tuple.
    case anyNamedTuple
    /// `Type{T}`: the type whose only value is the type `T` (used in
    /// signatures such as `parse(::Type{Float64}, s)`).
    case typeOf(ZyType)

    // Concrete
    case nothing
    case bool
    case int64
    case float64
    case char
    case string
    case symbol
    /// `Complex{Int64}`, `Complex{Float64}`; a nil parameter means `Complex`.
    case complex(ZyType?)
    /// `Rational{Int64}`; nil means `Rational`.
    case rational(ZyType?)
    case tuple([ZyType])
    case namedTuple(names: [String], types: [ZyType])
    /// `Pair{A, B}`; nil parameters mean `Pair`.
    case pair(ZyType?, ZyType?)
    /// `UnitRange{Int64}`
    case unitRange
    /// `StepRange{Int64, Int64}`
    case stepRange
    /// `Array{T,N}`: `Vector{T}` is dims 1, `Matrix{T}` dims 2. A nil
    /// element or dims (`Vector`, `Array`) is unconstrained: abstract.
    case array(element: ZyType?, dims: Int?)
    /// `Dict{K, V}`; nil parameters mean `Dict`.
    case dict(key: ZyType?, value: ZyType?)
    /// `typeof(f)` for the generic function named `f`.
    case functionType(String)
    /// The type of a closure, named after its body (`var"#3#4"`-like).
    case closureType(String)
    /// A struct type: user-defined or a built-in such as `ErrorException`.
    case structType(StructTypeRef)
    /// `DataType`: the type of types.
    case dataType
    /// Internal: the type of `Core.Box`.
    case box
}

/// Identity-hashed reference to a `StructType`, so `ZyType` can be Hashable.
public struct StructTypeRef: Hashable {
    public let type: StructType
    public init(_ type: StructType) { self.type = type }
    public static func == (a: StructTypeRef, b: StructTypeRef) -> Bool { a.type === b.type }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(type)) }
}
