import SourceMap

extension Interpreter {
    /// Runs a compiled body on a prepared register file until it returns.
    /// Exceptions raised inside a `try` region resume at the innermost
    /// handler's catch block; others leave with this frame appended.
    func execute(_ cf: CompiledFunction, _ regs: Registers) throws -> Value {
        var pc = 0
        var handlers: [Int32] = []
        var exception: Value = .nothing
        while true {
            do {
                // Two copies of the loop: the one without an observer has no
                // per-instruction observer test at all.
                if hot.pointee.observer == nil {
                    return try loop(Unobserved.self, cf, UnsafeBufferPointer(cf.code), regs, &pc, &handlers, &exception)
                }
                return try loop(Observed.self, cf, UnsafeBufferPointer(cf.code), regs, &pc, &handlers, &exception)
            } catch {
                let span = pc < cf.spans.count ? cf.spans[pc] : cf.ir.span
                guard let z = error as? ZyException else { throw Interpreter.wrap(error, span: span) }
                if let handler = handlers.popLast(), !Interpreter.isUncatchable(z) {
                    // Kept for `rethrow`, with the frame where it was caught.
                    var ex = takePendingFrames(z)
                    ex.frames.append(Frame(function: Interpreter.frameName(cf.ir), span: span,
                                           phase: phase, isInternal: cf.ir.isInternal))
                    exception = ex.value
                    lastCaught = ex
                    pc = Int(handler)
                    continue
                }
                observer?.errorRaised(z, function: cf.ir, span: span, depth: depth)
                // Frames collect beside the exception while it unwinds, so deep
                // recursion does not copy a growing array at every level.
                hot.pointee.pendingFrames.append(Frame(function: Interpreter.frameName(cf.ir), span: span,
                                           phase: phase, isInternal: cf.ir.isInternal))
                throw error
            }
        }
    }

    /// The exception with the frames it unwound through so far.
    func takePendingFrames(_ z: ZyException) -> ZyException {
        guard !hot.pointee.pendingFrames.isEmpty else { return z }
        var ex = z
        ex.frames.append(contentsOf: hot.pointee.pendingFrames)
        hot.pointee.pendingFrames.removeAll()
        return ex
    }

    /// A non-Zy error from a built-in, tied to the calling statement.
    static func wrap(_ error: Error, span: Span) -> Error {
        switch error {
        case var e as InternalError:
            if e.span == nil { e.span = span }
            return e
        case let e as CompileError: return e
        default: return InternalError(String(describing: error), span: span)
        }
    }

    static func isUncatchable(_ ex: ZyException) -> Bool {
        if case .structValue(let s) = ex.value {
            return s.type === Exceptions.stepLimitExceededType || s.type === Exceptions.nonFiniteErrorType
        }
        return false
    }

