/// Integer utilities: `isqrt mod1 fldmod digits ndigits`, bit counts,
/// `bitstring`, `string(n; base, pad)`, and rounding modes
/// (`round(x, RoundUp)`).
enum IntegerBuiltins {
    /// Julia's `RoundingMode{:Up}` etc.: one field-less type per mode.
    static let modes: [(String, StructType, FloatingPointRoundingRule)] = [
        ("RoundNearest", mode("Nearest"), .toNearestOrEven), ("RoundUp", mode("Up"), .up),
        ("RoundDown", mode("Down"), .down), ("RoundToZero", mode("ToZero"), .towardZero),
        ("RoundFromZero", mode("FromZero"), .awayFromZero),
        ("RoundNearestTiesAway", mode("NearestTiesAway"), .toNearestOrAwayFromZero),
    ]

    static func mode(_ name: String) -> StructType {
        StructType(name: "RoundingMode{:\(name)}", isMutable: false, fieldNames: [], fieldTypes: [], supertype: .any)
    }

    static func install(_ r: ScalarRegistrar) {
        installRounding(r)
        r.def("isqrt", [.integer]) { a in
            guard let n = a[0].intValue else { return nil }
            guard n >= 0 else { throw Exceptions.domainError(.int(n), "isqrt(x) is not defined for negative x") }
            var s = Int(Double(n).squareRoot())
            while s > 0 && s.multipliedReportingOverflow(by: s).overflow || s * s > n { s -= 1 }
            while case let (sq, false) = (s + 1).multipliedReportingOverflow(by: s + 1), sq <= n { s += 1 }
            return .int(s)
        }
        r.def("mod1", [.real, .real]) { a in
            guard let m = try ScalarDivision.apply(.mod, a[0], a[1]) else { return nil }
            return NumericValue.double(m) == 0 ? a[1] : m
        }
        r.def("fldmod", [.real, .real]) { a in
            guard let q = try ScalarDivision.apply(.fld, a[0], a[1]), let m = try ScalarDivision.apply(.mod, a[0], a[1]) else { return nil }
            return .tuple([q, m])
        }
        let bits: [(String, (Int) -> Int)] = [
            ("trailing_zeros", { $0.trailingZeroBitCount }), ("leading_zeros", { $0.leadingZeroBitCount }),
            ("count_ones", { $0.nonzeroBitCount }), ("count_zeros", { 64 - $0.nonzeroBitCount }),
        ]
        for (name, f) in bits { r.def(name, [.integer]) { a in a[0].intValue.map { .int(f($0)) } } }
        r.def("bitstring", [.real]) { a in
            let pattern: UInt64
            switch a[0] {
            case .int(let i): pattern = UInt64(bitPattern: Int64(i))
            case .float(let x): pattern = x.bitPattern
            case .bool(let b): return .string(b ? "00000001" : "00000000")
            default: return nil
            }
            let text = String(pattern, radix: 2)
            return .string(String(repeating: "0", count: 64 - text.count) + text)
        }
        installDigits(r)
    }

    static func installRounding(_ r: ScalarRegistrar) {
        for (name, type, _) in modes {
            r.globals.defineConstant(name, .structValue(StructValue(type: type, fields: [])))
            let modeType = ZyType.structType(StructTypeRef(type))
            r.full("round", [.real, modeType], keywords: Rounding.roundingKeywords) { _, a, kw in try Rounding.roundValue(a[0], rule(a[1]), keywords: kw) }
            r.full("round", [.dataType, .real, modeType], keywords: Rounding.roundingKeywords) { _, a, kw in
                try Rounding.typed(a[0], a[1], rule(a[2]), keywords: kw)
            }
            r.def("div", [.real, .real, modeType]) { a in try divide(a) }
        }
    }

    /// `div(x, y, mode)`: integer quotients stay exact where the mode is
    /// floor, ceiling or truncation; other modes round the float quotient.
    static func divide(_ a: [Value]) throws -> Value? {
        guard let q = try ScalarArithmetic.apply(.div, a[0], a[1]), let x = NumericValue.double(q) else { return nil }
        if case .float = NumericValue.widenBool(a[0]) { return .float(x.rounded(rule(a[2]))) }
        if case .float = NumericValue.widenBool(a[1]) { return .float(x.rounded(rule(a[2]))) }
        if let kind = divisionKind(rule(a[2])) { return try ScalarDivision.apply(kind, a[0], a[1]) }
        let y = x.rounded(rule(a[2]))
        guard y.isFinite, y >= -9.223372036854775808e18, y < 9.223372036854775808e18 else {
            throw Exceptions.divideError()
        }
        return .int(Int(y))
    }

    static func rule(_ mode: Value) -> FloatingPointRoundingRule {
        guard case .structValue(let s) = mode else { return .toNearestOrEven }
        return modes.first { $0.1 === s.type }?.2 ?? .toNearestOrEven
    }

    static func divisionKind(_ rule: FloatingPointRoundingRule) -> ScalarDivision.Kind? {
        switch rule {
        case .down: return .fld
        case .up: return .cld
        case .towardZero: return .div
        default: return nil
        }
    }

    static func installDigits(_ r: ScalarRegistrar) {
        r.full("digits", [.integer], keywords: .named("base", "pad")) { _, a, kw in
            guard let n = a[0].intValue else { return nil }
            let base = kw.first { $0.0.name == "base" }?.1.intValue ?? 10
            let pad = kw.first { $0.0.name == "pad" }?.1.intValue ?? 1
            guard base >= 2 else { throw Exceptions.domainError(.int(base), "base must be ≥ 2") }
            var out: [Value] = [], m = n
            while m != 0 {
                out.append(.int(m % base))
                m /= base
            }
            let width = min(max(pad, 0), 1 << 20)
            if out.count < width { out += Array(repeating: .int(0), count: width - out.count) }
            return .array(ArrayValue(storage: .values(out), elementType: .int64, dims: [out.count]))
        }
        r.def("ndigits", [.integer]) { a in
            guard let n = a[0].intValue else { return nil }
            return .int(String(n.magnitude).count)
        }
        r.full("string", [.integer], keywords: .named("base", "pad")) { _, a, kw in
            guard let n = a[0].intValue else { return nil }
            let base = kw.first { $0.0.name == "base" }?.1.intValue ?? 10
            let pad = kw.first { $0.0.name == "pad" }?.1.intValue ?? 1
            guard (2...62).contains(base) else {
                throw Exceptions.argumentError("invalid base: base must be 2 ≤ base ≤ 62, got \(base)")
            }
            if case .bool(let b) = a[0], kw.isEmpty { return .string(b ? "true" : "false") }
            let digits = String(n.magnitude, radix: base)
            let padded = String(repeating: "0", count: max(0, min(pad, 1 << 20) - digits.count)) + digits
            return .string((n < 0 ? "-" : "") + padded)
        }
    }
}
