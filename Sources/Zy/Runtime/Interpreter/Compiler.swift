import SourceMap

/// Compiles an IRFunction into a `CompiledFunction`: registers for SSA
/// variables, constants and temporaries; globals resolved to bindings; block
/// arguments turned into sequential moves; branch targets into offsets.
struct Compiler {
    let ir: IRFunction
    let globals: Globals
    var out = CompiledParts()
    var constantRegisters: [Constant: Int32] = [:]
    var constants: [(Int32, Value)] = []
    var globalIndex: [String: Int32] = [:]
    var nextTemp: Int32
    var maxTemp: Int32
    let tempBase: Int32
    /// (instruction index, target block id) to patch once block offsets are known.
    var patches: [(Int, Int)] = []
    /// Variables kept in another variable's register (see `coalescedRegisters`).
    let alias: [Int: Int]
    /// How many times each variable is read (operands and branch conditions).
    let readCounts: [Int: Int]
    /// Set for `--check-finite`: emit `checkFinite` after computing statements.
    var finiteCheck: FiniteCheckPlan?

    /// `coalesce: false` keeps every variable in its own register;
    /// `checksFinite` keeps only sharing that explanations survive.
    init(ir: IRFunction, globals: Globals, coalesce: Bool = true, checksFinite: Bool = false) {
        self.ir = ir
        self.globals = globals
        let (used, maxUsed) = Compiler.constants(in: ir)
        // Registers cover every variable used, even one never defined.
        var base = Int32(max(ir.variableCount, ir.argumentCount + 1, maxUsed + 1))
        out.firstConstant = base
        for c in used where constantRegisters[c] == nil {
            constantRegisters[c] = base
            constants.append((base, Compiler.value(c)))
            base += 1
        }
        var reads: [Int: Int] = [:]
        Compiler.forEachRead(in: ir) { reads[$0, default: 0] += 1 }
        self.readCounts = reads
        let shared = coalesce ? Compiler.coalescedRegisters(ir, reads: reads) : [:]
        self.alias = checksFinite ? Compiler.finiteSafe(shared, ir) : shared
        self.tempBase = base
        out.firstTemporary = base
        self.nextTemp = base
        self.maxTemp = base
    }

    /// Every constant operand, so constants get registers before temporaries.
    static func constants(in ir: IRFunction) -> ([Constant], maxVariable: Int) {
        var found: [Constant] = []
        var maxVariable = 0
        func visit(_ o: Operand) {
            switch o {
            case .constant(let c): found.append(c)
            case .variable(let v): maxVariable = max(maxVariable, v)
            case .global: break
            }
        }
        for block in ir.blocks {
            for s in block.statements {
                switch s.instruction {
                case .call(let f, let args): visit(f); args.forEach { visit($0.operand) }
                case .closure(_, let captures): captures.forEach(visit)
                case .setGlobal(_, let o), .setConst(_, let o): visit(o)
                case .defineMethod(_, _, let sig): sig.forEach(visit)
                case .defineStruct(_, _, _, let types, let supertype): types.forEach(visit); visit(supertype)
                case .enterTry, .leaveTry, .currentException: break
                }
            }
            for b in block.branches {
                b.arguments.forEach(visit)
                switch b.kind {
                case .jumpUnless(_, let c): visit(c)
                case .ret(let o): visit(o)
                case .jump, .unreachable: break
                }
            }
        }
        return (found, maxVariable)
    }

    static func compile(_ ir: IRFunction, globals: Globals, checksFinite: Bool = false) -> CompiledFunction {
        var c = Compiler(ir: ir, globals: globals, checksFinite: checksFinite)
        guard checksFinite else { return c.run() }
        c.finiteCheck = FiniteCheckPlan(ir)
        let f = c.run()
        f.sharedRegisters = Set(c.alias.keys).union(c.alias.values)
        return f
    }