    private func loop<Mode: ObserverMode>(_ mode: Mode.Type, _ cf: CompiledFunction, _ code: UnsafeBufferPointer<Op>,
                                          _ regs: Registers, _ pcOut: inout Int,
                                          _ handlers: inout [Int32], _ exception: inout Value) throws -> Value {
        let hot = self.hot
        let observer = hot.pointee.observer
        guard let base = code.baseAddress, pcOut >= 0, pcOut < code.count else {
            throw InternalError("no instruction \(pcOut) in \(Interpreter.frameName(cf.ir))")
        }
        // The current instruction as a pointer, kept in a register: stepping
        // is one add. Published as an offset for error spans and handlers on exit.
        var pc = base + pcOut
        defer { pcOut = pc - base }
        while true {
            if Mode.isObserved, let observer, cf.statementStarts[pc - base] {
                observer.statementEntered(function: cf.ir, span: cf.spans[pc - base], phase: phase, depth: depth)
            }
            switch pc.pointee {
            case .add(let dst, let lhs, let rhs, let site):
                // Int, then Float64 (the forward of a gradient), inline.
                // No overriddenOperators test: `deoptimise` rewrites this
                // instruction when the user redefines the operator.
                if case .int(let a) = regs[Int(lhs)], case .int(let b) = regs[Int(rhs)] {
                    Interpreter.storeScalar(regs + Int(dst), .int(a &+ b))
                } else if case .float(let a) = regs[Int(lhs)], case .float(let b) = regs[Int(rhs)] {
                    Interpreter.storeScalar(regs + Int(dst), .float(a + b))
                } else {
                    try binarySlow(.add, dst, lhs, rhs, cf, site, regs)
                }
                pc += 1
            case .sub(let dst, let lhs, let rhs, let site):
                // No overriddenOperators test: `deoptimise` rewrites this
                // instruction when the user redefines the operator.
                if case .int(let a) = regs[Int(lhs)], case .int(let b) = regs[Int(rhs)] {
                    Interpreter.storeScalar(regs + Int(dst), .int(a &- b))
                } else if case .float(let a) = regs[Int(lhs)], case .float(let b) = regs[Int(rhs)] {
                    Interpreter.storeScalar(regs + Int(dst), .float(a - b))
                } else {
                    try binarySlow(.sub, dst, lhs, rhs, cf, site, regs)
                }
                pc += 1
            case .mul(let dst, let lhs, let rhs, let site):
                // No overriddenOperators test: `deoptimise` rewrites this
                // instruction when the user redefines the operator.
                if case .int(let a) = regs[Int(lhs)], case .int(let b) = regs[Int(rhs)] {
                    Interpreter.storeScalar(regs + Int(dst), .int(a &* b))
                } else if case .float(let a) = regs[Int(lhs)], case .float(let b) = regs[Int(rhs)] {
                    Interpreter.storeScalar(regs + Int(dst), .float(a * b))
                } else {
                    try binarySlow(.mul, dst, lhs, rhs, cf, site, regs)
                }
                pc += 1
            case .addImm(let dst, let lhs, let imm, let site):
                if case .int(let a) = regs[Int(lhs)] {
                    Interpreter.storeScalar(regs + Int(dst), .int(a &+ Int(imm)))
                } else {
                    try immediateSlow(.add, dst, cf, site, regs)
                }
                pc += 1
            case .subImm(let dst, let lhs, let imm, let site):
                if case .int(let a) = regs[Int(lhs)] {
                    Interpreter.storeScalar(regs + Int(dst), .int(a &- Int(imm)))
                } else {
                    try immediateSlow(.sub, dst, cf, site, regs)
                }
                pc += 1
            case .increment(let reg, let imm, let site):
                let p = regs + Int(reg)
                if case .int(let a) = p.pointee {
                    p.initialize(to: .int(a &+ Int(imm)))
                } else {
                    try immediateSlow(.add, reg, cf, site, regs)
                }
                pc += 1
            case .decrement(let reg, let imm, let site):
                let p = regs + Int(reg)
                if case .int(let a) = p.pointee {
                    p.initialize(to: .int(a &- Int(imm)))
                } else {
                    try immediateSlow(.sub, reg, cf, site, regs)
                }
                pc += 1
            case .addInPlace(let reg, let rhs, let site):
                let p = regs + Int(reg)
                // The case stays the same: only the payload is written.
                if case .int(let a) = p.pointee, case .int(let b) = regs[Int(rhs)] {
                    UnsafeMutableRawPointer(p).storeBytes(of: a &+ b, as: Int.self)
                } else if case .float(let a) = p.pointee, case .float(let b) = regs[Int(rhs)] {
                    UnsafeMutableRawPointer(p).storeBytes(of: a + b, as: Double.self)
                } else {
                    try binarySlow(.add, reg, reg, rhs, cf, site, regs)
                }
                pc += 1
            case .subInPlace(let reg, let rhs, let site):
                let p = regs + Int(reg)
                // The case stays the same: only the payload is written.
                if case .int(let a) = p.pointee, case .int(let b) = regs[Int(rhs)] {
                    UnsafeMutableRawPointer(p).storeBytes(of: a &- b, as: Int.self)
                } else if case .float(let a) = p.pointee, case .float(let b) = regs[Int(rhs)] {
                    UnsafeMutableRawPointer(p).storeBytes(of: a - b, as: Double.self)
                } else {
                    try binarySlow(.sub, reg, reg, rhs, cf, site, regs)
                }
                pc += 1
            case .mulInPlace(let reg, let rhs, let site):
                let p = regs + Int(reg)
                // The case stays the same: only the payload is written.
                if case .int(let a) = p.pointee, case .int(let b) = regs[Int(rhs)] {
                    UnsafeMutableRawPointer(p).storeBytes(of: a &* b, as: Int.self)
                } else if case .float(let a) = p.pointee, case .float(let b) = regs[Int(rhs)] {
                    UnsafeMutableRawPointer(p).storeBytes(of: a * b, as: Double.self)
                } else {
                    try binarySlow(.mul, reg, reg, rhs, cf, site, regs)
                }
                pc += 1
            case .binary(let op, let dst, let lhs, let rhs, let site):
                try binarySlow(op, dst, lhs, rhs, cf, site, regs)
                pc += 1
            case .compareJumpUnless(let op, let dst, let lhs, let rhs, let site, let target):
                let holds: Bool
                if case .int(let a) = regs[Int(lhs)], case .int(let b) = regs[Int(rhs)],
                   hot.pointee.overriddenOperators & (1 &<< UInt32(op.rawValue)) == 0 {
                    holds = Interpreter.compareInt(op, a, b)
                    if dst != 0 { Interpreter.storeScalar(regs + Int(dst), .bool(holds)) }
                } else {
                    holds = try compareSlow(op, dst, lhs, rhs, cf, site, regs)
                }
                if holds {
                    pc += 1
                } else {
                    pc = try jump(to: target, from: pc, base, hot)
                }
            case .compareJumpUnlessImm(let op, let lhs, let imm, let site, let target):
                let holds: Bool
                if case .int(let a) = regs[Int(lhs)] {
                    holds = Interpreter.compareInt(op, a, Int(imm))
                } else {
                    holds = try immediateCompareSlow(op, cf, site, regs)
                }
                if holds {
                    pc += 1
                } else {
                    pc = try jump(to: target, from: pc, base, hot)
                }
            case .compareBranch(let op, let dst, let lhs, let rhs, let site, let then, let otherwise):
                let holds: Bool
                if case .int(let a) = regs[Int(lhs)], case .int(let b) = regs[Int(rhs)],
                   hot.pointee.overriddenOperators & (1 &<< UInt32(op.rawValue)) == 0 {
                    holds = Interpreter.compareInt(op, a, b)
                    if dst != 0 { Interpreter.storeScalar(regs + Int(dst), .bool(holds)) }
                } else {
                    holds = try compareSlow(op, dst, lhs, rhs, cf, site, regs)
                }
                pc = try branchTarget(holds, then, otherwise, from: pc, base, hot)
            case .gtBranch(let lhs, let rhs, let site, let then, let otherwise):
                if case .int(let a) = regs[Int(lhs)], case .int(let b) = regs[Int(rhs)] {
                    pc = try backEdge(a > b, then, otherwise, base, hot)
                } else {
                    let holds = try compareSlow(.gt, 0, lhs, rhs, cf, site, regs)
                    pc = try branchTarget(holds, then, otherwise, from: pc, base, hot)
                }
            case .gtBranchImm(let lhs, let imm, let site, let then, let otherwise):
                if case .int(let a) = regs[Int(lhs)] {
                    pc = try backEdge(a > Int(imm), then, otherwise, base, hot)
                } else {
                    let holds = try immediateCompareSlow(.gt, cf, site, regs)
                    pc = try branchTarget(holds, then, otherwise, from: pc, base, hot)
                }
            case .ltBranch(let lhs, let rhs, let site, let then, let otherwise):
                if case .int(let a) = regs[Int(lhs)], case .int(let b) = regs[Int(rhs)] {
                    pc = try backEdge(a < b, then, otherwise, base, hot)
                } else {
                    let holds = try compareSlow(.lt, 0, lhs, rhs, cf, site, regs)
                    pc = try branchTarget(holds, then, otherwise, from: pc, base, hot)
                }
            case .ltBranchImm(let lhs, let imm, let site, let then, let otherwise):
                if case .int(let a) = regs[Int(lhs)] {
                    pc = try backEdge(a < Int(imm), then, otherwise, base, hot)
                } else {
                    let holds = try immediateCompareSlow(.lt, cf, site, regs)
                    pc = try branchTarget(holds, then, otherwise, from: pc, base, hot)
                }
            case .leBranch(let lhs, let rhs, let site, let then, let otherwise):
                if case .int(let a) = regs[Int(lhs)], case .int(let b) = regs[Int(rhs)] {
                    pc = try backEdge(a <= b, then, otherwise, base, hot)
                } else {
                    let holds = try compareSlow(.le, 0, lhs, rhs, cf, site, regs)
                    pc = try branchTarget(holds, then, otherwise, from: pc, base, hot)
                }
            case .leBranchImm(let lhs, let imm, let site, let then, let otherwise):
                if case .int(let a) = regs[Int(lhs)] {
                    pc = try backEdge(a <= Int(imm), then, otherwise, base, hot)
                } else {
                    let holds = try immediateCompareSlow(.le, cf, site, regs)
                    pc = try branchTarget(holds, then, otherwise, from: pc, base, hot)
                }
            case .jumpMove2(let target, let d1, let s1, let d2, let s2):
                Interpreter.move(regs + Int(s1), to: regs + Int(d1))
                Interpreter.move(regs + Int(s2), to: regs + Int(d2))
                pc = try jump(to: target, from: pc, base, hot)
            case .jumpMove1(let target, let d, let s):
                Interpreter.move(regs + Int(s), to: regs + Int(d))
                pc = try jump(to: target, from: pc, base, hot)
            case .index(let dst, let array, let index, let site):
                // A user `getindex` method rewrites this into `.call` (`deoptimise`).
                if let v = Interpreter.fastIndex(regs + Int(array), regs + Int(index)) {
                    Interpreter.store(regs + Int(dst), v)
                } else {
                    regs[Int(dst)] = try perform(cf.sites[Int(site)], regs)
                }
                pc += 1
            case .call(let site):
                try cf.siteRefs[Int(site)]._withUnsafeGuaranteedRef { s in
                    let r = try callCached(s, regs) ?? perform(s, regs)
                    if s.dst >= 0 { Interpreter.store(regs + Int(s.dst), r) }
                }
                pc += 1
            case .loadGlobal(let dst, let g):
                let binding = cf.globals[Int(g)]
                guard let v = binding.value else { throw Exceptions.undefVarError(binding.name) }
                regs[Int(dst)] = v
                pc += 1
            case .loadCapture(let dst, let index):
                regs[Int(dst)] = try capture(regs[1], Int(index), cf.ir)
                pc += 1
            case .move(let dst, let src):
                regs[Int(dst)] = regs[Int(src)]
                pc += 1
            case .jump(let target, let start, let count):
                Interpreter.runMoves(cf, start, count, regs)
                pc = try jump(to: target, from: pc, base, hot)
            case .jumpIf(let c, let target):
                pc = try truth(regs + Int(c)) ? base + Int(target) : pc + 1
            case .jumpUnless(let c, let target):
                if try truth(regs + Int(c)) {
                    pc += 1
                } else {
                    pc = try jump(to: target, from: pc, base, hot)
                }
            case .ret(let src):
                return regs[Int(src)]
            case .unreachable:
                throw InternalError("reached unreachable code in \(Interpreter.frameName(cf.ir))")
            case .intrinsic(let id, let dst, let a, let b, let c):
                let body = cf.intrinsics[Int(id)]
                let v = try body(a >= 0 ? regs[Int(a)] : .nothing, b >= 0 ? regs[Int(b)] : .nothing,
                                 c >= 0 ? regs[Int(c)] : .nothing)
                if dst >= 0 { regs[Int(dst)] = v }
                pc += 1
            case .closure(let dst, let lambda):
                let (body, captureRegs) = cf.lambdas[Int(lambda)]
                regs[Int(dst)] = .closure(Closure(body: body, captures: captureRegs.map { regs[Int($0)] }))
                pc += 1
            case .setGlobal(let g, let src):
                try assignGlobal(cf.globals[Int(g)], regs[Int(src)], asConst: false)
                pc += 1
            case .setConst(let g, let src):
                try assignGlobal(cf.globals[Int(g)], regs[Int(src)], asConst: true)
                pc += 1
            case .enterTry(let target):
                handlers.append(target)
                pc += 1
            case .leaveTry:
                _ = handlers.popLast()
                pc += 1
            case .currentException(let dst):
                regs[Int(dst)] = exception
                pc += 1
            case .defineMethod(let index):
                try defineMethod(cf.methods[Int(index)], regs)
                pc += 1
            case .defineStruct(let index):
                try defineStruct(cf.structs[Int(index)], regs)
                pc += 1
            case .checkFinite(let dst, let site, let variable):
                // Ints, Bools and nothing pass; a finite Float64 costs one test.
                if case .float(let d) = regs[Int(dst)] {
                    if !d.isFinite { try nonFiniteResult(cf, regs[Int(dst)], site, variable, regs) }
                } else if !Interpreter.isScalar(regs + Int(dst)) {
                    try nonFiniteResult(cf, regs[Int(dst)], site, variable, regs)
                }
                pc &+= 1
            case .checkedArith(let op, let dst, let lhs, let rhs, let site):
                if try !checkedFloat(op, dst, lhs, rhs, site, cf, regs, hot) {
                    try checkedArithmeticSlow(op, dst, lhs, rhs, cf, site, regs)
                }
                pc &+= 1
            case .checkedMulAdd(let dst, let acc, let lhs, let rhs, let product, let mulSite, let addSite):
                try checkedMulAdd(dst, acc, lhs, rhs, product, mulSite, addSite, cf, regs)
                pc &+= 1
            case .floatMul(let dst, let lhs, let rhs, let site):
                if !Interpreter.floatFast(.mul, regs, dst, lhs, rhs, hot) {
                    try binarySlow(.mul, dst, lhs, rhs, cf, site, regs)
                }
                pc &+= 1
            case .floatMulAdd(let dst, let acc, let lhs, let rhs, let mulSite, let addSite):
                if !Interpreter.floatMulAddFast(regs, dst, acc, lhs, rhs, hot) {
                    try multiplyAddSlow(dst, acc, lhs, rhs, mulSite, addSite, cf, regs)
                }
                pc &+= 1
            case .floatAdd(let dst, let lhs, let rhs, let site):
                if !Interpreter.floatFast(.add, regs, dst, lhs, rhs, hot) {
                    try binarySlow(.add, dst, lhs, rhs, cf, site, regs)
                }
                pc &+= 1
            case .recordPush(let dst, let vector, let value, let site):
                try push(dst, vector, value, site, cf, regs)
                pc += 1
            case .recordPushMulInPlace(let dst, let vector, let value, let site, let reg, let rhs):
                try push(dst, vector, value, site, cf, regs)
                pc += !Mode.isObserved && Interpreter.multiplyInPlace(regs + Int(reg), regs + Int(rhs)) ? 2 : 1
            case .recordPushCheckedArith(let dst, let vector, let value, let site):
                try push(dst, vector, value, site, cf, regs)
                pc += 1
                if !Mode.isObserved, case .checkedArith(let op, let d, let l, let r, let s) = pc.pointee,
                   try checkedFloat(op, d, l, r, s, cf, regs, hot) {
                    pc += 1
                }
            case .decrementRecordBranch(let reg, let imm, let site, let dst, let vector, let then):
                let p = regs + Int(reg)
                guard case .int(let a) = p.pointee else {
                    try immediateSlow(.sub, reg, cf, site, regs)
                    pc += 1
                    continue
                }
                let c = a &- Int(imm)
                p.initialize(to: .int(c))
                if !Mode.isObserved, c != 0, Interpreter.fastRead(into: regs + Int(dst), regs + Int(vector), index: c, offset: 0) {
                    try countStep(hot)
                    pc = base + Int(then) + 1
                } else {
                    pc += 1
                }
            case .recordBranch(let dst, let vector, let cursor, let zero, let site, let then, let otherwise):
                if case .int(let c) = regs[Int(cursor)] {
                    if c != 0 {
                        try countStep(hot)
                        // Observed runs execute the read itself (it is a statement).
                        let read = !Mode.isObserved && Interpreter.fastRead(into: regs + Int(dst), regs + Int(vector),
                                                                            index: c, offset: 0)
                        pc = base + Int(then) + (read ? 1 : 0)
                    } else {
                        pc = base + Int(otherwise)
                    }
                } else {
                    let holds = try compareSlow(.ne, 0, cursor, zero, cf, site, regs)
                    pc = try branchTarget(holds, then, otherwise, from: pc, base, hot)
                }
            case .recordRead(let dst, let vector, let index, let offset, let site):
                if !Interpreter.fastRead(into: regs + Int(dst), regs + Int(vector), regs + Int(index), regs + Int(offset)) {
                    regs[Int(dst)] = try perform(cf.sites[Int(site)], regs)
                }
                pc += 1
            }
        }
    }

