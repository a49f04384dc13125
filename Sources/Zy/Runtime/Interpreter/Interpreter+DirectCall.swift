/// The call path for the common case: a global generic function, a cached
/// fixed-arity Zy method and scalar arguments. Everything it checks is
/// read without retaining: the binding's version (not its value), the
/// function's generation, and each argument's kind.
extension Interpreter {
    /// The result of the call, or nil when the cache does not cover it
    /// (then `perform` does the full call and refills the cache).
    @inline(__always)
    func callCached(_ site: CallSite, _ regs: Registers) throws -> Value? {
        let c = site.cache
        let n = Int(c.pointee.directArity)
        guard n >= 0, let binding = site.bindingRef,
              binding._withUnsafeGuaranteedRef({ $0.version }) == c.pointee.bindingVersion,
              let f = c.pointee.directFunction, f._withUnsafeGuaranteedRef({ $0.generation }) == c.pointee.generation,
              let cf = c.pointee.directCompiled, hot.pointee.observer == nil else { return nil }
        var kinds: UInt64 = 0
        for i in 0..<n { kinds |= Interpreter.scalarKind(regs + Int(site.arguments[i])) &<< UInt64(8 &* i) }
        guard kinds == c.pointee.argumentKinds else { return nil }
        return try cf._withUnsafeGuaranteedRef { try invokeScalar($0, f, site.arguments, n, regs) }
    }

    /// Runs `cf` on scalar arguments copied byte for byte from the caller.
    func invokeScalar(_ cf: CompiledFunction, _ f: Unmanaged<GenericFunction>, _ argRegs: UnsafeMutablePointer<Int32>,
                      _ n: Int, _ callerRegs: Registers) throws -> Value {
        let regs = hot.pointee.registers.push(cf.registerCount)
        cf.initialiseRegisters(regs)
        defer {
            cf.deinitialiseRegisters(regs)
            hot.pointee.registers.pop(regs, cf.registerCount)
        }
        try cf.entryRegisters.withUnsafeBufferPointer { entry in
            guard entry.count == n + 1 else { throw InternalError("arity mismatch calling \(cf.ir.name)") }
            if cf.readsSelf { Interpreter.store(regs + Int(entry[0]), .function(f.takeUnretainedValue())) }
            for i in 0..<n {
                // Scalars, over the template's `nothing`: no retain, no release.
                let d = regs + Int(entry[i + 1])
                if Interpreter.isScalar(d) {
                    UnsafeMutableRawPointer(d).copyMemory(from: UnsafeRawPointer(callerRegs + Int(argRegs[i])),
                                                          byteCount: MemoryLayout<Value>.size)
                } else {
                    d.pointee = callerRegs[Int(argRegs[i])]
                }
            }
        }
        try enterFrame()
        defer { hot.pointee.depth -= 1 }
        return try execute(cf, regs)
    }

    /// 1 `Int`, 2 `Float64`, 3 `Bool`, 4 `nothing`, 0 anything else.
    @inline(__always)
    static func scalarKind(_ p: Registers) -> UInt64 {
        switch p.pointee {
        case .int: return 1
        case .float: return 2
        case .bool: return 3
        case .nothing: return 4
        default: return 0
        }
    }

    /// Arms the direct path of a call site whose cache `perform` just filled,
    /// when the call qualifies.
    static func enableDirectCall(_ site: CallSite, _ f: GenericFunction, _ compiled: CompiledFunction?,
                                 _ args: [Value]) {
        let c = site.cache
        c.pointee.directArity = -1
        guard let cf = compiled, let binding = site.binding, site.splatted == nil, site.keywords.isEmpty,
              args.count <= 8, cf.directArity == args.count, case .function(let bound)? = binding.value,
              bound === f else { return }
        var kinds: UInt64 = 0
        for (i, a) in args.enumerated() {
            let k: UInt64
            switch a {
            case .int: k = 1
            case .float: k = 2
            case .bool: k = 3
            case .nothing: k = 4
            default: return
            }
            kinds |= k << UInt64(8 * i)
        }
        c.pointee.argumentKinds = kinds
        c.pointee.bindingVersion = binding.version
        c.pointee.directFunction = Unmanaged.passUnretained(f)
        c.pointee.directCompiled = Unmanaged.passUnretained(cf)
        c.pointee.directArity = Int32(args.count)
    }
}
