import SourceMap

/// A node of the abstract syntax tree. Every node keeps the span of the
/// source text it was parsed from (UTF-8 byte offsets, see `SourceMap.Span`).
///
/// The tree follows Julia's surface syntax closely: operators are calls to
/// identifiers (`a + b` is `.call(.identifier("+"), [a, b])`), `x'` is a call
/// of `adjoint`, `2x` a call of `*`, `a:b` and `a:s:b` calls of `:`, `a => b`
/// a call of `=>`. A `do` block becomes a lambda passed as the first
/// argument. `Zygote.gradient` is a `.field` of the identifier `Zygote`;
/// lowering resolves module prefixes.
public struct Expr: Sendable {
    public var kind: Kind
    public var span: Span

    public init(_ kind: Kind, _ span: Span) {
        self.kind = kind
        self.span = span
    }

    public indirect enum Kind: Sendable {
        // Literals
        case int(Int)
        case float(Double)
        case bool(Bool)
        case string(String)
        /// `"a $x b $(f(y))"`: text and expression parts in order.
        case interpolatedString([StringPart])
        case char(Character)
        /// `:r`
        case symbol(String)
        case identifier(String)
        /// `end` used as a value inside indexing brackets (`x[end]`).
        case endIndex
        /// `begin` inside indexing brackets: `firstindex(x)` / `firstindex(x, d)`.
        case beginIndex

        // Calls and operators
        /// `f(a, b...; k = v)` and every operator application. A splat outside
        /// an argument list or tuple (`[xs...]`) is a call of `...`.
        case call(Expr, [Argument])
        /// `f.(a, b)` and `a .+ b`: the function and its arguments.
        case broadcast(Expr, [Argument])
        /// `a < b <= c` with two or more comparison operators (a single
        /// comparison is a plain `.call`). `operands.count == ops.count + 1`.
        case comparison(operands: [Expr], ops: [String])
        /// Short-circuit `a && b`.
        case and(Expr, Expr)
        /// Short-circuit `a || b`.
        case or(Expr, Expr)
        /// `x::T` in an expression (a type assertion).
        case typeAssert(Expr, Expr)
        /// `Vector{Float64}`, `Dict{Symbol, Int}`.
        case curly(Expr, [Expr])

        // Access
        /// `x[i, j]`, `d[:k]`.
        case index(Expr, [Argument])
        /// `c.r`
        case field(Expr, String)

        // Constructors
        /// `(a, b)`, `(a,)`, `(xs...,)`; `()` is the empty tuple.
        case tuple([Argument])
        /// `(r = 1.0, g = 2.0)` and `(; r = 1.0)`.
        case namedTuple([(name: String, value: Expr)])
        /// `[a, b, c]`
        case vect([Expr])
        /// `[a b c]`
        case hcat([Expr])
        /// `[a; b; c]`
        case vcat([Expr])
        /// `[a b; c d]`: rows, each a list of elements.
        case matrix([[Expr]])
        /// `Float64[]`, `Float64[1, 2]`: element type and elements.
        case typedVect(Expr, [Expr])
        /// `Float64[1 2; 3 4]`, `Float64[1 2]`, `Int[1; 2]`: element type and
        /// rows (one row is a typed hcat; rows of one element a typed vcat).
        case typedMatrix(Expr, [[Expr]])
        /// `[f(x) for x in xs if p(x)]`, `[i + j for i = 1:2, j = 1:3]`.
        case comprehension(Comprehension)
        /// `T[x for x in xs]`: elements converted to `T`.
        case typedComprehension(Expr, Comprehension)
        /// `(f(x) for x in xs)`, also as the sole argument `sum(x^2 for x in xs)`.
        case generator(Comprehension)

        // Functions
        /// `x -> body`, `(a, b) -> body`, `function (x) … end`, do-blocks.
        case lambda(FunctionSignature, body: Expr)
        /// `function f(x) … end`, `f(x) = …`, `function *(a, b) … end`,
        /// `a::Real * b::Real = …`. `name` is the function's name
        /// (operators by their symbol: "*").
        case function(name: String, FunctionSignature, body: Expr)
        /// `function f end`: a generic function with no methods yet.
        case functionDeclaration(name: String)

        // Control flow
        /// Statements in order; the value is the last one's (or `nothing`).
        case block([Expr])
        /// `if`/`elseif`/`else` and `c ? a : b`; an `elseif` is a nested `.ifElse`
        /// in the else position.
        case ifElse(Expr, then: Expr, else: Expr?)
        case whileLoop(Expr, body: Expr)
        /// `for i = 1:n, j in xs … end`: one or more (target, iterable) pairs,
        /// outermost first. A target may be an identifier or a tuple pattern.
        case forLoop([Iteration], body: Expr)
        case breakStatement
        case continueStatement
        case returnStatement(Expr?)
        case letBlock(bindings: [Expr], body: Expr)
        /// `try … catch e … finally … end`
        case tryCatch(body: Expr, catchVariable: String?, catchBody: Expr?, finallyBody: Expr?)

        // Assignment and scope
        /// `x = v`, `a, b = t`, `x[i] = v`, `c.r = v`, `x::Int = v`.
        case assign(Expr, Expr)
        /// `x += v` and friends: `op` is the operator without `=` ("+", "*", "^", ".+");
        /// `x .= v` has `op` ".".
        case updateAssign(op: String, Expr, Expr)
        /// `global x`, `global x = 1`
        case global([Expr])
        /// `local x`, `local x = 1`
        case local([Expr])
        /// `const X = 1`
        case const(Expr)

        // Definitions and directives
        case structDefinition(StructDefinition)
        /// `@name args…` or `@name(args…)`; `name` without the `@`.
        case macroCall(name: String, [Expr])
        /// `using Zygote`, `import Colors`: module names (accepted and ignored).
        case using([String])
        /// `include("other.zy")` is an ordinary call; this marks a syntax
        /// error already reported, so lowering can skip it.
        case error
    }
}

