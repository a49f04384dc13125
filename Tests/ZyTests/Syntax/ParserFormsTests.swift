import Testing
import SourceMap
@testable import Zy

/// Every syntax form of LANGUAGE.md, as S-expressions.
@Suite struct ParserFormsTests {
    static let functions: [(String, String)] = [
        ("function f(x, n)\n  x\nend", "(function f (x n) (block x))"),
        ("f(x) = x + 1", "(function f (x) (call + x 1))"),
        ("function (x) x end", "(-> (x) (block x))"),
        ("function (a, b) a end", "(-> (a b) (block a))"),
        ("function () 1 end", "(-> () (block 1))"),
        ("(a, b) -> a", "(-> (a b) a)"),
        ("() -> 1", "(-> () 1)"),
        ("(x) -> x", "(-> (x) x)"),
        ("x::Int -> x", "(-> ((:: x Int)) x)"),
        ("(a, b = 1) -> a", "(-> (a (= b 1)) a)"),
        ("function area end", "(function area)"),
        ("function area\nend", "(function area)"),
        ("function Base.area end", "(function area)"),
        ("function (x) end", "(-> (x) (block))"),
        ("((a, b), c) -> a + b + c", "(-> ((tuple a b) c) (call + (call + a b) c))"),
        ("((k, v),) -> v", "(-> ((tuple k v)) v)"),
        ("((a, (b, c)), d) -> d", "(-> ((tuple a (tuple b c)) d) d)"),
        ("function g((x, y), z = 1) x end", "(function g ((tuple x y) (= z 1)) (block x))"),
        ("function *(a, b) a end", "(function * (a b) (block a))"),
        ("Base.:+(a, b) = a", "(function + (a b) a)"),
        ("a::Real * b::Real = a", "(function * ((:: a Real) (:: b Real)) a)"),
        ("function (a::Real * b::Real)\n  a\nend", "(function * ((:: a Real) (:: b Real)) (block a))"),
        ("f(x::Real, y::Vector{Float64}) = x", "(function f ((:: x Real) (:: y (curly Vector Float64))) x)"),
        ("J(::typeof(foo), x) = x", "(function J ((:: _ (call typeof foo)) x) x)"),
        ("dense(W, b, σ = identity) = W", "(function dense (W b (= σ identity)) W)"),
        ("chain(f...) = f", "(function chain ((... f)) f)"),
        ("f(x; scale = 1.0, kw...) = x", "(function f (x (parameters (= scale 1.0) (... kw))) x)"),
        ("f(x::T) where T = x", "(function f ((:: x T) (where T)) x)"),
        ("f(x::T) where {T<:Real} = x", "(function f ((:: x T) (where T)) x)"),
        ("function f(x::T, y::S) where {T, S <: Real}\n x\nend", "(function f ((:: x T) (:: y S) (where T S)) (block x))"),
        ("f(x)::Float64 = x", "(function f (x) x)"),
        ("function f(x)::Int\n x\nend", "(function f (x) (block x))"),
        ("+(a, b) = a", "(function + (a b) a)"),
        ("f(x) do y\n y\nend", "(call f (-> (y) (block y)) x)"),
        ("gradient(2, 3) do a, b\n a*b\nend", "(call gradient (-> (a b) (block (call * a b))) 2 3)"),
        ("map(ps) do (k, v)\n v\nend", "(call map (-> ((tuple k v)) (block v)) ps)"),
        ("foreach(ps) do (k, v), i\n v\nend", "(call foreach (-> ((tuple k v) i) (block v)) ps)"),
        ("f() do\n 1\nend", "(call f (-> () (block 1)))"),
        ("g(x) = (y) -> x", "(function g (x) (-> (y) x))"),
    ]

