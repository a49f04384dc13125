import SourceMap
@testable import Zy

/// A deliberately tiny IR evaluator for tests: enough values and built-ins
/// to check that lowered control flow, closures, boxes, handlers and
/// keywords compute the right results. It is not the runtime.
final class MiniEvaluator {
    indirect enum V: Equatable, CustomStringConvertible {
        case int(Int), bool(Bool), nothing, str(String), sym(String)
        case tuple([V]), named([String], [V])
        case closure(ObjectIdentifier, [V]), function(String), box(Int), array(Int)

        var description: String {
            switch self {
            case .int(let i): return "\(i)"
            case .bool(let b): return "\(b)"
            case .nothing: return "nothing"
            case .str(let s): return s
            case .sym(let s): return ":" + s
            case .tuple(let vs): return "(" + vs.map { $0.description }.joined(separator: ", ") + (vs.count == 1 ? ",)" : ")")
            case .named(let ks, let vs): return "(" + zip(ks, vs).map { "\($0) = \($1)" }.joined(separator: ", ") + ")"
            case .closure: return "#closure"
            case .function(let n): return n
            case .box: return "#box"
            case .array: return "#array"
            }
        }
    }

    struct Thrown: Error, Equatable { var value: V }

    var methods: [String: [IRFunction]] = [:]
    var globals: [String: V] = [:]
    var closures: [ObjectIdentifier: IRFunction] = [:]
    var boxes: [V?] = []
    var arrays: [[V]] = []
    var output = ""
    var steps = 0

    /// Runs every statement of `source`; returns the last value.
    func run(_ source: String) throws -> V {
        let parsed = Parser.parse(SourceFile(name: "run.zy", text: source))
        var last = V.nothing
        for r in Lowerer.lower(parsed) {
            guard r.diagnostics.isEmpty else { throw Thrown(value: .str(r.diagnostics.map { $0.message }.joined())) }
            last = try call(r.function, selfValue: .nothing, [], keywords: nil)
        }
        return last
    }

    func call(_ f: IRFunction, selfValue: V, _ args: [V], keywords: V?) throws -> V {
        var regs: [Int: V] = [:]
        var params = args
        if f.isVarargs {
            let fixed = f.parameterNames.count - 1
            params = Array(args.prefix(fixed)) + [.tuple(Array(args.dropFirst(fixed)))]
        }
        if !f.keywordNames.isEmpty { params.append(keywords ?? .named([], [])) }
        let entry = [selfValue] + params
        guard let first = f.blocks.first, first.arguments.count == entry.count else {
            throw Thrown(value: .str("MethodError: \(f.name) arity"))
        }
        for (a, v) in zip(first.arguments, entry) { regs[a] = v }
        var block = 1
        var handlers: [Int] = []
        var exception = V.nothing
        while true {
            steps += 1
            if steps > 1_000_000 { throw Thrown(value: .str("step limit")) }
            let b = f.blocks[block - 1]
            var jumped = false
            do {
                for s in b.statements {
                    switch s.instruction {
                    case .enterTry(let c): handlers.append(c)
                    case .leaveTry: _ = handlers.popLast()
                    case .currentException: if let r = s.result { regs[r] = exception }
                    default:
                        let v = try execute(s.instruction, regs)
                        if let r = s.result { regs[r] = v }
                    }
                }
            } catch let t as Thrown {
                guard let h = handlers.popLast() else { throw t }
                exception = t.value
                block = h
                jumped = true
            }
            if jumped { continue }
            for br in b.branches {
                let value = { (o: Operand) in self.operand(o, regs) }
                switch br.kind {
                case .ret(let o): return value(o)
                case .unreachable: throw Thrown(value: .str("reached unreachable"))
                case .jumpUnless(let t, let c):
                    if value(c) == .bool(false) { block = try enter(f, t, br.arguments.map(value), &regs); jumped = true }
                case .jump(let t): block = try enter(f, t, br.arguments.map(value), &regs); jumped = true
                }
                if jumped { break }
            }
        }
    }

