import SourceMap
import Zy

/// The forward-mode API: `derivative`, `pushforward`, `hessian` (forward
/// over reverse), `jacobian` (reverse, as Zygote's) and `forwarddiff`
/// (forward mode inside a reverse-mode gradient).
extension ForwardMode {
    func installAPI() {
        define("derivative", 2) { [self] a in
            let x = try realInput("derivative", a)
            let tag = newTag()
            let y = try ad.interpreter.call(a[0], [Dual.make(tag: tag, value: x, partial: try call("one", [x]))])
            return try tangent(y, tag: tag, "derivative")
        }
        define("pushforward", 3) { [self] a in
            let tag = newTag()
            let y = try ad.interpreter.call(a[0], [try seed(a[1], a[2], tag: tag)])
            return try tangent(y, tag: tag, "pushforward")
        }
        define("hessian", 2) { [self] a in try hessian(a[0], a[1]) }
        define("jacobian", nil) { [self] a in try jacobian(a[0], Array(a.dropFirst())) }
        define("forwarddiff", 2) { [self] a in try ad.interpreter.call(a[0], [a[1]]) }
        define("__fwd_jacobian", 2) { [self] a in try forwardJacobian(a[0], a[1]) }
        globals.defineBuiltin("__fwd_vjp", [.any, .any, .any]) { [self] _, a, _ in try vjp(a[0], a[1], a[2]) }
        loadPrelude()
    }