/// A piece of an interpolated string.
public enum StringPart: Sendable {
    case text(String)
    case expr(Expr)
}

/// A call argument: positional, splatted (`xs...`), or keyword (`k = v`,
/// after `;` or, as in Julia, a bare `k = v` in the argument list).
public enum Argument: Sendable {
    case positional(Expr)
    case splat(Expr)
    /// A keyword splat `f(x; kw...)` is `.keyword("...", kw)`.
    case keyword(String, Expr)
}

/// One `target = iterable` / `target in iterable` clause.
public struct Iteration: Sendable {
    public var target: Expr
    public var iterable: Expr
    public var span: Span
    public init(target: Expr, iterable: Expr, span: Span) {
        self.target = target
        self.iterable = iterable
        self.span = span
    }
}

public struct Comprehension: Sendable {
    public var body: Expr
    /// For a comprehension with several clauses separated by commas
    /// (`for i = 1:2, j = 1:3`) the result is multi-dimensional.
    public var iterations: [Iteration]
    /// `if cond` after the clauses.
    public var filter: Expr?
    /// Julia's `flatten`: for `[e for i in a for j in b]` the outer
    /// comprehension has `body` = `.generator` of the later clauses, and the
    /// result is one flat vector, later clauses varying fastest.
    public var flattens: Bool
    public init(body: Expr, iterations: [Iteration], filter: Expr?, flattens: Bool = false) {
        self.body = body
        self.iterations = iterations
        self.filter = filter
        self.flattens = flattens
    }
}

/// A formal parameter: `x`, `x::Real`, `::typeof(foo)`, `σ = identity`,
/// `xs...`, and keyword parameters `scale = 1.0` after `;`.
public struct Parameter: Sendable {
    /// nil for an anonymous parameter such as `::typeof(foo)`.
    public var name: String?
    public var type: Expr?
    public var defaultValue: Expr?
    public var isVarargs: Bool
    /// A destructuring parameter `(k, v)` (possibly nested): `name` is nil
    /// and the argument is unpacked into these names at body start.
    public var pattern: Expr?
    public var span: Span
    public init(name: String?, type: Expr? = nil, defaultValue: Expr? = nil,
                isVarargs: Bool = false, pattern: Expr? = nil, span: Span) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.isVarargs = isVarargs
        self.pattern = pattern
        self.span = span
    }
}

public struct FunctionSignature: Sendable {
    public var parameters: [Parameter]
    public var keywordParameters: [Parameter]
    /// `where T` / `where {T <: Real}` type-variable names (accepted; bound
    /// to `Any` for dispatch).
    public var whereNames: [String]
    /// The called object of a call method `(m::Dense)(x) = …` (Julia's
    /// "functor"): `m` (nil name for `(::Dense)`) and its required type.
    /// nil for ordinary functions.
    public var callee: Parameter?
    public var span: Span
    public init(parameters: [Parameter], keywordParameters: [Parameter] = [],
                whereNames: [String] = [], callee: Parameter? = nil, span: Span) {
        self.parameters = parameters
        self.keywordParameters = keywordParameters
        self.whereNames = whereNames
        self.callee = callee
        self.span = span
    }
}

public struct StructDefinition: Sendable {
    public var name: String
    public var isMutable: Bool
    /// Fields in order; `type` is nil where none is written.
    public var fields: [(name: String, type: Expr?, span: Span)]
    /// Inner constructors (`function RGB(r, g, b) … new(…) end`), if any.
    public var constructors: [Expr]
    /// The abstract supertype written as `struct A <: B`, if any.
    public var supertype: Expr?
    public var span: Span
    public init(name: String, isMutable: Bool, fields: [(name: String, type: Expr?, span: Span)],
                constructors: [Expr] = [], supertype: Expr? = nil, span: Span) {
        self.name = name
        self.isMutable = isMutable
        self.fields = fields
        self.constructors = constructors
        self.supertype = supertype
        self.span = span
    }
}

/// The result of parsing one file or one REPL input: top-level statements
/// and the syntax errors found (the parser recovers and keeps going).
public struct ParsedFile: Sendable {
    public var file: SourceFile
    public var statements: [Expr]
    public var diagnostics: [Diagnostic]
    /// True when the input ended inside an unfinished construct (an open
    /// `function`, bracket or string): the REPL reads another line.
    public var isIncomplete: Bool
    public init(file: SourceFile, statements: [Expr], diagnostics: [Diagnostic], isIncomplete: Bool) {
        self.file = file
        self.statements = statements
        self.diagnostics = diagnostics
        self.isIncomplete = isIncomplete
    }
}
