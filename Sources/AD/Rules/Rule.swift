import SourceMap
import Zy

/// The derivative of one primitive, inlined into adjoint IR: the statements
/// computing each argument's gradient from the output's sensitivity `ȳ`.
///
/// A rule names the primal values it reads (arguments by position, and the
/// result), so the forward pass records exactly those; the adjoint reads
/// them back as `@N`. Rules are emitted as ordinary calls, so adjoint code is
/// itself differentiable.
struct Rule {
    /// Positions (0-based) of the arguments whose primal values the rule reads.
    let readsArguments: [Int]
    let readsResult: Bool
    /// A mutation: reversed even when its result carries no gradient (the
    /// written value's gradient comes from the object's shadow).
    var mutates = false
    /// Gradient operand per argument (nil: no gradient flows to it).
    let emit: (_ b: AdjointEmitter, _ ȳ: Operand, _ args: [Operand], _ y: Operand) -> [Operand?]

    init(reads: [Int], result: Bool = false,
         _ emit: @escaping (_ b: AdjointEmitter, _ ȳ: Operand, _ args: [Operand], _ y: Operand) -> [Operand?]) {
        self.readsArguments = reads
        self.readsResult = result
        self.emit = emit
    }
}

/// Where rules append their statements: the adjoint block being built, with
/// the span of the primal statement being differentiated.
final class AdjointEmitter {
    var statements: [Statement] = []
    var span: Span = .unknown
    private var next: VariableID

    init(firstVariable: VariableID) { next = firstVariable }

    func fresh() -> VariableID {
        defer { next += 1 }
        return next
    }

    var nextVariable: VariableID { next }

    /// Appends `%v = f(args…)` and returns `%v`.
    func call(_ f: String, _ args: [Operand]) -> Operand {
        let v = fresh()
        statements.append(Statement(result: v, .call(.global(f), args.map { .positional($0) }), span: span))
        return .variable(v)
    }

    func take() -> [Statement] {
        defer { statements = [] }
        return statements
    }
}

/// Names of the helper globals adjoint code calls (installed by `ADRuntime`).
/// `mul`, `mulr`, `div`, `accum` compute inline on Int/Float64 like `*`,
/// `*`, `/`, `+`, and treat `nothing` as a zero sensitivity otherwise.
enum Helper {
    /// `u * v'`
    static let mul = "Core.∂mul"
    /// `u' * v`
    static let mulr = "Core.∂mulr"
    /// `u / v'`
    static let div = "Core.∂div"
    static let accum = "accum"
    /// `x^(p-1)`, or `zero(x)` when `p` is 0 (so `x^0` has derivative 0
    /// even for an Int `x`, where `x^-1` would throw).
    static let powMinusOne = "Core.∂powm1"
    static let powExponent = "Core.∂pow_exponent"
    static let fieldGradient = "Core.∂field"
    /// Like `fieldGradient`/`indexGradient`, but a mutable object's gradient
    /// goes to its shadow (the `!`: dead-code removal keeps it).
    static let fieldRead = "Core.∂field!"
    static let indexRead = "Core.∂index!"
    /// The shadow slot's gradient, cleared: the gradient of a written value.
    static let take = "Core.∂take!"
    /// An array shaped like the first argument, every element the second.
    static let fill = "Core.∂fill"
    static let iterateGradient = "Core.∂iterate"
    /// Gradients of a call with splats regrouped per argument.
    static let unsplat = "Core.∂unsplat"
    /// Calls with up to this many positional arguments (splats counted
    /// once) have rules for their `unsplat` (nested AD).
    static let maxSplatArity = 16
    /// `reverse`, with `nothing` for `nothing`.
    static let reverse = "Core.∂reverse"
    static let collect = "Core.∂collect!"
    /// Arrays written in differentiated code: start tracking, add an
    /// array gradient into the shadow, take the whole gradient out.
    /// `sum`, with `nothing` for `nothing`.
    static let sumGradient = "Core.∂sum"
    static let track = "Core.∂track!"
    static let deposit = "Core.∂deposit!"
    /// `deposit` when the first argument is false (the exit taken).
    static let depositUnless = "Core.∂deposit_unless!"
    static let drain = "Core.∂drain!"
    /// Gradients of prod, maximum, minimum over an array or tuple.
    static let reduction = "Core.∂reduction"
    /// `c ? ȳ : zero(ȳ)` (nothing stays nothing).
    static let pick = "Core.∂pick"
    /// 1 where a > 0, else 0 (relu's derivative), in a's kind.
    static let step = "Core.∂step"
    static let pop = "Core.∂pop!"
    /// A varargs method's gradient tuple with the varargs tuple's gradient
    /// spread over the arguments it came from.
    static let spread = "Core.∂spread"
    /// Component k of each tuple of an array gradient, shaped like `xs`.
    static let unzipGradient = "Core.∂unzip"
    static let indexGradient = "Core.∂index"
    static let gradientAt = "Core.∂at"
    /// The blocks' gradients of `[a b; c d]`, and their reverse.
    static let hvcatGradient = "Core.∂hvcat"
    static let hvcatPlace = "Core.∂unhvcat"
    /// `copy(x)` = y: x's gradient is ȳ plus, for a Dict or mutable
    /// struct, y's shadow (moved to x's).
    static let copyGradient = "Core.∂copy!"
    /// `real(ȳ)`; numbers and `nothing` as they are.
    static let realPart = "Core.∂real"
    static let gradientField = "Core.∂getfield"
    static let tapeNew = "Core.tape_new"
    static let tapePush = "Core.tape_push!"
    static let tapeGet = "Core.tape_get"
    static let tapeLength = "Core.tape_length"
    /// Nested AD: a tape record's gradient, added by reads, taken by the push.
    static let tapeAdd = "Core.∂tape_add!"
    static let tapeTake = "Core.∂tape_take!"
    static let pullback = "Core._pullback"
    /// A recorded value as it is now: an array's copy (copy-on-write), any
    /// other value itself (`Transform/Snapshots.swift`).
    static let snapshot = "Core.∂snapshot"
    static let noGradient = "__ad_none"
    static let signOf = "sign"
}
