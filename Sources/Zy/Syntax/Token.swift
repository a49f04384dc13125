import SourceMap

/// Reserved words of the language. `in` and `isa` are operators, not
/// keywords; `mutable` and `where` are only special in their positions
/// but are still lexed here so the parser can recognise them cheaply.
public enum Keyword: String, Sendable, CaseIterable {
    case begin, `while`, `if`, `elseif`, `else`, `for`, `try`, `catch`, `finally`
    case `return`, `break`, `continue`, function, macro, quote, `let`, local, global
    case const, `do`, `struct`, module, baremodule, using, `import`, export, end
    case `true`, `false`, `where`

    /// Keywords that open a block closed by `end`.
    public var opensBlock: Bool {
        switch self {
        case .begin, .while, .if, .for, .try, .function, .macro, .quote, .let, .do,
             .struct, .module, .baremodule:
            return true
        default:
            return false
        }
    }
}

/// A piece of a string literal token: literal text, or the tokens of an
/// interpolated `$x` / `$(expr)` (without the `$(`…`)` delimiters).
public indirect enum StringSegment: Sendable, Equatable {
    case text(String)
    case interpolation([Token], start: Int, end: Int)
}

public enum TokenKind: Sendable, Equatable {
    case identifier(String)
    case keyword(Keyword)
    case int(Int)
    case float(Double)
    case string([StringSegment])
    case char(Character)
    /// `:name` (also `:+`).
    case symbol(String)
    /// Every operator and the syntactic punctuation `= . ' ... ? : -> ::`.
    /// Word operators `in` and `isa` are operators too.
    case op(String)
    /// `@name`, without the `@`.
    case macroName(String)
    case lparen, rparen, lbracket, rbracket, lbrace, rbrace
    case comma, semicolon, newline
    /// A lexical error already reported as a diagnostic.
    case error
    case eof
}

/// A token with its UTF-8 byte range `[start, end)` in the source file.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var start: Int
    public var end: Int
    /// Whitespace (or a comment) separates this token from the previous one.
    public var spaceBefore: Bool

    public init(_ kind: TokenKind, start: Int, end: Int, spaceBefore: Bool) {
        self.kind = kind
        self.start = start
        self.end = end
        self.spaceBefore = spaceBefore
    }

    var isEOF: Bool { kind == .eof }
    var isNewline: Bool { kind == .newline }

    func isOp(_ s: String) -> Bool { kind == .op(s) }
    func isKeyword(_ k: Keyword) -> Bool { kind == .keyword(k) }

    var opText: String? {
        if case .op(let s) = kind { return s }
        return nil
    }

    var keyword: Keyword? {
        if case .keyword(let k) = kind { return k }
        return nil
    }

    /// Tokens after which `'` is the adjoint and `:` is binary.
    var endsOperand: Bool {
        switch kind {
        case .identifier, .int, .float, .string, .char, .symbol, .rparen, .rbracket, .rbrace:
            return true
        case .keyword(let k):
            return k == .end || k == .true || k == .false
        case .op(let s):
            return s == "'"
        default:
            return false
        }
    }
}
