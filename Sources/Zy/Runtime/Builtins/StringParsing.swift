/// `parse(Int, s)`, `parse(Float64, s)` and `tryparse` with Julia's errors.
enum StringParsing {
    static func install(_ r: ScalarRegistrar) {
        r.full("parse", [.dataType, .abstractString], keywords: .named("base")) { _, a, kw in
            guard case .type(let t) = a[0], case .string(let s) = a[1] else { return nil }
            let base = kw.first { $0.0.name == "base" }?.1.intValue
            return try parse(t, s, base: base)
        }
        r.full("tryparse", [.dataType, .abstractString], keywords: .named("base")) { _, a, kw in
            guard case .type(let t) = a[0], case .string(let s) = a[1] else { return nil }
            let base = kw.first { $0.0.name == "base" }?.1.intValue
            do { return try parse(t, s, base: base) } catch is ZyException { return .nothing }
        }
    }

    static func parse(_ t: ZyType, _ s: String, base: Int?) throws -> Value? {
        switch t {
        case .int64, .integer, .signed: return .int(try parseInt(s, base: base ?? 10, explicitBase: base))
        case .float64, .abstractFloat: return .float(try parseFloat(s))
        case .bool:
            switch s.trimmingWhitespace() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return .bool(try parseInt(s, base: base ?? 10, explicitBase: base) != 0)
            }
        default: return nil
        }
    }

    /// A `0x`/`0b`/`0o` prefix picks the base unless one was given.
    static func parseInt(_ s: String, base: Int, explicitBase: Int? = nil) throws -> Int {
        guard (2...62).contains(base) else {
            throw Exceptions.argumentError("invalid base: base must be 2 ≤ base ≤ 62, got \(base)")
        }
        let t = s.trimmingWhitespace()
        if t.isEmpty { throw Exceptions.argumentError("input string is empty or only contains whitespace") }
        var scalars = Substring(t).unicodeScalars[...]
        var negative = false
        if let f = scalars.first, f == "-" || f == "+" {
            negative = f == "-"
            scalars = scalars.dropFirst()
        }
        if scalars.isEmpty { throw Exceptions.argumentError("premature end of integer: \(Show.repr(.string(s)))") }
        var base = base
        let prefixes: [(String, Int)] = [("0x", 16), ("0b", 2), ("0o", 8)]
        for (p, b) in prefixes where explicitBase == nil && String(String.UnicodeScalarView(scalars.prefix(2))) == p && scalars.count > 2 {
            base = b
            scalars = scalars.dropFirst(2)
        }
        var value = 0
        for u in scalars {
            guard let d = digit(u), d < base else {
                throw Exceptions.argumentError("invalid base \(base) digit \(Show.repr(.char(Character(u)))) in \(Show.repr(.string(s)))")
            }
            let (m, o1) = value.multipliedReportingOverflow(by: base)
            let (n, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            if o1 || o2 { throw Exceptions.overflowError("overflow parsing \(Show.repr(.string(s)))") }
            value = n
        }
        return value
    }

    static func digit(_ u: Unicode.Scalar) -> Int? {
        switch u.value {
        case 48...57: return Int(u.value) - 48
        case 97...122: return Int(u.value) - 87
        case 65...90: return Int(u.value) - 55
        default: return nil
        }
    }

    static func parseFloat(_ s: String) throws -> Double {
        let t = s.trimmingWhitespace()
        let lower = t.lowercased()
        let specials: [String: Double] = ["inf": .infinity, "+inf": .infinity, "-inf": -.infinity,
                                          "nan": .nan, "+nan": .nan, "-nan": .nan, "infinity": .infinity,
                                          "-infinity": -.infinity]
        if let v = specials[lower] { return v }
        let allowed = t.unicodeScalars.allSatisfy { "0123456789+-.eE_".unicodeScalars.contains($0) }
        guard allowed, !t.contains("_"), let v = Double(t) else {
            throw Exceptions.argumentError("cannot parse \(Show.repr(.string(s))) as Float64")
        }
        return v
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var t = Substring(self)
        while let f = t.first, f.isWhitespace { t = t.dropFirst() }
        while let l = t.last, l.isWhitespace { t = t.dropLast() }
        return String(t)
    }
}
