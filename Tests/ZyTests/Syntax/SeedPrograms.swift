/// The talk's examples (seed/000_704634bd300908d8.txt), with the OCR's
/// `b-`, `\bar{y}` and `$\Delta$` written as the Unicode names they stand for.
enum SeedPrograms {
    static let pow = """
    [julia> using Zygote
    [julia> function pow(x, n)
        r = 1
        while n > 0
            n -= 1
            r *= x
        end
        return r
    end
    [julia> pow(5, 3)
    [julia> gradient(x -> pow(x, 3), 5)
    """

    static let pullback = """
    pow(5, 3) == 125
    gradient(pow, 5, 3) == (75, 0)
    [julia> y, back = J(pow, 5, 3);
    [julia> back(1)
    """

    static let jFoo = """
    function foo(x)
        a = bar(x)
        b = baz(a)
        return b
    end

    function J(::typeof(foo), x)
        a, da = J(bar, x)
        b, db = J(baz, a)
        return b, function(b̄)
            ā = db(b̄)
            x̄ = da(ā)
            return x̄
        end
    end
    """

    static let adjoints = """
    julia> f(x) = fs[readline()](x)
    J(::typeof(sin), x) = sin(x), ȳ -> ȳ *cos(x)
    @adjoint sin(x) = sin(x), ȳ -> ȳ *cos(x)
    nestlevel() = 0
    @adjoint nestlevel() = nestlevel()+1, _ -> nothing
    julia> function f(x)
               println(nestlevel(), " levels of nesting")
               return x
           end
    julia> f(1);
    julia> grad(f, 1);
    julia> grad(x -> x*grad(f, x), 1);
    @adjoint hook(f, x) = x, x̄ -> (f(x̄),)
    hook(-, x) # reverse the gradient of x
    @adjoint checkpoint(f, x...) =  
        f(x...), Δ -> J(f, x...)[2](Δ)
    @adjoint function forwarddiff(f, x)  
        y, J = forward_jacobian(f, x)  
        y, Δ -> (J'Δ,)  
    end
    julia> hook(f, x) = x
    julia> @adjoint hook(f, x) = x,  Δ -> (nothing, f( Δ ),)
    """

    static let doBlocks = """
    julia> gradient(2, 3) do a, b
        a*b
    end
    julia> gradient(2, 3) do a, b
        hook(-, a) * b
    end
    julia> gradient(2, 3) do a, b
        hook( ā -> @show( ā ), a) * b
    end
    """

    static let colors = """
    julia> using Colors
    julia> a, b = RGB(1, 0, 0), RGB(0, 1, 0)
    julia> a.r^2
    julia> gradient(c -> c.r^2, a)
    julia> colordiff(a, b)
    julia> gradient(a -> colordiff(a, b), a)
    """

    static let deepLearning = """
    dense(W, b, σ = identity) =
      x → σ.(W * x .+ b)

    chain(f ... ) = foldl(∘, reverse(f))

    mlp = chain(
      dense(randn(5, 10), randn(5), tanh),
      dense(randn(2, 5), randn(2)))

    x = rand(10)
    mlp(x)
    m̃ = gradient(mlp) do m
      sum(m(x))
    end
    m -= η * m̃ # Gradient descent
    """

    static let mutation = """
    julia> vars = Dict{:r => 0, :n => 0}
    julia> function pow(x, n)
        vars[:r] = 1
        vars[:n] = n
        while vars[:n] > 0
            vars[:n] -= 1
            vars[:r] *= x
        end
    end
    julia> pow(5, 3); vars[:r]
    julia> gradient(x -> (pow(x, 3); vars[:r]), 5)
    julia> vars[:r]
    """

    static let bonus = """
    @grad function (a::Real * b::Real)
      c = a*b
      function back(Δ)
        0//0
      end
      c, back
    end

    function pow(x, n)
      r = one(x)
      while n > 0
        r *= x
        n -= 1
      end
      return r
    end

    gradient(pow, 2, 3)
    """

    static let profile = """
    using Zygote

    function f(x)
        for i = 1:5
            x = sin(cos(x))
        end
        return x
    end

    function loop(x, n)
        r = x/x
        for i = 1:n
            r *= f(x)
        end
        return sin(cos(r))
    end

    gradient(loop, 2, 3)

    Zygote.@profile loop(2, 3)

    function logsumexp(x::Array{Float64,1})
        m = maximum(x)
        return m + log(sum(exp.(x .- m)))
    end
    """

    static let pycall = """
    @adjoint function pycall(f, x...; kw...)
      x = map(py, x)
      y = pycall(f, x...; kw...)
      y.detach().numpy(), function (ȳ)
        y.backward(gradient = py(ȳ))
        (nothing, map(x -> x.grad.numpy(), x)...)
    end
    end
    """

    static let all = [pow, pullback, jFoo, adjoints, doBlocks, colors, deepLearning, mutation, bonus, profile, pycall]
}