    /// A binary operator off the Int fast path: Float64 (and mixed) inline,
    /// anything else (or a user-redefined operator) through its call site.
    /// Kept out of line so the dispatch loop stays small.
    @inline(never)
    func binarySlow(_ op: BinaryOperator, _ dst: Int32, _ lhs: Int32, _ rhs: Int32,
                    _ cf: CompiledFunction, _ site: Int32, _ regs: Registers) throws {
        if hot.pointee.overriddenOperators & (1 &<< UInt32(op.rawValue)) == 0,
           Interpreter.fastBinary(op, regs + Int(lhs), regs + Int(rhs), into: regs + Int(dst)) {
            return
        }
        regs[Int(dst)] = try perform(cf.sites[Int(site)], regs)
    }

    /// An `…Imm` instruction off the Int fast path: the call site has both
    /// operand registers (the literal's included).
    @inline(never)
    func immediateSlow(_ op: BinaryOperator, _ dst: Int32, _ cf: CompiledFunction, _ site: Int32,
                       _ regs: Registers) throws {
        let p = cf.sites[Int(site)].positional
        guard p.count == 2 else { throw InternalError("malformed immediate operand in \(Interpreter.frameName(cf.ir))") }
        try binarySlow(op, dst, p[0], p[1], cf, site, regs)
    }

