import SourceMap

/// `--check-finite`: the first statement that makes a NaN or Inf from finite
/// inputs stops the program with a `NonFiniteError` naming the statement,
/// the pass, and the input values.
///
/// What counts (compare PyTorch's anomaly mode, which checks only backward
/// outputs and only for NaN, and JAX's `debug_nans`/`debug_infs`, which
/// check every primitive's output):
///   - NaN and ±Inf, in Float64 and complex results, Float64 arrays (any
///     element) and tuples of those (a pullback's gradients);
///   - forward and backward code alike; adjoint statements are described by
///     the rule they come from (`NonFiniteExplainer`, installed by the AD);
///   - only origins: a statement with a non-finite input is not reported
///     (the report was due earlier), nor is a call of user Zy code (its own
///     statements are checked) or one that passes user code (`map(f, xs)`);
///   - not values written as such: globals like `Inf` and `NaN`, and
///     statements computed from literals only (`1/0`, `0/0`).
extension Exceptions {
    public static let nonFiniteErrorType = exceptionType("NonFiniteError", ["msg"])

    public static func nonFiniteError(_ message: String) -> ZyException {
        make(nonFiniteErrorType, [.string(message)])
    }
}

/// Lets a transform (the AD) explain non-finite values in the code it made.
public protocol NonFiniteExplainer: AnyObject {
    /// Implementation code (prelude, adjoints of built-in wrappers) is not
    /// checked: a NaN it makes is reported at the user's call into it.
    func isImplementation(_ ir: IRFunction) -> Bool
    /// The message for a non-finite value made in `site`, or nil to use the
    /// plain statement description.
    func describe(_ site: NonFiniteSite) -> String?
}

/// Where a non-finite value was made, for messages.
public struct NonFiniteSite {
    public let function: IRFunction
    public let statement: Statement
    /// The value made and what is wrong with it (`Inf`, `NaN at index 2`…).
    public let result: Value
    public let flaw: NonFinite.Flaw
    /// The statement's positional arguments with their values.
    public let arguments: [(Operand, Value)]
    public let phase: Phase
    /// The current value of another variable of `function`, when it is known
    /// to be in its register (valid only while the message is made).
    public let valueOf: (VariableID) -> Value?

    /// `log(x - 1.0) is -Inf in the forward pass, with finite inputs x - 1.0 == 0.0`.
    public var plainDescription: String {
        let text = NonFinite.sourceText(statement.span) ?? NonFinite.callText(statement)
        let inputs = arguments.compactMap { (o, v) -> (String, Value)? in
            guard NonFinite.isData(v) else { return nil }
            switch o {
            case .variable(let id): return (NonFinite.label(id, in: function), v)
            case .global(let name): return (name, v)
            case .constant: return nil
            }
        }
        return "\(text) \(flaw.phrase) in the \(phase.rawValue) pass" + NonFinite.inputs(inputs)
    }
}

public enum NonFinite {
    /// What is non-finite in a value.
    public struct Flaw {
        /// `Inf`, `-Inf`, `NaN`, or a complex value.
        public var value: String
        /// 1-based index in an array, nil for a scalar.
        public var index: Int?
        /// 1-based position in a tuple (a pullback's gradients), if in one.
        public var tuplePosition: Int?

        /// "is Inf", "has NaN at index 2", "has Inf at position 3".
        public var phrase: String {
            var text = index.map { "has \(value) at index \($0)" } ?? "is \(value)"
            if let p = tuplePosition { text = (index == nil ? "has \(value) at" : text + " of") + " position \(p)" }
            return text
        }

        /// The phrase without the tuple position (named otherwise).
        public var elementPhrase: String {
            index.map { "has \(value) at index \($0)" } ?? "is \(value)"
        }
    }

    /// Values worth showing as inputs: not functions or types.
    public static func isData(_ v: Value) -> Bool {
        switch v {
        case .function, .closure, .type: return false
        default: return true
        }
    }

    /// Numbers, and containers that may hold them.
    public static func isNumeric(_ v: Value) -> Bool {
        switch v {
        case .int, .float, .bool, .complex, .rational, .array, .tuple, .namedTuple, .range, .structValue: return true
        default: return false
        }
    }

    /// The first non-finite part of `v`, nil when all is finite.
    public static func find(_ v: Value, depth: Int = 0) -> Flaw? {
        switch v {
        case .float(let d):
            return d.isFinite ? nil : Flaw(value: Show.repr(v))
        case .complex(let re, let im):
            return find(re, depth: depth + 1) == nil && find(im, depth: depth + 1) == nil ? nil : Flaw(value: Show.repr(v))
        case .array(let a):
            switch a.storage {
            case .float(let xs):
                guard let i = xs.firstIndex(where: { !$0.isFinite }) else { return nil }
                return Flaw(value: Show.repr(.float(xs[i])), index: i + 1)
            case .values(let vs):
                guard depth < 4 else { return nil }
                for (i, x) in vs.enumerated() {
                    if var f = find(x, depth: depth + 1) {
                        f.index = f.index ?? (i + 1)
                        return f
                    }
                }
                return nil
            }
        case .tuple(let vs):
            return inTuple(vs, depth: depth)
        case .namedTuple(let nt):
            return inTuple(nt.values, depth: depth)
        default:
            return nil
        }
    }

    private static func inTuple(_ vs: [Value], depth: Int) -> Flaw? {
        guard depth < 4 else { return nil }
        for (i, x) in vs.enumerated() {
            if var f = find(x, depth: depth + 1) {
                f.tuplePosition = f.tuplePosition ?? (i + 1)
                return f
            }
        }
        return nil
    }

    /// The source text of a span on one line, shortened; nil when unknown.
    public static func sourceText(_ span: Span) -> String? {
        guard let file = span.file, span.start < span.end, span.end <= file.bytes.count else { return nil }
        let raw = String(decoding: file.bytes[span.start..<span.end], as: UTF8.self)
        let words = raw.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        let text = words.joined(separator: " ")
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }

    /// `f(…)` for a statement without source.
    public static func callText(_ s: Statement) -> String {
        guard case .call(let f, _) = s.instruction else { return "statement" }
        if case .global(let name) = f { return name + "(…)" }
        return "call"
    }

    /// What the user calls variable `v` of `ir`: its name, else the source
    /// of the expression that computed it, else `%v`.
    public static func label(_ v: VariableID, in ir: IRFunction) -> String {
        if let name = ir.variableNames[v], !name.isEmpty, !name.hasPrefix("#") { return name }
        for b in ir.blocks {
            for s in b.statements where s.result == v {
                if let text = sourceText(s.span) { return text }
            }
        }
        return "%\(v)"
    }

    /// `, with finite inputs a == 1.0, b == 0.0` (each label once).
    public static func inputs(_ pairs: [(String, Value)]) -> String {
        var seen = Set<String>()
        var parts: [String] = []
        for (label, v) in pairs where seen.insert(label).inserted {
            var shown = Show.repr(v)
            if shown.count > 60 { shown = String(shown.prefix(57)) + "…" }
            parts.append(label == shown ? label : "\(label) == \(shown)")
        }
        return parts.isEmpty ? "" : ", with finite inputs " + parts.joined(separator: ", ")
    }

    /// The statement of `ir` defining `v`.
    static func statement(defining v: VariableID, in ir: IRFunction) -> Statement? {
        for b in ir.blocks {
            for s in b.statements where s.result == v { return s }
        }
        return nil
    }
}
