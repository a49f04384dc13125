@testable import Zy

/// A Globals with the scalar built-ins installed, and a minimal dispatcher
/// (most specific applicable method) standing in for the interpreter.
final class ScalarHarness: CallContext {
    let globals = Globals()
    var output = ""
    var input: [String] = []
    /// Stand-ins for Zy-defined (IR) methods, by IR function name.
    var irMethods: [String: BuiltinFunction] = [:]

    init() {
        TypeBuiltins.install(into: globals)
        NumberBuiltins.install(into: globals)
        MathBuiltins.install(into: globals)
        StringBuiltins.install(into: globals)
        IOBuiltins.install(into: globals)
        ErrorBuiltins.install(into: globals)
    }

    struct NoMethod: Error {}

    static func applicable(_ m: Method, _ args: [Value]) -> Bool {
        let sig = m.signature
        if m.isVarargs {
            guard args.count >= sig.count - 1 else { return false }
        } else if args.count != sig.count {
            return false
        }
        for (i, a) in args.enumerated() {
            let t = i < sig.count ? sig[i] : (sig.last ?? .any)
            if !a.isa(t) { return false }
        }
        return true
    }

    static func moreSpecific(_ a: Method, _ b: Method) -> Bool {
        if a.isVarargs != b.isVarargs { return !a.isVarargs }
        return a.signature.count >= b.signature.count && zip(a.signature, b.signature).allSatisfy { $0.isSubtype(of: $1) }
    }

    /// Defines a "user" method of `name` whose body runs `body` (as if it
    /// were Zy code), so dispatch sees an IR method.
    func defineUserMethod(_ name: String, _ signature: [ZyType], _ body: @escaping BuiltinFunction) {
        let ir = IRFunction(name: "user " + name + " \(irMethods.count)")
        irMethods[ir.name] = body
        globals.genericFunction(name)?.methods.append(Method(signature: signature, isVarargs: false, body: .ir(ir)))
    }

    func call(_ function: Value, _ arguments: [Value]) throws -> Value {
        try call(function, arguments, keywords: [])
    }

    func call(_ function: Value, _ arguments: [Value], keywords: [(Symbol, Value)]) throws -> Value {
        var methods: [Method] = []
        switch function {
        case .function(let f): methods = f.methods
        case .type(let t): methods = globals.constructors[t]?.methods ?? []
        default: throw NoMethod()
        }
        let candidates = methods.filter { Self.applicable($0, arguments) }
        guard var best = candidates.first else { throw Exceptions.methodError(function, arguments) }
        for m in candidates.dropFirst() where Self.moreSpecific(m, best) { best = m }
        switch best.body {
        case .builtin(let body): return try body(self, arguments, keywords)
        case .ir(let f):
            guard let body = irMethods[f.name] else { throw NoMethod() }
            return try body(self, arguments, keywords)
        }
    }

    func write(_ text: String) { output += text }
    func readLine() -> String? { input.isEmpty ? nil : input.removeFirst() }

    /// Calls the global `name`.
    func callGlobal(_ name: String, _ args: [Value], _ keywords: [(String, Value)] = []) throws -> Value {
        guard let f = globals[name] else { throw NoMethod() }
        return try call(f, args, keywords: keywords.map { (Symbol.named($0.0), $0.1) })
    }

    /// `repr` of the result, or `ERROR: message` of the exception.
    func eval(_ name: String, _ args: [Value], _ keywords: [(String, Value)] = []) -> String {
        do {
            return Show.repr(try callGlobal(name, args, keywords))
        } catch let e as ZyException {
            return "ERROR: " + Show.errorMessage(e.value)
        } catch {
            return "harness error \(error)"
        }
    }
}

func I(_ i: Int) -> Value { .int(i) }
func F(_ x: Double) -> Value { .float(x) }
func S(_ s: String) -> Value { .string(s) }
func Q(_ n: Int, _ d: Int) -> Value { .rational(n, d) }
func Z(_ a: Value, _ b: Value) -> Value { .complex(a, b) }
func T(_ t: ZyType) -> Value { .type(t) }
func Sym(_ s: String) -> Value { .symbol(.named(s)) }
