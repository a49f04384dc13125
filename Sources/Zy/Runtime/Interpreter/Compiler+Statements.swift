import SourceMap

extension Compiler {
    mutating func compile(_ statement: Statement) {
        nextTemp = tempBase
        var first = true
        let span = statement.span
        // Register 0 is no SSA variable (they are 1-based): a scratch destination.
        let dst = Int32(max(0, statement.result.map { alias[$0] ?? $0 } ?? 0))
        switch statement.instruction {
        case .call(let callee, let args):
            compileCall(callee, args, dst: dst, span: span, first: &first)
            if finiteCheck != nil { emitFiniteCheck(statement, dst: dst) }
        case .closure(let lambda, let captures):
            let regs = captures.map { register($0, span: span, first: &first) }
            out.lambdas.append((lambda, regs))
            emit(.closure(dst: dst, lambda: Int32(out.lambdas.count - 1)), span: span, starts: first)
        case .setGlobal(let name, let value):
            let r = register(value, span: span, first: &first)
            emit(.setGlobal(global: global(name), src: r), span: span, starts: first)
        case .setConst(let name, let value):
            let r = register(value, span: span, first: &first)
            emit(.setConst(global: global(name), src: r), span: span, starts: first)
        case .enterTry(let block):
            patches.append((out.code.count, block))
            emit(.enterTry(target: 0), span: span, starts: true)
        case .leaveTry:
            emit(.leaveTry, span: span, starts: true)
        case .currentException:
            emit(.currentException(dst: dst), span: span, starts: true)
        case .defineMethod(let name, let body, let signature):
            let regs = signature.map { register($0, span: span, first: &first) }
            out.methods.append(CompiledMethodDefinition(name: name, body: body, signature: regs))
            emit(.defineMethod(index: Int32(out.methods.count - 1)), span: span, starts: first)
        case .defineStruct(let name, let isMutable, let fieldNames, let fieldTypes, let supertype):
            let superReg = register(supertype, span: span, first: &first)
            let regs = fieldTypes.map { register($0, span: span, first: &first) }
            out.structs.append(CompiledStructDefinition(name: name, isMutable: isMutable, fieldNames: fieldNames,
                                                        fieldTypes: regs, supertype: superReg))
            emit(.defineStruct(index: Int32(out.structs.count - 1)), span: span, starts: first)
        }
    }

    mutating func compileCall(_ callee: Operand, _ args: [CallArgument], dst: Int32, span: Span, first: inout Bool) {
        // Captured variables: `getfield(%1, :name)` in a closure body.
        if case .global("getfield") = callee, args.count == 2,
           case .positional(.variable(1)) = args[0],
           case .positional(.constant(.symbol(let name))) = args[1],
           let index = ir.captureNames.firstIndex(of: name) {
            emit(.loadCapture(dst: dst, index: Int32(index)), span: span, starts: first)
            return
        }
        var positional: [Int32] = []
        var all: [CallSite.Argument] = []
        var keywords: [(Symbol, Int32)] = []
        var hasSplat = false
        for a in args {
            switch a {
            case .positional(let o):
                let r = register(o, span: span, first: &first)
                positional.append(r)
                all.append(.positional(r))
            case .splat(let o):
                hasSplat = true
                all.append(.splat(register(o, span: span, first: &first)))
            case .keyword(let name, let o):
                keywords.append((Symbol.named(name), register(o, span: span, first: &first)))
            }
        }
        let target: CallSite.Callee
        if case .global(let name) = callee {
            target = .global(globals.binding(name))
        } else {
            target = .register(register(callee, span: span, first: &first))
        }
        let site = CallSite(callee: target, positional: positional, splatted: hasSplat ? all : nil,
                            keywords: keywords, dst: dst)
        out.sites.append(site)
        let siteIndex = Int32(out.sites.count - 1)
        if case .global(let name) = callee, !hasSplat, keywords.isEmpty {
            if positional.count == 2, RecordOps.pushes.contains(name) {
                emit(.recordPush(dst: dst, vector: positional[0], value: positional[1], site: siteIndex),
                     span: span, starts: first)
                return
            }
            // A third positional argument of an alias is a "shape" operand
            // only its Swift method reads (off the Float64 path): the call
            // site keeps it, the instruction does not.
            if positional.count == 2 || positional.count == 3, dst >= 0, let op = BinaryOperator.floatAliases[name] {
                let (l, r) = (positional[0], positional[1])
                emit(op == .mul ? .floatMul(dst: dst, lhs: l, rhs: r, site: siteIndex)
                                : .floatAdd(dst: dst, lhs: l, rhs: r, site: siteIndex), span: span, starts: first)
                return
            }
            if positional.count == 3, RecordOps.reads.contains(name) {
                emit(.recordRead(dst: dst, vector: positional[0], index: positional[1], offset: positional[2],
                                 site: siteIndex), span: span, starts: first)
                return
            }
        }
        if case .global(let name) = callee, let intrinsic = Intrinsics.byName[name], intrinsic.arity == positional.count,
           !hasSplat, keywords.isEmpty {
            let r = positional + Array(repeating: Int32(-1), count: 3 - positional.count)
            out.intrinsics.append(Intrinsics.fixed[Int(intrinsic.id)])
            let local = Int32(out.intrinsics.count - 1)
            emit(.intrinsic(id: local, dst: dst, a: r[0], b: r[1], c: r[2]), span: span, starts: first)
            return
        }
        if case .global(let name) = callee, let op = BinaryOperator.byName[name] ?? BinaryOperator.aliases[name],
           positional.count == 2, !hasSplat, keywords.isEmpty, dst >= 0 {
            let (l, r) = (positional[0], positional[1])
            let op: Op = switch op {
            case .add: .add(dst: dst, lhs: l, rhs: r, site: siteIndex)
            case .sub: .sub(dst: dst, lhs: l, rhs: r, site: siteIndex)
            case .mul: .mul(dst: dst, lhs: l, rhs: r, site: siteIndex)
            default: .binary(op, dst: dst, lhs: l, rhs: r, site: siteIndex)
            }
            emit(op, span: span, starts: first)
        } else if case .global("getindex") = callee, positional.count == 2, !hasSplat, keywords.isEmpty {
            emit(.index(dst: dst, array: positional[0], index: positional[1], site: siteIndex), span: span, starts: first)
        } else {
            emit(.call(site: siteIndex), span: span, starts: first)
        }
    }

