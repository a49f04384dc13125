/// Julia's printing: `show`/`repr` (`repr`), `print`/`string` (`string`),
/// the REPL's `text/plain` display (`display`) and `showerror`
/// (`errorMessage`). Pure functions from values to text.
public enum Show {
    /// What the surrounding printer already knows (Julia's `IOContext`
    /// `:typeinfo` and `:compact`): elements of a `Vector{Bool}` print as
    /// `1`/`0`, and matrices print their numbers compactly.
    struct Context {
        var typeinfo: ZyType? = nil
        var compact: Bool = false
        /// A user's `Base.show` method for a struct value, if any.
        var custom: CustomShow? = nil
        static let plain = Context()
        func with(typeinfo: ZyType?) -> Context {
            var c = self
            c.typeinfo = typeinfo
            return c
        }
    }

    /// Renders a struct value with a user-defined `show` method, or returns
    /// nil to use the built-in printing.
    public typealias CustomShow = (Value) -> String?

    /// Julia's `repr(v)` / `show(io, v)`.
    public static func repr(_ v: Value) -> String { repr(v, .plain) }

    /// `repr` that prints struct values through `custom` where it answers.
    public static func repr(_ v: Value, custom: CustomShow?) -> String {
        repr(v, Context(custom: custom))
    }

    /// Julia's `string(v)` / `print(io, v)`: strings, chars and symbols bare.
    public static func string(_ v: Value) -> String { string(v, custom: nil) }

    /// `string` that prints struct values through `custom` where it answers.
    public static func string(_ v: Value, custom: CustomShow?) -> String {
        switch v {
        case .string(let s): return s
        case .char(let c): return String(c)
        case .symbol(let s): return s.name
        default: return repr(v, custom: custom)
        }
    }

