import SourceMap

extension Interpreter {
    /// `f(x::T, …) = …`: adds or replaces a method of the generic function
    /// bound to the name; on a type name it adds an outer constructor.
    func defineMethod(_ def: CompiledMethodDefinition, _ regs: Registers) throws {
        var signature: [ZyType] = []
        for r in def.signature {
            signature.append(try Interpreter.typeOperand(regs[Int(r)], context: def.name))
        }
        if def.name.hasPrefix("(::") { return try defineCallMethod(def, signature) }
        let method = Method(signature: signature, isVarargs: def.body.isVarargs, body: .ir(def.body))
        let binding = globals.binding(def.name)
        switch binding.value {
        case .type(let t)?:
            let f = constructorMethods[t] ?? GenericFunction(name: t.description)
            constructorMethods[t] = f
            Dispatcher.add(method, to: f)
        case .function(let f)?:
            Dispatcher.add(method, to: f)
            noteOperatorChange(def.name)
        case nil:
            let f = GenericFunction(name: def.name)
            Dispatcher.add(method, to: f)
            binding.value = .function(f)
            binding.isConst = true
        case .some:
            throw Exceptions.error("cannot define function \(def.name); it already has a value")
        }
    }

    /// `(m::T)(x) = …`: the first signature type is the object's, the
    /// method goes to T's call table with the rest.
    func defineCallMethod(_ def: CompiledMethodDefinition, _ signature: [ZyType]) throws {
        guard case .structType(let ref)? = signature.first else {
            let shown = signature.first?.description ?? "Any"
            throw Exceptions.error("cannot add a call method to \(shown): only struct types can be made callable")
        }
        let table = ref.type.callMethods ?? GenericFunction(name: "(::\(ref.type.name))")
        ref.type.callMethods = table
        let method = Method(signature: Array(signature.dropFirst()), isVarargs: def.body.isVarargs, body: .ir(def.body))
        Dispatcher.add(method, to: table)
    }

    /// A type annotation's value as a type (`Int` → `Int64`).
    static func typeOperand(_ v: Value, context: String) throws -> ZyType {
        if case .type(let t) = v { return t }
        throw Exceptions.typeError(context, expected: .dataType, got: v)
    }

    /// Invalidates the inline arithmetic of an operator the user redefines:
    /// the generic instructions test the bit, and the specialised ones of
    /// every compiled function (running frames included) are rewritten.
    func noteOperatorChange(_ name: String) {
        let before = hot.pointee.overriddenOperators
        if let op = BinaryOperator.byName[name] {
            hot.pointee.overriddenOperators |= 1 << UInt32(op.rawValue)
        }
        if name == "getindex" { hot.pointee.overriddenOperators |= BinaryOperator.indexBit }
        let added = hot.pointee.overriddenOperators & ~before
        guard added != 0 else { return }
        for cf in compiled.values { cf.deoptimise(added) }
        for cf in compiledChecked.values { cf.deoptimise(added) }
    }

    func defineStruct(_ def: CompiledStructDefinition, _ regs: Registers) throws {
        var types: [ZyType] = []
        for r in def.fieldTypes { types.append(try Interpreter.typeOperand(regs[Int(r)], context: def.name)) }
        let supertype = try Interpreter.typeOperand(regs[Int(def.supertype)], context: def.name)
        guard supertype.isAbstract else {
            throw Exceptions.error("invalid subtyping in definition of \(def.name): can only subtype abstract types")
        }
        let binding = globals.binding(def.name)
        let names = def.fieldNames.map(Symbol.named)
        if let existing = binding.value, !binding.isShadowable {
            // Julia accepts an identical redefinition and keeps the old type.
            if case .type(.structType(let ref)) = existing, ref.type.isMutable == def.isMutable,
               ref.type.fieldNames == names, ref.type.fieldTypes == types, ref.type.supertype == supertype {
                return
            }
            throw Exceptions.error("invalid redefinition of constant \(def.name)")
        }
        let type = StructType(name: def.name, isMutable: def.isMutable, fieldNames: names,
                              fieldTypes: types, supertype: supertype)
        binding.value = .type(.structType(StructTypeRef(type)))
        binding.isConst = true
        binding.isShadowable = false
    }