    @inline(never)
    func immediateCompareSlow(_ op: BinaryOperator, _ cf: CompiledFunction, _ site: Int32,
                              _ regs: Registers) throws -> Bool {
        let p = cf.sites[Int(site)].positional
        guard p.count == 2 else { throw InternalError("malformed immediate operand in \(Interpreter.frameName(cf.ir))") }
        return try compareSlow(op, 0, p[0], p[1], cf, site, regs)
    }

    /// A fused comparison off the Int fast path (stores its result too).
    @inline(never)
    func compareSlow(_ op: BinaryOperator, _ dst: Int32, _ lhs: Int32, _ rhs: Int32,
                     _ cf: CompiledFunction, _ site: Int32, _ regs: Registers) throws -> Bool {
        if hot.pointee.overriddenOperators & (1 &<< UInt32(op.rawValue)) == 0,
           let b = Interpreter.fastCompare(op, regs + Int(lhs), regs + Int(rhs)) {
            Interpreter.storeScalar(regs + Int(dst), .bool(b))
            return b
        }
        regs[Int(dst)] = try perform(cf.sites[Int(site)], regs)
        return try truth(regs + Int(dst))
    }

    /// An Int comparison; the arithmetic operators never reach here (the
    /// compiler fuses only comparisons), and answer false if they did.
    @inline(__always)
    static func compareInt(_ op: BinaryOperator, _ a: Int, _ b: Int) -> Bool {
        compare(op, a, b) ?? false
    }