    static let calls: [(String, String)] = [
        ("f(x; scale = 1.0)", "(call f x (kw scale 1.0))"),
        ("f(x, scale = 1.0)", "(call f x (kw scale 1.0))"),
        ("f(x; k)", "(call f x (kw k k))"),
        ("g(xs...)", "(call g (... xs))"),
        ("g(a, xs...; kw...)", "(call g a (... xs) (kw ... kw))"),
        ("x[i, j]", "(ref x i j)"),
        ("x[end]", "(ref x end)"),
        ("x[begin]", "(ref x begin)"),
        ("x[begin:end]", "(ref x (call : begin end))"),
        ("begin :a end", "(block :a)"),
        ("x[begin + 1:end, begin]", "(ref x (call : (call + begin 1) end) begin)"),
        ("x[end - 1, end]", "(ref x (call - end 1) end)"),
        ("x[(end)]", "(ref x end)"),
        ("d[:k]", "(ref d :k)"),
        ("x[:, 1]", "(ref x : 1)"),
        ("c.r", "(field c r)"),
        ("Zygote.gradient(f, x)", "(call (field Zygote gradient) f x)"),
        ("Vector{Float64}", "(curly Vector Float64)"),
        ("Dict{:r => 0, :n => 0}", "(curly Dict (call => :r 0) (call => :n 0))"),
        ("f.(x)", "(broadcast f x)"),
        ("σ.(W * x .+ b)", "(broadcast σ (broadcast + (call * W x) b))"),
        ("f(x)(y)", "(call (call f x) y)"),
        ("f(\n  a,\n  b)", "(call f a b)"),
        ("sum(x^2 for x in xs)", "(call sum (generator (call ^ x 2) (= x xs)))"),
        ("map(+, xs)", "(call map + xs)"),
        ("hook(-, x)", "(call hook - x)"),
        ("foldl(∘, fs)", "(call foldl ∘ fs)"),
        ("isa(x, Int)", "(call isa x Int)"),
        ("throw(x)", "(call throw x)"),
    ]

    static let collections: [(String, String)] = [
        ("(a,)", "(tuple a)"),
        ("()", "(tuple)"),
        ("(a, b)", "(tuple a b)"),
        ("(a, xs...)", "(tuple a (... xs))"),
        ("(r = 1.0, g = 2)", "(namedtuple (= r 1.0) (= g 2))"),
        ("(; r = 1.0)", "(namedtuple (= r 1.0))"),
        ("(a = 1)", "(= a 1)"),
        ("(; a, b = 2)", "(namedtuple (= a a) (= b 2))"),
        ("(a; b)", "(block a b)"),
        ("(r = x / x; r + 1)", "(block (= r (call / x x)) (call + r 1))"),
        ("[1, 2]", "(vect 1 2)"),
        ("[1]", "(vect 1)"),
        ("[]", "(vect)"),
        ("[1 2 3]", "(hcat 1 2 3)"),
        ("[1 x; 3 4]", "(matrix (row 1 x) (row 3 4))"),
        ("[1 2\n 3 4]", "(matrix (row 1 2) (row 3 4))"),
        ("[a; b]", "(vcat a b)"),
        ("[1:3;]", "(vcat (call : 1 3))"),
        ("[a\n b]", "(vcat a b)"),
        ("[\n 1, 2\n]", "(vect 1 2)"),
        ("[1 2\n]", "(hcat 1 2)"),
        ("[1 -2]", "(hcat 1 -2)"),
        ("[1 - 2]", "(vect (call - 1 2))"),
        ("[a' b']", "(hcat (call adjoint a) (call adjoint b))"),
        ("[1,\n 2,\n]", "(vect 1 2)"),
        ("Float64[]", "(typedvect Float64)"),
        ("Float64[1, 2]", "(typedvect Float64 1 2)"),
        ("[f(x) for x in xs if p]", "(comprehension (call f x) (= x xs) (if p))"),
        ("[i+j for i = 1:2, j = 1:3]", "(comprehension (call + i j) (= i (call : 1 2)) (= j (call : 1 3)))"),
        ("(x^2 for x in xs)", "(generator (call ^ x 2) (= x xs))"),
        ("Float64[x for x in xs]", "(typed_comprehension Float64 x (= x xs))"),
        ("Vector{Int}[[i] for i in 1:2 if p]", "(typed_comprehension (curly Vector Int) (vect i) (= i (call : 1 2)) (if p))"),
        ("xs[[x for x in ys]]", "(ref xs (comprehension x (= x ys)))"),
        ("[(i, j) for i in 1:n for j in 1:n if i < j]",
         "(comprehension/flatten (generator (tuple i j) (= j (call : 1 n)) (if (call < i j))) (= i (call : 1 n)))"),
        ("[i * j for i in 1:3 for j in i:3]",
         "(comprehension/flatten (generator (call * i j) (= j (call : i 3))) (= i (call : 1 3)))"),
        ("sum(x for xs in xss if !isempty(xs) for x in xs)",
         "(call sum (generator/flatten (generator x (= x xs)) (= xs xss) (if (call ! (call isempty xs)))))"),
        ("[k for a in b, c in d for k in (a, c) for m in 1:k]",
         "(comprehension/flatten (generator/flatten (generator k (= m (call : 1 k))) (= k (tuple a c))) (= a b) (= c d))"),
        ("[x for (k, x) in d]", "(comprehension x (= (tuple k x) d))"),
        ("\"a $x b $(f(y))\"", "(string \"a \" x \" b \" (call f y))"),
        ("\"plain\"", "\"plain\""),
        ("'a'", "'a'"),
        (":r", ":r"),
        ("true", "true"),
    ]

