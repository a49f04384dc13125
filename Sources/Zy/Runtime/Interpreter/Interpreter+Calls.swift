import SourceMap

extension Interpreter {
    /// Evaluates one call site: callee, arguments (splats flattened), then
    /// dispatch through the site's inline cache.
    func perform(_ site: CallSite, _ regs: Registers) throws -> Value {
        let callee: Value
        switch site.callee {
        case .global(let binding):
            guard let v = binding.value else { throw Exceptions.undefVarError(binding.name) }
            callee = v
        case .register(let r):
            callee = regs[Int(r)]
        }
        // Cache hit on a plain Zy method: arguments go register to register.
        if site.splatted == nil, site.keywords.isEmpty, case .function(let f) = callee {
            let cache = site.cache
            if let cf = cache.pointee.compiled, cf.directArity == site.positional.count,
               cache.pointee.function === f, cache.pointee.generation == f.generation,
               Interpreter.typesMatch(site.positional, regs, cache.pointee.types) {
                return try invokeDirect(cf, selfValue: callee, site.positional, regs)
            }
        }
        var args: [Value]
        if let all = site.splatted {
            args = []
            for a in all {
                switch a {
                case .positional(let r): args.append(regs[Int(r)])
                case .splat(let r): try appendSplat(regs[Int(r)], to: &args)
                }
            }
        } else {
            args = []
            args.reserveCapacity(site.positional.count)
            for r in site.positional { args.append(regs[Int(r)]) }
        }
        if site.keywords.isEmpty, case .function(let f) = callee {
            let cache = site.cache
            if let m = cache.pointee.method, cache.pointee.function === f,
               cache.pointee.generation == f.generation, Interpreter.typesMatch(args, cache.pointee.types) {
                if let cf = cache.pointee.compiled {
                    return try invokeIR(cf, selfValue: callee, arguments: args, keywords: [])
                }
                return try invoke(m, callee, args, [])
            }
            let m = try selectMethod(f, callee, args, [])
            var compiled: CompiledFunction?
            if case .ir(let ir) = m.body { compiled = compiledFunction(ir) }
            cache.pointee = InlineCache(function: f, generation: f.generation, types: args.map(\.type),
                                        method: m, compiled: compiled)
            Interpreter.enableDirectCall(site, f, compiled, args)
            return try invoke(m, callee, args, [])
        }
        var keywords: [(Symbol, Value)] = []
        for (name, r) in site.keywords {
            if name === Interpreter.keywordSplat {
                try mergeKeywords(regs[Int(r)], into: &keywords)
            } else {
                Interpreter.setKeyword(name, regs[Int(r)], in: &keywords)
            }
        }
        return try dispatchCall(callee, args, keywords: keywords)
    }

    static let keywordSplat = Symbol.named(CallArgument.keywordSplatName)

    /// A later keyword replaces an earlier one of the same name.
    static func setKeyword(_ name: Symbol, _ value: Value, in keywords: inout [(Symbol, Value)]) {
        if let i = keywords.firstIndex(where: { $0.0 === name }) {
            keywords[i].1 = value
        } else {
            keywords.append((name, value))
        }
    }

    /// `f(; kw...)`: a NamedTuple, or any iterable of `Symbol => value` pairs.
    func mergeKeywords(_ v: Value, into keywords: inout [(Symbol, Value)]) throws {
        if case .namedTuple(let nt) = v {
            for (n, x) in zip(nt.names, nt.values) { Interpreter.setKeyword(n, x, in: &keywords) }
            return
        }
        var items: [Value] = []
        try appendSplat(v, to: &items)
        for item in items {
            guard case .pair(.symbol(let n), let x) = item else {
                throw Exceptions.argumentError("keyword argument splat must contain Symbol => value pairs")
            }
            Interpreter.setKeyword(n, x, in: &keywords)
        }
    }

    /// `Core.call_composed`, the call of a `ComposedFunction` value.
    var composedCall: GenericFunction? {
        if case .function(let f)? = globals["Core.call_composed"] { return f }
        return nil
    }

    static func typesMatch(_ args: [Value], _ types: [ZyType]) -> Bool {
        guard args.count == types.count else { return false }
        for i in 0..<args.count where !typeMatches(args[i], types[i]) { return false }
        return true
    }