    mutating func run() -> CompiledFunction {
        var blockStart: [Int: Int] = [:]
        if let first = ir.blocks.first {
            out.entryRegisters = first.arguments.map { Int32(max(0, $0)) }
            if let selfVariable = first.arguments.first {
                out.readsSelf = (readCounts[selfVariable] ?? 0) > 0 || alias.values.contains(selfVariable)
            }
        }
        for (i, block) in ir.blocks.enumerated() {
            let start = out.code.count
            blockStart[block.id] = start
            let fused = multiplyAdds(in: block)
            let moved = Set(fused.values)
            for (k, statement) in block.statements.enumerated() where !moved.contains(k) {
                if let j = fused[k] { compileMultiplyAdd(statement, block.statements[j]) } else { compile(statement) }
            }
            let next = i + 1 < ir.blocks.count ? ir.blocks[i + 1].id : nil
            compileBranches(block, blockStart: start, nextBlock: next)
        }
        for (at, block) in patches {
            let target = Int32(blockStart[block] ?? out.code.count)
            switch out.code[at] {
            case .jump(_, let start, let count):
                out.code[at] = .jump(target: target, moveStart: start, moveCount: count)
            case .jumpMove1(_, let d, let s):
                out.code[at] = .jumpMove1(target: target, dst: d, src: s)
            case .jumpMove2(_, let d1, let s1, let d2, let s2):
                out.code[at] = .jumpMove2(target: target, dst1: d1, src1: s1, dst2: d2, src2: s2)
            case .compareJumpUnless(let op, let d, let l, let r, let site, _):
                out.code[at] = .compareJumpUnless(op, dst: d, lhs: l, rhs: r, site: site, target: target)
            case .jumpIf(let c, _): out.code[at] = .jumpIf(cond: c, target: target)
            case .jumpUnless(let c, _): out.code[at] = .jumpUnless(cond: c, target: target)
            case .enterTry: out.code[at] = .enterTry(target: target)
            default: break
            }
        }
        duplicateLoopTests()
        useImmediates()
        fuseRecordBranches()
        fuseRecordSteps()
        // A function whose last block falls off the end (malformed IR) stops.
        emit(.unreachable, span: ir.span, starts: false)
        let registerCount = Int(maxTemp) + 1
        var template = [Value](repeating: .nothing, count: registerCount)
        for (r, v) in constants { template[Int(r)] = v }
        out.registerTemplate = template
        return CompiledFunction(ir: ir, out)
    }

    mutating func emit(_ op: Op, span: Span, starts: Bool) {
        out.code.append(op)
        out.spans.append(span)
        out.statementStarts.append(starts)
    }

    mutating func temp() -> Int32 {
        let t = nextTemp
        nextTemp += 1
        maxTemp = max(maxTemp, nextTemp)
        return t
    }

    mutating func global(_ name: String) -> Int32 {
        if let i = globalIndex[name] { return i }
        let i = Int32(out.globals.count)
        out.globals.append(globals.binding(name))
        globalIndex[name] = i
        return i
    }

    /// A register holding the operand; globals are loaded into a temporary.
    mutating func register(_ operand: Operand, span: Span, first: inout Bool) -> Int32 {
        switch operand {
        case .variable(let v): return Int32(max(0, alias[v] ?? v))
        case .constant(let c): return constantRegisters[c] ?? 0
        case .global(let name):
            // The load carries the name's own span (an undefined global is
            // reported there); the statement starts at its main instruction.
            let t = temp()
            emit(.loadGlobal(dst: t, global: global(name)), span: Compiler.narrow(span, to: name), starts: false)
            return t
        }
    }

    /// The first whole-word occurrence of `name` inside `span`, or `span`.
    static func narrow(_ span: Span, to name: String) -> Span {
        guard let file = span.file, !name.isEmpty else { return span }
        let needle = Array(name.utf8)
        let bytes = file.bytes
        let end = min(span.end, bytes.count)
        var i = max(0, span.start)
        while i + needle.count <= end {
            if bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle,
               !(i > 0 && isWordByte(bytes[i - 1])), !(i + needle.count < bytes.count && isWordByte(bytes[i + needle.count])) {
                return Span(file: file, start: i, end: i + needle.count)
            }
            i += 1
        }
        return span
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || b == UInt8(ascii: "_") || b == UInt8(ascii: "!") || b == UInt8(ascii: ":")
            || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }

    static func value(_ c: Constant) -> Value {
        switch c {
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .char(let ch): return .char(ch)
        case .symbol(let s): return .symbol(.named(s))
        case .nothing: return .nothing
        }
    }
}
