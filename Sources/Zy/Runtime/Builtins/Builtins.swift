/// Installs every group of built-in functions into a session's globals.
public enum Builtins {
    public static func installAll(into globals: Globals) {
        CoreBuiltins.install(into: globals)
    }
}
