import Foundation

/// Type names and numeric constants as globals, calling number types to
/// convert (`Int(2.0)`, `Float64(1//3)`, `Complex(1, 2)`), `convert`,
/// `typemax`/`typemin`/`eps`, and `zero`/`one` of a type.
enum TypeBuiltins {
    static let typeNames: [(String, ZyType)] = [
        ("Int", .int64), ("Int64", .int64), ("Float64", .float64), ("Bool", .bool), ("String", .string),
        ("Symbol", .symbol), ("Char", .char), ("Nothing", .nothing), ("Any", .any), ("Number", .number),
        ("Real", .real), ("Integer", .integer), ("Signed", .signed), ("AbstractFloat", .abstractFloat),
        ("AbstractString", .abstractString), ("Function", .function), ("Complex", .complex(nil)),
        ("Rational", .rational(nil)), ("Exception", .exception), ("Tuple", .anyTuple),
        ("NamedTuple", .anyNamedTuple), ("Pair", .pair(nil, nil)), ("DataType", .dataType),
        ("ComplexF64", .complex(.float64)),
    ]

    static func install(into globals: Globals) {
        for (name, type) in typeNames { globals.defineConstant(name, .type(type)) }
        for t in Exceptions.all { globals.defineConstant(t.name, .type(.structType(StructTypeRef(t)))) }
        let constants: [(String, Value)] = [
            ("pi", .float(Double.pi)), ("π", .float(Double.pi)), ("ℯ", .float(M_E)), ("Inf", .float(.infinity)),
            ("Inf64", .float(.infinity)), ("NaN", .float(.nan)), ("NaN64", .float(.nan)),
            ("im", .complex(.int(0), .int(1))), ("nothing", .nothing),
        ]
        for (name, value) in constants { globals.defineConstant(name, value) }
        installConstructors(globals)
        installExceptionConstructors(globals)
        installTypeFunctions(ScalarRegistrar(globals: globals))
    }

    static func converting(_ globals: Globals, _ type: ZyType, _ signature: [ZyType]) {
        globals.defineConstructor(type, signature) { _, args, _ in
            guard let v = try NumericValue.convert(args[0], to: type) else {
                throw Exceptions.methodError(.type(type), args)
            }
            return v
        }
    }

    static func installConstructors(_ g: Globals) {
        for t: ZyType in [.float64, .int64, .bool, .rational(nil), .complex(nil), .complex(.float64), .complex(.int64)] {
            converting(g, t, [.number])
        }
        g.defineConstructor(.int64, [.char]) { _, a, _ in
            guard case .char(let c) = a[0], let u = c.unicodeScalars.first else { return .int(0) }
            return .int(Int(u.value))
        }
        g.defineConstructor(.char, [.integer]) { _, a, _ in
            guard let i = a[0].intValue, let u = UInt32(exactly: i), let s = Unicode.Scalar(u) else {
                throw Exceptions.error("invalid character code \(a[0].intValue ?? 0)")
            }
            return .char(Character(s))
        }
        g.defineConstructor(.complex(nil), [.real, .real]) { _, a, _ in NumericValue.complex(a[0], a[1]) }
        g.defineConstructor(.complex(.float64), [.real, .real]) { _, a, _ in
            ComplexMath.C(NumericValue.double(a[0]) ?? .nan, NumericValue.double(a[1]) ?? .nan).value
        }
        g.defineConstructor(.rational(nil), [.integer, .integer]) { _, a, _ in
            try Rationals.make(a[0].intValue ?? 0, a[1].intValue ?? 0)
        }
        g.defineConstructor(.string, [.any], varargs: true) { _, a, _ in .string(a.map(Show.string).joined()) }
        g.defineConstructor(.symbol, [.any], varargs: true) { _, a, _ in .symbol(.named(a.map(Show.string).joined())) }
    }

