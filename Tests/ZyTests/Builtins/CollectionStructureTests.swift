import Testing
@testable import Zy

/// Dicts, tuples and named tuples, the iteration protocol, higher-order
/// functions with built-in callees, composition, and the random generator.
@Suite struct CollectionStructureTests {
    typealias Case = CollectionArrayTests.Case

    static func pair(_ k: Value, _ v: Value) -> Value { .pair(k, v) }
    static func dict(_ ctx: CollectionTestContext, _ ps: Value...) -> Value {
        (try? ctx.call(.type(.dict(key: nil, value: nil)), ps)) ?? .nothing
    }

    static let dicts: [Case] = [
        Case("Dict()", "Dict{Any, Any}()") { ctx in render(dict(ctx)) },
        Case("Dict(:a => 1, :b => 2)", "Dict{Symbol, Int64}(:a => 1, :b => 2)") { ctx in
            render(dict(ctx, pair(sym("a"), .int(1)), pair(sym("b"), .int(2))))
        },
        Case("seed's Dict{:r => 0, :n => 0}", "Dict{Symbol, Int64}(:r => 0, :n => 0)") { ctx in
            ctx.run("Core.apply_type", .type(.dict(key: nil, value: nil)), pair(sym("r"), .int(0)), pair(sym("n"), .int(0)))
        },
        Case("Dict{Symbol, Float64}()", "Dict{Symbol, Float64}()") { ctx in
            (try? ctx.call(.type(.dict(key: .symbol, value: .float64)), [])).map(render) ?? "error"
        },
        Case("Dict(vector of pairs)", "Dict{Int64, Symbol}(1 => :x)") { ctx in
            let v = Value.array(ArrayValue(storage: .values([pair(.int(1), sym("x"))]), elementType: .pair(.int64, .symbol), dims: [1]))
            return (try? ctx.call(.type(.dict(key: nil, value: nil)), [v])).map(render) ?? "error"
        },
        Case("d[:missing]", "throws KeyError(:c)") { ctx in ctx.run("getindex", dict(ctx, pair(sym("a"), .int(1))), sym("c")) },
        Case("d[1.0] finds key 1", "10") { ctx in ctx.run("getindex", dict(ctx, pair(.int(1), .int(10))), .float(1)) },
        Case("d[:a] = 2.0 converts", "Dict{Symbol, Int64}(:a => 2)") { ctx in
            ctx.run("setindex!", dict(ctx, pair(sym("a"), .int(1))), .float(2), sym("a"))
        },
        Case("d[:a] = 2.5 inexact", "throws InexactError(:Int64, Int64, 2.5)") { ctx in
            ctx.run("setindex!", dict(ctx, pair(sym("a"), .int(1))), .float(2.5), sym("a"))
        },
        Case("d[\"s\"] = 1 bad key", "throws MethodError(convert, (Symbol, \"s\"))") { ctx in
            ctx.run("setindex!", dict(ctx, pair(sym("a"), .int(1))), .int(1), .string("s"))
        },
        Case("get default", "0") { ctx in ctx.run("get", dict(ctx, pair(sym("a"), .int(1))), sym("b"), .int(0)) },
        Case("get! inserts", "Dict{Symbol, Int64}(:a => 1, :b => 5)") { ctx in
            let d = dict(ctx, pair(sym("a"), .int(1)))
            _ = ctx.run("get!", d, sym("b"), .int(5))
            return render(d)
        },
        Case("haskey", "true") { ctx in ctx.run("haskey", dict(ctx, pair(sym("a"), .int(1))), sym("a")) },
        Case("delete! then keys", "Vector{Symbol}[:b]") { ctx in
            let d = dict(ctx, pair(sym("a"), .int(1)), pair(sym("b"), .int(2)))
            _ = ctx.run("delete!", d, sym("a"))
            return ctx.run("keys", d)
        },
        Case("pop! missing", "throws KeyError(:z)") { ctx in ctx.run("pop!", dict(ctx, pair(sym("a"), .int(1))), sym("z")) },
        Case("merge promotes", "Dict{Symbol, Float64}(:a => 1.0, :b => 2.5)") { ctx in
            ctx.run("merge", dict(ctx, pair(sym("a"), .int(1))), dict(ctx, pair(sym("b"), .float(2.5))))
        },
        Case("(:a => 1) in d", "true") { ctx in ctx.run("in", pair(sym("a"), .int(1)), dict(ctx, pair(sym("a"), .int(1)))) },
        Case("isempty(Dict())", "true") { ctx in ctx.run("isempty", dict(ctx)) },
        Case("isempty(d)", "false") { ctx in ctx.run("isempty", dict(ctx, pair(sym("a"), .int(1)))) },
        Case("length", "2") { ctx in ctx.run("length", dict(ctx, pair(sym("a"), .int(1)), pair(sym("b"), .int(2)))) },
        Case("dict == dict", "true") { ctx in
            ctx.run("==", dict(ctx, pair(sym("a"), .int(1))), dict(ctx, pair(sym("a"), .float(1))))
        },
    ]

