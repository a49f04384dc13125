import SourceMap

/// Prints an IRFunction in IRTools' text format (see `IR.swift`).
///
///     1: (%2, %3)                  block header; block 1 omits %1 (self)
///       %4 = %2 * %3               operator calls infix, `-%4` prefix
///       %5 = f(%4, 2.5; k = :r)    other calls; `xs...` splats
///       %6 = closure #1(%2, %5)    closure of nested body `#1`, captures
///       method pow(Any, %7) = pow  defineMethod (`T...` for varargs)
///       struct RGB(r::Any, g::Float64)   defineStruct (`mutable struct`,
///                                  `struct A(x::Int) <: B` with a supertype)
///       global x = %5              setGlobal; `const X = 1` setConst
///       try 4                      enterTry with handler block 4
///       leave                      leaveTry
///       %8 = catch                 currentException
///       br 3 (%5) unless %6        branches: conditional, then exactly one
///       br 2 (%4, 1)               unconditional `br`, `return %5` or
///       return %5                  `unreachable`
///
/// Constants print as Julia literals (`1`, `2.5`, `1.0e-5`, `"s"`, `'c'`,
/// `:r`, `nothing`, `true`); globals by name (`Core.tuple`, `+`).
///
/// Nested function bodies (closures, methods) are printed by reference: each
/// gets a key, its name, suffixed `[k]` when several nested bodies in the same
/// function share a name. `IRParser` resolves keys through a table built by
/// `nestedFunctions(of:)`; `printWithNested` lists the bodies too.
public struct IRPrinter {
    /// Append `# file.zy:LINE` to every statement and branch with a known span.
    public var annotateSource: Bool

    public init(annotateSource: Bool = false) {
        self.annotateSource = annotateSource
    }

    public static func print(_ f: IRFunction) -> String { IRPrinter().print(f) }

    /// Operators printed infix when called with two positional arguments.
    public static let infixOperators: Set<String> = [
        "+", "-", "*", "/", "\\", "^", "//", "%", "÷", "==", "!=", "<", "<=", ">", ">=",
        "===", "!==", "&", "|", "=>", ":", "∘", "≈", "≤", "≥", "≠", "∈", "in", "isa", "<:",
    ]
    /// Operators printed prefix (`-%3`) when called with one variable.
    public static let prefixOperators: Set<String> = ["-", "!"]

    public func print(_ f: IRFunction) -> String {
        let keys = IRPrinter.nestedKeys(of: f)
        var out = ""
        for block in f.blocks {
            out += header(block) + "\n"
            for s in block.statements {
                out += "  " + statement(s, keys: keys) + annotation(s.span) + "\n"
            }
            for br in block.branches {
                out += "  " + branch(br) + annotation(br.span) + "\n"
            }
        }
        return out
    }

    /// The lines of `print(f)` with their spans, for `SourceListing`.
    public func lines(_ f: IRFunction) -> [ListingLine] {
        let keys = IRPrinter.nestedKeys(of: f)
        var out: [ListingLine] = []
        for block in f.blocks {
            out.append(ListingLine(.header, header(block)))
            for s in block.statements { out.append(ListingLine(.code, statement(s, keys: keys), span: s.span)) }
            for br in block.branches { out.append(ListingLine(.code, branch(br), span: br.span)) }
        }
        return out
    }

    /// `f` with each statement's source line (`debuginfo=:source`).
    public static func printWithSource(_ f: IRFunction) -> String {
        SourceListing.render(IRPrinter().lines(f), annotated: true)
    }

    /// One statement of `f` as its listing shows it (`%8 = %5 * %2`).
    public static func statementText(_ s: Statement, in f: IRFunction) -> String {
        IRPrinter().statement(s, keys: nestedKeys(of: f))
    }

    /// `f` under a `## title` line, then each nested body (recursively)
    /// under `## title/key`, separated by blank lines.
    public func printWithNested(_ f: IRFunction, title: String? = nil) -> String {
        let name = title ?? f.name
        var out = "## \(name)\n" + print(f)
        for (key, nested) in IRPrinter.nestedFunctions(of: f) {
            out += "\n" + printWithNested(nested, title: title == nil && f.name == "top-level scope" ? key : name + "/" + key)
        }
        return out
    }

