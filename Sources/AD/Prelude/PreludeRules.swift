/// Rules for standard-library functions, written in Zy: `@adjoint` pullbacks
/// (themselves differentiable, so nested gradients work), and differentiable
/// definitions `__ad_NAME<arity>` that `_pullback` runs in place of the
/// built-in `NAME` (so reads of Dicts still reach their shadows).
extension Prelude {
    static let rules = #"""
    # softmax(x) = exp.(x .- m) / sum(...):  x̄ = y .* (ȳ .- sum(ȳ .* y))
    @adjoint function softmax(x)
        y = softmax(x)
        y, ȳ -> ȳ === nothing ? (nothing,) : (y .* (ȳ .- sum(ȳ .* y)),)
    end
    # logsumexp(x):  x̄ = ȳ .* exp.(x .- y)  (the stable softmax)
    @adjoint function logsumexp(x)
        y = logsumexp(x)
        y, ȳ -> ȳ === nothing ? (nothing,) : (ȳ .* exp.(x .- y),)
    end
    # cumsum(x):  x̄ = reverse(cumsum(reverse(ȳ)))
    @adjoint cumsum(x) = cumsum(x), ȳ -> ȳ === nothing ? (nothing,) : (reverse(cumsum(reverse(ȳ))),)

    # Reductions as differentiable code.
    function __ad_foldr2(op, xs)
        isempty(xs) && return __ad_reduce_empty(op, xs)
        i = length(xs)
        acc = xs[i]
        while i > 1
            i -= 1
            acc = op(xs[i], acc)
        end
        acc
    end
    # a loop rather than map: nested gradients can differentiate it again
    function __ad_mapreduce3(f, op, xs)
        isempty(xs) && return __ad_reduce_empty(op, xs, f)
        acc = f(xs[1])
        for i in 2:length(xs)
            acc = op(acc, f(xs[i]))
        end
        acc
    end
    __ad_maximum2(f, xs) = maximum(map(f, xs))
    __ad_minimum2(f, xs) = minimum(map(f, xs))
    __ad_prod2(f, xs) = prod(map(f, xs))
    # max(a, b, c…) / min(…) pairwise, as Julia folds them
    __ad_max3(a, b, c) = max(max(a, b), c)
    __ad_max4(a, b, c, d) = max(max(max(a, b), c), d)
    __ad_min3(a, b, c) = min(min(a, b), c)
    __ad_min4(a, b, c, d) = min(min(min(a, b), c), d)
    __ad_first1(xs) = xs[1]
    __ad_last1(xs) = xs[lastindex(xs)]
    __ad_last1(p::Pair) = p.second
    __ad_first1(p::Pair) = p.first
    __ad_get3(d, k, default) = haskey(d, k) ? d[k] : default
    __ad_values1(d) = [v for (k, v) in d]

    # Nested AD differentiates `_pullback(broadcast, …)` / `_pullback(map, …)`
    # through these (the first-order pullback is built in, elementwise).
    __ad_bget(x, i) = x isa Number ? x : x[i]
    __ad_shaped(ys, s) = s isa Tuple ? __ad_totuple(ys) : ndims(s) == 1 ? ys : reshape(ys, size(s))
    # map over a tuple gives a tuple; its gradient goes back as an array
    # a splat, so it nests (Tuple(v) has no rule)
    __ad_totuple(v) = (v...,)
    # built with vcat (quadratic, but its pullback is Zy code again)
    function __ad_collect2(f, a, b, n)
        ys = vcat(f(__ad_bget(a, 1), __ad_bget(b, 1)))
        for i in 2:n
            ys = vcat(ys, f(__ad_bget(a, i), __ad_bget(b, i)))
        end
        ys
    end
    function __ad_broadcast2(f, a)
        a isa Number && return f(a)
        __ad_shaped(__ad_collect2((x, _) -> f(x), a, 0, length(a)), a)
    end
    function __ad_broadcast3(f, a, b)
        s = a isa Number ? b : a
        s isa Number && return f(a, b)
        b isa Number || size(b) == size(s) ||
            error("nested gradients of broadcasts over different shapes are not supported yet")
        __ad_shaped(__ad_collect2(f, a, b, length(s)), s)
    end
    __ad_map2(f, a) = __ad_broadcast2(f, a)
    __ad_map3(f, a, b) = __ad_broadcast3(f, a, b)

    # Shapes: the gradient takes the input's shape back.
    @adjoint transpose(x) = transpose(x), ȳ -> (__ad_untranspose(x, ȳ),)
    @adjoint adjoint(x) = adjoint(x), ȳ -> (__ad_untranspose(x, ȳ),)
    @adjoint vec(x) = vec(x), ȳ -> (__ad_reshape_like(ȳ, x),)
    @adjoint permutedims(x) = permutedims(x), ȳ -> (__ad_untranspose(x, ȳ),)
    # y[i] = x[i permuted], so x̄ is ȳ permuted back by the inverse.
    @adjoint permutedims(x, p) = permutedims(x, p), ȳ -> (ȳ === nothing ? nothing : permutedims(ȳ, invperm(p)), nothing)
    __ad_untranspose(x, ȳ) = ȳ === nothing ? nothing : x isa Number ? adjoint(ȳ) : __ad_reshape_like(permutedims(ȳ), x)
    @adjoint reshape(x, m) = reshape(x, m), ȳ -> (__ad_reshape_like(ȳ, x), nothing)
    @adjoint reshape(x, m, n) = reshape(x, m, n), ȳ -> (__ad_reshape_like(ȳ, x), nothing, nothing)
    __ad_reshape_like(ȳ, x) = ȳ === nothing ? nothing : ndims(x) == 1 ? vec(ȳ) : reshape(ȳ, size(x))
    @adjoint vcat(a) = vcat(a), ȳ -> (ȳ === nothing ? nothing : a isa Number ? ȳ[1] : ȳ,)
    @adjoint vcat(a, b) = vcat(a, b), ȳ -> (__ad_rows(ȳ, 1, a), __ad_rows(ȳ, __ad_height(a) + 1, b))
    @adjoint hcat(a, b) = hcat(a, b), ȳ -> (__ad_cols(ȳ, 1, a), __ad_cols(ȳ, __ad_width(a) + 1, b))
    # more pieces: pairwise (the same array for vectors and matrices)
    __ad_vcat3(a, b, c) = vcat(vcat(a, b), c)
    __ad_vcat4(a, b, c, d) = vcat(vcat(vcat(a, b), c), d)
    __ad_hcat3(a, b, c) = hcat(hcat(a, b), c)
    __ad_hcat4(a, b, c, d) = hcat(hcat(hcat(a, b), c), d)
    __ad_height(a) = a isa Number ? 1 : size(a, 1)
    __ad_width(a) = a isa Number || ndims(a) == 1 ? 1 : size(a, 2)
    function __ad_rows(ȳ, i, a)
        ȳ === nothing && return nothing
        a isa Number && return ȳ[i]
        n = size(a, 1)
        ndims(ȳ) == 1 ? ȳ[i:i+n-1] : ȳ[i:i+n-1, :]
    end
    function __ad_cols(ȳ, j, a)
        ȳ === nothing && return nothing
        a isa Number && return ȳ[1, j]
        ndims(a) == 1 && return ȳ[:, j]
        ȳ[:, j:j+size(a, 2)-1]
    end
    """#
}