    static let tuples: [Case] = [
        Case("t[2]", "2") { $0.run("getindex", .tuple([.int(1), .int(2)]), .int(2)) },
        Case("t[3] bounds", "throws BoundsError((1, 2), (3,))") { $0.run("getindex", .tuple([.int(1), .int(2)]), .int(3)) },
        Case("t[2:3]", "(2, 3)") { $0.run("getindex", .tuple([.int(1), .int(2), .int(3)]), range(2, 3)) },
        Case("length", "3") { $0.run("length", .tuple([.int(1), .int(2), .int(3)])) },
        Case("first(())", "throws ArgumentError(\"tuple must be non-empty\")") { $0.run("first", .tuple([])) },
        Case("reverse", "(2, 1)") { $0.run("reverse", .tuple([.int(1), .int(2)])) },
        Case("nt[:g]", "2.0") { $0.run("getindex", namedTuple(), sym("g")) },
        Case("nt[1]", "1.0") { $0.run("getindex", namedTuple(), .int(1)) },
        Case("keys(nt)", "(:r, :g)") { $0.run("keys", namedTuple()) },
        Case("values(nt)", "(1.0, 2.0)") { $0.run("values", namedTuple()) },
        Case("haskey(nt, :b)", "false") { $0.run("haskey", namedTuple(), sym("b")) },
        Case("merge(nt, nt2)", "(r = 1.0, g = 5, b = 3)") {
            $0.run("merge", namedTuple(), .namedTuple(NamedTupleValue(names: [.named("g"), .named("b")], values: [.int(5), .int(3)])))
        },
        Case("pair[1]", ":a") { $0.run("getindex", pair(sym("a"), .int(1)), .int(1)) },
        Case("last(pair)", "1") { $0.run("last", pair(sym("a"), .int(1))) },
        Case("Tuple([1, 2])", "(1, 2)") { ctx in (try? ctx.call(.type(.anyTuple), [ints(1, 2)])).map(render) ?? "error" },
    ]

    static func namedTuple() -> Value {
        .namedTuple(NamedTupleValue(names: [.named("r"), .named("g")], values: [.float(1), .float(2)]))
    }

    /// All `(item, state)` steps of the iteration protocol, rendered.
    static func steps(_ ctx: CollectionTestContext, _ v: Value) -> String {
        var out: [String] = []
        do {
            var r = try ctx.call("iterate", v)
            while case .tuple(let t) = r, t.count == 2, out.count < 20 {
                out.append(render(t[0]))
                r = try ctx.call("iterate", v, t[1])
            }
            out.append(render(r))
        } catch { out.append("error") }
        return out.joined(separator: " ")
    }

    static let iteration: [Case] = [
        Case("vector", "1 2 nothing") { steps($0, ints(1, 2)) },
        Case("matrix column-major", "1.0 3.0 2.0 4.0 nothing") { steps($0, matrix([[1, 2], [3, 4]])) },
        Case("range", "1 3 5 nothing") { steps($0, .range(RangeValue(start: 1, step: 2, stop: 5, isUnit: false))) },
        Case("empty range", "nothing") { steps($0, range(3, 2)) },
        Case("tuple", "1 :a nothing") { steps($0, .tuple([.int(1), sym("a")])) },
        Case("named tuple values", "1.0 2.0 nothing") { steps($0, namedTuple()) },
        Case("number once", "7 nothing") { steps($0, .int(7)) },
        Case("dict pairs", ":a => 1 :b => 2 nothing") { ctx in
            steps(ctx, dict(ctx, pair(sym("a"), .int(1)), pair(sym("b"), .int(2))))
        },
        Case("enumerate", "(1, :x) (2, :y) nothing") { ctx in
            steps(ctx, (try? ctx.call("enumerate", .tuple([sym("x"), sym("y")]))) ?? .nothing)
        },
        Case("zip shortest", "(1, :x) (2, :y) nothing") { ctx in
            steps(ctx, (try? ctx.call("zip", ints(1, 2, 3), .tuple([sym("x"), sym("y")]))) ?? .nothing)
        },
        Case("pairs of array", "1 => 10 2 => 20 nothing") { ctx in steps(ctx, (try? ctx.call("pairs", ints(10, 20))) ?? .nothing) },
    ]