    /// The block-argument moves of a general jump (three or more).
    @inline(never)
    static func runMoves(_ cf: CompiledFunction, _ start: Int32, _ count: Int32, _ regs: Registers) {
        cf.moves.withUnsafeBufferPointer { moves in
            var k = Int(start)
            let end = min(k + 2 * Int(count), moves.count - 1)
            while k < end {
                move(regs + Int(moves[k + 1]), to: regs + Int(moves[k]))
                k += 2
            }
        }
    }

    /// True for values with no reference-counted payload.
    @inline(__always)
    static func isScalar(_ p: Registers) -> Bool {
        switch p.pointee {
        case .int, .float, .bool, .nothing: return true
        default: return false
        }
    }

    /// Stores a value known to be scalar: over a scalar the old value needs
    /// no release, so this is a plain store.
    @inline(__always)
    static func storeScalar(_ p: Registers, _ v: Value) {
        if isScalar(p) { p.initialize(to: v) } else { p.pointee = v }
    }

    /// Stores any value; over a scalar (a fresh register holds `nothing`)
    /// nothing needs releasing.
    @inline(__always)
    static func store(_ p: Registers, _ v: Value) {
        if isScalar(p) { p.initialize(to: v) } else { p.pointee = v }
    }

    /// Register-to-register copy; scalar over scalar is a plain memory copy.
    @inline(__always)
    static func move(_ src: Registers, to dst: Registers) {
        if isScalar(src) && isScalar(dst) {
            UnsafeMutableRawPointer(dst).copyMemory(from: UnsafeRawPointer(src), byteCount: MemoryLayout<Value>.size)
        } else {
            dst.pointee = src.pointee
        }
    }

