/// More standard-library rules in Zy: folds with `init` (and other calls
/// with keywords, which `_pullback` sends to `__ad_NAME<arity>_kw`),
/// complex parts, collections that select or reorder elements, and
/// reductions over dimensions.
extension Prelude {
    static let library = #"""
    # No `init` given: an empty collection reduces to Julia's neutral
    # element of `op` (or its ArgumentError), through which no gradient flows.
    struct __ADNoInit end
    const __ad_noinit = __ADNoInit()

    __ad_foldl2_kw(op, xs; init = __ad_noinit) = __ad_fold(identity, op, xs, init)
    # mapreduce(f, op, [a, b]; init) = op(op(init, f(a)), f(b))
    __ad_mapreduce3_kw(f, op, xs; init = __ad_noinit) = __ad_fold(f, op, xs, init)
    # by index where possible: nested gradients differentiate indexing again
    function __ad_fold(f, op, xs, init)
        (xs isa AbstractArray || xs isa Tuple) || return __ad_fold_iterate(f, op, xs, init)
        n = length(xs)
        n == 0 && return init === __ad_noinit ? __ad_reduce_empty(op, xs, f) : init
        acc = init === __ad_noinit ? f(xs[1]) : op(init, f(xs[1]))
        for i in 2:n
            acc = op(acc, f(xs[i]))
        end
        acc
    end
    function __ad_fold_iterate(f, op, xs, init)
        it = iterate(xs)
        it === nothing && return init === __ad_noinit ? __ad_reduce_empty(op, xs, f) : init
        acc = init === __ad_noinit ? f(it[1]) : op(init, f(it[1]))
        it = iterate(xs, it[2])
        while it !== nothing
            acc = op(acc, f(it[1]))
            it = iterate(xs, it[2])
        end
        acc
    end
    # foldr(op, [a, b, c]; init) = op(a, op(b, op(c, init)))
    function __ad_foldr2_kw(op, xs; init = __ad_noinit)
        i = length(xs)
        i == 0 && return init === __ad_noinit ? __ad_reduce_empty(op, xs) : init
        acc = init === __ad_noinit ? xs[i] : op(xs[i], init)
        while i > 1
            i -= 1
            acc = op(xs[i], acc)
        end
        acc
    end
    __ad_mapreduce4(f, op, a, b) = __ad_foldl2(op, map(f, a, b))

    # Reductions over dimensions: ȳ spreads back along the reduced ones.
    function __ad_sum1_kw(x; dims = nothing, init = __ad_noinit)
        dims === nothing || return __ad_sum_dims(x, dims)
        init === __ad_noinit ? sum(x) : __ad_fold(identity, +, x, init)
    end
    __ad_sum2_kw(f, x; kw...) = __ad_sum1_kw(map(f, x); kw...)
    __ad_sum_dims(x, d) = sum(x; dims = d)
    @adjoint __ad_sum_dims(x, d) = sum(x; dims = d), ȳ -> (ȳ === nothing ? nothing : ȳ .+ zero(x), nothing)
    __ad_mean1_kw(x; dims = nothing) = dims === nothing ? mean(x) : __ad_sum_dims(x, dims) ./ (length(x) ÷ length(sum(x; dims = dims)))
    __ad_mean2(f, xs) = sum(map(f, xs)) / length(xs)
    # maximum/minimum over dims: ȳ to each slice's extreme (split between ties)
    __ad_maximum1_kw(x; dims = nothing) = dims === nothing ? maximum(x) : __ad_extreme_dims(maximum, x, dims)
    __ad_minimum1_kw(x; dims = nothing) = dims === nothing ? minimum(x) : __ad_extreme_dims(minimum, x, dims)
    __ad_extreme_dims(m, x, d) = m(x; dims = d)
    @adjoint function __ad_extreme_dims(m, x, d)
        y = m(x; dims = d)
        y, ȳ -> (nothing, ȳ === nothing ? nothing : __ad_hits(x .== y, d) .* ȳ, nothing)
    end
    __ad_hits(mask, d) = mask ./ sum(mask; dims = d)

    # Complex parts (Zygote's rules): x̄ = real(ȳ), conj(ȳ), real(ȳ) im.
    @adjoint real(x) = real(x), ȳ -> (ȳ === nothing ? nothing : real(ȳ),)
    @adjoint conj(x) = conj(x), ȳ -> (ȳ === nothing ? nothing : conj(ȳ),)
    @adjoint imag(x) = imag(x), ȳ -> (ȳ === nothing ? nothing : real(ȳ) * im,)
    # angle(z) = atan(im z, re z): z̄ = (-im z + i re z) re(ȳ) / |z|²; for
    # a real x a real ȳ gives nothing (ChainRules' zero), a complex one
    # i re(ȳ) / x
    @adjoint angle(x) = angle(x), ȳ -> (__ad_angle_back(x, ȳ),)
    function __ad_angle_back(x, ȳ)
        (ȳ === nothing || (x isa Real && ȳ isa Real)) && return nothing
        x isa Real && return im * real(ȳ) / (iszero(x) ? one(x) : x)
        (-imag(x) + im * real(x)) * real(ȳ) / (iszero(x) ? one(real(x)) : abs2(x))
    end

