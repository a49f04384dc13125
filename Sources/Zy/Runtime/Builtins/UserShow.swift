/// Printing through a user's `Base.show(io::IO, x::T)` method: Julia's
/// `print`, `string`, `repr` and `display` all end in `show`, so a struct
/// with its own `show` method prints that way everywhere, inside
/// containers too.
public enum UserShow {
    /// A `Show.CustomShow` that runs the user's `show` methods through
    /// `context`, or nil when no user `show` method exists (the common case,
    /// which then costs nothing).
    public static func hook(_ globals: Globals, _ context: CallContext) -> Show.CustomShow? {
        guard case .function(let show)? = globals["show"] else { return nil }
        let user = show.methods.filter { m in
            if case .ir = m.body { return m.signature.count == 2 && !m.isVarargs }
            return false
        }
        guard !user.isEmpty else { return nil }
        return { value in
            guard user.contains(where: { value.isa($0.signature[1]) }) else { return nil }
            let buffer = IOStreams.newBuffer()
            guard (try? context.call(.function(show), [buffer, value])) != nil,
                  case .structValue(let s) = buffer, case .string(let text)? = s.fields.first else { return nil }
            return text
        }
    }

    /// Julia's `showerror` including a user's `Base.showerror(io, e::T)`
    /// method (for reporting uncaught exceptions); the built-in message
    /// otherwise, or when the user's method itself fails.
    public static func errorMessage(_ exception: Value, _ globals: Globals, _ context: CallContext) -> String {
        guard case .structValue = exception, case .function(let showerror)? = globals["showerror"] else {
            return Show.errorMessage(exception)
        }
        let user = showerror.methods.contains { m in
            if case .ir = m.body { return m.signature.count == 2 && exception.isa(m.signature[1]) }
            return false
        }
        guard user else { return Show.errorMessage(exception) }
        let buffer = IOStreams.newBuffer()
        guard (try? context.call(.function(showerror), [buffer, exception])) != nil,
              case .structValue(let s) = buffer, case .string(let text)? = s.fields.first else {
            return Show.errorMessage(exception)
        }
        return text
    }
}
