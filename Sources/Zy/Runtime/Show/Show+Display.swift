/// The REPL's `text/plain` display (`display(x)`, the value echoed after
/// each input).
extension Show {
    /// `limit` is the REPL's `:limit` context: dictionary keys are padded to
    /// a common width, as Julia's REPL does.
    public static func display(_ v: Value, limit: Bool = true) -> String {
        display(v, limit: limit, custom: nil)
    }

    /// `display` that prints struct values through `custom` where it answers.
    public static func display(_ v: Value, limit: Bool, custom: CustomShow?) -> String {
        display(v, screen: limit ? screenSize : nil, custom: custom)
    }

    /// `screen` nil means unlimited output.
    static func display(_ v: Value, screen: (rows: Int, columns: Int)?, custom: CustomShow?) -> String {
        switch v {
        case .function(let f):
            if f.name == ":" { return "Colon()" }
            return f.name + " (generic function with " + methodCount(f.methods.count) + ")"
        case .closure(let c):
            return closureName(c) + " (generic function with 1 method)"
        case .array(let a):
            return ArrayShow.display(a, screen: screen, custom: custom)
        case .dict(let d):
            return dictDisplay(d, screen: screen, custom: custom)
        case .char(let c):
            return charDisplay(c)
        default:
            return repr(v, custom: custom)
        }
    }

    /// The screen the REPL's limited display fits into (Julia's
    /// `displaysize`, 24×80 when standard output is not a terminal).
    nonisolated(unsafe) public static var screenSize: (rows: Int, columns: Int) = (24, 80)

    /// `'c': ASCII/Unicode U+0063 (category Ll: Letter, lowercase)`.
    static func charDisplay(_ c: Character) -> String {
        guard let u = c.unicodeScalars.first else { return repr(.char(c)) }
        let digits = String(u.value, radix: 16).uppercased()
        let hex = String(repeating: "0", count: max(0, (u.value > 0xFFFF ? 6 : 4) - digits.count)) + digits
        let (code, name) = category(u.properties.generalCategory)
        return repr(.char(c)) + ": " + (u.isASCII ? "ASCII/" : "") + "Unicode U+" + hex
            + " (category " + code + ": " + name + ")"
    }

    static func category(_ g: Unicode.GeneralCategory) -> (String, String) {
        switch g {
        case .uppercaseLetter: return ("Lu", "Letter, uppercase")
        case .lowercaseLetter: return ("Ll", "Letter, lowercase")
        case .titlecaseLetter: return ("Lt", "Letter, titlecase")
        case .modifierLetter: return ("Lm", "Letter, modifier")
        case .otherLetter: return ("Lo", "Letter, other")
        case .nonspacingMark: return ("Mn", "Mark, nonspacing")
        case .spacingMark: return ("Mc", "Mark, spacing combining")
        case .enclosingMark: return ("Me", "Mark, enclosing")
        case .decimalNumber: return ("Nd", "Number, decimal digit")
        case .letterNumber: return ("Nl", "Number, letter")
        case .otherNumber: return ("No", "Number, other")
        case .connectorPunctuation: return ("Pc", "Punctuation, connector")
        case .dashPunctuation: return ("Pd", "Punctuation, dash")
        case .openPunctuation: return ("Ps", "Punctuation, open")
        case .closePunctuation: return ("Pe", "Punctuation, close")
        case .initialPunctuation: return ("Pi", "Punctuation, initial quote")
        case .finalPunctuation: return ("Pf", "Punctuation, final quote")
        case .otherPunctuation: return ("Po", "Punctuation, other")
        case .mathSymbol: return ("Sm", "Symbol, math")
        case .currencySymbol: return ("Sc", "Symbol, currency")
        case .modifierSymbol: return ("Sk", "Symbol, modifier")
        case .otherSymbol: return ("So", "Symbol, other")
        case .spaceSeparator: return ("Zs", "Separator, space")
        case .lineSeparator: return ("Zl", "Separator, line")
        case .paragraphSeparator: return ("Zp", "Separator, paragraph")
        case .control: return ("Cc", "Other, control")
        case .format: return ("Cf", "Other, format")
        case .surrogate: return ("Cs", "Other, surrogate")
        case .privateUse: return ("Co", "Other, private use")
        case .unassigned: return ("Cn", "Other, not assigned")
        @unknown default: return ("Cn", "Other, not assigned")
        }
    }

    static func methodCount(_ n: Int) -> String {
        n == 1 ? "1 method" : "\(n) methods"
    }

    /// `Dict{Symbol, Int64} with 2 entries:` then one `  key => value` line
    /// each; limited to the screen, keys are padded to a common width, long
    /// texts end in `…`, and entries beyond the screen become `⋮ => ⋮`.
    static func dictDisplay(_ d: DictValue, screen: (rows: Int, columns: Int)?, custom: CustomShow? = nil) -> String {
        let type = ZyType.dict(key: d.keyType, value: d.valueType).description
        if d.keys.isEmpty { return type + "()" }
        let n = d.keys.count
        var out = type + " with \(n) " + (n == 1 ? "entry" : "entries") + ":"
        let keyContext = Context(typeinfo: d.keyType, custom: custom)
        let valueContext = Context(typeinfo: d.valueType, custom: custom)
        guard let screen else {
            for (k, v) in zip(d.keys, d.values) {
                out += "\n  " + repr(k, keyContext) + " => " + repr(v, valueContext)
            }
            return out
        }
        let rows = max(screen.rows - 4, 1)
        let cols = max(screen.columns, 12) - 6
        let shown = min(rows, n)
        let keys = d.keys.prefix(shown).map { repr($0, keyContext) }
        let values = d.values.prefix(shown).map { repr($0, valueContext) }
        var keyLength = 0
        for k in keys { keyLength = min(max(k.unicodeScalars.count, keyLength), cols) }
        let keyWidth = keyLength
        if keyLength > max(cols / 2, cols - keyWidth) { keyLength = max((cols + 2) / 3, cols - keyWidth) }
        for i in 0..<shown {
            if i == rows - 1 && rows < n {
                out += "\n  " + padded("\u{22EE}", keyLength) + " => \u{22EE}"
                break
            }
            out += "\n  " + padded(truncated(keys[i], keyLength), keyLength) + " => " + truncated(values[i], cols - keyLength)
        }
        return out
    }

    static func padded(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - s.unicodeScalars.count))
    }

    /// Julia's `_truncate_at_width_or_chars`: cut to `width` with a `…`.
    static func truncated(_ s: String, _ width: Int) -> String {
        let scalars = Array(s.unicodeScalars)
        guard scalars.count > width else { return s }
        var t = String.UnicodeScalarView()
        t.append(contentsOf: scalars.prefix(max(width - 1, 0)))
        return String(t) + "\u{2026}"
    }
}
