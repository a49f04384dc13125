import Foundation

/// Output through `CallContext.write` (`print`, `println`, `show`,
/// `display`), `readline`, and the runtime halves of `@show` and `@time`.
enum IOBuiltins {
    static func install(into globals: Globals) {
        let r = ScalarRegistrar(globals: globals)
        let g = globals
        r.full("print", [.any], varargs: true) { ctx, a, _ in
            ctx.write(printed(a, g, ctx))
            return .nothing
        }
        r.full("print", []) { _, _, _ in .nothing }
        r.full("println", [.any], varargs: true) { ctx, a, _ in
            ctx.write(printed(a, g, ctx) + "\n")
            return .nothing
        }
        r.full("println", []) { ctx, _, _ in
            ctx.write("\n")
            return .nothing
        }
        r.full("show", [.any]) { ctx, a, _ in
            ctx.write(Show.repr(a[0], custom: UserShow.hook(g, ctx)))
            return .nothing
        }
        r.full("display", [.any]) { ctx, a, _ in
            ctx.write(Show.display(a[0], limit: false, custom: UserShow.hook(g, ctx)) + "\n")
            return .nothing
        }
        r.full("readline", []) { ctx, _, _ in .string(ctx.readLine() ?? "") }
        IOStreams.install(r)
        r.full("Core.show_expr", [.any, .any]) { ctx, a, _ in
            ctx.write(Show.string(a[0]) + " = " + Show.repr(a[1], custom: UserShow.hook(g, ctx)) + "\n")
            return a[1]
        }
        r.def("Core.time_ns", []) { _ in .int(Int(truncatingIfNeeded: DispatchTime.now().uptimeNanoseconds)) }
        r.def("time_ns", []) { _ in .int(Int(truncatingIfNeeded: DispatchTime.now().uptimeNanoseconds)) }
        r.def("time", []) { _ in .float(Date().timeIntervalSince1970) }
        r.full("Core.print_time", [.integer]) { ctx, a, _ in
            guard let start = a[0].intValue else { return nil }
            let now = Int(truncatingIfNeeded: DispatchTime.now().uptimeNanoseconds)
            ctx.write(timeReport(nanoseconds: now &- start))
            return .nothing
        }
    }

    /// `print`'s text for its arguments, through any user `show` methods.
    static func printed(_ values: [Value], _ globals: Globals, _ context: CallContext) -> String {
        let custom = UserShow.hook(globals, context)
        return values.map { Show.string($0, custom: custom) }.joined()
    }

    /// The first part of Julia's `@time` line: `"%10.6f seconds"`.
    static func timeReport(nanoseconds: Int) -> String {
        String(format: "%10.6f seconds\n", Double(max(nanoseconds, 0)) / 1e9)
    }
}
