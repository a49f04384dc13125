import SourceMap

/// The intermediate representation: IRTools' format. A function is a list
/// of basic blocks; blocks take arguments instead of phi nodes; variables are
/// dense SSA numbers printed `%N`. Everything that computes is a call
/// (`%6 = %4 > 0` is a call of the global `>`), as in IRTools, so the AD
/// transform has one statement form to differentiate.
///
///     1: (%2, %3)
///       br 2 (%3, 1)
///     2: (%4, %5)
///       %6 = %4 > 0
///       br 4 unless %6
///       br 3
///     3:
///       %7 = %4 - 1
///       %8 = %5 * %2
///       br 2 (%7, %8)
///     4:
///       return %5
///
/// `%1` is the function object itself (Julia's `#self#`): a closure reads its
/// captured variables from it. It is block 1's first argument and is not
/// printed in the block header.

/// An SSA variable number, 1-based and dense within a function.
public typealias VariableID = Int

/// A literal that can appear directly as an operand.
public enum Constant: Hashable, Sendable {
    case int(Int)
    case float(Double)
    case bool(Bool)
    case string(String)
    case char(Character)
    case symbol(String)
    case nothing
}

/// What a statement or branch reads.
public enum Operand: Hashable, Sendable {
    case variable(VariableID)
    case constant(Constant)
    /// A global binding by name (`pow`, `+`, `println`). Internal runtime
    /// functions live under the `Core.` prefix (`Core.getbox`).
    case global(String)
}

/// An argument of a call: positional, splatted, or keyword.
public enum CallArgument: Hashable, Sendable {
    case positional(Operand)
    case splat(Operand)
    /// `k = v`; a keyword splat `f(x; kw...)` is `.keyword("...", kw)`
    /// (see `keywordSplatName`), printed `f(%2; %3...)`.
    case keyword(String, Operand)

    /// The keyword name marking a keyword splat: the callee receives the
    /// keywords of `kw` (a NamedTuple or an iterable of `Symbol => value`
    /// pairs) merged in order with the call's other keywords, a later
    /// keyword replacing an earlier one of the same name.
    public static let keywordSplatName = "..."

    public var operand: Operand {
        switch self {
        case .positional(let o), .splat(let o), .keyword(_, let o): return o
        }
    }
}

/// The right-hand side of a statement.
public enum Instruction: Sendable {
    /// `f(args…)`: a call of any callable value; operators included.
    case call(Operand, [CallArgument])
    /// A closure of the nested function `lambda`, capturing `captures` in the
    /// order of `lambda.captureNames`. A captured variable that is assigned
    /// after capture is passed as a box (see `Core.box`), as Julia does.
    case closure(IRFunction, captures: [Operand])
    /// `global name = value` (and top-level assignments).
    case setGlobal(String, Operand)
    /// Declares a `const` global.
    case setConst(String, Operand)
    /// Pushes an exception handler: an exception thrown before the matching
    /// `leaveTry` transfers control to `catchBlock` (with no arguments).
    case enterTry(catchBlock: Int)
    /// Pops the innermost exception handler.
    case leaveTry
    /// The exception being handled; valid at the start of a catch block.
    case currentException
    /// Adds a method to the generic function bound to global `name` (creating
    /// it if needed). `signature` holds one type operand per positional
    /// parameter (`Any` where none was written); the last is the element
    /// type of a varargs parameter when `body.isVarargs`.
    case defineMethod(name: String, body: IRFunction, signature: [Operand])
    /// Defines a struct type bound to global `name`; `supertype` is the
    /// abstract type written as `struct A <: B` (`Any` when none is).
    case defineStruct(name: String, isMutable: Bool, fieldNames: [String], fieldTypes: [Operand],
                      supertype: Operand = .global("Any"))
}

public struct Statement: Sendable {
    /// The variable this statement defines; nil for statements with no value
    /// (`setGlobal`, `enterTry`, `leaveTry`, definitions).
    public var result: VariableID?
    public var instruction: Instruction
    public var span: Span

    public init(result: VariableID?, _ instruction: Instruction, span: Span) {
        self.result = result
        self.instruction = instruction
        self.span = span
    }
}

/// A block terminator. A block ends with zero or more conditional branches
/// followed by exactly one unconditional branch, `return`, or `unreachable`.
public struct Branch: Sendable {
    public enum Kind: Sendable, Equatable {
        /// `br target (args)`
        case jump(target: Int)
        /// `br target unless condition (args)`: taken when `condition` is false.
        case jumpUnless(target: Int, condition: Operand)
        /// `return value`
        case ret(Operand)
        /// After a call that always throws.
        case unreachable
    }
    public var kind: Kind
    public var arguments: [Operand]
    public var span: Span

    public init(_ kind: Kind, arguments: [Operand] = [], span: Span) {
        self.kind = kind
        self.arguments = arguments
        self.span = span
    }
}

public struct Block: Sendable {
    /// 1-based block number.
    public var id: Int
    public var arguments: [VariableID]
    public var statements: [Statement]
    public var branches: [Branch]

    public init(id: Int, arguments: [VariableID] = [], statements: [Statement] = [], branches: [Branch] = []) {
        self.id = id
        self.arguments = arguments
        self.statements = statements
        self.branches = branches
    }
}

/// One function body in IR: a method, a closure body, or a top-level thunk.
///
/// Calling convention (block 1's arguments, in order):
/// `%1` the function object itself, then one variable per positional
/// parameter (a varargs parameter receives a `Tuple` of the rest), then, if
/// `keywordNames` is not empty, one `NamedTuple` of the keyword arguments the
/// caller passed (the body fills in defaults for the missing ones).
public final class IRFunction: @unchecked Sendable {
    public var name: String
    public var parameterNames: [String]
    public var isVarargs: Bool
    public var keywordNames: [String]
    /// For a closure body: the names of the captured variables, read in the
    /// body with `getfield(%1, :name)`.
    public var captureNames: [String]
    public var blocks: [Block]
    /// The span of the whole definition.
    public var span: Span
    /// Source variable names of SSA variables, for debuggers and listings.
    public var variableNames: [VariableID: String]
    /// True for prelude and other implementation code, hidden in backtraces.
    public var isInternal: Bool

    public init(name: String, parameterNames: [String] = [], isVarargs: Bool = false,
                keywordNames: [String] = [], captureNames: [String] = [],
                blocks: [Block] = [], span: Span = .unknown,
                variableNames: [VariableID: String] = [:], isInternal: Bool = false) {
        self.name = name
        self.parameterNames = parameterNames
        self.isVarargs = isVarargs
        self.keywordNames = keywordNames
        self.captureNames = captureNames
        self.blocks = blocks
        self.span = span
        self.variableNames = variableNames
        self.isInternal = isInternal
    }

    /// Number of block-1 arguments: self, positional parameters, keywords.
    public var argumentCount: Int {
        1 + parameterNames.count + (keywordNames.isEmpty ? 0 : 1)
    }

    /// One more than the largest variable number used.
    public var variableCount: Int {
        var m = 0
        for b in blocks {
            for a in b.arguments { m = max(m, a) }
            for s in b.statements { if let r = s.result { m = max(m, r) } }
        }
        return m + 1
    }
}
