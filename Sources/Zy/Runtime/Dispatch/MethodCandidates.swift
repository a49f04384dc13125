import SourceMap

/// The "Closest candidates are:" section Julia 1.10 prints under a
/// `MethodError`, for the methods the user wrote.
///
/// Julia's rules, followed here: each method is shown with its parameter
/// types, a parameter the call's argument does not match prefixed with
/// `!Matched` (Julia's uncoloured form), parameters the call lacks also
/// `!Matched`, keywords after `; `, and its definition site as
/// `   @ Main file.zy:LINE`. A method is listed when at least one argument
/// matches, or when the call has fewer than two arguments. Most matches
/// first, at most three, then `  ...`.
///
/// Built-in (Swift) methods are never listed: they have no source line and
/// their signatures are implementation detail, so a `MethodError` on a
/// built-in such as `sin("a")` stays a single line. A function the user
/// extended (say `+` on their own struct) lists only the user's methods.
public enum MethodCandidates {
    public static let maxShown = 3

    /// The section's text, starting with a blank line and ending with one
    /// (as Julia spaces it before `Stacktrace:`); nil when nothing qualifies.
    public static func section(_ function: Value, _ arguments: [Value]) -> String? {
        var function = function, arguments = arguments, keywords: [Symbol] = []
        if let call = KeywordCall(function, arguments) {
            (function, arguments, keywords) = (call.function, call.arguments, call.keywords.names)
        }
        let table: GenericFunction?
        switch function {
        case .function(let g): table = g
        case .structValue(let s): table = s.type.callMethods
        default: table = nil
        }
        guard let g = table else { return nil }
        var lines: [(text: String, matches: Int)] = []
        for m in g.methods {
            guard case .ir(let body) = m.body, !body.isInternal else { continue }
            let (text, matches) = describe(g.name, m, body, arguments, keywords)
            if matches > 0 || arguments.count < 2 { lines.append((text, matches)) }
        }
        guard !lines.isEmpty else { return nil }
        // A stable sort: among equally close methods, definition order.
        let ordered = lines.enumerated().sorted {
            $0.element.matches != $1.element.matches ? $0.element.matches > $1.element.matches : $0.offset < $1.offset
        }.map(\.element.text)
        var out = "\nClosest candidates are:\n"
        for (i, text) in ordered.enumerated() {
            if i == maxShown { out += "  ...\n"; break }
            out += text
        }
        return out + "\n"
    }

    /// What Julia's `showerror(io, e)` adds after a `MethodError`'s first
    /// line: the section, ending in a single newline.
    public static func showerrorSuffix(_ exception: Value) -> String {
        guard case .structValue(let s) = exception, s.type === Exceptions.methodErrorType, s.fields.count == 2,
              case .tuple(let args) = s.fields[1],
              Show.errorMessage(exception).hasPrefix("MethodError: no method matching"),
              let section = section(s.fields[0], args) else { return "" }
        return "\n" + section.dropLast()
    }

    /// One candidate (two lines) and how many arguments it matches.
    static func describe(_ name: String, _ m: Method, _ body: IRFunction, _ arguments: [Value],
                         _ keywords: [Symbol]) -> (String, Int) {
        let sig = m.signature
        var parts: [String] = []
        var matches = 0
        let shared = min(arguments.count, sig.count)
        for i in 0..<shared {
            if m.isVarargs && i == sig.count - 1 {
                let ok = arguments[i...].allSatisfy { Dispatcher.matches($0, sig[i]) }
                parts.append((ok ? "::" : "!Matched::") + sig[i].description + "...")
                // Julia credits each extra argument that fits the varargs
                // type, when the call is longer than the signature.
                if arguments.count > sig.count {
                    matches += arguments[i...].filter { Dispatcher.matches($0, sig[i]) }.count
                }
                break
            }
            let ok = Dispatcher.matches(arguments[i], sig[i])
            if ok { matches += 1 }
            parts.append((ok ? "::" : "!Matched::") + sig[i].description)
        }
        if arguments.count < sig.count {
            for i in arguments.count..<sig.count {
                let isRest = m.isVarargs && i == sig.count - 1
                // A varargs tail the call simply left empty is no mismatch.
                if isRest && i == arguments.count {
                    parts.append(sig[i].description + "...")
                } else {
                    parts.append("!Matched::" + sig[i].description + (isRest ? "..." : ""))
                }
            }
        }
        var text = "  " + name + "(" + parts.joined(separator: ", ")
        if !body.keywordNames.isEmpty { text += "; " + body.keywordNames.joined(separator: ", ") }
        text += ")" + unsupported(keywords, declared: body.keywordNames) + "\n"
        text += "   @ Main " + location(body.span) + "\n"
        return (text, matches)
    }

    /// ` got unsupported keyword argument "b"` for keywords the method
    /// does not declare (none when it takes `kw...`).
    static func unsupported(_ keywords: [Symbol], declared: [String]) -> String {
        if declared.contains(where: { $0.hasSuffix("...") }) { return "" }
        let missing = keywords.map(\.description).filter { !declared.contains($0) }
        guard !missing.isEmpty else { return "" }
        return " got unsupported keyword argument" + (missing.count > 1 ? "s" : "") + " \""
            + missing.joined(separator: "\", \"") + "\""
    }

    static func location(_ span: Span) -> String {
        guard let file = span.file else { return "none:0" }
        return file.name + ":" + String(file.line(of: span.start))
    }
}