    /// Binds a block's arguments all at once: branch arguments are a
    /// parallel copy.
    func enter(_ f: IRFunction, _ target: Int, _ values: [V], _ regs: inout [Int: V]) throws -> Int {
        for (a, v) in zip(f.blocks[target - 1].arguments, values) { regs[a] = v }
        return target
    }

    func operand(_ o: Operand, _ regs: [Int: V]) -> V {
        switch o {
        case .variable(let v): return regs[v] ?? .nothing
        case .global(let g): return globals[g] ?? .function(g)
        case .constant(let c):
            switch c {
            case .int(let i): return .int(i)
            case .bool(let b): return .bool(b)
            case .nothing: return .nothing
            case .string(let s): return .str(s)
            case .symbol(let s): return .sym(s)
            case .char(let ch): return .str(String(ch))
            case .float(let d): return .int(Int(d))
            }
        }
    }

    func execute(_ i: Instruction, _ regs: [Int: V]) throws -> V {
        switch i {
        case .call(let f, let args):
            var positional: [V] = []
            var keys: [String] = [], values: [V] = []
            for a in args {
                switch a {
                case .positional(let o): positional.append(operand(o, regs))
                case .splat(let o):
                    if case .tuple(let vs) = operand(o, regs) { positional += vs }
                    if case .array(let k) = operand(o, regs) { positional += arrays[k] }
                case .keyword(CallArgument.keywordSplatName, let o):
                    for (k, v) in try namedEntries(operand(o, regs)) { Self.setKeyword(k, v, &keys, &values) }
                case .keyword(let k, let o): Self.setKeyword(k, operand(o, regs), &keys, &values)
                }
            }
            return try apply(operand(f, regs), positional, keywords: keys.isEmpty ? nil : .named(keys, values))
        case .closure(let fn, let caps):
            closures[ObjectIdentifier(fn)] = fn
            return .closure(ObjectIdentifier(fn), caps.map { operand($0, regs) })
        case .setGlobal(let n, let o), .setConst(let n, let o): globals[n] = operand(o, regs); return .nothing
        case .defineMethod(let n, let body, _): methods[n, default: []].append(body); return .nothing
        default: return .nothing
        }
    }

    /// The entries of a NamedTuple: a `.named` or a record `Core.namedtuple` made.
    func namedEntries(_ v: V) throws -> [(String, V)] {
        if case .named(let ks, let vs) = v { return Array(zip(ks, vs)) }
        guard case .array(let k) = v, arrays[k].count % 2 == 0 else { throw Thrown(value: .str("keyword splat")) }
        return try stride(from: 0, to: arrays[k].count, by: 2).map { i in
            guard case .sym(let name) = arrays[k][i] else { throw Thrown(value: .str("keyword splat")) }
            return (name, arrays[k][i + 1])
        }
    }

    /// A later keyword replaces an earlier one of the same name.
    static func setKeyword(_ k: String, _ v: V, _ keys: inout [String], _ values: inout [V]) {
        if let i = keys.firstIndex(of: k) { values[i] = v } else { keys.append(k); values.append(v) }
    }

    func apply(_ f: V, _ args: [V], keywords: V?) throws -> V {
        switch f {
        case .closure(let id, let caps):
            guard let fn = closures[id] else { throw Thrown(value: .str("bad closure")) }
            return try call(fn, selfValue: .named(fn.captureNames, caps), args, keywords: keywords)
        case .function(let name):
            if let ms = methods[name] {
                let fixed = ms.filter { !$0.isVarargs && $0.parameterNames.count == args.count }
                let chosen = fixed.last ?? ms.last { $0.isVarargs && args.count >= $0.parameterNames.count - 1 }
                guard let m = chosen else { throw Thrown(value: .str("MethodError: \(name)")) }
                return try call(m, selfValue: .function(name), args, keywords: keywords)
            }
            if name == "Core.namedtuple", args.isEmpty { return keywords ?? .named([], []) }
            if keywords != nil { throw Thrown(value: .str("MethodError: \(name) takes no keywords")) }
            return try builtin(name, args)
        default: throw Thrown(value: .str("not callable: \(f)"))
        }
    }
}
