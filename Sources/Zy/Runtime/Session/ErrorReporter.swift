import SourceMap

/// The one place that turns errors into the text printed on stderr:
/// compile errors as diagnostics, Zy exceptions as a diagnostic at the
/// innermost user frame plus a backtrace, internal errors apart.
public enum ErrorReporter {
    public static func render(_ error: Error, color: ColorMode, fullTrace: Bool) -> String {
        let renderer = DiagnosticRenderer(color: color)
        switch error {
        case let e as CompileError:
            return renderer.render(e.diagnostics)
        case let e as ZyException:
            return renderException(e, renderer: renderer, fullTrace: fullTrace)
        case let e as InternalError:
            guard let span = e.span, !span.isUnknown else { return "internal error: \(e.message)\n" }
            return renderer.render(.error("internal error: \(e.message)", at: span))
        default:
            return "internal error: \(error)\n"
        }
    }

    static func renderException(_ e: ZyException, renderer: DiagnosticRenderer, fullTrace: Bool) -> String {
        let message = errorMessage(e.value)
        // The innermost user frame with a source line, even in a full trace:
        // the report starts at the user's line, implementation frames only
        // add to the stacktrace.
        let site = e.frames.first { !$0.isInternal && !$0.span.isUnknown }
            ?? e.frames.first { !$0.span.isUnknown }
        var out: String
        if let site, !site.span.isUnknown {
            out = renderer.render(.error(message, at: site.span))
        } else {
            out = "error: \(message)\n"
        }
        if let candidates = candidateSection(e.value, message) { out += candidates }
        out += BacktraceRenderer(showInternal: fullTrace).render(collapsed(e.frames))
        return out
    }

    /// Julia's `showerror` text, with the two `MethodError` forms that need
    /// the method table: a value that is not callable, and an ambiguity.
    public static func errorMessage(_ value: Value) -> String {
        if case .structValue(let s) = value, s.type === Exceptions.methodErrorType, s.fields.count == 2,
           case .tuple(let args) = s.fields[1] {
            let types = args.map { "::" + $0.type.description }.joined(separator: ", ")
            switch s.fields[0] {
            case .function(let f):
                if case .ambiguous = Dispatcher.select(f, args) {
                    return "MethodError: \(f.name)(\(types)) is ambiguous."
                }
            case .closure, .type:
                break
            case .structValue(let s) where s.type.callMethods != nil:
                break
            default:
                return "MethodError: objects of type \(s.fields[0].type) are not callable"
            }
        }
        return Show.errorMessage(value)
    }

    /// Julia's "Closest candidates are:" list under a no-method error.
    static func candidateSection(_ value: Value, _ message: String) -> String? {
        guard case .structValue(let s) = value, s.type === Exceptions.methodErrorType, s.fields.count == 2,
              message.hasPrefix("MethodError: no method matching"),
              case .tuple(let args) = s.fields[1] else { return nil }
        return MethodCandidates.section(s.fields[0], args)
    }

    /// Runs of identical frames (deep recursion) shown once with a count.
    static func collapsed(_ frames: [Frame]) -> [Frame] {
        var out: [Frame] = []
        var i = 0
        while i < frames.count {
            var j = i + 1
            while j < frames.count, frames[j] == frames[i] { j += 1 }
            var frame = frames[i]
            if j - i > 1 { frame.function += " (repeats \(j - i) times)" }
            out.append(frame)
            i = j
        }
        return out
    }
}