    /// `forwarddiff`'s pullback multiplies by the Jacobian forward mode
    /// stored (Zygote's: the function itself gets no gradient).
    static let prelude = #"""
    @adjoint function forwarddiff(f, x)
        y, J = __fwd_jacobian(f, x)
        y, ȳ -> (nothing, __fwd_vjp(J, ȳ, x))
    end
    """#

    private func loadPrelude() {
        let before = Set(globals.names)
        do {
            try ad.session.run(file: SourceFile(name: "AD prelude", text: Self.prelude))
        } catch {
            // Fixed text covered by tests; a failure here is a bug.
            ad.interpreter.write("internal error: forward-mode prelude failed: \(error)\n")
        }
        for name in globals.names where !before.contains(name) {
            guard case .function(let g)? = globals[name] else { continue }
            for m in g.methods { if case .ir(let ir) = m.body { ADRuntime.markInternal(ir) } }
        }
    }

    /// A user-facing function taking a callable then `arity` - 1 values (nil:
    /// any number): errors from the callable that meet a dual without a
    /// method are reworded to name the function lacking a forward rule.
    private func define(_ name: String, _ arity: Int?, _ body: @escaping ([Value]) throws -> Value) {
        let sig: [ZyType] = arity.map { Array(repeating: .any, count: $0) } ?? [.any, .any]
        globals.defineBuiltin(name, sig, varargs: arity == nil) { [self] _, a, _ in
            do {
                return try ad.differentiating({ ad.callLabel(name, a) }) { try body(a) }
            } catch var z as ZyException {
                if let message = noRuleMessage(z.value) { z.value = Exceptions.error(message).value }
                throw z
            }
        }
    }

    /// "no forward-mode rule for gamma(::Dual)" for a MethodError of a
    /// built-in called with a dual.
    func noRuleMessage(_ error: Value) -> String? {
        guard case .structValue(let e) = error, e.type === Exceptions.methodErrorType, e.fields.count == 2,
              case .tuple(let args) = e.fields[1], args.contains(where: Self.holdsDual) else { return nil }
        let name: String
        switch e.fields[0] {
        case .function(let g) where !g.methods.contains(where: { if case .ir = $0.body { return true } else { return false } }):
            name = g.name
        case .type(let t):
            name = t.description  // a conversion such as Float64(d), which would drop the derivative
        default:
            return nil
        }
        return "no forward-mode rule for \(ADRuntime.signature(e.fields[0], args)): forward mode runs "
            + "the function on dual numbers, and \(name) has no method for them"
    }

    static func holdsDual(_ v: Value) -> Bool {
        if Dual.isDual(v) { return true }
        if case .array(let a) = v, case .values(let xs) = a.storage { return xs.contains(where: Dual.isDual) }
        return false
    }

    static func isReal(_ v: Value) -> Bool {
        switch v {
        case .int, .float, .rational, .bool: return true
        default: return Dual.isDual(v)
        }
    }

    /// derivative's x: a real number (a dual of an outer derivative too).
    func realInput(_ name: String, _ a: [Value]) throws -> Value {
        guard Self.isReal(a[1]) else {
            throw Exceptions.argumentError("\(name)(f, x) takes a real number x; got a \(a[1].type): "
                + "use jacobian(f, x) or pushforward(f, x, ẋ) for arrays")
        }
        return a[1]
    }

    /// x with tangent ẋ: a dual, or an array of duals elementwise.
    func seed(_ x: Value, _ ẋ: Value, tag: Int) throws -> Value {
        switch (x, ẋ) {
        case (.array(let xs), .array(let ts)):
            guard xs.dims == ts.dims else {
                throw Exceptions.dimensionMismatch("pushforward: x has size \(ADRuntime.shape(xs.dims)) "
                    + "but ẋ has size \(ADRuntime.shape(ts.dims))")
            }
            let duals = (0..<xs.count).map { Dual.make(tag: tag, value: ADRuntime.element(xs, $0), partial: ADRuntime.element(ts, $0)) }
            return .array(ArrayValue(storage: .values(duals), elementType: Dual.zyType, dims: xs.dims))
        case (.tuple(let xs), .tuple(let ts)) where xs.count == ts.count:
            return .tuple(try zip(xs, ts).map { try seed($0, $1, tag: tag) })
        case _ where Self.isReal(x) && Self.isReal(ẋ):
            return Dual.make(tag: tag, value: x, partial: ẋ)
        default:
            throw Exceptions.argumentError("pushforward(f, x, ẋ) takes real numbers, or arrays of the same size, "
                + "for x and ẋ; got a \(x.type) and a \(ẋ.type)")
        }
    }

    /// The ε-part of the derivative `tag` in y: numbers without it have a
    /// zero tangent; arrays and tuples elementwise; duals of later tags keep
    /// their own ε with this one taken out of both parts.
    func tangent(_ y: Value, tag: Int, _ api: String) throws -> Value {
        try walk(y, api) { d, v in
            if d.tag == tag { return d.partial }
            if d.tag > tag {
                return Dual.make(tag: d.tag, value: try tangent(d.value, tag: tag, api), partial: try tangent(d.partial, tag: tag, api))
            }
            return try call("zero", [Dual.primal(v)])
        } plain: { v in try call("zero", [v]) }
    }

    /// y with the derivative `tag`'s ε dropped.
    func primalPart(_ y: Value, tag: Int) throws -> Value {
        try walk(y, "forwarddiff") { d, v in
            if d.tag == tag { return d.value }
            if d.tag > tag {
                return Dual.make(tag: d.tag, value: try primalPart(d.value, tag: tag), partial: try primalPart(d.partial, tag: tag))
            }
            return v
        } plain: { $0 }
    }

    private func walk(_ y: Value, _ api: String, dual: (Dual.Parts, Value) throws -> Value,
                      plain: (Value) throws -> Value) throws -> Value {
        if let d = Dual.parts(y) { return try dual(d, y) }
        switch y {
        case .int, .float, .bool, .rational: return try plain(y)
        case .array(let a):
            let parts = try (0..<a.count).map { try walk(ADRuntime.element(a, $0), api, dual: dual, plain: plain) }
            return ADRuntime.array(parts, dims: a.dims)
        case .tuple(let xs):
            return .tuple(try xs.map { try walk($0, api, dual: dual, plain: plain) })
        case .nothing:
            return .nothing
        default:
            throw Exceptions.argumentError("\(api): the function returned a \(y.type); "
                + "forward mode differentiates real numbers and arrays or tuples of them")
        }
    }
}
