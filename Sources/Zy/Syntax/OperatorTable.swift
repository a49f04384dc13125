/// Julia's binary operator precedence (julia-parser.scm's `prec-*` lists),
/// restricted to the operators Zy lexes. Higher binds tighter. Assignment,
/// `=>` and `?:` are parsed by dedicated functions above these levels;
/// unary operators, `^`, `::` and `.` below them.
enum Precedence: Int, Comparable {
    case arrow = 1          // --> → (right)
    case lazyOr = 2         // || (right)
    case lazyAnd = 3        // && (right)
    case comparison = 4     // == < <: in isa … (chains)
    case pipeLeft = 5       // <| (right)
    case pipeRight = 6      // |> (left)
    case colon = 7          // a:b:c
    case plus = 8           // + - | ⊻
    case times = 9          // * / ÷ % & \ ∘ ⋅
    case rational = 10      // //
    case bitshift = 11      // << >> >>>

    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }

    var isRightAssociative: Bool {
        self == .arrow || self == .lazyOr || self == .lazyAnd || self == .pipeLeft
    }
}

enum OperatorTable {
    static let assignment: Set<String> = {
        let base = ["=", "+=", "-=", "*=", "/=", "//=", "\\=", "^=", "÷=", "%=", "<<=", ">>=",
                    ">>>=", "|=", "&=", "⊻="]
        return Set(base + base.map { "." + $0 })
    }()

    static let comparison: Set<String> = [
        ">", "<", ">=", "≥", "<=", "≤", "==", "===", "≡", "!=", "≠", "!==", "≢",
        "∈", "∉", "∋", "∌", "⊆", "⊈", "⊂", "⊄", "⊊", "⊇", "⊉", "⊃", "⊅", "⊋",
        "≈", "≉", "∝", "≃", "≅", "≺", "≻", "⪯", "⪰", "<:", ">:", "in", "isa",
    ]
    static let arrow: Set<String> = ["-->", "→", "←", "↔", "⇒", "⟶", "↦"]
    static let plus: Set<String> = ["+", "-", "|", "⊻", "⊕", "⊖", "∪", "∨", "⊔", "±", "∓", "++"]
    static let times: Set<String> = [
        "*", "/", "÷", "%", "&", "⋅", "∘", "×", "\\", "∩", "∧", "⊗", "⊘", "⊙", "⊠", "⊡", "⊓",
        "∗", "∙", "⋆",
    ]
    static let power: Set<String> = ["^", "↑", "↓"]
    static let unary: Set<String> = ["+", "-", "!", "~", "¬", "√", "∛", "∜", ".+", ".-", ".!", ".~"]
    /// Operators that are both unary and binary: in a space-sensitive
    /// context (`[a -b]`, macro arguments) `a -b` is two expressions.
    static let unaryAndBinary: Set<String> = ["+", "-", "~", "&", ".+", ".-"]

    /// Operators where a leading `.` makes the broadcast form (`.+`, `.==`).
    static let dottable: Set<String> = comparison.subtracting(["in", "isa", "<:", ">:"])
        .union(plus).union(times).union(power).union(["//", "<<", ">>", ">>>", "!", "~", "√", "|>", "=>"])

    static func precedence(of op: String) -> Precedence? {
        let core = op.hasPrefix(".") && op.count > 1 ? String(op.dropFirst()) : op
        if op.hasPrefix(".") && op.count > 1 && !dottable.contains(core) { return nil }
        if comparison.contains(core) { return .comparison }
        if plus.contains(core) { return .plus }
        if times.contains(core) { return .times }
        if arrow.contains(core) { return .arrow }
        switch core {
        case "||": return .lazyOr
        case "&&": return .lazyAnd
        case "<|": return .pipeLeft
        case "|>": return .pipeRight
        case ":", "..": return .colon
        case "//": return .rational
        case "<<", ">>", ">>>": return .bitshift
        default: return nil
        }
    }

    static func isPower(_ op: String) -> Bool {
        power.contains(op) || (op.hasPrefix(".") && power.contains(String(op.dropFirst())))
    }

    /// Splits `.+` into `+` and whether it broadcasts.
    static func undotted(_ op: String) -> (name: String, dotted: Bool) {
        if op.count > 1, op.hasPrefix("."), op != "...", op != "..", dottable.contains(String(op.dropFirst())) {
            return (String(op.dropFirst()), true)
        }
        return (op, false)
    }

    // MARK: Lexing support

    /// Multi-character ASCII operators, longest first so a greedy scan works.
    static let asciiOperators: [String] = [
        ">>>=", "...", ">>>", "===", "!==", "<<=", ">>=", "-->", "//=",
        "::", "->", "=>", "==", "!=", "<=", ">=", "&&", "||", "<:", ">:", "|>", "<|",
        "<<", ">>", "//", "+=", "-=", "*=", "/=", "\\=", "^=", "%=", "|=", "&=", "..",
        "=", "+", "-", "*", "/", "\\", "^", "%", "<", ">", "!", "&", "|", "~", "?", ":", "$",
    ]

    static let asciiOperatorBytes: [(String, [UInt8])] = asciiOperators.map { ($0, Array($0.utf8)) }

    /// Single Unicode scalars that are operators.
    static let unicodeOperators: Set<Character> = {
        var s = Set<Character>()
        for op in comparison.union(arrow).union(plus).union(times).union(power).union(unary)
            where op.count == 1 && !op.unicodeScalars.allSatisfy(\.isASCII) {
            if let c = op.first { s.insert(c) }
        }
        return s
    }()
}
