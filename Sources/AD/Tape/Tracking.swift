import Zy

/// Which variables of a function carry their gradient in their object's
/// shadow (when the object is an array that some running adjoint tracks).
/// Tracked from the start of their reversed range (the adjoint's start for
/// the entry block's, the first reversed use for others, per instance) to
/// their reversed definition, where they settle: arrays written here
/// (`x[i] = v`, `push!`, `x .= …`), and arrays created or read out of a
/// container here that are handed to a call that may write into them (a
/// recorded pullback) or captured by a closure. Also routed through the
/// shadow when someone tracks the array: arrays read out of containers in
/// a function that writes somewhere, so a second read of the same array
/// sees the writes.
struct MutationTracking {
    static let mutating: Set<String> = ["setindex!", "push!", "pop!", "append!", "fill!", "broadcast!",
                                        "Core.broadcast_setindex!", "empty!", "resize!", "pushfirst!", "popfirst!"]
    static let creating: Set<String> = ["zeros", "ones", "copy", "fill", "similar", "Core.vect", "collect",
                                        "Core.collect_narrow", "Core.typed_vect", "hcat", "vcat", "Core.hvcat",
                                        "reshape", "deepcopy", "broadcast", "map", "Core.reshape_comprehension"]
    static let aliasing: Set<String> = ["getproperty", "getfield", "getindex", "Core.getbox"]

    var tracked: Set<VariableID> = []
    var fromStart: Set<VariableID> = []

