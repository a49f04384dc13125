import SourceMap

/// Reads IR text in the printer's format back into an IRFunction, so that
/// `print(parse(print(f))) == print(f)`. Malformed text yields diagnostics
/// with line and column in the IR text (a `SourceFile` named `fileName`).
///
/// Nested bodies (`closure K(…)`, `method f(…) = K`) are resolved through
/// `nested`, keyed as `IRPrinter.nestedFunctions(of:)` keys them.
public struct IRParser {
    public struct Result {
        public var function: IRFunction?
        public var diagnostics: [Diagnostic]
    }

    public static func parse(_ text: String, name: String = "ir", nested: [String: IRFunction] = [:],
                             fileName: String = "<ir>") -> Result {
        let file = SourceFile(name: fileName, text: text)
        var parser = IRParser(file: file, nested: nested)
        parser.run()
        if !parser.diagnostics.isEmpty { return Result(function: nil, diagnostics: parser.diagnostics) }
        let paramCount = max(0, (parser.blocks.first?.arguments.count ?? 1) - 1)
        let fn = IRFunction(name: name, parameterNames: (0..<paramCount).map { "_\($0 + 1)" },
                            blocks: parser.blocks, span: .unknown)
        return Result(function: fn, diagnostics: [])
    }

    let file: SourceFile
    let nested: [String: IRFunction]
    var blocks: [Block] = []
    var diagnostics: [Diagnostic] = []

    init(file: SourceFile, nested: [String: IRFunction]) {
        self.file = file
        self.nested = nested
    }

    mutating func run() {
        for (index, start) in file.lineStarts.enumerated() {
            let text = file.lineText(index + 1)
            var cursor = IRLineCursor(chars: Array(text), lineStart: start, file: file)
            cursor.skipSpaces()
            if cursor.atEnd || cursor.peek == "#" { continue }
            do {
                if text.first?.isNumber == true {
                    try parseHeader(&cursor)
                } else {
                    try parseLine(&cursor)
                }
                cursor.skipSpaces()
                if !cursor.atEnd && cursor.peek != "#" { throw cursor.failure("unexpected text after statement") }
            } catch let failure as IRParseFailure {
                diagnostics.append(failure.diagnostic)
            } catch {
                diagnostics.append(.error("\(error)", at: cursor.span()))
            }
        }
        if blocks.isEmpty && diagnostics.isEmpty {
            diagnostics.append(.error("IR text has no blocks", at: Span(file: file, start: 0, end: 0)))
        }
    }

    mutating func parseHeader(_ c: inout IRLineCursor) throws {
        let id = try c.readInt()
        guard id == blocks.count + 1 else { throw c.failure("expected block \(blocks.count + 1), found \(id)") }
        try c.expect(":")
        var args: [VariableID] = id == 1 ? [1] : []
        c.skipSpaces()
        if c.eat("(") {
            args += try c.list(close: ")") { c in try c.readVariable() }
        }
        blocks.append(Block(id: id, arguments: args))
    }

    mutating func parseLine(_ c: inout IRLineCursor) throws {
        guard !blocks.isEmpty else { throw c.failure("statement before the first block header") }
        let last = blocks.count - 1
        if c.eatWord("br") {
            blocks[last].branches.append(try parseBranch(&c))
        } else if c.eatWord("return") {
            blocks[last].branches.append(Branch(.ret(try c.readOperand()), span: .unknown))
        } else if c.eatWord("unreachable") {
            blocks[last].branches.append(Branch(.unreachable, span: .unknown))
        } else {
            if !blocks[last].branches.isEmpty { throw c.failure("statement after a branch") }
            blocks[last].statements.append(try parseStatement(&c))
        }
    }

    func parseBranch(_ c: inout IRLineCursor) throws -> Branch {
        c.skipSpaces()
        let target = try c.readInt()
        var args: [Operand] = []
        c.skipSpaces()
        if c.eat("(") { args = try c.list(close: ")") { c in try c.readOperand() } }
        if c.eatWord("unless") {
            return Branch(.jumpUnless(target: target, condition: try c.readOperand()), arguments: args, span: .unknown)
        }
        return Branch(.jump(target: target), arguments: args, span: .unknown)
    }