    static let higherOrder: [Case] = [
        Case("map over vector", "Vector{Int64}[1, 2]") { $0.run("map", $0.fn("abs"), ints(-1, 2)) },
        Case("map over tuple", "(1, 2)") { $0.run("map", $0.fn("abs"), .tuple([.int(-1), .int(2)])) },
        Case("map over range", "Vector{Int64}[-1, -2]") { $0.run("map", $0.fn("-"), range(1, 2)) },
        Case("map two vectors", "Vector{Int64}[4, 6]") { $0.run("map", $0.fn("+"), ints(1, 2), ints(3, 4)) },
        Case("map keeps matrix shape", "Matrix{Float64}[1.0 2.0; 3.0 4.0]") { $0.run("map", $0.fn("abs"), matrix([[-1, 2], [3, -4]])) },
        Case("filter", "Vector{Int64}[2, 4]") { $0.run("filter", $0.fn("iseven"), ints(1, 2, 3, 4)) },
        Case("filter tuple", "(2,)") { $0.run("filter", $0.fn("iseven"), .tuple([.int(1), .int(2)])) },
        Case("foldl(-)", "-4") { $0.run("foldl", $0.fn("-"), ints(1, 2, 3)) },
        Case("foldr(-)", "2") { $0.run("foldr", $0.fn("-"), ints(1, 2, 3)) },
        Case("foldl init", "4") { $0.run("foldl", $0.fn("+"), ints(1, 2), kw: [("init", .int(1))]) },
        Case("reduce empty", "throws ArgumentError(\"reducing over an empty collection is not allowed; consider supplying `init` to the reducer\")") {
            $0.run("reduce", $0.fn("max"), ints())
        },
        Case("reduce init", "0") { $0.run("reduce", $0.fn("+"), ints(), kw: [("init", .int(0))]) },
        Case("mapreduce", "6") { $0.run("mapreduce", $0.fn("abs"), $0.fn("+"), ints(-1, 2, -3)) },
        Case("findfirst", "2") { $0.run("findfirst", $0.fn("iseven"), ints(1, 2, 4)) },
        Case("findfirst none", "nothing") { $0.run("findfirst", $0.fn("iseven"), ints(1, 3)) },
        Case("findall", "Vector{Int64}[2, 3]") { $0.run("findall", $0.fn("iseven"), ints(1, 2, 4)) },
        Case("sort", "Vector{Int64}[1, 2, 3]") { $0.run("sort", ints(3, 1, 2)) },
        Case("sort rev", "Vector{Int64}[3, 2, 1]") { $0.run("sort", ints(3, 1, 2), kw: [("rev", .bool(true))]) },
        Case("sort by abs (stable)", "Vector{Int64}[1, -1, 2, -3]") { $0.run("sort", ints(-3, 1, 2, -1), kw: [("by", $0.fn("abs"))]) },
        Case("sort floats NaN last, -0.0 first", "Vector{Float64}[-0.0, 0.0, 1.0, nan]") { $0.run("sort", floats(.nan, 1, 0, -0.0)) },
        Case("sortperm", "Vector{Int64}[2, 3, 1]") { $0.run("sortperm", ints(3, 1, 2)) },
        Case("sort symbols", "Vector{Symbol}[:a, :b]") { $0.run("sort", .array(ArrayValue(storage: .values([sym("b"), sym("a")]), elementType: .symbol, dims: [2]))) },
        Case("(abs ∘ -)(3)", "3") { ctx in
            guard let c = try? ctx.call("∘", ctx.fn("abs"), ctx.fn("-")) else { return "compose failed" }
            return (try? ctx.call(c, [.int(3)])).map(render) ?? "call failed"
        },
        Case("foldl(∘, fs) composes left to right as Julia", "-4") { ctx in
            guard let c = try? ctx.call("foldl", ctx.fn("∘"), .tuple([ctx.fn("-"), ctx.fn("abs")])) else { return "fold failed" }
            return (try? ctx.call(c, [.int(-4)])).map(render) ?? "call failed"
        },
        Case("identity", ":x") { $0.run("identity", sym("x")) },
    ]

    @Test(arguments: dicts) func dictBehaviour(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }
    @Test(arguments: tuples) func tupleBehaviour(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }
    @Test(arguments: iteration) func iterationProtocol(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }
    @Test(arguments: higherOrder) func higherOrderFunctions(_ c: Case) { #expect(c.run(CollectionTestContext()) == c.expected) }

    @Test func seededRandomIsDeterministic() throws {
        let ctx = CollectionTestContext()
        _ = try ctx.call("seed!", .int(42))
        let a = render(try ctx.call("rand", .int(3)))
        let n1 = render(try ctx.call("randn", .int(2), .int(2)))
        _ = try ctx.call("seed!", .int(42))
        #expect(render(try ctx.call("rand", .int(3))) == a)
        #expect(render(try ctx.call("randn", .int(2), .int(2))) == n1)
        _ = try ctx.call("seed!", .int(43))
        #expect(render(try ctx.call("rand", .int(3))) != a)
    }

    @Test func randomValuesAreInRange() throws {
        let ctx = CollectionTestContext()
        _ = try ctx.call("seed!", .int(1))
        guard case .array(let a) = try ctx.call("rand", .int(1000)), case .float(let xs) = a.storage else {
            Issue.record("rand(n) is not a Float64 vector")
            return
        }
        #expect(xs.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = xs.reduce(0, +) / 1000
        #expect(abs(mean - 0.5) < 0.05)
        for _ in 0..<100 {
            guard case .int(let k) = try ctx.call("rand", range(3, 5)) else { Issue.record("not an Int"); return }
            #expect((3...5).contains(k))
        }
    }

    @Test func xoshiroMatchesReferenceVector() {
        // Reference: splitmix64 seeded with 0 gives state words
        // 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f, 0xf88bb8a8724c81ec.
        let g = Xoshiro256(seed: 0)
        let first = g.next()
        let expected = rotl(0xe220a8397b1dcdaf &+ 0xf88bb8a8724c81ec, 23) &+ 0xe220a8397b1dcdaf
        #expect(first == expected)
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
