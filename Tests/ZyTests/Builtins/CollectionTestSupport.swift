import Foundation
import Testing
@testable import Zy

/// A stand-in for the interpreter: calls built-in generic functions by
/// choosing the most specific applicable method (by `isa`), calls type
/// values through the constructor table, and `ComposedFunction` values
/// through `Core.call_composed`.
final class CollectionTestContext: CallContext {
    let globals: Globals
    var output = ""

    init() {
        globals = Globals()
        CollectionBuiltins.install(into: globals)
        CollectionTestScalars.install(into: globals)
    }

    func call(_ function: Value, _ arguments: [Value]) throws -> Value {
        try call(function, arguments, keywords: [])
    }

    func call(_ function: Value, _ arguments: [Value], keywords: [(Symbol, Value)]) throws -> Value {
        switch function {
        case .function(let f): return try dispatch(f, function, arguments, keywords)
        case .type(let t):
            let family: ZyType? = {
                switch t {
                case .array(_, let d): return .array(element: nil, dims: d)
                case .dict: return .dict(key: nil, value: nil)
                default: return nil
                }
            }()
            if let f = globals.constructors[t] ?? family.flatMap({ globals.constructors[$0] }) {
                return try dispatch(f, function, arguments, keywords)
            }
        case .structValue(let s) where s.type === HigherOrderBuiltins.composedFunctionType:
            return try call(globals["Core.call_composed"] ?? .nothing, [function] + arguments, keywords: keywords)
        default: break
        }
        throw Exceptions.methodError(function, arguments)
    }

    private func applicable(_ m: Zy.Method, _ args: [Value]) -> Bool {
        if m.isVarargs {
            guard args.count >= m.signature.count - 1 else { return false }
        } else if args.count != m.signature.count { return false }
        for (k, a) in args.enumerated() {
            guard let t = k < m.signature.count ? m.signature[k] : m.signature.last, a.isa(t) else { return false }
        }
        return true
    }

    private func moreSpecific(_ a: Zy.Method, _ b: Zy.Method) -> Bool {
        let n = max(a.signature.count, b.signature.count)
        for k in 0..<n {
            guard let x = k < a.signature.count ? a.signature[k] : a.signature.last,
                  let y = k < b.signature.count ? b.signature[k] : b.signature.last else { continue }
            if !x.isSubtype(of: y) { return false }
        }
        return true
    }

    private func dispatch(_ f: GenericFunction, _ fv: Value, _ args: [Value], _ kw: [(Symbol, Value)]) throws -> Value {
        let candidates = f.methods.filter { applicable($0, args) }
        guard var best = candidates.first else { throw Exceptions.methodError(fv, args) }
        for m in candidates.dropFirst() where moreSpecific(m, best) && !moreSpecific(best, m) { best = m }
        guard case .builtin(let body) = best.body else { throw Exceptions.methodError(fv, args) }
        return try body(self, args, kw)
    }

    func write(_ text: String) { output += text }
    func readLine() -> String? { nil }

    // MARK: Conveniences for tests

    func fn(_ name: String) -> Value { globals[name] ?? .nothing }

    func call(_ name: String, _ args: Value..., kw: [(String, Value)] = []) throws -> Value {
        try call(fn(name), args, keywords: kw.map { (Symbol.named($0.0), $0.1) })
    }

    /// The rendering of a call's result, or of the exception it threw.
    func run(_ name: String, _ args: Value..., kw: [(String, Value)] = []) -> String {
        do {
            return render(try call(fn(name), args, keywords: kw.map { (Symbol.named($0.0), $0.1) }))
        } catch let e as ZyException {
            return "throws " + render(e.value)
        } catch {
            return "swift error \(error)"
        }
    }
}

