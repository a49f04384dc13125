import SourceMap
import Zy

/// Forward mode's runtime: dual arithmetic as built-in methods, the tag
/// counter, and the API (`ForwardAPI.swift`).
///
/// Dual arithmetic is a set of Swift methods added to the standard
/// library's generic functions at install time, before any user code, with
/// signatures that name `Dual` (and concrete Int64/Float64/Bool for the
/// other arguments, so they are more specific than every existing method
/// and never ambiguous). They are not user definitions: the interpreter's
/// inline Int/Float64 arithmetic is neither deoptimised nor slowed, and a
/// dual reaches its method through the generic path that already serves
/// complex numbers and arrays.
final class ForwardMode {
    let ad: ADRuntime
    var globals: Globals { ad.globals }
    /// The last tag handed out; each derivative takes a larger one.
    private var lastTag = 0
    private var programs: [RuleKey: ForwardRules.Program] = [:]
    let calls: ForwardCalls

    init(ad: ADRuntime) {
        self.ad = ad
        self.calls = ForwardCalls(interpreter: ad.interpreter)
    }

    func newTag() -> Int {
        lastTag &+= 1
        return lastTag
    }

    static func install(into ad: ADRuntime) -> ForwardMode {
        let fm = ForwardMode(ad: ad)
        fm.installType()
        fm.installMethods()
        fm.installArrayMethods()
        fm.installAPI()
        return fm
    }

    private func installType() {
        globals.defineConstant("Dual", .type(Dual.zyType))
        // a program's own `struct Dual` replaces the name (forward mode
        // keeps using its type)
        globals.binding("Dual").isShadowable = true
        // `Dual(v, p)`: ForwardDiff's `Dual{Nothing}` (tag 0).
        globals.defineConstructor(Dual.zyType, [.real, .real]) { _, a, _ in
            Dual.make(tag: 0, value: a[0], partial: a[1])
        }
    }

    /// Every signature of `arity` parameters with at least one `Dual`, the
    /// others Int64, Float64 or Bool.
    static func signatures(_ arity: Int) -> [[ZyType]] {
        let kinds: [ZyType] = [Dual.zyType, .int64, .float64, .bool]
        var all: [[ZyType]] = [[]]
        for _ in 0..<arity { all = all.flatMap { s in kinds.map { s + [$0] } } }
        return all.filter { $0.contains(Dual.zyType) }
    }

    private func installMethods() {
        for (name, arity) in ForwardRules.reused {
            guard case .function(let f)? = globals[name], let program = ForwardRules.program(name, arity: arity) else { continue }
            programs[RuleKey(name, arity)] = program
            for sig in Self.signatures(arity) {
                globals.defineBuiltin(name, sig) { [self] _, a, _ in try apply(.function(f), program, a) }
            }
        }
        for (name, arity) in ForwardRules.onPrimal {
            guard case .function(let f)? = globals[name] else { continue }
            for sig in Self.signatures(arity) {
                globals.defineBuiltin(name, sig) { [self] _, a, _ in try calls.call(.function(f), a.map(Dual.primal)) }
            }
        }
        for name in ForwardRules.withType {
            guard case .function(let f)? = globals[name] else { continue }
            globals.defineBuiltin(name, [.dataType, Dual.zyType]) { [self] _, a, _ in
                try ad.interpreter.call(.function(f), a.map(Dual.primal))
            }
        }
        for name in ForwardRules.passThrough {
            globals.defineBuiltin(name, [Dual.zyType]) { _, a, _ in a[0] }
        }
        globals.defineBuiltin("imag", [Dual.zyType]) { [self] _, a, _ in try call("zero", [Dual.primal(a[0])]) }
        globals.defineBuiltin("sincos", [Dual.zyType]) { [self] _, a, _ in .tuple([try call("sin", a), try call("cos", a)]) }
    }

    func call(_ name: String, _ args: [Value]) throws -> Value { try calls.call(ad.global(name), args) }

    /// `f(args…)` where some arguments are duals: the primal on the primal
    /// parts of the largest tag, the tangent Σ ∂f/∂aᵢ · ȧᵢ (other tags are
    /// constants here; their duals may sit inside the primal parts).
    func apply(_ f: Value, _ program: ForwardRules.Program, _ args: [Value]) throws -> Value {
        guard let tag = Dual.topTag(args) else { return try ad.interpreter.call(f, args) }
        let parts = args.map { Dual.split($0, tag: tag) }
        let primals = parts.map(\.primal)
        let y = try calls.call(f, primals)
        let partials = try program.partials(primals, y, call: calls.call, global: { [self] name in try ad.global(name) })
        var tangent: Value? = nil
        for (i, part) in parts.enumerated() {
            guard let ȧ = part.tangent, i < partials.count, let d = partials[i] else { continue }
            let term = try call("*", [d, ȧ])
            tangent = try tangent.map { try call("+", [$0, term]) } ?? term
        }
        return Dual.make(tag: tag, value: y, partial: try tangent ?? call("zero", [Dual.primal(y)]))
    }
}
