/// `split`, `join` and character predicates/arithmetic.
extension StringBuiltins {
    static func stringVector(_ parts: [String]) -> Value {
        .array(ArrayValue(storage: .values(parts.map { .string($0) }), elementType: .string, dims: [parts.count]))
    }

    static func installSplitJoin(_ r: ScalarRegistrar) {
        r.def("split", [.abstractString]) { a in
            guard let s = text(a[0]) else { return nil }
            return stringVector(s.split(whereSeparator: { $0.isWhitespace }).map(String.init))
        }
        r.full("split", [.abstractString, .any], keywords: .named("keepempty", "limit")) { _, a, kw in
            guard let s = text(a[0]), let d = text(a[1]) else { return nil }
            var keepEmpty = true, limit = 0
            for (k, v) in kw {
                if k.name == "keepempty", case .bool(let b) = v { keepEmpty = b }
                if k.name == "limit" { limit = v.intValue ?? 0 }
            }
            return stringVector(split(s, d, keepEmpty: keepEmpty, limit: limit))
        }
        r.def("join", [.any]) { a in joined(a[0], "", nil) }
        r.def("join", [.any, .any]) { a in joined(a[0], Show.string(a[1]), nil) }
        r.def("join", [.any, .any, .any]) { a in joined(a[0], Show.string(a[1]), Show.string(a[2])) }
    }

    static func split(_ s: String, _ d: String, keepEmpty: Bool, limit: Int) -> [String] {
        var parts: [String] = []
        var rest = Substring(s)
        while !d.isEmpty, limit <= 0 || parts.count < limit - 1, let range = rest.range(of: d) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return keepEmpty ? parts : parts.filter { !$0.isEmpty }
    }

    static func joined(_ v: Value, _ delim: String, _ last: String?) -> Value? {
        let items: [Value]
        switch v {
        case .tuple(let vs): items = vs
        case .array(let a): items = ArrayShow.elements(a)
        case .range: items = ScalarEquality.flat(v)?.0 ?? []
        case .string(let s): items = s.map { .char($0) }
        default: return nil
        }
        var out = ""
        for (i, x) in items.enumerated() {
            if i > 0 { out += (i == items.count - 1 ? last ?? delim : delim) }
            out += Show.string(x)
        }
        return .string(out)
    }

    static func installChars(_ r: ScalarRegistrar) {
        let preds: [(String, (Unicode.Scalar) -> Bool)] = [
            ("isdigit", { $0.value >= 48 && $0.value <= 57 }), ("isletter", { $0.properties.isAlphabetic }),
            ("isspace", { $0.properties.isWhitespace }), ("isuppercase", { $0.properties.isUppercase }),
            ("islowercase", { $0.properties.isLowercase }), ("isascii", { $0.isASCII }),
            ("isnumeric", { $0.properties.numericType != nil }),
            ("ispunct", { $0.properties.generalCategory.isPunctuation }),
        ]
        for (name, p) in preds {
            r.def(name, [.char]) { a in
                guard case .char(let c) = a[0], let u = c.unicodeScalars.first else { return nil }
                return .bool(p(u))
            }
        }
        r.def("+", [.char, .integer]) { a in try shift(a[0], a[1].intValue ?? 0) }
        r.def("+", [.integer, .char]) { a in try shift(a[1], a[0].intValue ?? 0) }
        r.def("-", [.char, .integer]) { a in try shift(a[0], 0 &- (a[1].intValue ?? 0)) }
        r.def("-", [.char, .char]) { a in
            guard let x = code(a[0]), let y = code(a[1]) else { return nil }
            return .int(x - y)
        }
        r.def("codepoint", [.char]) { a in code(a[0]).map { .int($0) } }
    }

    static func code(_ v: Value) -> Int? {
        guard case .char(let c) = v, let u = c.unicodeScalars.first else { return nil }
        return Int(u.value)
    }

    static func shift(_ c: Value, _ n: Int) throws -> Value? {
        guard let x = code(c) else { return nil }
        let (y, o) = x.addingReportingOverflow(n)
        guard !o, let u32 = UInt32(exactly: y), let s = Unicode.Scalar(u32) else {
            throw Exceptions.error("invalid character code \(y)")
        }
        return .char(Character(s))
    }
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }
}
