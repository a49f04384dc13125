/// Rules and API pieces written in Zy itself: they are differentiable by the
/// same transform, so nesting needs no special case for them.
enum Prelude {
    static let source = #"""
    # Pullback wrappers the runtime builds around other pullbacks.
    __ad_custom_back(back) = Δ -> __ad_self_nothing(back(Δ))
    __ad_no_back(f) = Δ -> __ad_none(f, Δ)
    __ad_user_back(back, n) = Δ -> __ad_drop_self(back(Δ), n)
    __ad_construct_back(n) = Δ -> __ad_unfields(Δ, n)

    hook(f, x) = x
    @adjoint hook(f, x) = x, Δ -> (nothing, f(Δ))

    dropgrad(x) = x
    @adjoint dropgrad(x) = x, _ -> (nothing,)

    nestlevel() = 0
    @adjoint nestlevel() = nestlevel() + 1, _ -> nothing
    """#
}
