import Foundation

/// Strings, chars and symbols: construction by `string`, concatenation and
/// repetition, case, searching, splitting, joining, padding and parsing.
/// Lengths count characters (Unicode scalars); indices are UTF-8 bytes.
enum StringBuiltins {
    static func install(into globals: Globals) {
        let r = ScalarRegistrar(globals: globals)
        installBasics(r)
        installSearch(r)
        installSplitJoin(r)
        StringIndexing.install(r)
        StringParsing.install(r)
        installChars(r)
    }

    static func text(_ v: Value) -> String? {
        switch v {
        case .string(let s): return s
        case .char(let c): return String(c)
        default: return nil
        }
    }

    static func installBasics(_ r: ScalarRegistrar) {
        let g = r.globals
        r.full("string", [.any], varargs: true) { ctx, a, _ in .string(IOBuiltins.printed(a, g, ctx)) }
        r.def("string", []) { _ in .string("") }
        r.full("repr", [.any]) { ctx, a, _ in .string(Show.repr(a[0], custom: UserShow.hook(g, ctx))) }
        for (x, y) in [(ZyType.abstractString, ZyType.abstractString), (.abstractString, .char), (.char, .abstractString), (.char, .char)] {
            r.def("*", [x, y]) { a in
                guard let p = text(a[0]), let q = text(a[1]) else { return nil }
                return .string(p + q)
            }
        }
        for t in [ZyType.abstractString, .char] {
            r.def("^", [t, .integer]) { a in
                guard let s = text(a[0]), let n = a[1].intValue else { return nil }
                guard n >= 0 else { throw Exceptions.argumentError("can't repeat a string \(n) times") }
                // Repeating "" would still loop n times.
                if s.isEmpty { return .string("") }
                try checkSize(s.utf8.count, n)
                return .string(String(repeating: s, count: n))
            }
            r.def("repeat", [t, .integer]) { a in
                guard let s = text(a[0]), let n = a[1].intValue, n >= 0 else { return nil }
                if s.isEmpty { return .string("") }
                try checkSize(s.utf8.count, n)
                return .string(String(repeating: s, count: n))
            }
        }
        r.def("length", [.abstractString]) { a in text(a[0]).map { .int($0.unicodeScalars.count) } }
        r.def("ncodeunits", [.abstractString]) { a in text(a[0]).map { .int($0.utf8.count) } }
        r.def("sizeof", [.abstractString]) { a in text(a[0]).map { .int($0.utf8.count) } }
        r.def("isempty", [.abstractString]) { a in text(a[0]).map { .bool($0.isEmpty) } }
        r.def("uppercase", [.abstractString]) { a in text(a[0]).map { .string($0.uppercased()) } }
        r.def("lowercase", [.abstractString]) { a in text(a[0]).map { .string($0.lowercased()) } }
        r.def("uppercase", [.char]) { a in text(a[0]).map { .char(Character($0.uppercased())) } }
        r.def("lowercase", [.char]) { a in text(a[0]).map { .char(Character($0.lowercased())) } }
        r.def("titlecase", [.abstractString]) { a in text(a[0]).map { .string($0.capitalized) } }
        r.def("reverse", [.abstractString]) { a in
            text(a[0]).map { .string(String(String.UnicodeScalarView($0.unicodeScalars.reversed()))) }
        }
        r.def("first", [.abstractString]) { a in
            guard let s = text(a[0]) else { return nil }
            guard let c = s.unicodeScalars.first else { throw Exceptions.argumentError("collection must be non-empty") }
            return .char(Character(c))
        }
        r.def("last", [.abstractString]) { a in
            guard let s = text(a[0]) else { return nil }
            guard let c = s.unicodeScalars.last else { throw Exceptions.argumentError("collection must be non-empty") }
            return .char(Character(c))
        }
        r.def("first", [.abstractString, .integer]) { a in
            guard let s = text(a[0]), let n = a[1].intValue else { return nil }
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.prefix(max(n, 0)))))
        }
        r.def("last", [.abstractString, .integer]) { a in
            guard let s = text(a[0]), let n = a[1].intValue else { return nil }
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.suffix(max(n, 0)))))
        }
        installPadding(r)
    }

    /// Refuses to build strings beyond 1 GiB (Julia would run out of memory).
    static func checkSize(_ unit: Int, _ count: Int) throws {
        let (total, overflow) = unit.multipliedReportingOverflow(by: count)
        if overflow || total > 1 << 30 { throw Exceptions.error("OutOfMemoryError()") }
    }

    static func installPadding(_ r: ScalarRegistrar) {
        for (name, left) in [("lpad", true), ("rpad", false)] {
            let body: ScalarRegistrar.Body = { a in
                guard let n = a[1].intValue else { return nil }
                let s = Show.string(a[0])
                let pad = a.count > 2 ? Show.string(a[2]) : " "
                let missing = n &- s.unicodeScalars.count
                guard missing > 0, !pad.isEmpty else { return .string(s) }
                try checkSize(1, missing)
                let padScalars = Array(pad.unicodeScalars)
                let fill = String(String.UnicodeScalarView((0..<missing).map { padScalars[$0 % padScalars.count] }))
                return .string(left ? fill + s : s + fill)
            }
            r.def(name, [.any, .integer], body)
            r.def(name, [.any, .integer, .any], body)
        }
    }

    static func installSearch(_ r: ScalarRegistrar) {
        r.def("occursin", [.any, .abstractString]) { a in
            guard let needle = text(a[0]), let hay = text(a[1]) else { return nil }
            return .bool(needle.isEmpty || hay.contains(needle))
        }
        r.def("contains", [.abstractString, .any]) { a in
            guard let hay = text(a[0]), let needle = text(a[1]) else { return nil }
            return .bool(needle.isEmpty || hay.contains(needle))
        }
        r.def("in", [.char, .abstractString]) { a in
            guard case .char(let c) = a[0], let s = text(a[1]) else { return nil }
            return .bool(s.contains(c))
        }
        r.def("∈", [.char, .abstractString]) { a in
            guard case .char(let c) = a[0], let s = text(a[1]) else { return nil }
            return .bool(s.contains(c))
        }
        r.def("startswith", [.abstractString, .any]) { a in
            guard let s = text(a[0]), let p = text(a[1]) else { return nil }
            return .bool(s.utf8.starts(with: p.utf8))
        }
        r.def("endswith", [.abstractString, .any]) { a in
            guard let s = text(a[0]), let p = text(a[1]) else { return nil }
            return .bool(s.utf8.reversed().starts(with: p.utf8.reversed()))
        }
        r.full("replace", [.abstractString, .pair(nil, nil)], varargs: true, keywords: .named("count")) { _, a, kw in
            guard var s = text(a[0]) else { return nil }
            var limit = Int.max
            for (k, v) in kw where k.name == "count" { limit = v.intValue ?? Int.max }
            for p in a.dropFirst() {
                guard case .pair(let from, let to) = p, let f = text(from) else { return nil }
                s = replacing(s, f, Show.string(to), limit: limit)
            }
            return .string(s)
        }
        for (name, mode) in [("strip", 0), ("lstrip", 1), ("rstrip", 2)] {
            r.def(name, [.abstractString]) { a in text(a[0]).map { .string(strip($0, mode, nil)) } }
            r.def(name, [.abstractString, .any]) { a in
                guard let s = text(a[0]) else { return nil }
                let chars: Set<Character>
                switch a[1] {
                case .char(let c): chars = [c]
                case .array(let arr): chars = Set(ArrayShow.elements(arr).compactMap { if case .char(let c) = $0 { return c }; return nil })
                default: return nil
                }
                return .string(strip(s, mode, chars))
            }
        }
        r.def("chomp", [.abstractString]) { a in
            guard let s = text(a[0]) else { return nil }
            return .string(s.hasSuffix("\n") ? String(s.dropLast()) : s)
        }
        r.def("chop", [.abstractString]) { a in
            guard let s = text(a[0]) else { return nil }
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.dropLast())))
        }
    }

    static func replacing(_ s: String, _ from: String, _ to: String, limit: Int) -> String {
        guard !from.isEmpty, limit > 0 else { return s }
        var out = "", rest = Substring(s), count = 0
        while count < limit, let range = rest.range(of: from) {
            out += rest[..<range.lowerBound] + to
            rest = rest[range.upperBound...]
            count += 1
        }
        return out + rest
    }

    /// mode 0 both ends, 1 leading, 2 trailing; nil chars means whitespace.
    static func strip(_ s: String, _ mode: Int, _ chars: Set<Character>?) -> String {
        let drop: (Character) -> Bool = { c in chars.map { $0.contains(c) } ?? c.isWhitespace }
        var t = Substring(s)
        if mode != 2 { t = t.drop(while: drop) }
        if mode != 1 { while let last = t.last, drop(last) { t = t.dropLast() } }
        return String(t)
    }
}