/// Scalar operations the collection code calls back into; the real ones
/// live in the scalar built-ins (another branch), so tests bring their own.
enum CollectionTestScalars {
    static func install(into g: Globals) {
        func num(_ name: String, _ i: @escaping (Int, Int) -> Value, _ d: @escaping (Double, Double) -> Value) {
            g.defineBuiltin(name, [.real, .real]) { _, a, _ in
                if case .int(let x) = a[0], case .int(let y) = a[1] { return i(x, y) }
                return d(CollectionSupport.asDouble(a[0]), CollectionSupport.asDouble(a[1]))
            }
        }
        num("+", { .int($0 &+ $1) }, { .float($0 + $1) })
        num("-", { .int($0 &- $1) }, { .float($0 - $1) })
        num("*", { .int($0 &* $1) }, { .float($0 * $1) })
        num("^", { .int(Int(Foundation.pow(Double($0), Double($1)))) }, { .float(Foundation.pow($0, $1)) })
        num("max", { .int(max($0, $1)) }, { .float(max($0, $1)) })
        num("<", { .bool($0 < $1) }, { .bool($0 < $1) })
        num(">", { .bool($0 > $1) }, { .bool($0 > $1) })
        num("==", { .bool($0 == $1) }, { .bool($0 == $1) })
        g.defineBuiltin("-", [.real]) { _, a, _ in
            if case .int(let x) = a[0] { return .int(0 &- x) }
            return .float(-CollectionSupport.asDouble(a[0]))
        }
        g.defineBuiltin("abs", [.real]) { _, a, _ in
            if case .int(let x) = a[0] { return .int(x < 0 ? 0 &- x : x) }
            return .float(Swift.abs(CollectionSupport.asDouble(a[0])))
        }
        g.defineBuiltin("iseven", [.int64]) { _, a, _ in
            if case .int(let x) = a[0] { return .bool(x % 2 == 0) }
            return .bool(false)
        }
        g.defineBuiltin("iszero", [.real]) { _, a, _ in .bool(CollectionSupport.asDouble(a[0]) == 0) }
        g.defineBuiltin("string", [.any], varargs: true) { _, a, _ in .string(a.map(render).joined()) }
        g.defineBuiltin("sin", [.real]) { _, a, _ in .float(_sin(CollectionSupport.asDouble(a[0]))) }
    }

    private static func _sin(_ x: Double) -> Double {
        var (term, sum) = (x, x)
        for k in 1..<30 { term *= -x * x / Double((2 * k) * (2 * k + 1)); sum += term }
        return sum
    }
}

/// A compact, unambiguous rendering of values for expectations: the type
/// of each array is shown, matrices row by row.
func render(_ v: Value) -> String {
    switch v {
    case .nothing: return "nothing"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let d): return String(d)
    case .complex(let re, let im): return "\(render(re))+\(render(im))im"
    case .rational(let n, let d): return "\(n)//\(d)"
    case .char(let c): return "'\(c)'"
    case .string(let s): return "\"\(s)\""
    case .symbol(let s): return ":" + s.name
    case .tuple(let vs): return "(" + vs.map(render).joined(separator: ", ") + (vs.count == 1 ? ",)" : ")")
    case .namedTuple(let nt):
        return "(" + zip(nt.names, nt.values).map { "\($0.name) = \(render($1))" }.joined(separator: ", ") + ")"
    case .pair(let a, let b): return "\(render(a)) => \(render(b))"
    case .range(let r): return r.isUnit ? "\(r.start):\(r.stop)" : "\(r.start):\(r.step):\(r.stop)"
    case .array(let a):
        let xs = CollectionSupport.elements(a).map(render)
        let t = ZyType.array(element: a.elementType, dims: a.dims.count).description
        if a.dims.count == 2 {
            let (m, n) = (a.dims[0], a.dims[1])
            let rows = (0..<m).map { i in (0..<n).map { j in xs[j * m + i] }.joined(separator: " ") }
            return t + "[" + rows.joined(separator: "; ") + "]"
        }
        return t + "[" + xs.joined(separator: ", ") + "]"
    case .dict(let d):
        let body = zip(d.keys, d.values).map { "\(render($0)) => \(render($1))" }.joined(separator: ", ")
        return "Dict{\(d.keyType), \(d.valueType)}(\(body))"
    case .function(let f): return f.name
    case .closure(let c): return c.body.name
    case .structValue(let s): return s.type.name + "(" + s.fields.map(render).joined(separator: ", ") + ")"
    case .type(let t): return t.description
    case .box: return "Core.Box"
    }
}

func ints(_ xs: Int...) -> Value {
    .array(ArrayValue(storage: .values(xs.map { .int($0) }), elementType: .int64, dims: [xs.count]))
}

func floats(_ xs: Double...) -> Value {
    .array(ArrayValue(storage: .float(xs), elementType: .float64, dims: [xs.count]))
}

func matrix(_ rows: [[Double]]) -> Value {
    let m = rows.count, n = rows.first?.count ?? 0
    var xs: [Double] = []
    for j in 0..<n { for i in 0..<m { xs.append(rows[i][j]) } }
    return .array(ArrayValue(storage: .float(xs), elementType: .float64, dims: [m, n]))
}

func sym(_ s: String) -> Value { .symbol(.named(s)) }
func range(_ a: Int, _ b: Int) -> Value { .range(RangeValue(start: a, step: 1, stop: max(b, a - 1), isUnit: true)) }
