import SourceMap

/// The compact form the interpreter executes: one flat instruction array per
/// IR function. Operands are register indices (SSA variables first, then
/// constants and temporaries), so the hot loop reads and writes a flat
/// register file and never looks anything up by name.
enum Op {
    /// `dst = lhs op rhs`, computed inline for `Int`/`Float64` operands;
    /// otherwise the full call described by call site `site`.
    case binary(BinaryOperator, dst: Int32, lhs: Int32, rhs: Int32, site: Int32)
    /// `+`, `-`, `*` as their own instructions: the dispatch itself selects
    /// the operation, and the Int case runs without a second switch.
    case add(dst: Int32, lhs: Int32, rhs: Int32, site: Int32)
    case sub(dst: Int32, lhs: Int32, rhs: Int32, site: Int32)
    case mul(dst: Int32, lhs: Int32, rhs: Int32, site: Int32)
    /// `dst = lhs ± imm` with an Int literal that fits in 32 bits (`n -= 1`,
    /// `i + 1`): no register read or type check for the constant. The call
    /// site keeps both operand registers for the slow path.
    case addImm(dst: Int32, lhs: Int32, imm: Int32, site: Int32)
    case subImm(dst: Int32, lhs: Int32, imm: Int32, site: Int32)
    /// `reg = reg ± imm` in place (a loop counter, with coalescing): the old
    /// value is the Int just read, so the store needs no release check.
    case increment(reg: Int32, imm: Int32, site: Int32)
    case decrement(reg: Int32, imm: Int32, site: Int32)
    /// `reg = reg op rhs` in place (`s += x`, `r *= x` with coalescing):
    /// Int and Float64 inline, the old value needing no release check.
    case addInPlace(reg: Int32, rhs: Int32, site: Int32)
    case subInPlace(reg: Int32, rhs: Int32, site: Int32)
    case mulInPlace(reg: Int32, rhs: Int32, site: Int32)
    /// `dst = getindex(array, index)`, read inline for a vector and an in-bounds
    /// `Int`; otherwise the full call of call site `site`.
    case index(dst: Int32, array: Int32, index: Int32, site: Int32)
    /// A call through call site `site` (callee, arguments, result register).
    case call(site: Int32)
    case loadGlobal(dst: Int32, global: Int32)
    /// `dst = getfield(%1, :name)` in a closure body, by capture index.
    case loadCapture(dst: Int32, index: Int32)
    /// A comparison whose result also decides the block's first branch:
    /// `dst = lhs op rhs; br target unless dst`, in one dispatch.
    case compareJumpUnless(BinaryOperator, dst: Int32, lhs: Int32, rhs: Int32, site: Int32, target: Int32)
    /// `compareJumpUnless` against an Int literal, its Bool not kept
    /// (`if n < 2`, `n == 0 ? …`); the call site keeps the literal's register.
    case compareJumpUnlessImm(BinaryOperator, lhs: Int32, imm: Int32, site: Int32, target: Int32)
    /// The same compare branching both ways: a loop's back edge with its test.
    case compareBranch(BinaryOperator, dst: Int32, lhs: Int32, rhs: Int32, site: Int32, then: Int32, otherwise: Int32)
    /// `compareBranch` for `>`, `<`, `<=` whose Bool result is not kept, as
    /// a loop's back edge (`then` at or before it, `otherwise` after it): the
    /// dispatch selects the comparison, so the Int case needs no second
    /// switch on the operator, no result store and no direction test.
    case gtBranch(lhs: Int32, rhs: Int32, site: Int32, then: Int32, otherwise: Int32)
    case ltBranch(lhs: Int32, rhs: Int32, site: Int32, then: Int32, otherwise: Int32)
    case leBranch(lhs: Int32, rhs: Int32, site: Int32, then: Int32, otherwise: Int32)
    /// The same against an Int literal (`while n > 0`), only as a loop's
    /// back edge: `then` is at or before this instruction, `otherwise` after
    /// it. The call site keeps the constant's register for the slow path.
    case gtBranchImm(lhs: Int32, imm: Int32, site: Int32, then: Int32, otherwise: Int32)
    case ltBranchImm(lhs: Int32, imm: Int32, site: Int32, then: Int32, otherwise: Int32)
    case leBranchImm(lhs: Int32, imm: Int32, site: Int32, then: Int32, otherwise: Int32)
    case move(dst: Int32, src: Int32)
    /// Sequential moves `moves[start..<start+2*count]` (dst, src pairs), then a jump.
    case jump(target: Int32, moveStart: Int32, moveCount: Int32)
    /// A jump with one or two block-argument moves inline (the usual loop
    /// back edge), so the loop reads no side table: `dst1 = src1`, then
    /// `dst2 = src2` (already sequentialised), then jump.
    case jumpMove1(target: Int32, dst: Int32, src: Int32)
    case jumpMove2(target: Int32, dst1: Int32, src1: Int32, dst2: Int32, src2: Int32)
    /// Taken when the register holds `true`; a non-Bool is a `TypeError`.
    case jumpIf(cond: Int32, target: Int32)
    case jumpUnless(cond: Int32, target: Int32)
    case ret(src: Int32)
    case unreachable
    case closure(dst: Int32, lambda: Int32)
    case setGlobal(global: Int32, src: Int32)
    case setConst(global: Int32, src: Int32)
    case enterTry(target: Int32)
    case leaveTry
    case currentException(dst: Int32)
    case defineMethod(index: Int32)
    /// `dst = intrinsic(a, b, c)`: a registered Swift function called
    /// directly, without dispatch (unused operands are -1).
    case intrinsic(id: Int32, dst: Int32, a: Int32, b: Int32, c: Int32)
    case defineStruct(index: Int32)
    /// `--check-finite`: after the instruction that computed `%variable`
    /// into `dst` through call site `site`, stop if it made a NaN or Inf
    /// from finite inputs (see `Interpreter+CheckFinite.swift`).
    case checkFinite(dst: Int32, site: Int32, variable: Int32)
    /// `dst = push(vector, value)` of a global registered with
    /// `registerRecordPush`: inline for a vector, else call site `site`.
    case recordPush(dst: Int32, vector: Int32, value: Int32, site: Int32)
    /// `dst = read(vector, index, offset)` (`registerRecordRead`).
    case recordRead(dst: Int32, vector: Int32, index: Int32, offset: Int32, site: Int32)
    /// A reversed loop's back edge: `compareBranch(!=)` of an Int `cursor`
    /// against the literal 0 in register `zero`, where `then` is the
    /// `recordRead(dst, vector, cursor, zero)` that starts the body: when
    /// taken, the read is done here too and the loop resumes after it.
    case recordBranch(dst: Int32, vector: Int32, cursor: Int32, zero: Int32, site: Int32, then: Int32, otherwise: Int32)
    /// Superinstructions that keep their pair's second instruction in place
    /// (`Compiler.fuseRecordSteps`): the fast case of both runs here and
    /// skips it; anything else runs it as usual, so jumps to it, observed
    /// runs and `--check-finite` code need nothing special. `deoptimise`
    /// turns them back into their first instruction.
    /// `recordPush` followed by `mulInPlace(reg, rhs)`: the forward pass's
    /// "record the operand, then multiply" (`r *= x`) in one dispatch.
    case recordPushMulInPlace(dst: Int32, vector: Int32, value: Int32, site: Int32, reg: Int32, rhs: Int32)
    /// The same under `--check-finite`: `recordPush` followed by a
    /// `checkedArith`, whose Float64 case runs here.
    case recordPushCheckedArith(dst: Int32, vector: Int32, value: Int32, site: Int32)
    /// `decrement(reg, imm)` of a reversed loop's cursor followed by the
    /// `recordBranch` that tests it and reads `dst = vector[reg]`, going
    /// back to `then`.
    case decrementRecordBranch(reg: Int32, imm: Int32, site: Int32, dst: Int32, vector: Int32, then: Int32)
    /// `+` and `*` of aliases registered with `registerFloatOperator`:
    /// Float64 inline first, then as `.binary`.
    case floatAdd(dst: Int32, lhs: Int32, rhs: Int32, site: Int32)
    case floatMul(dst: Int32, lhs: Int32, rhs: Int32, site: Int32)
    /// `dst = acc + lhs * rhs` of a fused product and add of those aliases
    /// (`Compiler+MultiplyAdd.swift`): Float64 inline, else both call sites
    /// in turn (the product into `mulSite`'s own result register).
    case floatMulAdd(dst: Int32, acc: Int32, lhs: Int32, rhs: Int32, mulSite: Int32, addSite: Int32)
    /// `--check-finite` forms of `add`/`sub`/`mul`/`binary` arithmetic and
    /// their float aliases (in place when `dst == lhs`): a Float64 result
    /// is tested before it is stored, so a NaN is explained from inputs
    /// still in their registers even when coalescing shares one. The
    /// statement's variable is `sites[site].variable`.
    case checkedArith(BinaryOperator, dst: Int32, lhs: Int32, rhs: Int32, site: Int32)
    /// The checked `floatMulAdd`: the product is also stored in its own
    /// register `product` (read by explanations), each result tested first.
    case checkedMulAdd(dst: Int32, acc: Int32, lhs: Int32, rhs: Int32, product: Int32, mulSite: Int32, addSite: Int32)
}