    static let controlFlow: [(String, String)] = [
        ("if a\n 1\nelseif b\n 2\nelse\n 3\nend", "(if a (block 1) (if b (block 2) (block 3)))"),
        ("if a 1 end", "(if a (block 1))"),
        ("if x; 1; else; 2; end", "(if x (block 1) (block 2))"),
        ("while n > 0\n n -= 1\nend", "(while (call > n 0) (block (-= n 1)))"),
        ("for i = 1:n\n f(i)\nend", "(for ((= i (call : 1 n))) (block (call f i)))"),
        ("for x in xs end", "(for ((= x xs)) (block))"),
        ("for x ∈ xs end", "(for ((= x xs)) (block))"),
        ("for (k, v) in pairs(d)\nend", "(for ((= (tuple k v) (call pairs d))) (block))"),
        ("for i = 1:2, j = 1:3\n g(i, j)\nend", "(for ((= i (call : 1 2)) (= j (call : 1 3))) (block (call g i j)))"),
        ("while true\n break\n continue\nend", "(while true (block (break) (continue)))"),
        ("return", "(return)"),
        ("return x", "(return x)"),
        ("return a, b", "(return (tuple a b))"),
        ("a && return", "(&& a (return))"),
        ("begin\n x\n y\nend", "(block x y)"),
        ("let a = 1, b\n a\nend", "(let ((= a 1) b) (block a))"),
        ("let\n 1\nend", "(let () (block 1))"),
        ("try\n f()\ncatch e\n g(e)\nfinally\n h()\nend", "(try (block (call f)) e (block (call g e)) (block (call h)))"),
        ("try\n f()\ncatch\n g()\nend", "(try (block (call f)) _ (block (call g)) _)"),
        ("try f() catch e; g(e) end", "(try (block (call f)) e (block (call g e)) _)"),
        ("try\n f()\nfinally\n h()\nend", "(try (block (call f)) _ _ (block (call h)))"),
        ("try\n f()\ncatch\n e\nend", "(try (block (call f)) _ (block e) _)"),
    ]

    static let assignments: [(String, String)] = [
        ("y, back = J(pow, 5, 3)", "(= (tuple y back) (call J pow 5 3))"),
        ("a, b = b, a", "(= (tuple a b) (tuple b a))"),
        ("x[i] = v", "(= (ref x i) v)"),
        ("c.r = v", "(= (field c r) v)"),
        ("x::Int = 1", "(= (:: x Int) 1)"),
        ("x += 1", "(+= x 1)"),
        ("x -= 1", "(-= x 1)"),
        ("x *= 2", "(*= x 2)"),
        ("x /= 2", "(/= x 2)"),
        ("x ^= 2", "(^= x 2)"),
        ("x ÷= 2", "(÷= x 2)"),
        ("x .+= 1", "(.+= x 1)"),
        ("x .*= 2", "(.*= x 2)"),
        ("x .= y .+ 1", "(.= x (broadcast + y 1))"),
        ("vars[:r] *= x", "(*= (ref vars :r) x)"),
        ("x = 1, 2", "(= x (tuple 1 2))"),
        ("x = 1,\n    2", "(= x (tuple 1 2))"),
        ("a \\\n b", "(call \\ a b)"),
        ("x =\n  1", "(= x 1)"),
    ]