    static func repr(_ v: Value, _ ctx: Context) -> String {
        if let custom = ctx.custom, case .structValue = v, let text = custom(v) { return text }
        switch v {
        case .nothing: return "nothing"
        case .bool(let b):
            if ctx.typeinfo == .bool { return b ? "1" : "0" }
            return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let x): return FloatFormat.format(x, compact: ctx.compact)
        case .complex(let re, let im): return complexRepr(re, im, ctx)
        case .rational(let n, let d): return "\(n)//\(d)"
        case .char(let c): return charRepr(c)
        case .string(let s): return stringRepr(s)
        case .symbol(let s): return symbolRepr(s)
        case .tuple(let vs): return tupleRepr(vs, ctx)
        case .namedTuple(let nt): return namedTupleRepr(nt, ctx)
        case .pair(let a, let b): return pairRepr(a, b, ctx)
        case .range(let r):
            return r.isUnit ? "\(r.start):\(r.stop)" : "\(r.start):\(r.step):\(r.stop)"
        case .array(let a): return ArrayShow.repr(a, ctx)
        case .dict(let d): return dictRepr(d, ctx)
        // `:` is also Julia's `Colon()` (indexing's "everything")
        case .function(let f): return f.name == ":" ? "Colon()" : f.name
        case .closure(let c): return closureName(c)
        case .structValue(let s):
            if let custom = s.type.customRepr { return custom(s) { repr($0, ctx.with(typeinfo: nil)) } }
            let fields = s.fields.map { repr($0, ctx.with(typeinfo: nil)) }
            return s.type.name + "(" + fields.joined(separator: ", ") + ")"
        case .type(let t): return t.description
        case .box(let b): return "Core.Box(" + (b.value.map { repr($0, ctx) } ?? "#undef") + ")"
        }
    }

    /// An anonymous function's printed name: `#1` from a body named `#1#2`.
    static func closureName(_ c: Closure) -> String {
        let name = c.body.name
        guard name.hasPrefix("#"), let second = name.dropFirst().firstIndex(of: "#") else { return name }
        return String(name[..<second])
    }

    static func complexRepr(_ re: Value, _ im: Value, _ ctx: Context) -> String {
        let inner = ctx.with(typeinfo: nil)
        var text = repr(re, inner)
        var imag = im
        var negative = false
        switch im {
        case .int(let i) where i < 0:
            negative = true
            imag = i == Int.min ? .string("9223372036854775808") : .int(0 &- i)
        case .float(let x) where x.sign == .minus && !x.isNaN:
            negative = true
            imag = .float(-x)
        default: break
        }
        text += ctx.compact ? (negative ? "-" : "+") : (negative ? " - " : " + ")
        if case .string(let digits) = imag { text += digits } else { text += repr(imag, inner) }
        if case .float(let x) = im, !x.isFinite { text += "*" }
        return text + "im"
    }

    static func charRepr(_ c: Character) -> String {
        switch c {
        case "'": return "'\\''"
        case "\"": return "'\"'"
        default: return "'" + escape(String(c), quote: "'") + "'"
        }
    }

    static func stringRepr(_ s: String) -> String {
        "\"" + escape(s, quote: "\"").replacingDollar() + "\""
    }

    /// Julia's `escape_string`: C escapes for control characters, `\\`,
    /// the quote character, and `\x`/`\u`/`\U` for unprintable characters
    /// (padded only when a hex digit follows, as Julia does).
    static func escape(_ s: String, quote: Character) -> String {
        var out = ""
        let scalars = Array(s.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            let hexFollows = next.map { $0.properties.isASCIIHexDigit } ?? false
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0B}": out += "\\v"
            case "\u{0C}": out += "\\f"
            case "\u{1B}": out += "\\e"
            case "\0": out += next.map { $0.value >= 48 && $0.value <= 55 } ?? false ? "\\x00" : "\\0"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value < 0x80 {
                    out += "\\x" + hex(scalar.value, pad: 2)
                } else if scalar.value <= 0xFFFF {
                    out += "\\u" + hex(scalar.value, pad: hexFollows ? 4 : 2)
                } else {
                    out += "\\U" + hex(scalar.value, pad: hexFollows ? 8 : 4)
                }
            }
        }
        return out
    }

    /// Julia's `isprint`: not a control, format, surrogate, private-use,
    /// unassigned or line/paragraph separator character.
    static func isPrintable(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return false
        default:
            return true
        }
    }

    static func hex(_ v: UInt32, pad: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, pad - digits.count)) + digits
    }

    static func symbolRepr(_ s: Symbol) -> String {
        let name = s.name
        if isIdentifier(name) && !reservedWords.contains(name) { return ":" + name }
        if operatorSymbols.contains(name) { return ":" + name }
        return "Symbol(" + stringRepr(name) + ")"
    }

    static let reservedWords: Set<String> = [
        "begin", "end", "if", "else", "elseif", "while", "for", "function", "return", "let",
        "try", "catch", "finally", "struct", "mutable", "const", "global", "local", "module",
        "quote", "do", "macro", "import", "using", "export", "break", "continue", "true", "false",
    ]
    static let operatorSymbols: Set<String> = [
        "+", "-", "*", "/", "\\", "^", "//", "%", "÷", "==", "!=", "<", "<=", ">", ">=", "===",
        "!==", "!", "&", "|", "=>", "∘", "≈", "≤", "≥", "≠", "∈", "<:", "'",
    ]

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        if first.properties.numericType != nil && first.value < 0x80 { return false }
        guard first == "_" || first.properties.isAlphabetic || first.value > 0x7f else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "!" || $0.properties.isAlphabetic || $0.properties.numericType != nil
                || ($0.value > 0x7f && !$0.properties.isWhitespace)
        }
    }

    static func tupleRepr(_ vs: [Value], _ ctx: Context) -> String {
        let items = vs.map { repr($0, ctx.with(typeinfo: nil)) }
        return "(" + items.joined(separator: ", ") + (vs.count == 1 ? ",)" : ")")
    }

    static func namedTupleRepr(_ nt: NamedTupleValue, _ ctx: Context) -> String {
        if nt.names.isEmpty { return "NamedTuple()" }
        let items = zip(nt.names, nt.values).map { $0.name + " = " + repr($1, ctx.with(typeinfo: nil)) }
        return "(" + items.joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
    }

    static func pairRepr(_ a: Value, _ b: Value, _ ctx: Context) -> String {
        var keyType: ZyType? = nil
        var valueType: ZyType? = nil
        if case .pair(let k, let v)? = ctx.typeinfo { keyType = k; valueType = v }
        var left = repr(a, ctx.with(typeinfo: keyType))
        if case .pair = a { left = "(" + left + ")" }
        return left + (ctx.compact ? "=>" : " => ") + repr(b, ctx.with(typeinfo: valueType))
    }

    static func dictRepr(_ d: DictValue, _ ctx: Context) -> String {
        let implicit = !d.keys.isEmpty && ArrayShow.isImplicit(d.keyType) && ArrayShow.isImplicit(d.valueType)
        let prefix = implicit ? "Dict" : ZyType.dict(key: d.keyType, value: d.valueType).description
        let pairCtx = ctx.with(typeinfo: .pair(d.keyType, d.valueType))
        let items = zip(d.keys, d.values).map { pairRepr($0, $1, pairCtx) }
        return prefix + "(" + items.joined(separator: ", ") + ")"
    }
}

extension String {
    /// `$` starts interpolation in Julia string literals, so `repr` escapes it.
    fileprivate func replacingDollar() -> String {
        var out = ""
        for c in self { if c == "$" { out += "\\$" } else { out.append(c) } }
        return out
    }
}