    mutating func compileBranches(_ block: Block, blockStart: Int, nextBlock: Int?) {
        for (index, branch) in block.branches.enumerated() {
            nextTemp = tempBase
            let span = branch.span
            switch branch.kind {
            case .jump(let target):
                let (start, count) = emitMoves(to: target, branch.arguments, span: span)
                // Falling through to the next block needs no instruction.
                if count == 0, target == nextBlock, index == block.branches.count - 1 { continue }
                patches.append((out.code.count, target))
                emitJump(moveStart: start, moveCount: count, span: span)
            case .jumpUnless(let target, let condition):
                if index == 0, branch.arguments.isEmpty, fuseComparison(condition, target: target, blockStart: blockStart) {
                    continue
                }
                var first = false
                let c = register(condition, span: span, first: &first)
                if branch.arguments.isEmpty {
                    patches.append((out.code.count, target))
                    emit(.jumpUnless(cond: c, target: 0), span: span, starts: false)
                } else {
                    // Skip the moves when the condition holds.
                    let skip = out.code.count
                    emit(.jumpIf(cond: c, target: 0), span: span, starts: false)
                    let (start, count) = emitMoves(to: target, branch.arguments, span: span)
                    patches.append((out.code.count, target))
                    emitJump(moveStart: start, moveCount: count, span: span)
                    out.code[skip] = .jumpIf(cond: c, target: Int32(out.code.count))
                }
            case .ret(let value):
                var first = false
                let r = register(value, span: span, first: &first)
                emit(.ret(src: r), span: span, starts: true)
            case .unreachable:
                emit(.unreachable, span: span, starts: false)
            }
        }
    }

    /// A jump (target patched later) with up to two moves inline.
    mutating func emitJump(moveStart start: Int32, moveCount count: Int32, span: Span) {
        let m = out.moves, k = Int(start)
        switch count {
        case 1: emit(.jumpMove1(target: 0, dst: m[k], src: m[k + 1]), span: span, starts: false)
        case 2: emit(.jumpMove2(target: 0, dst1: m[k], src1: m[k + 1], dst2: m[k + 2], src2: m[k + 3]),
                     span: span, starts: false)
        default: emit(.jump(target: 0, moveStart: start, moveCount: count), span: span, starts: false)
        }
    }

    /// `%c = a < b` as the block's last statement followed by `br T unless %c`
    /// becomes one compare-and-branch instruction.
    mutating func fuseComparison(_ condition: Operand, target: Int, blockStart: Int) -> Bool {
        guard case .variable(let v) = condition, out.code.count > blockStart,
              case .binary(let op, let dst, let lhs, let rhs, let site)? = out.code.last,
              dst == Int32(v), op.rawValue >= BinaryOperator.lt.rawValue else { return false }
        let at = out.code.count - 1
        // A condition read only by this branch needs no register: 0 is the
        // scratch register, which the fast path does not write.
        let keep = (readCounts[v] ?? 0) > 1 || alias.values.contains(v)
        out.code[at] = .compareJumpUnless(op, dst: keep ? dst : 0, lhs: lhs, rhs: rhs, site: site, target: 0)
        patches.append((at, target))
        return true
    }

    /// Block arguments are a parallel copy: sequentialised into `out.moves`,
    /// breaking cycles (`a, b = b, a`) through a temporary. Returns the
    /// start index and the number of moves.
    mutating func emitMoves(to target: Int, _ arguments: [Operand], span: Span) -> (Int32, Int32) {
        let start = Int32(out.moves.count)
        guard !arguments.isEmpty,
              let block = ir.blocks.first(where: { $0.id == target }) else { return (start, 0) }
        var first = false
        var pending: [(dst: Int32, src: Int32)] = []
        for (param, arg) in zip(block.arguments, arguments) {
            let src = register(arg, span: span, first: &first)
            let p = Int32(max(0, param))
            if p != src { pending.append((p, src)) }
        }
        var count: Int32 = 0
        func move(_ dst: Int32, _ src: Int32) {
            out.moves.append(dst)
            out.moves.append(src)
            count += 1
        }
        while !pending.isEmpty {
            if let i = pending.firstIndex(where: { m in !pending.contains { $0.src == m.dst } }) {
                let m = pending.remove(at: i)
                move(m.dst, m.src)
            } else {
                // Every destination is still read by another move: a cycle.
                // Save one destination's old value and redirect its readers.
                let d = pending[0].dst
                let t = temp()
                move(t, d)
                for k in pending.indices where pending[k].src == d { pending[k].src = t }
            }
        }
        return (start, count)
    }
}
