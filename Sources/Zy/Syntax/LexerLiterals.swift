import SourceMap

/// Numbers, strings and characters.
extension Lexer {
    // MARK: Numbers

    /// `42`, `1_000`, `3.0`, `1e-3`, `.5`, `1.5f0`, `0x1f`, `0b101`, `0o17`.
    /// A trailing identifier (`2x`, `3im`) is left for the parser's
    /// juxtaposition rule.
    mutating func scanNumber() -> TokenKind {
        let start = pos
        if bytes[pos] == UInt8(ascii: "0"), let r = byte(at: pos + 1),
           let radix = [UInt8(ascii: "x"): 16, UInt8(ascii: "o"): 8, UInt8(ascii: "b"): 2][r] {
            return scanRadixNumber(start: start, radix: radix)
        }
        var isFloat = false
        readDigits()
        if byte(at: pos) == UInt8(ascii: "."), !matches("..", at: pos) {
            let next = byte(at: pos + 1)
            if let n = next, isDigit(n) {
                pos += 1; readDigits(); isFloat = true
            } else if let n = next, isDotOperatorChar(n) {
                // `2.*x`: the integer 2 then the operator `.*`.
            } else {
                pos += 1; isFloat = true
            }
        }
        if readExponent() { isFloat = true }
        if byte(at: pos) == UInt8(ascii: "."), let n = byte(at: pos + 1), isDigit(n) {
            pos += 1; readDigits()
            while byte(at: pos) == UInt8(ascii: ".") || (byte(at: pos).map(isDigit) ?? false) { pos += 1 }
            report("invalid numeric literal \"\(text(start, pos))\"", start, pos)
            return .error
        }
        var literal = String(text(start, pos).filter { $0 != "_" })
        if isFloat {
            literal = String(literal.map { $0 == "f" ? "e" : $0 })
            if literal.hasSuffix(".") { literal += "0" }
            if literal.hasPrefix(".") { literal = "0" + literal }
            guard let v = Double(literal) else {
                report("invalid numeric literal \"\(text(start, pos))\"", start, pos)
                return .error
            }
            guard v.isFinite else {
                report("overflow in numeric literal \"\(text(start, pos))\"", start, pos)
                return .error
            }
            return .float(v)
        }
        guard let v = Int(literal) else {
            report("integer literal \"\(text(start, pos))\" is too large for Int64", start, pos)
            return .error
        }
        return .int(v)
    }

    mutating func scanRadixNumber(start: Int, radix: Int) -> TokenKind {
        pos += 2
        let digitsStart = pos
        while let b = byte(at: pos), Character(Unicode.Scalar(b)).hexDigitValue.map({ $0 < radix }) ?? false
            || (b == UInt8(ascii: "_") && pos > digitsStart) {
            pos += 1
        }
        let digits = String(text(digitsStart, pos).filter { $0 != "_" })
        guard !digits.isEmpty, let v = UInt64(digits, radix: radix) else {
            if let (s, _) = scalar(at: pos), isIdentifierContinue(s) { _ = readIdentifier() }
            report("invalid numeric literal \"\(text(start, pos))\"", start, pos)
            return .error
        }
        return .int(Int(bitPattern: UInt(v)))
    }

    /// Decimal digits with `_` separators between them.
    mutating func readDigits() {
        while let b = byte(at: pos) {
            if isDigit(b) {
                pos += 1
            } else if b == UInt8(ascii: "_"), let n = byte(at: pos + 1), isDigit(n), pos > 0,
                      isDigit(bytes[pos - 1]) {
                pos += 1
            } else {
                break
            }
        }
    }

    /// `e-3`, `E5`, `f0`: only when digits follow, so `2e` stays `2 * e`.
    mutating func readExponent() -> Bool {
        guard let e = byte(at: pos), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") || e == UInt8(ascii: "f")
        else { return false }
        var i = pos + 1
        if let s = byte(at: i), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { i += 1 }
        guard let d = byte(at: i), isDigit(d) else { return false }
        pos = i
        readDigits()
        return true
    }