    static func typesMatch(_ argRegs: [Int32], _ regs: Registers, _ types: [ZyType]) -> Bool {
        guard argRegs.count == types.count else { return false }
        for i in 0..<argRegs.count where !typeMatches(regs[Int(argRegs[i])], types[i]) { return false }
        return true
    }

    /// `typeof(v) == t`, without building the type for common values.
    @inline(__always)
    static func typeMatches(_ v: Value, _ t: ZyType) -> Bool {
        switch (v, t) {
        case (.int, .int64), (.float, .float64), (.bool, .bool), (.nothing, .nothing): return true
        case (.int, _), (.float, _), (.bool, _), (.nothing, _): return false
        case (.array(let a), .array(let e, let d)): return a.elementType == e && a.dims.count == d
        case (.structValue(let s), .structType(let ref)): return s.type === ref.type
        case (.string, .string), (.symbol, .symbol): return true
        case (.function(let f), .functionType(let name)): return f.name == name
        default: return v.type == t
        }
    }

    /// Calls any callable value (the `CallContext` entry point too).
    public func call(_ function: Value, _ arguments: [Value], keywords: [(Symbol, Value)]) throws -> Value {
        guard depth == 0 else { return try dispatchCall(function, arguments, keywords: keywords) }
        prepareStack()
        do {
            return try dispatchCall(function, arguments, keywords: keywords)
        } catch let z as ZyException {
            throw takePendingFrames(z)
        }
    }

    func dispatchCall(_ function: Value, _ arguments: [Value], keywords: [(Symbol, Value)]) throws -> Value {
        switch function {
        case .function(let f):
            let m = try selectMethod(f, function, arguments, keywords)
            return try invoke(m, function, arguments, keywords)
        case .closure(let c):
            return try invokeIR(compiledFunction(c.body), selfValue: function, arguments: arguments, keywords: keywords)
        case .type(let t):
            return try construct(t, arguments, keywords)
        case .structValue(let s) where s.type.callMethods != nil:
            // `(m::T)(x) = …`: the object is the method's `%1`.
            guard let table = s.type.callMethods, case .method(let m) = Dispatcher.select(table, arguments) else {
                throw Exceptions.methodError(function, arguments)
            }
            return try invoke(m, function, arguments, keywords)
        case .structValue where composedCall != nil:
            // Callable built-in structs (`f ∘ g`): the built-in takes the
            // object as its first argument.
            guard let f = composedCall, case .method(let m) = Dispatcher.select(f, [function] + arguments) else {
                throw Exceptions.methodError(function, arguments)
            }
            return try invoke(m, .function(f), [function] + arguments, keywords)
        default:
            throw Exceptions.methodError(function, arguments)
        }
    }

    func selectMethod(_ f: GenericFunction, _ callee: Value, _ args: [Value], _ keywords: [(Symbol, Value)]) throws -> Method {
        switch Dispatcher.select(f, args) {
        case .method(let m): return m
        case .noMethod, .ambiguous: throw Exceptions.methodError(callee, args)
        }
    }

    func invoke(_ m: Method, _ callee: Value, _ args: [Value], _ keywords: [(Symbol, Value)]) throws -> Value {
        switch m.body {
        case .builtin(let body):
            try countStep()
            // Built-ins calling back into Zy recurse on the Swift stack too.
            if BigStack.currentAddress() < hot.pointee.stackFloor { throw Exceptions.stackOverflow() }
            let unwound = hot.pointee.pendingFrames.count
            let v = try body(self, args, keywords)
            // A built-in that caught an error from a callback leaves no frames behind.
            if hot.pointee.pendingFrames.count != unwound { hot.pointee.pendingFrames.removeSubrange(unwound...) }
            return v
        case .ir(let ir):
            return try invokeIR(compiledFunction(ir), selfValue: callee, arguments: args, keywords: keywords)
        }
    }

