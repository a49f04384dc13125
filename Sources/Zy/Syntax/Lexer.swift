import SourceMap

/// Turns a source file into tokens. Offsets are UTF-8 byte offsets.
///
/// Newlines are tokens (the parser decides where they separate statements).
/// Comments and the REPL prompt `julia> ` (or the seed's OCR `[julia> `) at
/// the start of a line are skipped. Lexical errors become diagnostics and
/// `.error` tokens; the lexer always reaches the end of the input.
public struct Lexer {
    let file: SourceFile
    let bytes: [UInt8]
    var pos: Int
    /// The last token produced: `'` and `:` are disambiguated by it.
    var previous: Token?
    var atLineStart = true
    /// Strings nested inside `$( … )` of other strings.
    var interpolationDepth = 0
    var interpolationTooDeep = false
    public internal(set) var diagnostics: [Diagnostic] = []
    /// The input ended inside a string, character or block comment.
    public internal(set) var isIncomplete = false

    public init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
        // A UTF-8 byte-order mark is not part of the program.
        self.pos = file.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// All tokens of the file, ending with one `.eof` token.
    public static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic], isIncomplete: Bool) {
        var lexer = Lexer(file: file)
        var tokens: [Token] = []
        while true {
            let t = lexer.next()
            tokens.append(t)
            if t.isEOF { break }
        }
        return (tokens, lexer.diagnostics, lexer.isIncomplete)
    }

    public mutating func next() -> Token {
        let hadSpace = skipTrivia()
        let start = pos
        let kind = scanToken()
        let token = Token(kind, start: start, end: max(pos, start), spaceBefore: hadSpace)
        previous = token
        return token
    }

    // MARK: Trivia

    /// Skips spaces, comments and prompts; returns whether anything was skipped.
    mutating func skipTrivia() -> Bool {
        var skipped = false
        while pos < bytes.count {
            if atLineStart {
                atLineStart = false
                if skipPrompt() { skipped = true; continue }
            }
            let b = bytes[pos]
            if b == 0x20 || b == 0x09 || b == 0x0D {
                pos += 1; skipped = true
            } else if b == UInt8(ascii: "#") {
                skipComment(); skipped = true
            } else {
                break
            }
        }
        return skipped
    }

    mutating func skipPrompt() -> Bool {
        for prompt in ["julia>", "[julia>"] where matches(prompt, at: pos) {
            let after = byte(at: pos + prompt.utf8.count)
            guard after == nil || after == 0x20 || after == 0x0A || after == 0x0D else { continue }
            pos += prompt.utf8.count + (after == 0x20 ? 1 : 0)
            return true
        }
        return false
    }

    func matches(_ s: String, at i: Int) -> Bool {
        var j = i
        for b in s.utf8 {
            guard j < bytes.count, bytes[j] == b else { return false }
            j += 1
        }
        return true
    }

    func matches(_ s: [UInt8], at i: Int) -> Bool {
        guard i + s.count <= bytes.count else { return false }
        for k in 0..<s.count where bytes[i + k] != s[k] { return false }
        return true
    }

    mutating func skipComment() {
        if byte(at: pos + 1) == UInt8(ascii: "=") {
            skipBlockComment()
            return
        }
        while pos < bytes.count && bytes[pos] != 0x0A { pos += 1 }
    }

    /// `#= … =#`, nestable.
    mutating func skipBlockComment() {
        let start = pos
        var depth = 0
        while pos < bytes.count {
            if bytes[pos] == UInt8(ascii: "#") && byte(at: pos + 1) == UInt8(ascii: "=") {
                depth += 1; pos += 2
            } else if bytes[pos] == UInt8(ascii: "=") && byte(at: pos + 1) == UInt8(ascii: "#") {
                depth -= 1; pos += 2
                if depth == 0 { return }
            } else {
                pos += 1
            }
        }
        report("unterminated multi-line comment", start, start + 2)
        isIncomplete = true
    }

    // MARK: Tokens

    mutating func scanToken() -> TokenKind {
        guard pos < bytes.count else { return .eof }
        let b = bytes[pos]
        switch b {
        case 0x0A:
            pos += 1; atLineStart = true
            return .newline
        case UInt8(ascii: "("): pos += 1; return .lparen
        case UInt8(ascii: ")"): pos += 1; return .rparen
        case UInt8(ascii: "["): pos += 1; return .lbracket
        case UInt8(ascii: "]"): pos += 1; return .rbracket
        case UInt8(ascii: "{"): pos += 1; return .lbrace
        case UInt8(ascii: "}"): pos += 1; return .rbrace
        case UInt8(ascii: ","): pos += 1; return .comma
        case UInt8(ascii: ";"): pos += 1; return .semicolon
        case UInt8(ascii: "\""): return scanString()
        case UInt8(ascii: "'"): return scanQuote()
        case UInt8(ascii: "@"): return scanMacroName()
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return scanNumber()
        case UInt8(ascii: "."):
            if let d = byte(at: pos + 1), isDigit(d), !adjacentToOperand { return scanNumber() }
            return scanDot()
        case UInt8(ascii: ":"):
            if let sym = scanSymbol() { return sym }
            return scanOperator()
        default:
            break
        }
        guard let (scalar, _) = scalar(at: pos) else {
            let start = pos
            pos += 1
            report("invalid UTF-8 byte in source", start, pos)
            return .error
        }
        if isIdentifierStart(scalar) { return scanIdentifier() }
        if let op = scanOperatorIfAny() { return op }
        let start = pos
        pos += String(scalar).utf8.count
        report("unexpected character \"\(scalar)\"", start, pos)
        return .error
    }

    var adjacentToOperand: Bool {
        guard let p = previous else { return false }
        return p.endsOperand && p.end == pos
    }

    mutating func scanIdentifier() -> TokenKind {
        let name = readIdentifier()
        if name == "in" || name == "isa" { return .op(name) }
        if let k = Keyword(rawValue: name) { return .keyword(k) }
        return .identifier(name)
    }

    /// Identifier characters from `pos`; a `!` is part of the name unless
    /// it starts `!=`.
    mutating func readIdentifier() -> String {
        let start = pos
        while let (s, len) = scalar(at: pos) {
            if s == "!" {
                if byte(at: pos + 1) == UInt8(ascii: "=") { break }
                pos += 1
                continue
            }
            guard pos == start ? isIdentifierStart(s) : isIdentifierContinue(s) else { break }
            pos += len
        }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    mutating func scanMacroName() -> TokenKind {
        let start = pos
        pos += 1
        if byte(at: pos) == UInt8(ascii: ".") {
            pos += 1
            return .macroName(".")  // `@.` (unknown to Zy: lowering reports it)
        }
        guard let (s, _) = scalar(at: pos), isIdentifierStart(s) else {
            report("invalid macro name", start, pos)
            return .error
        }
        return .macroName(readIdentifier())
    }

    /// `:name` or `:+` where an operand is expected; nil for a binary `:`.
    mutating func scanSymbol() -> TokenKind? {
        if previous?.endsOperand == true { return nil }
        let save = pos
        pos += 1
        if let (s, _) = scalar(at: pos), isIdentifierStart(s) {
            return .symbol(readIdentifier())
        }
        if let b = byte(at: pos), b != UInt8(ascii: ":"), b != UInt8(ascii: "("),
           case .op(let op)? = scanOperatorIfAny(), op != "?", op != "=", op != "$" {
            return .symbol(op)
        }
        pos = save
        return nil
    }

    /// `'` is the adjoint right after an operand (`x'`, `A[1]'`, `x''`),
    /// otherwise it opens a character literal.
    mutating func scanQuote() -> TokenKind {
        if adjacentToOperand {
            pos += 1
            return .op("'")
        }
        return scanChar()
    }

    mutating func scanDot() -> TokenKind {
        if matches("...", at: pos) { pos += 3; return .op("...") }
        if matches("..", at: pos) { pos += 2; return .op("..") }
        let save = pos
        pos += 1
        if case .op(let op)? = scanOperatorIfAny() {
            let dotted = "." + op
            if op == "=" || OperatorTable.assignment.contains(dotted)
                || OperatorTable.dottable.contains(op) {
                return .op(dotted)
            }
        }
        pos = save + 1
        return .op(".")
    }

    mutating func scanOperator() -> TokenKind {
        if let op = scanOperatorIfAny() { return op }
        let start = pos
        pos += 1
        report("unexpected character", start, pos)
        return .error
    }

    /// The longest operator at `pos`, if any.
    mutating func scanOperatorIfAny() -> TokenKind? {
        if let b = byte(at: pos), b < 0x80 {
            for (op, opBytes) in OperatorTable.asciiOperatorBytes where opBytes[0] == b && matches(opBytes, at: pos) {
                pos += opBytes.count
                return .op(op)
            }
            return nil
        }
        guard let (s, len) = scalar(at: pos), OperatorTable.unicodeOperators.contains(Character(s)) else {
            return nil
        }
        pos += len
        // The talk renders `->` with a font ligature as `→`; its examples
        // must run as shown, so `→` is the lambda arrow here.
        if s == "→" { return .op("->") }
        let op = String(s)
        if byte(at: pos) == UInt8(ascii: "="), OperatorTable.assignment.contains(op + "=") {
            pos += 1
            return .op(op + "=")
        }
        return .op(op)
    }

    // MARK: Helpers

    func byte(at i: Int) -> UInt8? { i >= 0 && i < bytes.count ? bytes[i] : nil }

    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The Unicode scalar starting at byte `i` and its length in bytes.
    func scalar(at i: Int) -> (Unicode.Scalar, Int)? {
        guard let b0 = byte(at: i) else { return nil }
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let len: Int
        var value: UInt32
        if b0 & 0xE0 == 0xC0 { len = 2; value = UInt32(b0 & 0x1F) }
        else if b0 & 0xF0 == 0xE0 { len = 3; value = UInt32(b0 & 0x0F) }
        else if b0 & 0xF8 == 0xF0 { len = 4; value = UInt32(b0 & 0x07) }
        else { return nil }
        for k in 1..<len {
            guard let b = byte(at: i + k), b & 0xC0 == 0x80 else { return nil }
            value = (value << 6) | UInt32(b & 0x3F)
        }
        guard let s = Unicode.Scalar(value) else { return nil }
        return (s, len)
    }

    mutating func report(_ message: String, _ start: Int, _ end: Int) {
        diagnostics.append(.error(message, at: Span(file: file, start: start, end: end)))
    }
}

/// Julia's identifier character classes (approximately: letters, marks,
/// digits, subscripts/superscripts, primes and a few math symbols).
func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII {
        let v = s.value
        return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
    }
    if OperatorTable.unicodeOperators.contains(Character(s)) { return false }
    switch s.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
         .letterNumber:
        return true
    default:
        return "∇∂℘℮ℯ".unicodeScalars.contains(s)
    }
}

func isIdentifierContinue(_ s: Unicode.Scalar) -> Bool {
    if isIdentifierStart(s) { return true }
    if s.isASCII { return s.value >= 0x30 && s.value <= 0x39 }
    switch s.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .otherNumber,
         .connectorPunctuation, .modifierSymbol:
        return true
    default:
        return "′″‴‵‶‷⁗".unicodeScalars.contains(s)
    }
}