    static let definitions: [(String, String)] = [
        ("struct RGB; r; g; b; end", "(struct immutable RGB r g b)"),
        ("struct P x::Float64; y::Float64 end", "(struct immutable P (:: x Float64) (:: y Float64))"),
        ("mutable struct M\n x\nend", "(struct mutable M x)"),
        ("struct A <: B\n x\nend", "(struct immutable A (<: B) x)"),
        ("struct C\n x\n C(x) = new(x)\n function C()\n new(0)\n end\nend",
         "(struct immutable C x (function C (x) (call new x)) (function C () (block (call new 0))))"),
        ("const X = 1", "(const (= X 1))"),
        ("global x", "(global x)"),
        ("global x = 1", "(global (= x 1))"),
        ("local x = 1", "(local (= x 1))"),
        ("local a, b", "(local a b)"),
        ("using Zygote", "(using Zygote)"),
        ("using Colors, LinearAlgebra", "(using Colors LinearAlgebra)"),
        ("import X", "(using X)"),
        ("using Base.Iterators: take", "(using Base.Iterators)"),
        ("@show x", "(macrocall @show x)"),
        ("@show(ā)", "(macrocall @show ā)"),
        ("@show a, b", "(macrocall @show (tuple a b))"),
        ("@time f(x)", "(macrocall @time (call f x))"),
        ("@assert x > 0 \"msg\"", "(macrocall @assert (call > x 0) \"msg\")"),
        ("@assert(x > 0, \"msg\")", "(macrocall @assert (call > x 0) \"msg\")"),
        ("@adjoint f(x) = x, ȳ -> (ȳ,)", "(macrocall @adjoint (function f (x) (tuple x (-> (ȳ) (tuple ȳ)))))"),
        ("@adjoint function f(a::Real, b::Real)\n a\nend", "(macrocall @adjoint (function f ((:: a Real) (:: b Real)) (block a)))"),
        ("@code_ir pow(5, 3)", "(macrocall @code_ir (call pow 5 3))"),
        ("Zygote.@profile loop(2, 3)", "(macrocall @profile (call loop 2 3))"),
        ("@code_adjoint f(x)", "(macrocall @code_adjoint (call f x))"),
    ]

    func check(_ source: String, _ expected: String) {
        let (s, parsed) = SExpression.parse(source)
        #expect(s == expected, "\(source)")
        #expect(parsed.diagnostics.isEmpty, "\(source): \(parsed.diagnostics.map(\.message))")
        #expect(!parsed.isIncomplete, "\(source)")
    }

    @Test(arguments: functions) func functionForms(_ source: String, _ expected: String) { check(source, expected) }
    @Test(arguments: calls) func callForms(_ source: String, _ expected: String) { check(source, expected) }
    @Test(arguments: collections) func collectionForms(_ source: String, _ expected: String) { check(source, expected) }
    @Test(arguments: controlFlow) func controlFlowForms(_ source: String, _ expected: String) { check(source, expected) }
    @Test(arguments: assignments) func assignmentForms(_ source: String, _ expected: String) { check(source, expected) }
    @Test(arguments: definitions) func definitionForms(_ source: String, _ expected: String) { check(source, expected) }

    @Test func statementSeparators() {
        let (s, parsed) = SExpression.parse("a = 1; b = 2\n\nc")
        #expect(s == "(= a 1)\n(= b 2)\nc")
        #expect(parsed.diagnostics.isEmpty)
    }

    @Test func newlinesContinueAfterBinaryOperatorsAndInsideParens() {
        #expect(SExpression.parse("x = a +\n  b").0 == "(= x (call + a b))")
        #expect(SExpression.parse("(a\n + b)").0 == "(call + a b)")
        #expect(SExpression.parse("a\n+b").0 == "a\n(call + b)")
    }
}
