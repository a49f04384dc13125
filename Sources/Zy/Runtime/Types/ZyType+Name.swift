/// Julia's printed names of types: `Int64`, `Vector{Float64}`,
/// `Tuple{Int64, Float64}`, `Dict{Symbol, Int64}`, `typeof(pow)`.
extension ZyType: CustomStringConvertible {
    public var description: String {
        switch self {
        case .any: return "Any"
        case .number: return "Number"
        case .real: return "Real"
        case .integer: return "Integer"
        case .signed: return "Signed"
        case .abstractFloat: return "AbstractFloat"
        case .abstractString: return "AbstractString"
        case .function: return "Function"
        case .exception: return "Exception"
        case .abstractArray(let e, let d):
            switch (e, d) {
            case (nil, nil): return "AbstractArray"
            case (nil, 1?): return "AbstractVector"
            case (nil, 2?): return "AbstractMatrix"
            case (let e?, 1?): return "AbstractVector{\(e)}"
            case (let e?, 2?): return "AbstractMatrix{\(e)}"
            case (let e?, nil): return "AbstractArray{\(e)}"
            case (nil, let d?): return "AbstractArray{<:Any, \(d)}"
            case (let e?, let d?): return "AbstractArray{\(e), \(d)}"
            }
        case .abstractDict: return "AbstractDict"
        case .abstractRange: return "AbstractRange"
        case .anyTuple: return "Tuple"
        case .anyNamedTuple: return "NamedTuple"
        case .typeOf(let t): return "Type{\(t)}"
        case .nothing: return "Nothing"
        case .bool: return "Bool"
        case .int64: return "Int64"
        case .float64: return "Float64"
        case .char: return "Char"
        case .string: return "String"
        case .symbol: return "Symbol"
        case .complex(.float64?): return "ComplexF64"
        case .complex(let t): return t.map { "Complex{\($0)}" } ?? "Complex"
        case .rational(let t): return t.map { "Rational{\($0)}" } ?? "Rational"
        case .tuple(let ts): return "Tuple{" + ts.map(\.description).joined(separator: ", ") + "}"
        case .namedTuple(let names, let types):
            let n = names.map { ":" + $0 }.joined(separator: ", ")
            let comma = names.count == 1 ? "," : ""
            return "NamedTuple{(\(n)\(comma)), Tuple{" + types.map(\.description).joined(separator: ", ") + "}}"
        case .pair(let a, let b):
            guard let a, let b else { return "Pair" }
            return "Pair{\(a), \(b)}"
        case .unitRange: return "UnitRange{Int64}"
        case .stepRange: return "StepRange{Int64, Int64}"
        case .array(let e, let d):
            switch (e, d) {
            case (let e?, 1?): return "Vector{\(e)}"
            case (let e?, 2?): return "Matrix{\(e)}"
            case (let e?, let d?): return "Array{\(e), \(d)}"
            case (nil, 1?): return "Vector"
            case (nil, 2?): return "Matrix"
            case (let e?, nil): return "Array{\(e)}"
            case (nil, nil): return "Array"
            case (nil, let d?): return "Array{<:Any, \(d)}"
            }
        case .dict(let k, let v):
            guard let k, let v else { return "Dict" }
            return "Dict{\(k), \(v)}"
        case .functionType(let name): return "typeof(\(name))"
        case .closureType(let name): return "var\"\(name)\""
        case .structType(let ref): return ref.type.name
        case .dataType: return "DataType"
        case .box: return "Core.Box"
        }
    }
}