/// The operators computed inline on unboxed numbers.
enum BinaryOperator: Int {
    case add, sub, mul, div, lt, le, gt, ge, eq, ne

    static let byName: [String: BinaryOperator] = [
        "+": .add, "-": .sub, "*": .mul, "/": .div, "<": .lt, "<=": .le, "≤": .le,
        ">": .gt, ">=": .ge, "≥": .ge, "==": .eq, "!=": .ne, "≠": .ne,
    ]

    /// Globals registered with `Interpreter.registerInlineOperator`: computed
    /// inline like an operator on Int/Float64, their own methods otherwise.
    nonisolated(unsafe) static var aliases: [String: BinaryOperator] = [:]
    /// The `overriddenOperators` bit of `getindex` (after the operators' bits).
    static let indexBit: UInt32 = 1 << 31
}

/// Internal globals called directly by the interpreter (see
/// `Interpreter.registerIntrinsic`), by name, with their arity.
enum Intrinsics {
    nonisolated(unsafe) static var fixed: [(Value, Value, Value) throws -> Value] = []
    nonisolated(unsafe) static var byName: [String: (id: Int32, arity: Int)] = [:]
}

/// A frame's register file: SSA variables, constants, temporaries. Indices
/// come only from the compiler, never from user values.
typealias Registers = UnsafeMutablePointer<Value>

