/// SplitMix64: a tiny, fast, seedable generator, so every fuzz run sees the
/// same cases and a failure reproduces from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutates Zy source text the way hurried edits do: tokens and lines
/// deleted, duplicated or swapped, text cut short, stray characters typed.
/// Works on Unicode scalars so every result is valid UTF-8 text.
struct Mutator {
    enum Kind: CaseIterable {
        case deleteToken, duplicateToken, swapTokens
        case deleteLine, duplicateLine, swapLines
        case truncate, insertCharacters
    }

    /// Characters that stress the lexer and parser: delimiters, quote and
    /// comment openers, operators, Unicode identifiers, control characters.
    static let alphabet: [Unicode.Scalar] = Array(
        "()[]{}\"'#=$:;,.+-*/\\^!&|<>?@_ \n\t0123456789eaxσ∘≤÷′\u{0}\u{7F}".unicodeScalars)
    static let fragments = ["end", "function", "begin", "#=", "=#", "\"$(", "...", "::", "->",
                            "1e400", "9223372036854775807", "//", "im", "'", "do", "try", "[", "]"]

    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// One to three mutations of `source`.
    mutating func mutate(_ source: String) -> String {
        var text = source
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let kind = Kind.allCases.randomElement(using: &random) ?? .truncate
            text = apply(kind, to: text)
        }
        return text
    }

    mutating func apply(_ kind: Kind, to text: String) -> String {
        switch kind {
        case .deleteToken, .duplicateToken, .swapTokens:
            var tokens = Mutator.tokens(of: text)
            editPieces(&tokens, kind)
            return tokens.joined()
        case .deleteLine, .duplicateLine, .swapLines:
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
            editPieces(&lines, kind)
            return lines.joined()
        case .truncate:
            let scalars = Array(text.unicodeScalars)
            guard !scalars.isEmpty else { return text }
            var cut = String.UnicodeScalarView()
            cut.append(contentsOf: scalars[0..<Int.random(in: 0..<scalars.count, using: &random)])
            return String(cut)
        case .insertCharacters:
            return insertCharacters(into: text)
        }
    }

    private mutating func editPieces(_ pieces: inout [String], _ kind: Kind) {
        guard !pieces.isEmpty else { return }
        let i = Int.random(in: 0..<pieces.count, using: &random)
        switch kind {
        case .deleteToken, .deleteLine:
            pieces.remove(at: i)
        case .duplicateToken, .duplicateLine:
            pieces.insert(pieces[i], at: i)
        default:
            pieces.swapAt(i, Int.random(in: 0..<pieces.count, using: &random))
        }
    }

    private mutating func insertCharacters(into text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        let at = Int.random(in: 0...scalars.count, using: &random)
        var insertion: [Unicode.Scalar] = []
        if Bool.random(using: &random), let fragment = Mutator.fragments.randomElement(using: &random) {
            insertion = Array(fragment.unicodeScalars)
        } else {
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                if let s = Mutator.alphabet.randomElement(using: &random) { insertion.append(s) }
            }
        }
        scalars.insert(contentsOf: insertion, at: at)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// A rough split into tokens (identifier/number runs, whitespace runs,
    /// single other characters); joining them gives the text back.
    static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentClass = -1
        for scalar in text.unicodeScalars {
            let cls: Int
            if scalar.properties.isAlphabetic || scalar == "_" || ("0"..."9").contains(scalar) {
                cls = 0
            } else if scalar == " " || scalar == "\t" {
                cls = 1
            } else {
                cls = 2
            }
            if cls != currentClass || cls == 2, !current.isEmpty {
                tokens.append(current)
                current = ""
            }
            current.unicodeScalars.append(scalar)
            currentClass = cls
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