    /// Binds arguments to block 1 (varargs packed into a tuple, keywords into
    /// a NamedTuple) and runs the body.
    func invokeIR(_ cf: CompiledFunction, selfValue: Value, arguments: [Value],
                  keywords: [(Symbol, Value)]) throws -> Value {
        let ir = cf.ir
        let regs = hot.pointee.registers.push(cf.registerCount)
        cf.initialiseRegisters(regs)
        defer {
            cf.deinitialiseRegisters(regs)
            hot.pointee.registers.pop(regs, cf.registerCount)
        }
        let entry = cf.entryRegisters
        let fixed = ir.isVarargs ? ir.parameterNames.count - 1 : ir.parameterNames.count
        let arityOK = ir.isVarargs ? arguments.count >= fixed : arguments.count == fixed
        guard arityOK, entry.count == ir.argumentCount else {
            throw Exceptions.methodError(selfValue, arguments)
        }
        if !keywords.isEmpty && ir.keywordNames.isEmpty {
            throw Exceptions.methodError(selfValue, arguments)
        }
        if entry.count > 0 { regs[Int(entry[0])] = selfValue }
        for i in 0..<fixed { regs[Int(entry[i + 1])] = arguments[i] }
        if ir.isVarargs { regs[Int(entry[fixed + 1])] = .tuple(Array(arguments[fixed...])) }
        if !ir.keywordNames.isEmpty, let last = entry.last {
            regs[Int(last)] = .namedTuple(NamedTupleValue(names: keywords.map(\.0), values: keywords.map(\.1)))
        }
        try enterFrame()
        defer { hot.pointee.depth -= 1 }
        if let observer = hot.pointee.observer {
            observer.functionEntered(function: ir, arguments: arguments, phase: phase, depth: depth)
            let v = try execute(cf, regs)
            observer.functionReturned(function: ir, value: v, phase: phase, depth: depth)
            return v
        }
        return try execute(cf, regs)
    }

    /// Runs a plain method (fixed arity, no keywords) taking its arguments
    /// straight from the caller's registers.
    func invokeDirect(_ cf: CompiledFunction, selfValue: Value, _ argRegs: [Int32], _ callerRegs: Registers) throws -> Value {
        let regs = hot.pointee.registers.push(cf.registerCount)
        cf.initialiseRegisters(regs)
        defer {
            cf.deinitialiseRegisters(regs)
            hot.pointee.registers.pop(regs, cf.registerCount)
        }
        let entry = cf.entryRegisters
        Interpreter.store(regs + Int(entry[0]), selfValue)
        for i in 0..<argRegs.count {
            Interpreter.store(regs + Int(entry[i + 1]), callerRegs[Int(argRegs[i])])
        }
        try enterFrame()
        defer { hot.pointee.depth -= 1 }
        if let observer = hot.pointee.observer {
            let arguments = argRegs.map { callerRegs[Int($0)] }
            observer.functionEntered(function: cf.ir, arguments: arguments, phase: phase, depth: depth)
            let v = try execute(cf, regs)
            observer.functionReturned(function: cf.ir, value: v, phase: phase, depth: depth)
            return v
        }
        return try execute(cf, regs)
    }

    @inline(__always)
    func enterFrame() throws {
        try countStep()
        if hot.pointee.depth >= hot.pointee.maxDepth || (hot.pointee.stackFloor != 0 && BigStack.currentAddress() < hot.pointee.stackFloor) {
            throw Exceptions.stackOverflow()
        }
        hot.pointee.depth += 1
    }

    /// Appends the elements of a splatted value: tuples, arrays, ranges,
    /// strings directly; anything else through `iterate`.
    func appendSplat(_ v: Value, to args: inout [Value]) throws {
        switch v {
        case .tuple(let vs): args.append(contentsOf: vs)
        case .namedTuple(let nt): args.append(contentsOf: nt.values)
        case .array(let a):
            switch a.storage {
            case .float(let ds): args.append(contentsOf: ds.map(Value.float))
            case .values(let vs): args.append(contentsOf: vs)
            }
        case .range(let r):
            guard r.step != 0 else { return }
            var i = r.start
            while r.step > 0 ? i <= r.stop : i >= r.stop {
                args.append(.int(i))
                let (next, overflow) = i.addingReportingOverflow(r.step)
                if overflow { break }
                i = next
            }
        case .string(let s): args.append(contentsOf: s.map(Value.char))
        case .pair(let a, let b): args.append(a); args.append(b)
        default: try appendIterated(v, to: &args)
        }
    }

    func appendIterated(_ v: Value, to args: inout [Value]) throws {
        guard let iterate = globals["iterate"] else { throw Exceptions.methodError(.nothing, [v]) }
        var next = try call(iterate, [v])
        while case .tuple(let pair) = next, pair.count == 2 {
            args.append(pair[0])
            next = try call(iterate, [v, pair[1]])
        }
    }
}
