/// Julia's string indexing: 1-based UTF-8 byte indices, each a `Char`
/// (one Unicode scalar); an index inside a character is a
/// `StringIndexError`, one outside the bytes a `BoundsError`.
enum StringIndexing {
    static let stringIndexErrorType = StructType(
        name: "StringIndexError", isMutable: false, fieldNames: [Symbol.named("string"), Symbol.named("index")],
        fieldTypes: [.any, .any], supertype: .exception)

    static func isLead(_ byte: UInt8) -> Bool { byte & 0xC0 != 0x80 }

    /// The scalar starting at 1-based byte `i`, and the next valid index.
    static func character(_ s: String, _ i: Int) throws -> (Character, Int) {
        let bytes = Array(s.utf8)
        guard i >= 1, i <= bytes.count else { throw Exceptions.boundsError(.string(s), [.int(i)]) }
        guard isLead(bytes[i - 1]) else { throw indexError(s, i, bytes) }
        var j = i
        while j < bytes.count && !isLead(bytes[j]) { j += 1 }
        let text = String(decoding: bytes[(i - 1)..<j], as: UTF8.self)
        return (text.first ?? "\u{FFFD}", j + 1)
    }

    static func indexError(_ s: String, _ i: Int, _ bytes: [UInt8]) -> ZyException {
        ZyException(.structValue(StructValue(type: stringIndexErrorType, fields: [.string(s), .int(i)])))
    }

    /// `StringIndexError: invalid index [2], valid nearby indices [1]=>'α', [3]=>'b'`.
    static func message(_ s: String, _ i: Int) -> String {
        let bytes = Array(s.utf8)
        var before = min(max(i, 1), bytes.count)
        while before > 1 && !isLead(bytes[before - 1]) { before -= 1 }
        var after = before + 1
        while after <= bytes.count && !isLead(bytes[after - 1]) { after += 1 }
        var text = "StringIndexError: invalid index [\(i)]"
        guard let (c1, _) = try? character(s, before) else { return text }
        text += ", valid nearby indices [\(before)]=>" + Show.repr(.char(c1))
        if let (c2, _) = try? character(s, after) { text += ", [\(after)]=>" + Show.repr(.char(c2)) }
        return text
    }

    /// `s[a:b]`: the bytes from the character at `a` through the one at `b`.
    static func substring(_ s: String, _ start: Int, _ stop: Int) throws -> String {
        let bytes = Array(s.utf8)
        if stop < start { return "" }
        guard start >= 1, stop <= bytes.count else {
            throw Exceptions.boundsError(.string(s), [.range(RangeValue(start: start, step: 1, stop: stop, isUnit: true))])
        }
        guard isLead(bytes[start - 1]) else { throw indexError(s, start, bytes) }
        let (_, end) = try character(s, stop)
        return String(decoding: bytes[(start - 1)..<(end - 1)], as: UTF8.self)
    }

    static func lastIndex(_ s: String) -> Int {
        let bytes = Array(s.utf8)
        var i = bytes.count
        while i > 1 && !isLead(bytes[i - 1]) { i -= 1 }
        return i
    }

    static func nextIndex(_ s: String, _ i: Int) -> Int {
        let bytes = Array(s.utf8)
        var j = min(max(i, 0), bytes.count) + 1
        while j <= bytes.count && !isLead(bytes[j - 1]) { j += 1 }
        return j
    }

    static func previousIndex(_ s: String, _ i: Int) -> Int {
        let bytes = Array(s.utf8)
        var j = max(min(i, bytes.count + 1), 1) - 1
        while j > 1 && !isLead(bytes[j - 1]) { j -= 1 }
        return j
    }

    static func install(_ r: ScalarRegistrar) {
        r.globals.defineConstant("StringIndexError", .type(.structType(StructTypeRef(stringIndexErrorType))))
        r.def("getindex", [.abstractString, .integer]) { a in
            guard case .string(let s) = a[0], let i = a[1].intValue else { return nil }
            return .char(try character(s, i).0)
        }
        r.def("getindex", [.abstractString, .abstractRange]) { a in
            guard case .string(let s) = a[0], case .range(let rg) = a[1], rg.step == 1 else { return nil }
            return .string(try substring(s, rg.start, rg.stop))
        }
        r.def("lastindex", [.abstractString]) { a in
            guard case .string(let s) = a[0] else { return nil }
            return .int(lastIndex(s))
        }
        r.def("firstindex", [.abstractString]) { _ in .int(1) }
        r.def("nextind", [.abstractString, .integer]) { a in
            guard case .string(let s) = a[0], let i = a[1].intValue else { return nil }
            return .int(nextIndex(s, i))
        }
        r.def("prevind", [.abstractString, .integer]) { a in
            guard case .string(let s) = a[0], let i = a[1].intValue else { return nil }
            return .int(previousIndex(s, i))
        }
        r.def("iterate", [.abstractString]) { a in try iterate(a[0], 1) }
        r.def("iterate", [.abstractString, .integer]) { a in try iterate(a[0], a[1].intValue ?? 1) }
    }

    static func iterate(_ v: Value, _ i: Int) throws -> Value? {
        guard case .string(let s) = v else { return nil }
        if i > s.utf8.count { return .nothing }
        let (c, next) = try character(s, i)
        return .tuple([.char(c), .int(next)])
    }
}
