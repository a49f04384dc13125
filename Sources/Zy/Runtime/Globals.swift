/// A global variable slot. The interpreter resolves each `.global(name)`
/// operand to its binding once, when a function's IR is compiled, so reading
/// a global on the hot path is a pointer load, not a dictionary lookup.
public final class GlobalBinding {
    public let name: String
    /// nil while the global is undefined (reading it is an `UndefVarError`).
    public var value: Value? {
        didSet { version &+= 1 }
    }
    /// Bumped on every assignment, so call-site caches can tell the callee
    /// is unchanged without reading (and retaining) it.
    public private(set) var version = 0
    public var isConst: Bool = false
    /// A built-in name a program may define as its own struct (forward
    /// mode's `Dual`: Julia has none until `using ForwardDiff`).
    public var isShadowable: Bool = false
    public init(name: String, value: Value? = nil) {
        self.name = name
        self.value = value
    }
}

/// The global namespace of a session (Julia's `Main`, with `Base` merged in).
public final class Globals {
    private var bindings: [String: GlobalBinding] = [:]
    /// What calling a type value does (`Float64(3)`, `Vector{Float64}(undef, n)`,
    /// `Dict()`), keyed by the type. Struct types construct without an entry.
    public private(set) var constructors: [ZyType: GenericFunction] = [:]

    public init() {}

    /// The binding for `name`, created undefined if it does not exist yet, so
    /// code compiled before a global is assigned still sees the assignment.
    public func binding(_ name: String) -> GlobalBinding {
        if let b = bindings[name] { return b }
        let b = GlobalBinding(name: name)
        bindings[name] = b
        return b
    }

    public subscript(name: String) -> Value? {
        get { bindings[name]?.value }
        set { binding(name).value = newValue }
    }

    public var names: [String] { Array(bindings.keys) }

    /// The generic function bound to `name`, created if the name is unbound.
    /// Returns nil if the name is bound to something that is not a function.
    public func genericFunction(_ name: String) -> GenericFunction? {
        let b = binding(name)
        switch b.value {
        case .function(let f)?: return f
        case nil:
            let f = GenericFunction(name: name)
            b.value = .function(f)
            return f
        default: return nil
        }
    }

    /// The keywords a method defined without `keywords:` accepts. The
    /// language's own built-ins are installed under `.none` (an unknown
    /// keyword is a `MethodError`, as in Julia); extensions installed later
    /// (the AD library's `gradient(f, x; kw...)`) default to `.forwarded`.
    public var defaultBuiltinKeywords: BuiltinKeywords = .forwarded

    /// Adds a Swift-implemented method to the generic function `name`.
    /// `signature` has one type per positional parameter; with `varargs`, the
    /// last type applies to every remaining argument. `keywords` names the
    /// keyword arguments the body reads (nil: `defaultBuiltinKeywords`).
    public func defineBuiltin(_ name: String, _ signature: [ZyType], varargs: Bool = false,
                              keywords: BuiltinKeywords? = nil, _ body: @escaping BuiltinFunction) {
        guard let f = genericFunction(name) else { return }
        // A strong capture, as ScalarRegistrar's: a weak one would give every
        // function a side table and put each retain of it on the slow path.
        let checked = BuiltinKeywords.checking(keywords ?? defaultBuiltinKeywords, body) { .function(f) }
        f.methods.append(Method(signature: signature, isVarargs: varargs, body: .builtin(checked)))
        f.generation &+= 1
    }

    /// Adds a Swift-implemented method called when the type value `type` is
    /// called. A parametric family (`.array(element: nil, dims: 1)` for
    /// `Vector`) is keyed as written; the interpreter tries the exact type
    /// first, then the unparameterised family.
    public func defineConstructor(_ type: ZyType, _ signature: [ZyType], varargs: Bool = false,
                                  keywords: BuiltinKeywords? = nil, _ body: @escaping BuiltinFunction) {
        let f = constructors[type] ?? GenericFunction(name: type.description)
        constructors[type] = f
        let checked = BuiltinKeywords.checking(keywords ?? defaultBuiltinKeywords, body) { .type(type) }
        f.methods.append(Method(signature: signature, isVarargs: varargs, body: .builtin(checked)))
        f.generation &+= 1
    }

    /// Binds a non-function constant such as `pi`, `Inf`, or a type name.
    public func defineConstant(_ name: String, _ value: Value) {
        let b = binding(name)
        b.value = value
        b.isConst = true
    }
}
