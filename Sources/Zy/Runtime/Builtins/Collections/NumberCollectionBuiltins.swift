/// Numbers are 0-dimensional collections of themselves, as in Julia's
/// `base/number.jl`: `length(x) == 1`, `size(x) == ()`, `x[] == x[1] == x`,
/// `for y in x` runs once (`iterate` lives with the iteration methods),
/// `first`/`last`/`sum` reduce over that one element, `collect(x)` is the
/// 0-dimensional array `fill(x)`, and `map(f, x, ys...)` is `f(x, ys...)`.
///
/// Julia defines no `reverse(::Number)`, so `reverse(1)` stays a MethodError.
enum NumberCollectionBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        installShape(g)
        installIndexing(g)
        g.defineBuiltin("isempty", [.number]) { _, _, _ in .bool(false) }
        g.defineBuiltin("collect", [.number]) { _, args, _ in
            .array(S.makeArray([args[0]], elementType: args[0].type, dims: []))
        }
        g.defineBuiltin("map", [.any, .number, .number], varargs: true) { ctx, args, _ in
            try ctx.call(args[0], Array(args.dropFirst()))
        }
    }

    private static func installShape(_ g: Globals) {
        g.defineBuiltin("length", [.number]) { _, _, _ in .int(1) }
        g.defineBuiltin("ndims", [.number]) { _, _, _ in .int(0) }
        g.defineBuiltin("size", [.number]) { _, _, _ in .tuple([]) }
        g.defineBuiltin("axes", [.number]) { _, _, _ in .tuple([]) }
        // size(x, d): every dimension past the zeroth has length 1.
        g.defineBuiltin("size", [.number, .integer]) { _, args, _ in
            guard let d = args[1].intValue, d >= 1 else { throw Exceptions.boundsError() }
            return .int(1)
        }
        for name in ["firstindex", "lastindex"] {
            g.defineBuiltin(name, [.number]) { _, _, _ in .int(1) }
        }
        for name in ["keys", "eachindex"] {
            g.defineBuiltin(name, [.number]) { _, _, _ in .range(RangeValue(start: 1, step: 1, stop: 1, isUnit: true)) }
        }
    }

    private static func installIndexing(_ g: Globals) {
        g.defineBuiltin("getindex", [.number]) { _, args, _ in args[0] }
        // x[1], x[1, 1], …: any index other than 1 is out of bounds.
        g.defineBuiltin("getindex", [.number, .integer], varargs: true) { _, args, _ in
            let indices = Array(args.dropFirst())
            guard indices.allSatisfy({ $0.intValue == 1 }) else {
                if indices.count == 1 { throw Exceptions.boundsError(args[0], index: indices[0]) }
                throw Exceptions.boundsError(args[0], indices)
            }
            return args[0]
        }
        g.defineBuiltin("get", [.number, .integer, .any]) { _, args, _ in
            args[1].intValue == 1 ? args[0] : args[2]
        }
    }
}