    /// Nested bodies with the keys the printer uses for them, in order of
    /// appearance.
    public static func nestedFunctions(of f: IRFunction) -> [(key: String, function: IRFunction)] {
        let keys = nestedKeys(of: f)
        var out: [(String, IRFunction)] = []
        for b in f.blocks {
            for s in b.statements {
                if let fn = nestedBody(s.instruction), let k = keys[ObjectIdentifier(fn)] { out.append((k, fn)) }
            }
        }
        return out
    }

    static func nestedBody(_ i: Instruction) -> IRFunction? {
        switch i {
        case .closure(let fn, _): return fn
        case .defineMethod(_, let fn, _): return fn
        default: return nil
        }
    }

    static func nestedKeys(of f: IRFunction) -> [ObjectIdentifier: String] {
        var all: [IRFunction] = []
        for b in f.blocks { for s in b.statements { if let fn = nestedBody(s.instruction) { all.append(fn) } } }
        var counts: [String: Int] = [:]
        for fn in all { counts[fn.name, default: 0] += 1 }
        var seen: [String: Int] = [:]
        var keys: [ObjectIdentifier: String] = [:]
        for fn in all where keys[ObjectIdentifier(fn)] == nil {
            let name = fn.name.isEmpty ? "#" : String(fn.name.map { $0 == " " ? "_" : $0 })
            if counts[fn.name, default: 0] > 1 {
                seen[name, default: 0] += 1
                keys[ObjectIdentifier(fn)] = "\(name)[\(seen[name] ?? 1)]"
            } else {
                keys[ObjectIdentifier(fn)] = name
            }
        }
        return keys
    }

    func header(_ block: Block) -> String {
        let args = block.id == 1 ? Array(block.arguments.dropFirst()) : block.arguments
        if args.isEmpty { return "\(block.id):" }
        return "\(block.id): (" + args.map { "%\($0)" }.joined(separator: ", ") + ")"
    }

    func annotation(_ span: Span) -> String {
        guard annotateSource, !span.isUnknown else { return "" }
        return "  # " + span.fileAndLine
    }

    func statement(_ s: Statement, keys: [ObjectIdentifier: String]) -> String {
        let rhs = instruction(s.instruction, keys: keys)
        if let r = s.result { return "%\(r) = " + rhs }
        return rhs
    }

    func instruction(_ i: Instruction, keys: [ObjectIdentifier: String]) -> String {
        switch i {
        case .call(let f, let args): return call(f, args)
        case .closure(let fn, let caps):
            return "closure " + (keys[ObjectIdentifier(fn)] ?? fn.name) + "(" + caps.map(IRPrinter.operand).joined(separator: ", ") + ")"
        case .setGlobal(let n, let v): return "global \(n) = " + IRPrinter.operand(v)
        case .setConst(let n, let v): return "const \(n) = " + IRPrinter.operand(v)
        case .enterTry(let c): return "try \(c)"
        case .leaveTry: return "leave"
        case .currentException: return "catch"
        case .defineMethod(let n, let fn, let sig):
            let types = sig.map(IRPrinter.operand).joined(separator: ", ") + (fn.isVarargs && !sig.isEmpty ? "..." : "")
            return "method \(n)(" + types + ") = " + (keys[ObjectIdentifier(fn)] ?? fn.name)
        case .defineStruct(let n, let m, let names, let types, let supertype):
            let fields = zip(names, types).map { "\($0)::" + IRPrinter.operand($1) }
            let parent = supertype == .global("Any") ? "" : " <: " + IRPrinter.operand(supertype)
            return (m ? "mutable struct " : "struct ") + n + "(" + fields.joined(separator: ", ") + ")" + parent
        }
    }

