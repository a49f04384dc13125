/// Rules and API pieces written in Zy itself: they are differentiable by the
/// same transform, so nesting needs no special case for them.
enum Prelude {
    static var source: String { core + "\n" + rules + "\n" + library + "\n" + concatenations }

    static let core = #"""
    # Pullback wrappers the runtime builds around other pullbacks.
    __ad_custom_back(back) = Δ -> __ad_self_nothing(back(Δ))
    __ad_no_back(f) = Δ -> __ad_none(f, Δ)
    __ad_user_back(back, n) = Δ -> __ad_drop_self(__ad_backward(back, Δ), n)
    @adjoint __ad_backward(f, Δ) = __ad_pullback_fresh(f, Δ)
    __ad_construct_back(n) = Δ -> __ad_unfields(Δ, n)
    __ad_dict_back(d, pairs) = Δ -> __ad_dict_grads(d, pairs)
    __ad_mutable_construct_back(m, n) = Δ -> __ad_mutable_fields(m, Δ, n)
    # What `_pullback` does for a struct constructor, as differentiable code.
    __ad_construct_forward(T, args...) = (T(args...), __ad_construct_back(length(args)))
    function __ad_mutable_construct_forward(T, args...)
        m = T(args...)
        (m, __ad_mutable_construct_back(m, length(args)))
    end
    function __ad_dict_forward(T, pairs...)
        d = T(pairs...)
        (d, __ad_dict_back(d, pairs))
    end
    # ... and for a built-in without a rule (its pullback errors only if a
    # gradient reaches it: `2:n` in adjoint code, say).
    __ad_no_rule_forward(f, args...) = (f(args...), __ad_no_rule_back(f, args))

    # `gradient` as differentiable code (nested AD differentiates these).
    function __ad_gradient1(f, a)
        t = __ad_pullback(f, a)
        g = t[2](one(t[1]))
        (__ad_at(g, 2),)
    end
    function __ad_gradient2(f, a, b)
        t = __ad_pullback(f, a, b)
        g = t[2](one(t[1]))
        (__ad_at(g, 2), __ad_at(g, 3))
    end
    function __ad_gradient3(f, a, b, c)
        t = __ad_pullback(f, a, b, c)
        g = t[2](one(t[1]))
        (__ad_at(g, 2), __ad_at(g, 3), __ad_at(g, 4))
    end

    # What `_pullback` does for a custom rule, as differentiable code.
    function __ad_custom_forward0(rule)
        t = rule()
        (t[1], __ad_custom_back(t[2]))
    end
    function __ad_custom_forward1(rule, a)
        t = rule(a)
        (t[1], __ad_custom_back(t[2]))
    end
    function __ad_custom_forward2(rule, a, b)
        t = rule(a, b)
        (t[1], __ad_custom_back(t[2]))
    end
    function __ad_custom_forward3(rule, a, b, c)
        t = rule(a, b, c)
        (t[1], __ad_custom_back(t[2]))
    end

    # Rules for the wrappers themselves (their adjoints are linear).
    @adjoint __ad_self_nothing(g) = __ad_self_nothing(g), z̄ -> (__ad_tail(z̄),)
    @adjoint __ad_tail(g) = __ad_tail(g), z̄ -> (__ad_self_nothing(z̄),)
    @adjoint __ad_drop_self(g, n) = __ad_drop_self(g, n), z̄ -> (__ad_self_nothing(z̄), nothing)

    # foldl(op, xs) / reduce(op, xs) as differentiable code.
    function __ad_foldl2(op, xs)
        isempty(xs) && return __ad_reduce_empty(op, xs)
        acc = xs[1]
        for i in 2:length(xs)
            acc = op(acc, xs[i])
        end
        acc
    end

    # sum(f, xs) as differentiable code.
    __ad_sum2(f, xs) = sum(map(f, xs))

    # Calling `f ∘ g`: its gradient is (outer = f̄, inner = ḡ).
    __ad_composed(c, x...) = c.outer(c.inner(x...))
    __ad_tail_back(back) = Δ -> __ad_tail(back(Δ))
    # ... and what `_pullback` does for it, as differentiable code (nesting).
    function __ad_composed_forward(c, x...)
        t = __ad_pullback(__ad_composed, c, x...)
        (t[1], __ad_tail_back(t[2]))
    end

    hook(f, x) = x
    @adjoint hook(f, x) = x, Δ -> (nothing, f(Δ))

    dropgrad(x) = x
    @adjoint dropgrad(x) = x, _ -> (nothing,)

    nestlevel() = 0
    @adjoint nestlevel() = nestlevel() + 1, _ -> nothing
    """#
}