    /// Julia's optional-field constructors: `DomainError(x)`, `BoundsError(a, i)`.
    static func installExceptionConstructors(_ g: Globals) {
        let domain = ZyType.structType(StructTypeRef(Exceptions.domainErrorType))
        g.defineConstructor(domain, [.any]) { _, a, _ in
            .structValue(StructValue(type: Exceptions.domainErrorType, fields: [a[0], .nothing]))
        }
        g.defineConstructor(domain, [.any, .any]) { _, a, _ in
            .structValue(StructValue(type: Exceptions.domainErrorType, fields: [a[0], a[1]]))
        }
        let bounds = ZyType.structType(StructTypeRef(Exceptions.boundsErrorType))
        g.defineConstructor(bounds, [.any], varargs: true) { _, a, _ in
            if a.isEmpty { return Exceptions.boundsError().value }
            let index: Value = a.count > 2 ? .tuple(Array(a.dropFirst())) : (a.count == 2 ? a[1] : .nothing)
            return .structValue(StructValue(type: Exceptions.boundsErrorType, fields: [a.first ?? .nothing, index]))
        }
    }

    static func installTypeFunctions(_ r: ScalarRegistrar) {
        r.def("=>", [.any, .any]) { a in .pair(a[0], a[1]) }
        r.globals.defineConstructor(.pair(nil, nil), [.any, .any]) { _, a, _ in .pair(a[0], a[1]) }
        r.def("convert", [.dataType, .any]) { a in
            guard case .type(let t) = a[0] else { return nil }
            if a[1].isa(t) { return a[1] }
            return try NumericValue.convert(a[1], to: t)
        }
        r.def("typemax", [.dataType]) { a in extreme(a[0], max: true) }
        r.def("typemin", [.dataType]) { a in extreme(a[0], max: false) }
        r.def("floatmax", [.dataType]) { _ in .float(Double.greatestFiniteMagnitude) }
        r.def("floatmin", [.dataType]) { _ in .float(Double.leastNormalMagnitude) }
        r.def("eps", []) { _ in .float(Double.ulpOfOne) }
        r.def("eps", [.dataType]) { a in a[0].isTypeValue(.float64) ? .float(Double.ulpOfOne) : nil }
        r.def("eps", [.abstractFloat]) { a in NumericValue.double(a[0]).map { .float($0.ulp) } }
        r.def("zero", [.number]) { a in NumericValue.zero(like: a[0]) }
        r.def("one", [.number]) { a in NumericValue.one(like: a[0]) }
        r.def("oneunit", [.number]) { a in NumericValue.one(like: a[0]) }
        r.def("zero", [.dataType]) { a in typed(a[0]).map(NumericValue.zero(like:)) }
        r.def("one", [.dataType]) { a in typed(a[0]).map(NumericValue.one(like:)) }
        r.def("supertype", [.dataType]) { a in
            guard case .type(let t) = a[0] else { return nil }
            return .type(t.supertype ?? .any)
        }
        r.def("isnothing", [.any]) { a in
            if case .nothing = a[0] { return .bool(true) }
            return .bool(false)
        }
        r.def("something", [.any], varargs: true) { a in
            guard let v = a.first(where: { if case .nothing = $0 { return false }; return true }) else {
                throw Exceptions.argumentError("No value arguments present")
            }
            return v
        }
        r.def("promote_type", [.dataType, .dataType]) { a in
            guard case .type(let x) = a[0], case .type(let y) = a[1] else { return nil }
            return .type(ZyType.promote(x, y) ?? .any)
        }
        r.def("promote", [.number, .number]) { a in
            guard let t = ZyType.promote(a[0].type, a[1].type),
                  let x = try NumericValue.convert(a[0], to: t), let y = try NumericValue.convert(a[1], to: t) else { return nil }
            return .tuple([x, y])
        }
    }

    /// A representative value of a number type, for `zero(T)` / `one(T)`.
    static func typed(_ v: Value) -> Value? {
        guard case .type(let t) = v else { return nil }
        switch t {
        case .int64: return .int(0)
        case .float64: return .float(0)
        case .bool: return .bool(false)
        case .rational: return .rational(0, 1)
        case .complex(.float64?): return .complex(.float(0), .float(0))
        case .complex: return .complex(.int(0), .int(0))
        default: return nil
        }
    }

    static func extreme(_ v: Value, max: Bool) -> Value? {
        guard case .type(let t) = v else { return nil }
        switch t {
        case .int64: return .int(max ? Int.max : Int.min)
        case .float64: return .float(max ? .infinity : -.infinity)
        case .bool: return .bool(max)
        default: return nil
        }
    }
}

extension Value {
    func isTypeValue(_ t: ZyType) -> Bool {
        if case .type(let u) = self { return u == t }
        return false
    }
}