/// One call: callee, arguments and result register, plus an inline cache of
/// the method last dispatched to from here.
final class CallSite {
    enum Callee {
        case global(GlobalBinding)
        case register(Int32)
    }
    enum Argument {
        case positional(Int32)
        case splat(Int32)
    }
    let callee: Callee
    /// Positional arguments when there are no splats (the common case).
    let positional: [Int32]
    /// All arguments in order when at least one is splatted; nil otherwise.
    let splatted: [Argument]?
    let keywords: [(Symbol, Int32)]
    /// Result register, or -1.
    let dst: Int32
    /// `--check-finite`: the variable a checked arithmetic form defines.
    var variable: Int32 = 0

    /// Inline cache, behind a pointer so reading it on every call costs no
    /// exclusivity check.
    let cache: UnsafeMutablePointer<InlineCache>
    /// The callee's binding when it is a global (kept alive by `callee`).
    unowned(unsafe) let binding: GlobalBinding?
    /// The same, read by the direct call path without a retain.
    let bindingRef: Unmanaged<GlobalBinding>?
    /// `positional` in owned memory, read without retaining an array.
    let arguments: UnsafeMutablePointer<Int32>

    init(callee: Callee, positional: [Int32], splatted: [Argument]?, keywords: [(Symbol, Int32)], dst: Int32) {
        self.callee = callee
        self.positional = positional
        self.splatted = splatted
        self.keywords = keywords
        self.dst = dst
        cache = .allocate(capacity: 1)
        cache.initialize(to: InlineCache())
        if case .global(let b) = callee { binding = b } else { binding = nil }
        bindingRef = binding.map { Unmanaged.passUnretained($0) }
        arguments = .allocate(capacity: max(1, positional.count))
        arguments.initialize(from: positional, count: positional.count)
    }

    deinit {
        cache.deinitialize(count: 1)
        cache.deallocate()
        arguments.deallocate()
    }
}

/// The method last selected at a call site, for these exact argument types,
/// valid while the generic function's generation is unchanged.
struct InlineCache {
    var function: GenericFunction?
    var generation = -1
    var types: [ZyType] = []
    var method: Method?
    /// The method's compiled body when it is Zy code.
    var compiled: CompiledFunction?

    // The direct-call path (`Interpreter.callCached`): a global callee, a
    // fixed-arity Zy method and scalar arguments (`Int`, `Float64`, `Bool`,
    // `nothing`), checked without retaining anything. The strong fields
    // above keep the unowned ones alive.
    /// Number of arguments, or -1 when the direct path does not apply.
    var directArity: Int32 = -1
    var bindingVersion = -1
    /// `Interpreter.scalarKind` of each argument, one byte each.
    var argumentKinds: UInt64 = 0
    var directFunction: Unmanaged<GenericFunction>?
    var directCompiled: Unmanaged<CompiledFunction>?
}

/// A method or struct definition, with its type operands as registers.
struct CompiledMethodDefinition {
    let name: String
    let body: IRFunction
    let signature: [Int32]
}

struct CompiledStructDefinition {
    let name: String
    let isMutable: Bool
    let fieldNames: [String]
    let fieldTypes: [Int32]
    let supertype: Int32
}

