/// Growing and shrinking vectors in place: `push!`, `pop!`, `pushfirst!`,
/// `popfirst!`, `append!`, `insert!`, `deleteat!`, `empty!`. Values are
/// converted to the element type first, so a failed conversion leaves the
/// vector unchanged.
enum ArrayMutationBuiltins {
    typealias S = CollectionSupport

    static func install(into g: Globals) {
        g.defineBuiltin("push!", [S.vector, .any], varargs: true) { _, args, _ in
            let a = try vector(args, g, "push!")
            let xs = try S.convertAll(Array(args.dropFirst()), to: a.elementType, g)
            insert(a, at: a.count, xs)
            return args[0]
        }
        g.defineBuiltin("pushfirst!", [S.vector, .any], varargs: true) { _, args, _ in
            let a = try vector(args, g, "pushfirst!")
            insert(a, at: 0, try S.convertAll(Array(args.dropFirst()), to: a.elementType, g))
            return args[0]
        }
        g.defineBuiltin("append!", [S.vector, .any], varargs: true) { ctx, args, _ in
            let a = try vector(args, g, "append!")
            var xs: [Value] = []
            for c in args.dropFirst() { xs += try S.iterate(c, g, ctx) }
            insert(a, at: a.count, try S.convertAll(xs, to: a.elementType, g))
            return args[0]
        }
        g.defineBuiltin("insert!", [S.vector, .int64, .any]) { _, args, _ in
            let a = try vector(args, g, "insert!")
            guard case .int(let i) = args[1], i >= 1, i <= a.count + 1 else {
                throw Exceptions.boundsError(args[0], [args[1]])
            }
            insert(a, at: i - 1, [try S.convert(args[2], to: a.elementType, g)])
            return args[0]
        }
        installRemoval(g)
    }

    private static func installRemoval(_ g: Globals) {
        g.defineBuiltin("pop!", [S.vector]) { _, args, _ in
            let a = try vector(args, g, "pop!")
            guard a.count > 0 else { throw Exceptions.argumentError("array must be non-empty") }
            let v = S.element(a, a.count - 1)
            remove(a, (a.count - 1)..<a.count)
            return v
        }
        g.defineBuiltin("popfirst!", [S.vector]) { _, args, _ in
            let a = try vector(args, g, "popfirst!")
            guard a.count > 0 else { throw Exceptions.argumentError("array must be non-empty") }
            let v = S.element(a, 0)
            remove(a, 0..<1)
            return v
        }
        g.defineBuiltin("deleteat!", [S.vector, .any]) { ctx, args, _ in
            let a = try vector(args, g, "deleteat!")
            let fail = { Exceptions.boundsError(args[0], [args[1]]) }
            let r = try ArrayIndexingBuiltins.resolve(args[1], length: a.count, g, ctx, fail: fail)
            let doomed = Set(r.positions)
            let keep = (0..<a.count).filter { !doomed.contains($0) }
            switch a.storage {
            case .float(let xs): a.storage = .float(keep.map { xs[$0] })
            case .values(let vs): a.storage = .values(keep.map { vs[$0] })
            }
            a.dims = [keep.count]
            return args[0]
        }
        g.defineBuiltin("empty!", [S.vector]) { _, args, _ in
            let a = try vector(args, g, "empty!")
            remove(a, 0..<a.count)
            return args[0]
        }
    }

    private static func vector(_ args: [Value], _ g: Globals, _ name: String) throws -> ArrayValue {
        guard case .array(let a) = args[0], a.dims.count == 1 else { throw S.methodError(g, name, args) }
        return a
    }

    static func insert(_ a: ArrayValue, at k: Int, _ xs: [Value]) {
        switch a.storage {
        case .float(var ds):
            a.storage = .values([])
            ds.insert(contentsOf: xs.map(S.asDouble), at: k)
            a.storage = .float(ds)
        case .values(var vs):
            a.storage = .values([])
            vs.insert(contentsOf: xs, at: k)
            a.storage = .values(vs)
        }
        a.dims = [a.dims[0] + xs.count]
    }

    static func remove(_ a: ArrayValue, _ r: Range<Int>) {
        switch a.storage {
        case .float(var ds):
            a.storage = .values([])
            ds.removeSubrange(r)
            a.storage = .float(ds)
        case .values(var vs):
            a.storage = .values([])
            vs.removeSubrange(r)
            a.storage = .values(vs)
        }
        a.dims = [a.dims[0] - r.count]
    }
}
