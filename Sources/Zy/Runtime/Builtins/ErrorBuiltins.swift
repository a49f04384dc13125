/// `error(msg...)`: throws `ErrorException` with the printed arguments.
enum ErrorBuiltins {
    static func install(into globals: Globals) {
        let r = ScalarRegistrar(globals: globals)
        r.def("error", [.any], varargs: true) { a in
            throw Exceptions.error(a.map(Show.string).joined())
        }
    }
}
