/// Gradient checkpointing (Zygote's `checkpointed`, PyTorch's
/// `torch.utils.checkpoint`, JAX's `jax.checkpoint`): the forward pass
/// calls `f` plainly, so nothing of `f`'s own forward pass is recorded; the
/// pullback runs `_pullback(f, x…)` again and applies it to Δ. Memory for
/// time: `f` runs twice per gradient (once more per call of the pullback).
///
/// The recomputation must see the inputs as they were at the forward call,
/// so the rule keeps a snapshot of `f` and `x…` (`API/Checkpoint.swift`:
/// arrays copy-on-write, so O(1) until someone writes; Dicts, mutable
/// structs and boxes copied, their shadows moved back to the originals
/// after the recomputation; tuples, named tuples, immutable structs and
/// closure captures rebuilt). Code that writes an input after the call is
/// then still differentiated right. As in Zygote, `f` itself must not
/// write its arguments: the caller's later reads of the written values
/// would not reach the recomputation.
extension Prelude {
    static let checkpoint = #"""
    checkpointed(f, xs...) = f(xs...)
    const checkpoint = checkpointed

    # The rule's pullback returns the gradients of (f, xs...): f̄ carries the
    # captures of a closure. Each call of it recomputes from a fresh
    # snapshot (in case the recomputation writes one), then hands the
    # gradients left in the copies' shadows to the objects given. (Fixed
    # arities below avoid splats, which nest only to the second order.)
    @adjoint function checkpointed(f, xs...)
        kept = __ad_ckpt_snapshot((f, xs...))
        f(xs...), Δ -> __ad_ckpt_back(kept, Δ)
    end
    function __ad_ckpt_back(kept, Δ)
        run = __ad_ckpt_snapshot(kept[1])
        t = __ad_pullback(run[1]...)
        __ad_ckpt_finish(t[2](Δ), run, kept)
    end
    function __ad_ckpt_finish(ḡ, run, kept)
        __ad_ckpt_return!(run[2], kept[2])
        ḡ
    end
    # Nested AD differentiates a custom rule's call through
    # `__ad_custom_forward<arity>`: checkpointed(f, a, b, c) has four.
    function __ad_custom_forward4(rule, a, b, c, d)
        t = rule(a, b, c, d)
        (t[1], __ad_custom_back(t[2]))
    end
    function __ad_custom_forward5(rule, a, b, c, d, e)
        t = rule(a, b, c, d, e)
        (t[1], __ad_custom_back(t[2]))
    end
    function __ad_custom_forward6(rule, a, b, c, d, e, g)
        t = rule(a, b, c, d, e, g)
        (t[1], __ad_custom_back(t[2]))
    end
    """# + "\n" + checkpointArities

    /// `checkpointed(f, x1, …, xn)` for n = 0…4 without splats.
    static var checkpointArities: String {
        (0...4).map { n -> String in
            let xs = (0..<n).map { ", x\($0 + 1)" }.joined()
            let cs = (0...n).map { "c[\($0 + 1)]" }.joined(separator: ", ")
            return """
            @adjoint function checkpointed(f\(xs))
                kept = __ad_ckpt_snapshot((f\(xs),))
                f(\(xs.dropFirst(2))), Δ -> __ad_ckpt_back\(n)(kept, Δ)
            end
            function __ad_ckpt_back\(n)(kept, Δ)
                run = __ad_ckpt_snapshot(kept[1])
                c = run[1]
                t = __ad_pullback(\(cs))
                __ad_ckpt_finish(t[2](Δ), run, kept)
            end
            """
        }.joined(separator: "\n")
    }
}