    func call(_ f: Operand, _ args: [CallArgument]) -> String {
        if case .global(let op) = f {
            let positional = args.compactMap { a -> Operand? in
                if case .positional(let o) = a { return o }
                return nil
            }
            if positional.count == args.count {
                if positional.count == 2 && IRPrinter.infixOperators.contains(op) {
                    return IRPrinter.operand(positional[0]) + " \(op) " + IRPrinter.operand(positional[1])
                }
                if positional.count == 1, IRPrinter.prefixOperators.contains(op), case .variable(let v) = positional[0] {
                    return "\(op)%\(v)"
                }
            }
        }
        let pos = args.filter { if case .keyword = $0 { return false } else { return true } }
        let kws = args.filter { if case .keyword = $0 { return true } else { return false } }
        var text = IRPrinter.operand(f) + "(" + pos.map(IRPrinter.argument).joined(separator: ", ")
        if !kws.isEmpty { text += "; " + kws.map(IRPrinter.argument).joined(separator: ", ") }
        return text + ")"
    }

    static func argument(_ a: CallArgument) -> String {
        switch a {
        case .positional(let o): return operand(o)
        case .splat(let o): return operand(o) + "..."
        case .keyword(CallArgument.keywordSplatName, let o): return operand(o) + "..."
        case .keyword(let k, let o): return "\(k) = " + operand(o)
        }
    }

    func branch(_ br: Branch) -> String {
        switch br.kind {
        case .ret(let v): return "return " + IRPrinter.operand(v)
        case .unreachable: return "unreachable"
        case .jump(let t): return "br \(t)" + branchArguments(br.arguments)
        case .jumpUnless(let t, let c): return "br \(t)" + branchArguments(br.arguments) + " unless " + IRPrinter.operand(c)
        }
    }

    func branchArguments(_ args: [Operand]) -> String {
        args.isEmpty ? "" : " (" + args.map(IRPrinter.operand).joined(separator: ", ") + ")"
    }

    public static func operand(_ o: Operand) -> String {
        switch o {
        case .variable(let v): return "%\(v)"
        case .global(let g): return g
        case .constant(let c): return constant(c)
        }
    }

    /// A constant as a Julia literal.
    public static func constant(_ c: Constant) -> String {
        switch c {
        case .int(let i): return String(i)
        case .float(let d): return juliaFloat(d)
        case .bool(let b): return b ? "true" : "false"
        case .nothing: return "nothing"
        case .string(let s): return "\"" + escape(s, quote: "\"") + "\""
        case .char(let ch): return "'" + escape(String(ch), quote: "'") + "'"
        case .symbol(let s): return isPlainSymbol(s) ? ":" + s : "Symbol(\"" + escape(s, quote: "\"") + "\")"
        }
    }

    static let delimiters: Set<Character> = [" ", "\t", "\n", ",", "(", ")", ";", "\"", "'", "#", "[", "]"]

    static func isPlainSymbol(_ s: String) -> Bool {
        guard let first = s.first, !first.isNumber, first != ":" else { return false }
        return !s.contains { delimiters.contains($0) || $0.isWhitespace } && !s.hasSuffix("...")
    }

    /// Julia's float literal form: `1.0`, `2.5`, `1.0e-5`, `Inf`, `NaN`.
    public static func juliaFloat(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "Inf" }
        let s = "\(d)"
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return s.contains(".") ? s : s + ".0"
        }
        var mantissa = String(s[..<e])
        var exponent = String(s[s.index(after: e)...])
        if !mantissa.contains(".") { mantissa += ".0" }
        var negative = false
        if exponent.hasPrefix("+") { exponent.removeFirst() }
        if exponent.hasPrefix("-") { negative = true; exponent.removeFirst() }
        while exponent.count > 1 && exponent.hasPrefix("0") { exponent.removeFirst() }
        return mantissa + "e" + (negative ? "-" : "") + exponent
    }

    static func escape(_ s: String, quote: Character) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "$" where quote == "\"": out += "\\$"
            case quote: out += "\\" + String(quote)
            default:
                if let a = ch.asciiValue, a < 32 || a == 127 {
                    let hex = String(a, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.append(ch)
                }
            }
        }
        return out
    }
}