    func isDotOperatorChar(_ b: UInt8) -> Bool {
        "+-*/\\^<>=!&|%~÷".utf8.contains(b)
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[max(0, start)..<min(bytes.count, max(start, end))], as: UTF8.self)
    }

    // MARK: Characters

    mutating func scanChar() -> TokenKind {
        let start = pos
        pos += 1
        var value: Character?
        if byte(at: pos) == UInt8(ascii: "\\") {
            value = readEscape().map(Character.init)
        } else if let (s, len) = scalar(at: pos), s != "'", s != "\n" {
            value = Character(s)
            pos += len
        }
        if byte(at: pos) == UInt8(ascii: "'"), let value {
            pos += 1
            return .char(value)
        }
        while let b = byte(at: pos), b != UInt8(ascii: "'"), b != 0x0A { pos += 1 }
        if byte(at: pos) == UInt8(ascii: "'") {
            pos += 1
            report("invalid character literal", start, pos)
        } else {
            report("unterminated character literal", start, start + 1)
            if pos >= bytes.count { isIncomplete = true }
        }
        return .error
    }

    /// The escape at `pos` (a backslash); nil (after a diagnostic) if invalid.
    mutating func readEscape() -> Unicode.Scalar? {
        let start = pos
        pos += 1
        guard let c = byte(at: pos) else { return nil }
        pos += 1
        let simple: [UInt8: Unicode.Scalar] = [
            UInt8(ascii: "n"): "\n", UInt8(ascii: "t"): "\t", UInt8(ascii: "r"): "\r",
            UInt8(ascii: "a"): "\u{07}", UInt8(ascii: "b"): "\u{08}", UInt8(ascii: "f"): "\u{0C}",
            UInt8(ascii: "v"): "\u{0B}", UInt8(ascii: "e"): "\u{1B}", UInt8(ascii: "\\"): "\\",
            UInt8(ascii: "\""): "\"", UInt8(ascii: "'"): "'", UInt8(ascii: "$"): "$",
        ]
        if let s = simple[c] { return s }
        let maxDigits: [UInt8: (Int, Int)] = [
            UInt8(ascii: "x"): (2, 16), UInt8(ascii: "u"): (4, 16), UInt8(ascii: "U"): (8, 16),
        ]
        var (count, radix) = maxDigits[c] ?? (0, 0)
        if isDigit(c) && c < UInt8(ascii: "8") { pos -= 1; (count, radix) = (3, 8) }
        var value: UInt32 = 0
        var n = 0
        while n < count, let b = byte(at: pos), let d = Character(Unicode.Scalar(b)).hexDigitValue, d < radix {
            value = value &* UInt32(radix) &+ UInt32(d)
            pos += 1; n += 1
        }
        if n > 0, let s = Unicode.Scalar(value) { return s }
        report("invalid escape sequence \"\(text(start, pos))\"", start, pos)
        return nil
    }

    // MARK: Strings

    /// `"…"` and `"""…"""` with escapes and `$x` / `$(expr)` interpolation.
    mutating func scanString() -> TokenKind {
        let start = pos
        let triple = matches("\"\"\"", at: pos)
        pos += triple ? 3 : 1
        var body = StringBody(indent: 0)
        if triple {
            if byte(at: pos) == 0x0A { pos += 1 } else if matches("\r\n", at: pos) { pos += 2 }
            body.indent = tripleQuoteIndent(from: pos)
            skipIndent(body.indent)
        }
        let diagnosticsBefore = diagnostics.count
        while true {
            guard let b = byte(at: pos) else {
                if interpolationTooDeep { return .error }
                // One report for the whole literal, even when a nested string
                // inside `$( … )` already ran to the end of the input.
                diagnostics.removeSubrange(diagnosticsBefore...)
                report("unterminated string literal", start, start + (triple ? 3 : 1))
                isIncomplete = true
                return .error
            }
            if triple ? matches("\"\"\"", at: pos) : b == UInt8(ascii: "\"") {
                pos += triple ? 3 : 1
                break
            }
            scanStringCharacter(b, triple: triple, into: &body)
        }
        body.flush()
        return body.ok ? .string(body.segments) : .error
    }

    /// The pieces of a string literal as they are scanned.
    struct StringBody {
        var indent: Int
        var segments: [StringSegment] = []
        var buffer: [UInt8] = []
        var ok = true

        mutating func flush() {
            if !buffer.isEmpty { segments.append(.text(String(decoding: buffer, as: UTF8.self))) }
            buffer.removeAll()
        }
    }

    /// One character, escape or interpolation of a string body at `pos`.
    mutating func scanStringCharacter(_ b: UInt8, triple: Bool, into body: inout StringBody) {
        switch b {
        case UInt8(ascii: "\\"):
            if byte(at: pos + 1) == 0x0A {
                // A backslash-newline joins lines, dropping the next line's indentation.
                pos += 2
                while let w = byte(at: pos), w == 0x20 || w == 0x09 { pos += 1 }
            } else if let s = readEscape() {
                body.buffer.append(contentsOf: Array(String(s).utf8))
            } else {
                body.ok = false
            }
        case UInt8(ascii: "$"):
            body.flush()
            if let seg = scanInterpolation() { body.segments.append(seg) } else { body.ok = false }
        case 0x0A:
            body.buffer.append(b)
            pos += 1
            if triple { skipIndent(body.indent) }
        default:
            body.buffer.append(b)
            pos += 1
        }
    }

    mutating func skipIndent(_ n: Int) {
        var k = 0
        while k < n, let w = byte(at: pos), w == 0x20 || w == 0x09 { pos += 1; k += 1 }
    }

    /// The indentation common to the lines of a triple-quoted string body
    /// starting at `from` (blank lines other than the closing line ignored).
    func tripleQuoteIndent(from: Int) -> Int {
        var best = Int.max
        var i = from
        var lineStart = true
        while i < bytes.count {
            if lineStart {
                var w = 0
                while let b = byte(at: i + w), b == 0x20 || b == 0x09 { w += 1 }
                let closing = matches("\"\"\"", at: i + w)
                let blank = byte(at: i + w) == 0x0A || byte(at: i + w) == 0x0D
                if closing || !blank { best = min(best, w) }
                if closing { break }
                lineStart = false
                i += w
                continue
            }
            if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
            if matches("\"\"\"", at: i) { break }
            if bytes[i] == 0x0A { lineStart = true }
            i += 1
        }
        return best == Int.max ? 0 : best
    }

    /// `$name` or `$(expr)`, with `pos` at the `$`.
    mutating func scanInterpolation() -> StringSegment? {
        let dollar = pos
        pos += 1
        if let (s, _) = scalar(at: pos), isIdentifierStart(s) {
            let start = pos
            let name = readIdentifier()
            let t = Token(.identifier(name), start: start, end: pos, spaceBefore: false)
            return .interpolation([t], start: start, end: pos)
        }
        guard byte(at: pos) == UInt8(ascii: "(") else {
            report("invalid interpolation syntax: \"$\" must be followed by a name or \"(\"", dollar, pos)
            return nil
        }
        pos += 1
        guard interpolationDepth < 16 else {
            report("string interpolation too deeply nested", dollar, pos)
            interpolationTooDeep = true
            pos = bytes.count
            return nil
        }
        let saved = previous
        previous = nil
        interpolationDepth += 1
        defer { previous = saved; interpolationDepth -= 1 }
        var tokens: [Token] = []
        var depth = 0
        let innerStart = pos
        while true {
            let t = next()
            switch t.kind {
            case .eof:
                return nil
            case .lparen:
                depth += 1
            case .rparen:
                if depth == 0 { return .interpolation(tokens, start: innerStart, end: t.start) }
                depth -= 1
            default:
                break
            }
            tokens.append(t)
        }
    }
}
