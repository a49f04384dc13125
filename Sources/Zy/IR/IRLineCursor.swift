import SourceMap

/// A cursor over one line of IR text, for `IRParser`. Positions are
/// character indices into the line; spans convert them to UTF-8 offsets.
struct IRLineCursor {
    let chars: [Character]
    let lineStart: Int
    let file: SourceFile
    var pos = 0
    private(set) var lastWord = ""

    init(chars: [Character], lineStart: Int, file: SourceFile) {
        self.chars = chars
        self.lineStart = lineStart
        self.file = file
    }

    var atEnd: Bool { pos >= chars.count }
    var peek: Character? { pos < chars.count ? chars[pos] : nil }
    func peek(at offset: Int) -> Character? {
        let i = pos + offset
        return i >= 0 && i < chars.count ? chars[i] : nil
    }
    mutating func advance() { if pos < chars.count { pos += 1 } }

    mutating func skipSpaces() {
        while let ch = peek, ch == " " || ch == "\t" { pos += 1 }
    }

    func span() -> Span {
        let offset = lineStart + String(chars[0..<min(pos, chars.count)]).utf8.count
        return Span(file: file, start: offset, end: offset + 1)
    }

    func failure(_ message: String) -> IRParseFailure {
        IRParseFailure(diagnostic: .error(message, at: span()))
    }

    func hasPrefix(_ s: String) -> Bool {
        var i = pos
        for ch in s {
            guard i < chars.count, chars[i] == ch else { return false }
            i += 1
        }
        return true
    }

    mutating func eat(_ s: String) -> Bool {
        guard hasPrefix(s) else { return false }
        pos += s.count
        return true
    }

    mutating func expect(_ s: String) throws {
        skipSpaces()
        guard eat(s) else { throw failure("expected `\(s)`") }
    }

    /// Consumes `word` when it stands alone (followed by a space or the end).
    mutating func eatWord(_ word: String) -> Bool {
        skipSpaces()
        guard hasPrefix(word) else { return false }
        let after = pos + word.count
        if after < chars.count, chars[after] != " " && chars[after] != "\t" { return false }
        pos = after
        lastWord = word
        return true
    }

    static let delimiters: Set<Character> = [" ", "\t", ",", "(", ")", ";"]

    /// A run of non-delimiter characters, stopping before `...`.
    mutating func readToken(stopAtColon: Bool = false) -> String {
        var out = ""
        while let ch = peek, !IRLineCursor.delimiters.contains(ch) {
            if !out.isEmpty && hasPrefix("...") { break }
            if stopAtColon && ch == ":" && !out.isEmpty { break }
            out.append(ch)
            pos += 1
        }
        return out
    }

    mutating func readInt() throws -> Int {
        var digits = ""
        while let ch = peek, ch.isASCII, ch.isNumber { digits.append(ch); pos += 1 }
        guard let n = Int(digits) else { throw failure("expected a number") }
        return n
    }

    mutating func readVariable() throws -> VariableID {
        skipSpaces()
        guard eat("%") else { throw failure("expected a variable `%N`") }
        return try readInt()
    }

    /// Items separated by commas up to `close` (the opening bracket eaten).
    mutating func list<T>(close: Character, _ item: (inout IRLineCursor) throws -> T) throws -> [T] {
        var out: [T] = []
        skipSpaces()
        if eat(String(close)) { return out }
        while true {
            out.append(try item(&self))
            skipSpaces()
            if eat(String(close)) { return out }
            try expect(",")
        }
    }

    mutating func readOperand() throws -> Operand {
        skipSpaces()
        guard let ch = peek else { throw failure("expected an operand") }
        if ch == "%" { return .variable(try readVariable()) }
        if ch == "\"" { return .constant(.string(try readQuoted("\""))) }
        if ch == "'" {
            let s = try readQuoted("'")
            guard s.count == 1, let c = s.first else { throw failure("a character literal holds one character") }
            return .constant(.char(c))
        }
        if ch == ":", let next = peek(at: 1), next != " ", !IRLineCursor.delimiters.contains(next) {
            advance()
            return .constant(.symbol(readToken()))
        }
        if hasPrefix("Symbol(\"") {
            pos += 7
            let s = try readQuoted("\"")
            try expect(")")
            return .constant(.symbol(s))
        }
        let start = pos
        let token = readToken()
        if token.isEmpty { throw failure("expected an operand") }
        switch token {
        case "nothing": return .constant(.nothing)
        case "true": return .constant(.bool(true))
        case "false": return .constant(.bool(false))
        case "Inf": return .constant(.float(.infinity))
        case "-Inf": return .constant(.float(-.infinity))
        case "NaN": return .constant(.float(.nan))
        default: break
        }
        let body = token.hasPrefix("-") ? token.dropFirst() : Substring(token)
        if let first = body.first, first.isASCII, first.isNumber {
            if let i = Int(token) { return .constant(.int(i)) }
            if let d = Double(token) { return .constant(.float(d)) }
            pos = start
            throw failure("malformed number `\(token)`")
        }
        return .global(token)
    }

    mutating func readQuoted(_ quote: Character) throws -> String {
        guard peek == quote else { throw failure("expected \(quote)") }
        advance()
        var out = ""
        while let ch = peek {
            advance()
            if ch == quote { return out }
            if ch != "\\" { out.append(ch); continue }
            guard let e = peek else { break }
            advance()
            switch e {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "u":
                var hex = ""
                for _ in 0..<4 { if let h = peek, h.isHexDigit { hex.append(h); advance() } }
                guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else {
                    throw failure("malformed \\u escape")
                }
                out.unicodeScalars.append(scalar)
            default: out.append(e)
            }
        }
        throw failure("unterminated literal")
    }
}