    func parseStatement(_ c: inout IRLineCursor) throws -> Statement {
        if c.peek == "%" {
            let v = try c.readVariable()
            c.skipSpaces()
            try c.expect("=")
            return Statement(result: v, try parseRHS(&c), span: .unknown)
        }
        if c.eatWord("global") || c.eatWord("const") {
            let isConst = c.lastWord == "const"
            c.skipSpaces()
            let name = c.readToken()
            c.skipSpaces()
            try c.expect("=")
            let v = try c.readOperand()
            return Statement(result: nil, isConst ? .setConst(name, v) : .setGlobal(name, v), span: .unknown)
        }
        if c.eatWord("try") {
            c.skipSpaces()
            return Statement(result: nil, .enterTry(catchBlock: try c.readInt()), span: .unknown)
        }
        if c.eatWord("leave") { return Statement(result: nil, .leaveTry, span: .unknown) }
        if c.eatWord("method") { return Statement(result: nil, try parseMethod(&c), span: .unknown) }
        if c.eatWord("mutable") {
            guard c.eatWord("struct") else { throw c.failure("expected `struct` after `mutable`") }
            return Statement(result: nil, try parseStruct(&c, mutable: true), span: .unknown)
        }
        if c.eatWord("struct") { return Statement(result: nil, try parseStruct(&c, mutable: false), span: .unknown) }
        return Statement(result: nil, try parseRHS(&c), span: .unknown)
    }

    func lookup(_ key: String, _ c: IRLineCursor) throws -> IRFunction {
        guard let fn = nested[key] else { throw c.failure("unknown nested function `\(key)`") }
        return fn
    }

    func parseMethod(_ c: inout IRLineCursor) throws -> Instruction {
        c.skipSpaces()
        let name = IRParser.readMethodName(&c)
        try c.expect("(")
        let sig = try c.list(close: ")") { c -> Operand in
            let o = try c.readOperand()
            _ = c.eat("...")
            return o
        }
        c.skipSpaces()
        try c.expect("=")
        c.skipSpaces()
        let key = IRParser.readMethodName(&c)
        return .defineMethod(name: name, body: try lookup(key, c), signature: sig)
    }

    /// A method's name, or its body's key: a call method of a struct is
    /// named `(::T)` (see `Lowerer`), its bodies keyed `(::T)[2]`.
    static func readMethodName(_ c: inout IRLineCursor) -> String {
        guard c.eat("(::") else { return c.readToken() }
        var name = "(::" + c.readToken()
        if c.eat(")") { name += ")" + c.readToken() }
        return name
    }

    func parseStruct(_ c: inout IRLineCursor, mutable: Bool) throws -> Instruction {
        c.skipSpaces()
        let name = c.readToken()
        try c.expect("(")
        let fields = try c.list(close: ")") { c -> (String, Operand) in
            c.skipSpaces()
            let field = c.readToken(stopAtColon: true)
            try c.expect("::")
            return (field, try c.readOperand())
        }
        c.skipSpaces()
        var supertype = Operand.global("Any")
        if c.eat("<:") {
            c.skipSpaces()
            supertype = try c.readOperand()
        }
        return .defineStruct(name: name, isMutable: mutable, fieldNames: fields.map { $0.0 }, fieldTypes: fields.map { $0.1 },
                             supertype: supertype)
    }

    func parseRHS(_ c: inout IRLineCursor) throws -> Instruction {
        c.skipSpaces()
        if c.eatWord("catch") { return .currentException }
        if c.eatWord("closure") {
            c.skipSpaces()
            let key = c.readToken()
            try c.expect("(")
            let caps = try c.list(close: ")") { c in try c.readOperand() }
            return .closure(try lookup(key, c), captures: caps)
        }
        if let op = c.peek, IRPrinter.prefixOperators.contains(String(op)), c.peek(at: 1) == "%" {
            c.advance()
            return .call(.global(String(op)), [.positional(.variable(try c.readVariable()))])
        }
        let first = try c.readOperand()
        if c.peek == "(" {
            c.advance()
            return .call(first, try parseArguments(&c))
        }
        c.skipSpaces()
        let opStart = c.pos
        let op = c.readToken()
        guard IRPrinter.infixOperators.contains(op) else {
            c.pos = opStart
            throw c.failure(op.isEmpty ? "expected a call" : "unknown infix operator `\(op)`")
        }
        let second = try c.readOperand()
        return .call(.global(op), [.positional(first), .positional(second)])
    }

    func parseArguments(_ c: inout IRLineCursor) throws -> [CallArgument] {
        var args: [CallArgument] = []
        var keywords = false
        c.skipSpaces()
        if c.eat(")") { return [] }
        while true {
            c.skipSpaces()
            if c.eat(";") { keywords = true; c.skipSpaces(); if c.eat(")") { return args } }
            var probe = c
            if keywords, let o = try? probe.readOperand(), probe.eat("...") {
                c = probe
                args.append(.keyword(CallArgument.keywordSplatName, o))
            } else if keywords {
                let name = c.readToken()
                c.skipSpaces()
                try c.expect("=")
                args.append(.keyword(name, try c.readOperand()))
            } else {
                let o = try c.readOperand()
                args.append(c.eat("...") ? .splat(o) : .positional(o))
            }
            c.skipSpaces()
            if c.eat(")") { return args }
            if c.peek == ";" { continue }
            try c.expect(",")
        }
    }
}

struct IRParseFailure: Error {
    var diagnostic: Diagnostic
}
