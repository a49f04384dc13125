import SourceMap

/// `--check-finite` in the interpreter: a cache of checked code, and the
/// slow path of `Op.checkFinite`, taken only when a result is not a finite
/// Float64 or a plain Int/Bool/nothing.
extension Interpreter {
    func checkedFunction(_ ir: IRFunction) -> CompiledFunction {
        let key = ObjectIdentifier(ir)
        if let c = compiledChecked[key] { return c }
        let c = Compiler.compile(ir, globals: globals, checksFinite: !isImplementation(ir))
        c.deoptimise(hot.pointee.overriddenOperators)
        compiledChecked[key] = c
        return c
    }

    func isImplementation(_ ir: IRFunction) -> Bool {
        ir.isInternal || nonFiniteExplainer?.isImplementation(ir) == true
    }

    /// Throws `NonFiniteError` when the statement defining `variable` made a
    /// non-finite value from finite inputs and is the origin of it.
    /// `inputs`: the positional arguments' values when their registers may
    /// already hold the result (a checked in-place form off the Float64 path).
    @inline(never)
    func nonFiniteResult(_ cf: CompiledFunction, _ result: Value, _ siteIndex: Int32, _ variable: Int32,
                         _ regs: Registers, inputs: [Value]? = nil) throws {
        guard let flaw = NonFinite.find(result), Int(siteIndex) < cf.sites.count else { return }
        let site = cf.sites[Int(siteIndex)]
        let registers: [Int32] = site.splatted?.map {
            switch $0 { case .positional(let r), .splat(let r): return r }
        } ?? site.positional
        let values = inputs ?? registers.map { regs[Int($0)] }
        let keywordValues = site.keywords.map { regs[Int($0.1)] }
        if (values + keywordValues).contains(where: { NonFinite.find($0) != nil }) { return }
        // No numbers in: the value was asked for (`typemax(Float64)`,
        // `parse(Float64, "Inf")`), not computed.
        guard values.contains(where: NonFinite.isNumeric) else { return }
        let callee: Value?
        switch site.callee {
        case .global(let binding): callee = binding.value
        case .register(let r): callee = regs[Int(r)]
        }
        // With splats the arguments are not spread here: any Zy method may run.
        if let callee, site.splatted == nil ? runsUserCode(callee, values) : holdsUserCode(callee) { return }
        if values.contains(where: holdsUserCode) { return }
        guard let statement = NonFinite.statement(defining: Int(variable), in: cf.ir),
              case .call(_, let irArguments) = statement.instruction else { return }
        let positional = irArguments.filter { if case .keyword = $0 { return false } else { return true } }
        let pairs = zip(positional.map(\.operand), values).map { ($0, $1) }
        // A variable sharing its register (coalescing) may hold another's value.
        let described = NonFiniteSite(
            function: cf.ir, statement: statement, result: result, flaw: flaw, arguments: pairs, phase: phase,
            valueOf: { v in
                guard v > 0, v < cf.registerTemplate.count, !cf.sharedRegisters.contains(v) else { return nil }
                return regs[v]
            })
        let message = nonFiniteExplainer?.describe(described) ?? described.plainDescription
        throw Exceptions.nonFiniteError(message)
    }

    /// Calling `f` runs checked Zy code, whose statements answer for themselves.
    func runsUserCode(_ f: Value, _ args: [Value]) -> Bool {
        switch f {
        case .closure(let c):
            return !isImplementation(c.body)
        case .function(let g):
            guard case .method(let m) = Dispatcher.select(g, args), case .ir(let ir) = m.body else { return false }
            return !isImplementation(ir)
        case .structValue(let s) where s.type.callMethods != nil:
            // a callable struct runs its call method `(m::T)(x) = …`
            return s.type.callMethods.map { runsUserCode(.function($0), args) } ?? false
        default:
            return false
        }
    }

    /// A function argument with user code (`map(f, xs)`): what it returns
    /// was checked inside it.
    func holdsUserCode(_ v: Value) -> Bool {
        switch v {
        case .closure(let c):
            return !isImplementation(c.body)
        case .function(let g):
            return g.methods.contains { m in
                if case .ir(let ir) = m.body { return !isImplementation(ir) }
                return false
            }
        case .structValue(let s) where s.type.callMethods != nil:
            return s.type.callMethods.map { holdsUserCode(.function($0)) } ?? false
        default:
            return false
        }
    }
}