/// What the compiler accumulates; frozen into a `CompiledFunction`.
struct CompiledParts {
    var code: [Op] = []
    /// The span of the IR statement or branch each instruction comes from.
    var spans: [Span] = []
    /// True on the first instruction of each IR statement (observer reports).
    var statementStarts: [Bool] = []
    var sites: [CallSite] = []
    var globals: [GlobalBinding] = []
    var lambdas: [(IRFunction, [Int32])] = []
    var methods: [CompiledMethodDefinition] = []
    var structs: [CompiledStructDefinition] = []
    /// Bodies of the intrinsics this function calls, by `Op.intrinsic` id.
    var intrinsics: [(Value, Value, Value) throws -> Value] = []
    /// Initial register file: constants in their slots, `.nothing` elsewhere.
    var registerTemplate: [Value] = []
    /// Flattened (dst, src) register pairs of the block-argument moves of jumps.
    var moves: [Int32] = []
    /// Registers of block 1's arguments (self, parameters, keywords).
    var entryRegisters: [Int32] = []
    var readsSelf = true
    /// Constants occupy registers `firstConstant..<firstTemporary`; no
    /// instruction writes them.
    var firstConstant: Int32 = 0
    var firstTemporary: Int32 = 0

}

/// An IR function compiled for the interpreter. Every field is a constant,
/// so the interpreter reads them without exclusivity checks; only the
/// instructions themselves change, when `deoptimise` rewrites them.
final class CompiledFunction {
    let ir: IRFunction
    /// Owned memory rather than an array: `deoptimise` rewrites instructions
    /// in place while frames of this function may be running.
    let code: UnsafeMutableBufferPointer<Op>
    let spans: [Span]
    let statementStarts: [Bool]
    let sites: [CallSite]
    /// `sites` unretained, for the dispatch loop (`sites` keeps them alive).
    let siteRefs: UnsafeMutablePointer<Unmanaged<CallSite>>
    let globals: [GlobalBinding]
    let lambdas: [(IRFunction, [Int32])]
    let methods: [CompiledMethodDefinition]
    let structs: [CompiledStructDefinition]
    let intrinsics: [(Value, Value, Value) throws -> Value]
    let registerTemplate: [Value]
    /// The template in owned memory, for byte copies into new frames.
    let templateBase: UnsafeMutablePointer<Value>?
    let registerCount: Int
    /// Template slots holding a reference (copied with a retain).
    let referenceConstants: [Int32]
    /// The constants' registers, which need no release check on exit
    /// unless listed in `referenceConstants`.
    let constantRegisters: Range<Int>
    let moves: [Int32]
    let entryRegisters: [Int32]
    /// `--check-finite`: variables whose register another variable shares
    /// (coalescing), whose values explanations cannot trust.
    var sharedRegisters: Set<Int> = []
    /// False when the body never reads `%1` (the function itself), so the
    /// direct call path does not store it.
    let readsSelf: Bool
    /// The number of arguments for the register-to-register call path:
    /// the parameter count of a fixed-arity method without keywords, else -1.
    let directArity: Int

    init(ir: IRFunction, _ p: CompiledParts) {
        self.ir = ir
        code = .allocate(capacity: p.code.count)
        _ = code.initialize(from: p.code)
        intrinsics = p.intrinsics
        spans = p.spans
        statementStarts = p.statementStarts
        sites = p.sites
        siteRefs = .allocate(capacity: max(1, p.sites.count))
        siteRefs.initialize(from: p.sites.map { Unmanaged.passUnretained($0) }, count: p.sites.count)
        globals = p.globals
        lambdas = p.lambdas
        methods = p.methods
        structs = p.structs
        registerTemplate = p.registerTemplate
        registerCount = p.registerTemplate.count
        if registerCount > 0 {
            let t = UnsafeMutablePointer<Value>.allocate(capacity: registerCount)
            t.initialize(from: p.registerTemplate, count: registerCount)
            templateBase = t
        } else {
            templateBase = nil
        }
        let first = min(max(0, Int(p.firstConstant)), registerCount)
        constantRegisters = first..<min(max(first, Int(p.firstTemporary)), registerCount)
        referenceConstants = p.registerTemplate.indices.filter { i in
            switch p.registerTemplate[i] {
            case .int, .float, .bool, .nothing: return false
            default: return true
            }
        }.map { Int32($0) }
        moves = p.moves
        entryRegisters = p.entryRegisters
        readsSelf = p.readsSelf
        let simple = !ir.isVarargs && ir.keywordNames.isEmpty && p.entryRegisters.count == ir.parameterNames.count + 1
        directArity = simple ? ir.parameterNames.count : -1
    }

    deinit {
        code.deinitialize()
        code.deallocate()
        siteRefs.deallocate()
        templateBase?.deinitialize(count: registerCount)
        templateBase?.deallocate()
    }
}
