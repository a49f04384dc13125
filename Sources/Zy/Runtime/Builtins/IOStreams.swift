/// `stdout` and `IOBuffer()` as values, so `print(io, x)`, `println(stdout, x)`,
/// `showerror(io, e)` and `sprint(f, args...)` work: a buffer is a mutable
/// struct holding the text written so far.
enum IOStreams {
    static let stdoutType = StructType(name: "Base.TTY", isMutable: true, fieldNames: [], fieldTypes: [],
                                       supertype: .any)
    static let bufferType = StructType(name: "IOBuffer", isMutable: true, fieldNames: [Symbol.named("data")],
                                       fieldTypes: [.string], supertype: .any)
    static let stdoutValue = Value.structValue(StructValue(type: stdoutType, fields: []))

    static func newBuffer() -> Value { .structValue(StructValue(type: bufferType, fields: [.string("")])) }

    /// Writes to the stream `io`; false when `io` is not a stream.
    static func write(_ io: Value, _ text: String, _ ctx: CallContext) -> Bool {
        guard case .structValue(let s) = io else { return false }
        if s.type === stdoutType {
            ctx.write(text)
            return true
        }
        guard s.type === bufferType, case .string(let old)? = s.fields.first else { return false }
        s.fields[0] = .string(old + text)
        return true
    }

    static func install(_ r: ScalarRegistrar) {
        r.globals.defineConstant("stdout", stdoutValue)
        // A function rather than the struct type: calling a struct type runs
        // its field-wise default constructor, and `IOBuffer()` has no fields.
        r.def("IOBuffer", []) { _ in newBuffer() }
        let kinds: [(ZyType, String)] = [(.structType(StructTypeRef(stdoutType)), "stdout"),
                                         (.structType(StructTypeRef(bufferType)), "buffer")]
        let g = r.globals
        for (t, _) in kinds {
            stream(r, "print", t) { IOBuiltins.printed($0, g, $1) }
            stream(r, "println", t) { IOBuiltins.printed($0, g, $1) + "\n" }
            stream(r, "write", t) { IOBuiltins.printed($0, g, $1) }
        }
        // `show(io, x)` and `showerror(io, e)` take any first argument, so a
        // user's `Base.show(io::IO, x::T)` is strictly more specific.
        r.full("show", [.any, .any]) { ctx, a, _ in
            write(a[0], Show.repr(a[1], custom: UserShow.hook(g, ctx)), ctx) ? .nothing : nil
        }
        r.full("showerror", [.any, .any]) { ctx, a, _ in
            write(a[0], Show.errorMessage(a[1]) + MethodCandidates.showerrorSuffix(a[1]), ctx) ? .nothing : nil
        }
        r.globals.defineConstant("IO", .type(.any))
        r.def("take!", [.structType(StructTypeRef(bufferType))]) { a in
            guard case .structValue(let s) = a[0], let data = s.fields.first else { return nil }
            s.fields[0] = .string("")
            return data
        }
        r.full("sprint", [.any, .any], varargs: true) { ctx, a, _ in
            let buffer = newBuffer()
            _ = try ctx.call(a[0], [buffer] + a.dropFirst())
            guard case .structValue(let s) = buffer else { return nil }
            return s.fields.first
        }
        r.full("flush", [.any]) { _, _, _ in .nothing }
    }

    static func stream(_ r: ScalarRegistrar, _ name: String, _ t: ZyType,
                       _ render: @escaping ([Value], CallContext) -> String) {
        r.full(name, [t, .any], varargs: true) { ctx, a, _ in
            write(a[0], render(Array(a.dropFirst()), ctx), ctx) ? .nothing : nil
        }
        if name == "println" || name == "print" {
            r.full(name, [t]) { ctx, a, _ in write(a[0], name == "println" ? "\n" : "", ctx) ? .nothing : nil }
        }
    }
}