    @inline(__always)
    func truth(_ p: Registers) throws -> Bool {
        if case .bool(let b) = p.pointee { return b }
        throw Exceptions.typeError("if", expected: .bool, got: p.pointee)
    }

    @inline(__always)
    func countStep() throws {
        try countStep(hot)
    }

    /// The instruction a two-way branch goes to; a backward one counts a step.
    @inline(__always)
    func branchTarget(_ holds: Bool, _ then: Int32, _ otherwise: Int32, from pc: UnsafePointer<Op>,
                      _ base: UnsafePointer<Op>, _ hot: UnsafeMutablePointer<HotState>) throws -> UnsafePointer<Op> {
        try jump(to: holds ? then : otherwise, from: pc, base, hot)
    }

    /// The two ways of a loop's back-edge compare: `then` is backward (one
    /// step), `otherwise` forward.
    @inline(__always)
    func backEdge(_ taken: Bool, _ then: Int32, _ otherwise: Int32, _ base: UnsafePointer<Op>,
                  _ hot: UnsafeMutablePointer<HotState>) throws -> UnsafePointer<Op> {
        guard taken else { return base + Int(otherwise) }
        try countStep(hot)
        return base + Int(then)
    }

    /// A jump to instruction `target`; a backward one counts a step.
    @inline(__always)
    func jump(to target: Int32, from pc: UnsafePointer<Op>, _ base: UnsafePointer<Op>,
              _ hot: UnsafeMutablePointer<HotState>) throws -> UnsafePointer<Op> {
        let next = base + Int(target)
        if next <= pc { try countStep(hot) }
        return next
    }

