/// Installs every group of built-in functions into a session's globals.
public enum Builtins {
    public static func installAll(into globals: Globals) {
        // Every built-in here names the keywords it reads; any other is a MethodError.
        let outer = globals.defaultBuiltinKeywords
        globals.defaultBuiltinKeywords = .none
        defer { globals.defaultBuiltinKeywords = outer }
        TypeBuiltins.install(into: globals)
        NumberBuiltins.install(into: globals)
        MathBuiltins.install(into: globals)
        StringBuiltins.install(into: globals)
        IOBuiltins.install(into: globals)
        ErrorBuiltins.install(into: globals)
        CollectionBuiltins.install(into: globals)
        // Last: the core names the interpreter relies on win over any group's.
        CoreBuiltins.install(into: globals)
    }
}
