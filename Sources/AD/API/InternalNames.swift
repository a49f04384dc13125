import Zy

/// Errors name what the user wrote, never AD's own helpers (`Core.∂…`,
/// `__ad_…`): those only run inside adjoint code, so one without a rule is
/// met when a nested gradient differentiates an adjoint again, and the
/// report names the construct whose adjoint it is.
extension ADRuntime {
    static func isInternalName(_ name: String) -> Bool {
        name.hasPrefix("Core.∂") || name.hasPrefix("__ad_") || name.hasPrefix("Core.tape_") || name.hasPrefix("∂")
    }

    /// The user-level construct an internal helper differentiates.
    static func userConstruct(_ name: String) -> String {
        let table: [(prefixes: [String], construct: String)] = [
            (["Core.∂unsplat", "Core.∂resplat", "Core.∂spread", "Core.∂unspread"], "a call with splatted arguments `f(xs...)`"),
            (["Core.∂dict_", "__ad_dict_"], "`Dict(…)`"),
            (["Core.∂fields_", "__ad_mutable_"], "a mutable struct constructor"),
            (["Core.∂refields", "Core.∂unfields", "__ad_unfields", "__ad_construct"], "a struct constructor"),
            (["Core.∂iterate", "Core.∂uniterate", "Core.∂unzip"], "`for x in xs` (iteration)"),
            (["Core.∂collect!"], "a comprehension"),
            (["Core.∂pop", "Core.∂unpop", "Core.∂unappend"], "`push!`, `pop!` or `append!`"),
            (["Core.∂cells_", "Core.∂take!", "Core.∂track", "Core.∂deposit", "Core.∂drain!", "Core.∂settle",
              "Core.∂write", "Core.∂read", "Core.∂index!", "Core.∂field!"], "a read or write of an array, Dict or mutable struct"),
            (["Core.tape_", "Core.∂tape_"], "a loop or branch"),
            (["Core.∂mul", "Core.∂times", "Core.∂div"], "`*` or `/`"),
            (["Core.∂hvcat", "Core.∂unhvcat"], "`[a b; c d]`"),
            (["Core.∂reduction", "Core.∂prod"], "`prod`, `maximum` or `minimum`"),
            (["Core.∂broadcast", "∂broadcast", "__ad_broadcast", "__ad_collect2", "__ad_map"], "a broadcast or `map`"),
            (["__ad_gradient", "__ad_pullback", "__ad_backward", "__ad_user_back"], "`gradient`/`pullback`"),
            (["__ad_custom", "__ad_checked", "__ad_check_adjoint", "__ad_self_nothing"], "an `@adjoint` rule"),
            (["__ad_composed", "__ad_tail"], "`∘`"),
            (["__ad_plus"], "`+`"), (["__ad_times"], "`*`"), (["__ad_pipe"], "`|>`"),
            (["Core.∂reverse"], "`reverse`"), (["Core.∂rezip"], "`for x in xs` (iteration)"),
        ]
        for entry in table where entry.prefixes.contains(where: { name.hasPrefix($0) }) { return entry.construct }
        // `__ad_sum2` → `sum`: the prelude's definition of a built-in
        if name.hasPrefix("__ad_") {
            var base = String(name.dropFirst("__ad_".count))
            if base.hasSuffix("_kw") { base.removeLast(3) }
            while let c = base.last, c.isNumber { base.removeLast() }
            if !base.isEmpty, !base.contains("_") { return "`\(base)`" }
        }
        return "a built-in's derivative"
    }

    /// `no derivative rule for f(::T…)`, or for an internal helper the
    /// construct whose adjoint a nested gradient differentiated.
    static func noRuleMessage(_ f: Value, _ args: [Value]) -> String {
        let name = describe(f)
        guard isInternalName(name) else {
            return "no derivative rule for \(signature(f, args)); "
                + "wrap the call in dropgrad(…) if no gradient should flow through it"
        }
        return "a derivative of this order through \(userConstruct(name)) is not supported yet "
            + "(the derivative of its adjoint has no rule); wrap the call in dropgrad(…) if no gradient should flow through it"
    }
}
