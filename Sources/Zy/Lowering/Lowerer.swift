import SourceMap

/// The lowered form of one top-level statement: a thunk named
/// "top-level scope" whose return value is the statement's value, and the
/// lowering errors found (each with its span). With errors, the thunk must
/// not be run.
public struct LoweringResult {
    public var function: IRFunction
    public var diagnostics: [Diagnostic]
}

/// Lowers the AST to IR (see `Lowering/` and the IR "ABI" in the project
/// notes): SSA form with block arguments, built directly from the AST after
/// Braun et al.; closures converted; macros expanded.
///
/// Besides the functions and operators the program names (module prefixes
/// stripped), lowered code calls these globals, which the runtime provides:
/// `Core.tuple Core.namedtuple Core.vect Core.hvcat Core.typed_vect
/// Core.typed_hcat Core.typed_vcat Core.typed_hvcat (`T[a b]`, `T[a; b]`,
/// `T[a b; c d]`: element type first, then as the untyped forms)
/// Core.apply_type Core.typeassert Core.box Core.getbox Core.setbox!
/// Core.undefvar Core.haskw Core.throw_undefkw Core.check_kwnames Core.collect_narrow
/// Core.reshape_comprehension Core.collect_typed Core.declare_function Core.show_expr Core.time_ns Core.print_time
/// Core.code_ir Core.rethrow Core.new Core.broadcast_setindex! Core.kwrest` and `getindex setindex! firstindex lastindex
/// getproperty setproperty! getfield iterate push! length hcat vcat string
/// broadcast broadcast! identity convert throw AssertionError === <= +`.
///
/// Conventions beyond the shared notes: when an exception reaches a handler
/// block, the runtime has already popped that handler; `Core.new(T, args…)`
/// is `new(args…)` in an inner constructor of struct `T`, whose methods are
/// added with `defineMethod(name: "T", …)`; a call method of a struct,
/// `(m::T)(x) = …`, is `defineMethod(name: "(::T)", body, [T, …])`: the
/// object's type comes first in the signature, and the body takes the
/// object as `%1` (bound to `m`) and the arguments after it; a keyword varargs parameter
/// `kw...` is listed as `"kw..."` in `keywordNames` and bound to the
/// keyword NamedTuple without the other keyword parameters' names
/// (`Core.kwrest(nt, :a, :b)`, or the NamedTuple itself when there are
/// none). A keyword splat in a call, `f(x; a = 1, kw...)`, is the call
/// argument `.keyword("...", kw)` (`CallArgument.keywordSplatName`);
/// `(; a = 1, kw...)` is `Core.namedtuple(; a = 1, kw...)`.
public struct Lowerer {
    public static let topLevelName = "top-level scope"

    public static func lowerTopLevel(_ statement: Expr, file: SourceFile?) -> LoweringResult {
        let context = LoweringContext(file: file ?? statement.span.file)
        var forced: Set<String> = []
        var function: IRFunction?
        while function == nil {
            let fl = FunctionLowerer(context: context, parent: nil, isTopLevel: true, forcedBoxes: forced)
            let value = fl.lower(statement)
            fl.builder.ret(value, span: statement.span)
            switch fl.finish(name: topLevelName, parameterNames: [], isVarargs: false, keywordNames: [], span: statement.span) {
            case .success(let fn): function = fn
            case .failure(let needed):
                forced.formUnion(needed.names)
                context.diagnostics = []
                context.lambdaCounter = 0
            }
        }
        let fn = function ?? IRFunction(name: topLevelName)
        #if DEBUG
        for problem in IRVerifier.verify(fn) {
            context.error("internal error: lowering produced invalid IR: \(problem)", statement.span)
        }
        #endif
        return LoweringResult(function: fn, diagnostics: context.diagnostics)
    }

    /// Lowers every statement of a parsed file, in order.
    public static func lower(_ parsed: ParsedFile) -> [LoweringResult] {
        parsed.statements.map { lowerTopLevel($0, file: parsed.file) }
    }
}

/// Locals found maybe-undefined at a block argument: lowering must retry
/// with them in boxes.
struct NeededBoxes: Error {
    var names: Set<String>
}

extension FunctionLowerer {
    /// Drops unreachable blocks, removes trivial block arguments, orders
    /// block arguments by declaration and blocks by source order, and
    /// numbers variables densely.
    func finish(name: String, parameterNames: [String], isVarargs: Bool, keywordNames: [String],
                span: Span) -> Result<IRFunction, NeededBoxes> {
        let order = builder.orderedLiveBlocks()
        let live = Set(order)
        var blocks = builder.withBlocks { $0 }
        for i in blocks.indices where !live.contains(i + 1) {
            blocks[i] = Block(id: blocks[i].id)
        }
        SSAFinisher.removeTrivialArguments(&blocks)
        let needed = maybeUndefinedNames(blocks)
        if !needed.isEmpty && !needed.isSubset(of: forcedBoxes) { return .failure(NeededBoxes(names: needed)) }
        if !needed.isEmpty || containsUndefined(blocks) {
            error("internal error: a local may be read before it is assigned", span)
            blocks = blocks.map { IRRenumbering.mapOperands($0) { $0 == SSABuilder.undefined ? .constant(.nothing) : $0 } }
        }
        SSAFinisher.sortArguments(&blocks) { self.ssa.argumentSlot[$0] ?? Int.max }
        var names = variableNames
        for (arg, slot) in ssa.argumentSlot where slot < ssa.slotNames.count {
            if let n = ssa.slotNames[slot], names[arg] == nil { names[arg] = n }
        }
        let fn = IRFunction(name: name, parameterNames: parameterNames, isVarargs: isVarargs, keywordNames: keywordNames,
                            blocks: IRRenumbering.reorderBlocks(blocks, order: order), span: span, variableNames: names)
        IRRenumbering.renumberVariables(fn)
        return .success(fn)
    }

    /// Names of the locals whose block arguments may receive "undefined".
    private func maybeUndefinedNames(_ blocks: [Block]) -> Set<String> {
        var out: Set<String> = []
        for block in blocks {
            for br in block.branches {
                switch br.kind {
                case .jump(let t), .jumpUnless(let t, _): collect(t, br, blocks, &out)
                case .ret, .unreachable: break
                }
            }
        }
        return out
    }

    private func collect(_ target: Int, _ br: Branch, _ blocks: [Block], _ out: inout Set<String>) {
        guard target >= 1 && target <= blocks.count else { return }
        let args = blocks[target - 1].arguments
        for (k, a) in br.arguments.enumerated() where a == SSABuilder.undefined && k < args.count {
            if let slot = ssa.argumentSlot[args[k]], slot < ssa.slotNames.count, let n = ssa.slotNames[slot] { out.insert(n) }
        }
    }

    private func containsUndefined(_ blocks: [Block]) -> Bool {
        var found = false
        for b in blocks { _ = IRRenumbering.mapOperands(b) { if $0 == SSABuilder.undefined { found = true }; return $0 } }
        return found
    }
}