    init(_ ir: IRFunction, kinds: [[StatementKind]], definingBlock: [VariableID: Int]) {
        guard let entry = ir.blocks.first else { return }
        let selfValue = entry.arguments.first
        // Values merged at a join or carried around a loop (other blocks'
        // arguments) settle where their block starts.
        let merged = Set(ir.blocks.dropFirst().flatMap(\.arguments))
        func eligible(_ v: VariableID) -> Bool { definingBlock[v] != nil && v != selfValue }
        var created: Set<VariableID> = [], read: Set<VariableID> = [], handedOn: Set<VariableID> = []
        var container: [VariableID: VariableID] = [:]
        // Global arrays read into variables (`Transform/GlobalArrays.swift`).
        var globalArrays: Set<VariableID> = []
        var writes = false
        for b in ir.blocks {
            for s in b.statements {
                guard let r = s.result, case .call(.global(let name), let args) = s.instruction else { continue }
                if name == GlobalArrays.read || name == GlobalArrays.readWritten { globalArrays.insert(r) }
                if MutationTracking.creating.contains(name) { created.insert(r) }
                if MutationTracking.aliasing.contains(name) {
                    read.insert(r)
                    if case .variable(let c)? = args.first?.operand { container[r] = c }
                }
            }
        }
        // Values stored into a container: (value, container).
        var stored: [(VariableID, VariableID)] = []
        for b in ir.blocks {
            for s in b.statements {
                guard case .call(.global(let name), let args) = s.instruction else { continue }
                let ops = args.map(\.operand)
                switch name {
                case "Core.box":
                    if let r = s.result, case .variable(let v)? = ops.first { stored.append((v, r)) }
                case "Core.setbox!", "setindex!", "push!":
                    if ops.count > 1, case .variable(let c) = ops[0], case .variable(let v) = ops[1] { stored.append((v, c)) }
                case "setproperty!":
                    if ops.count > 2, case .variable(let c) = ops[0], case .variable(let v) = ops[2] { stored.append((v, c)) }
                default:
                    break
                }
            }
        }
        for (bi, b) in ir.blocks.enumerated() {
            for (si, s) in b.statements.enumerated() {
                let kind = bi < kinds.count && si < kinds[bi].count ? kinds[bi][si] : .inactive
                switch (kind, s.instruction) {
                case (_, .call(.global(let name), let args)) where MutationTracking.mutating.contains(name):
                    writes = true
                    let k = name == "broadcast!" ? 1 : 0
                    if k < args.count, case .variable(let v) = args[k].operand, eligible(v) { fromStart.insert(v) }
                case (.pullback, .call(_, let args)):
                    handedOn.formUnion(Analysis.variables(args.map(\.operand)))
                case (.closure, _):
                    handedOn.formUnion(Analysis.variables(Analysis.callArguments(s)))
                default:
                    break
                }
            }
        }
        // An argument or merged value handed to a call that may write into
        // it matters only if this function also uses it elsewhere (its
        // gradient from those uses must be in the shadow before the
        // callee's writes are undone); passing a merged value on around a
        // loop is not such a use.
        var uses: [VariableID: Int] = [:], passed: [VariableID: Int] = [:]
        for b in ir.blocks {
            for s in b.statements {
                var ops = Analysis.callArguments(s)
                if case .call(let f, _) = s.instruction { ops.append(f) }
                for v in Analysis.variables(ops) { uses[v, default: 0] += 1 }
            }
            for br in b.branches {
                for v in Analysis.variables(br.arguments) { passed[v, default: 0] += 1 }
                if case .ret(.variable(let v)) = br.kind { uses[v, default: 0] += 1 }
            }
        }
        let arguments = Set(entry.arguments).filter { (uses[$0] ?? 0) + (passed[$0] ?? 0) > 1 }
            .union(merged.filter { (uses[$0] ?? 0) > 1 })
        fromStart.formUnion(handedOn.intersection(created.union(read).union(arguments).union(globalArrays)).filter(eligible))
        // Read out of a container a callee or closure also received (a
        // struct, a box of a captured variable): the callee may write into
        // the same array through it.
        fromStart.formUnion(read.filter { container[$0].map(handedOn.contains) ?? false }.filter(eligible))
        // Likewise an array stored into such a container.
        fromStart.formUnion(stored.filter { handedOn.contains($0.1) && created.union(read).contains($0.0) }
            .map(\.0).filter(eligible))
        // Indexed outside the entry block (in a loop, as a rule): each
        // read's gradient then adds one slot of the shadow instead of a
        // dense one-hot array summed into the gradient (quadratic in the
        // array's length, Zygote's known cost for scalar indexing). Only
        // where the element read is used as a plain value: an element that
        // is itself a container, handed on or indexed, keeps its own route.
        var containers: Set<VariableID> = []
        for b in ir.blocks {
            for s in b.statements {
                guard case .call(.global(let name), let args) = s.instruction,
                      MutationTracking.aliasing.contains(name) || MutationTracking.mutating.contains(name) else { continue }
                let k = name == "broadcast!" ? 1 : 0
                if k < args.count, case .variable(let c) = args[k].operand { containers.insert(c) }
            }
        }
        for b in ir.blocks.dropFirst() {
            for s in b.statements {
                guard let r = s.result, case .call(.global("getindex"), let args) = s.instruction, args.count == 2,
                      case .variable(let v) = args[0].operand, eligible(v), definingBlock[v] == entry.id,
                      !handedOn.contains(r), !containers.contains(r), !stored.contains(where: { $0.0 == r })
                else { continue }
                fromStart.insert(v)
            }
        }
        tracked = fromStart.union(globalArrays.filter(eligible))
        if writes { tracked.formUnion(read.filter(eligible)) }
    }
}

/// Names of the runtime helpers the adjoint calls for tracked variables
/// (defined in `API/Mutation.swift`).
extension Shadows {
    static let trackName = "Core.∂track_array!"
    static let depositName = "Core.∂deposit_or"
    static let depositUnlessName = "Core.∂deposit_or_unless"
    static let settleName = "Core.∂settle!"
    /// Arrays bound outside the entry block: the adjoint tracks every
    /// instance the forward pass listed (`Plan.owned`) at its start.
    static let trackAllName = "Core.∂track_all!"
}