    # y = a \ b: b̄ = a' \ ȳ (ā = -b̄ y', inline)
    __ad_ldiv_back(a, ȳ) = ȳ === nothing ? nothing : adjoint(a) \ ȳ

    # y = norm(x, p): x̄ = ȳ sign(x) (|x| / y)^(p-1)  (p = 1, 2, Inf alike)
    @adjoint function norm(x, p)
        y = norm(x, p)
        y, ȳ -> (__ad_norm_back(x, p, y, ȳ), nothing)
    end
    function __ad_norm_back(x, p, y, ȳ)
        ȳ === nothing && return nothing
        (iszero(y) || iszero(p)) && return zero.(x)
        ȳ .* sign.(x) .* (abs.(x) ./ y) .^ (p - 1)
    end

    # y = det(A): Ā = ȳ y inv(A)'
    @adjoint function det(A)
        y = det(A)
        y, ȳ -> (ȳ === nothing ? nothing : ȳ * y * adjoint(inv(A)),)
    end

    # Selecting and reordering: indexing by the chosen positions, whose
    # gradient scatters back.
    __ad_filter2(f, xs::AbstractArray) = xs[findall(f, vec(xs))]
    __ad_filter2(f, xs::Tuple) = xs[findall(f, xs)]
    __ad_sort1(xs::AbstractVector) = xs[sortperm(xs)]
    __ad_sort1_kw(xs::AbstractVector; kw...) = xs[sortperm(xs; kw...)]
    @adjoint collect(x) = collect(x), ȳ -> (__ad_uncollect(x, ȳ),)
    function __ad_uncollect(x, ȳ)
        (ȳ === nothing || x isa AbstractRange) && return nothing
        x isa Tuple ? __ad_totuple(ȳ) : x isa AbstractArray ? __ad_reshape_like(ȳ, x) : nothing
    end

    # Writing: map! and get! as loops and stores, differentiated through
    # the destination's shadow.
    function __ad_map_into3(f, dest, xs)
        for i in 1:min(length(dest), length(xs))
            dest[i] = f(xs[i])
        end
        dest
    end
    function __ad_map_into4(f, dest, a, b)
        for i in 1:min(length(dest), length(a), length(b))
            dest[i] = f(a[i], b[i])
        end
        dest
    end
    # get!(d, k, default) and get!(f, d, k)
    function __ad_get_or_set3(a, b, c)
        if a isa AbstractDict
            haskey(a, b) ? a[b] : (a[b] = c)
        else
            haskey(b, c) ? b[c] : (b[c] = a())
        end
    end

    # range(a, b; length = n): yᵢ = a + (b - a) wᵢ, wᵢ = (i - 1)/(n - 1);
    # range(a, b; step = s) and range(a; step, length): yᵢ = a + (i - 1) s
    # (the stop only bounds the count)
    __ad_range2_kw(a, b; kw...) = __ad_range_from(a, b, kw)
    __ad_range1_kw(a; kw...) = __ad_range_from(a, nothing, kw)
    __ad_range_from(a, b, kw) = b === nothing ? range(a; kw...) : range(a, b; kw...)
    @adjoint function __ad_range_from(a, b, kw)
        y = __ad_range_from(a, b, kw)
        y, ȳ -> __ad_range_back(ȳ, b, kw)
    end
    function __ad_range_back(ȳ, b, kw)
        (ȳ === nothing || !(ȳ isa AbstractArray)) && return (nothing, nothing, nothing)
        n = length(ȳ)
        k = collect(0.0:(n - 1.0))
        if b !== nothing && !haskey(kw, :step)
            w = n == 1 ? k : k ./ (n - 1)
            return (sum(ȳ .* (1 .- w)), sum(ȳ .* w), nothing)
        end
        (sum(ȳ), nothing, haskey(kw, :step) ? (step = sum(ȳ .* k),) : nothing)
    end

    # x |> f
    __ad_pipe2(x, f) = f(x)

    # +(a, b, c…) and *(a, b, c…) fold from the left, as Julia's do
    __ad_plus3(a, b, c) = (a + b) + c
    __ad_plus4(a, b, c, d) = ((a + b) + c) + d
    __ad_plus5(a, b, c, d, e) = (((a + b) + c) + d) + e
    __ad_times3(a, b, c) = (a * b) * c
    __ad_times4(a, b, c, d) = ((a * b) * c) * d
    __ad_times5(a, b, c, d, e) = (((a * b) * c) * d) * e

    # N-dimensional reshapes take the gradient back to the input's shape.
    @adjoint reshape(x, m, n, p) = reshape(x, m, n, p), ȳ -> (__ad_reshape_like(ȳ, x), nothing, nothing, nothing)
    @adjoint reshape(x, m, n, p, q) = reshape(x, m, n, p, q), ȳ -> (__ad_reshape_like(ȳ, x), nothing, nothing, nothing, nothing)
    """#

    /// vcat/hcat of 5…8 pieces, pairwise (2…4 are in `rules`).
    static var concatenations: String {
        (5...8).map { n -> String in
            let ps = (1...n).map { "a\($0)" }
            let head = ps.dropLast().joined(separator: ", ")
            return ["vcat", "hcat"].map { f in
                "__ad_\(f)\(n)(\(ps.joined(separator: ", "))) = \(f)(\(f)(\(head)), a\(n))"
            }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