    @inline(__always)
    func countStep(_ hot: UnsafeMutablePointer<HotState>) throws {
        hot.pointee.stepsRemaining &-= 1
        if hot.pointee.stepsRemaining < 0 { throw Exceptions.stepLimitExceeded() }
    }

    func capture(_ selfValue: Value, _ index: Int, _ ir: IRFunction) throws -> Value {
        if case .closure(let c) = selfValue, index < c.captures.count { return c.captures[index] }
        throw InternalError("capture \(index) missing in \(ir.name)")
    }

    /// `Int`/`Float64` arithmetic and comparison without dispatch, written
    /// straight into `d`; false means "not a fast case", never an error
    /// (Int `/` is a float result, so division by zero is fine).
    @inline(__always)
    static func fastBinary(_ op: BinaryOperator, _ x: Registers, _ y: Registers, into d: Registers) -> Bool {
        // Matched through the pointers so no operand is copied (or retained).
        if case .int(let a) = x.pointee {
            if case .int(let b) = y.pointee {
                storeScalar(d, fastInt(op, a, b))
                return true
            }
            if case .float(let b) = y.pointee, op.rawValue <= BinaryOperator.div.rawValue {
                storeScalar(d, fastFloat(op, Double(a), b))
                return true
            }
            return false
        }
        if case .float(let a) = x.pointee {
            if case .float(let b) = y.pointee {
                storeScalar(d, fastFloat(op, a, b))
                return true
            }
            if case .int(let b) = y.pointee, op.rawValue <= BinaryOperator.div.rawValue {
                storeScalar(d, fastFloat(op, a, Double(b)))
                return true
            }
        }
        return false
    }