    /// `x = v` and `const x = v` at global scope.
    func assignGlobal(_ binding: GlobalBinding, _ value: Value, asConst: Bool) throws {
        if binding.isConst, let old = binding.value {
            // Functions defined by the program are constants; a built-in name
            // may be shadowed by a program variable (`sum = 0`), as in Julia's Main.
            if case .function(let f) = old, !asConst, !f.methods.contains(where: Interpreter.isIRMethod) {
                binding.isConst = false
            } else if !(asConst && old.isIdentical(to: value)) {
                throw Exceptions.error("invalid redefinition of constant \(binding.name)")
            }
        }
        binding.value = value
        if asConst { binding.isConst = true }
        noteOperatorChange(binding.name)
    }

    static func isIRMethod(_ m: Method) -> Bool {
        if case .ir = m.body { return true }
        return false
    }

    /// Calling a type value: user outer constructors, then a struct's
    /// default constructor, then the built-in constructors.
    func construct(_ t: ZyType, _ args: [Value], _ keywords: [(Symbol, Value)]) throws -> Value {
        let callee = Value.type(t)
        if let f = constructorMethods[t], case .method(let m) = Dispatcher.select(f, args) {
            return try invoke(m, callee, args, keywords)
        }
        if case .structType(let ref) = t {
            // a built-in struct's own constructors (forward mode's `Dual(v, p)`)
            if let f = globals.constructors[t], case .method(let m) = Dispatcher.select(f, args) {
                return try invoke(m, callee, args, keywords)
            }
            guard keywords.isEmpty else { throw Exceptions.methodError(callee, args) }
            return try constructStruct(ref.type, args)
        }
        for key in Interpreter.constructorKeys(t) {
            if let f = globals.constructors[key] {
                let m = try selectMethod(f, callee, args, keywords)
                return try invoke(m, callee, args, keywords)
            }
        }
        throw Exceptions.methodError(callee, args)
    }

    /// The exact type first, then its unparameterised family.
    static func constructorKeys(_ t: ZyType) -> [ZyType] {
        switch t {
        case .array(let e, let d) where e != nil: return [t, .array(element: nil, dims: d), .array(element: nil, dims: nil)]
        case .array(nil, _?): return [t, .array(element: nil, dims: nil)]
        case .dict(let k, _) where k != nil: return [t, .dict(key: nil, value: nil)]
        case .complex(let e) where e != nil: return [t, .complex(nil)]
        case .rational(let e) where e != nil: return [t, .rational(nil)]
        case .pair(let a, _) where a != nil: return [t, .pair(nil, nil)]
        default: return [t]
        }
    }

    func constructStruct(_ type: StructType, _ args: [Value]) throws -> Value {
        let callee = Value.type(.structType(StructTypeRef(type)))
        guard args.count == type.fieldNames.count else { throw Exceptions.methodError(callee, args) }
        var fields: [Value] = []
        fields.reserveCapacity(args.count)
        for (v, t) in zip(args, type.fieldTypes) {
            guard let converted = try Interpreter.convertField(v, to: t) else {
                throw Exceptions.methodError(callee, args)
            }
            fields.append(converted)
        }
        return .structValue(StructValue(type: type, fields: fields))
    }

    /// Julia's `convert(T, v)` for a field of declared type `T`; nil when
    /// there is no conversion.
    static func convertField(_ v: Value, to t: ZyType) throws -> Value? {
        if v.isa(t) { return v }
        switch (v, t) {
        case (.int(let i), .float64): return .float(Double(i))
        case (.bool(let b), .float64): return .float(b ? 1 : 0)
        case (.rational(let n, let d), .float64): return .float(Double(n) / Double(d))
        case (.bool(let b), .int64): return .int(b ? 1 : 0)
        case (.float(let d), .int64):
            guard d.rounded() == d, let i = Int(exactly: d) else {
                throw Exceptions.inexactError("Int64", .int64, v)
            }
            return .int(i)
        default: return nil
        }
    }

}
