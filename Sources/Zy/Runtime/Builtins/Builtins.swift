/// Installs every group of built-in functions into a session's globals.
public enum Builtins {
    public static func installAll(into globals: Globals) {
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