    /// A comparison of two `Int`s or two `Float64`s; nil otherwise (mixed
    /// Int/Float64 comparison is exact in Julia, so the built-in does it).
    @inline(__always)
    static func fastCompare(_ op: BinaryOperator, _ x: Registers, _ y: Registers) -> Bool? {
        if case .int(let a) = x.pointee, case .int(let b) = y.pointee { return compare(op, a, b) }
        if case .float(let a) = x.pointee, case .float(let b) = y.pointee { return compare(op, a, b) }
        return nil
    }

    @inline(__always)
    static func compare<T: Comparable>(_ op: BinaryOperator, _ a: T, _ b: T) -> Bool? {
        switch op {
        case .lt: return a < b
        case .le: return a <= b
        case .gt: return a > b
        case .ge: return a >= b
        case .eq: return a == b
        case .ne: return a != b
        case .add, .sub, .mul, .div: return nil
        }
    }

    /// `v[i]` for a vector and an in-bounds Int; nil for everything else
    /// (bounds errors included: the built-in reports them).
    @inline(__always)
    static func fastIndex(_ a: Registers, _ i: Registers) -> Value? {
        guard case .array(let array) = a.pointee, case .int(let k) = i.pointee, array.dims.count == 1 else { return nil }
        switch array.storage {
        case .float(let xs): return k >= 1 && k <= xs.count ? .float(xs[k - 1]) : nil
        case .values(let vs): return k >= 1 && k <= vs.count ? vs[k - 1] : nil
        }
    }

    @inline(__always)
    static func fastInt(_ op: BinaryOperator, _ a: Int, _ b: Int) -> Value {
        switch op {
        case .add: return .int(a &+ b)
        case .sub: return .int(a &- b)
        case .mul: return .int(a &* b)
        case .div: return .float(Double(a) / Double(b))
        case .lt: return .bool(a < b)
        case .le: return .bool(a <= b)
        case .gt: return .bool(a > b)
        case .ge: return .bool(a >= b)
        case .eq: return .bool(a == b)
        case .ne: return .bool(a != b)
        }
    }

    @inline(__always)
    static func fastFloat(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Value {
        switch op {
        case .add: return .float(a + b)
        case .sub: return .float(a - b)
        case .mul: return .float(a * b)
        case .div: return .float(a / b)
        case .lt: return .bool(a < b)
        case .le: return .bool(a <= b)
        case .gt: return .bool(a > b)
        case .ge: return .bool(a >= b)
        case .eq: return .bool(a == b)
        case .ne: return .bool(a != b)
        }
    }
}

/// Whether a copy of the dispatch loop reports statements to an observer;
/// the unobserved copy has no test for it at all.
protocol ObserverMode { static var isObserved: Bool { get } }
enum Observed: ObserverMode { static var isObserved: Bool { true } }
enum Unobserved: ObserverMode { static var isObserved: Bool { false } }

extension UnsafePointer where Pointee == Op {
    /// `pc &+= 1` steps the dispatch loop's instruction pointer like `+=`
    /// (the loop's counter used to be an `Int`).
    @inline(__always)
    static func &+= (pc: inout UnsafePointer<Op>, n: Int) { pc += n }
}
