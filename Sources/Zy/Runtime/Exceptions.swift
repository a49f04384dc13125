/// The built-in exception types, as struct types with Julia's field names,
/// and constructors for the errors the runtime raises. Messages are
/// rendered by `showerror` (in the printing code), not stored here.
public enum Exceptions {
    static func exceptionType(_ name: String, _ fields: [String]) -> StructType {
        StructType(name: name, isMutable: false, fieldNames: fields.map(Symbol.named),
                   fieldTypes: fields.map { _ in .any }, supertype: .exception)
    }

    public static let errorExceptionType = exceptionType("ErrorException", ["msg"])
    public static let argumentErrorType = exceptionType("ArgumentError", ["msg"])
    public static let assertionErrorType = exceptionType("AssertionError", ["msg"])
    public static let domainErrorType = exceptionType("DomainError", ["val", "msg"])
    public static let boundsErrorType = exceptionType("BoundsError", ["a", "i"])
    public static let divideErrorType = exceptionType("DivideError", [])
    public static let keyErrorType = exceptionType("KeyError", ["key"])
    public static let methodErrorType = exceptionType("MethodError", ["f", "args"])
    public static let undefVarErrorType = exceptionType("UndefVarError", ["var"])
    public static let undefKeywordErrorType = exceptionType("UndefKeywordError", ["var"])
    public static let stackOverflowErrorType = exceptionType("StackOverflowError", [])
    public static let inexactErrorType = exceptionType("InexactError", ["func", "T", "val"])
    public static let overflowErrorType = exceptionType("OverflowError", ["msg"])
    public static let typeErrorType = exceptionType("TypeError", ["func", "context", "expected", "got"])
    public static let dimensionMismatchType = exceptionType("DimensionMismatch", ["msg"])
    /// Raised when a `Session.stepLimit` runs out (fuzzing, tests).
    public static let stepLimitExceededType = exceptionType("StepLimitExceeded", [])

    public static let all: [StructType] = [
        errorExceptionType, argumentErrorType, assertionErrorType, domainErrorType, boundsErrorType,
        divideErrorType, keyErrorType, methodErrorType, undefVarErrorType, undefKeywordErrorType,
        stackOverflowErrorType, inexactErrorType, overflowErrorType, typeErrorType, dimensionMismatchType,
    ]

    static func make(_ type: StructType, _ fields: [Value]) -> ZyException {
        ZyException(.structValue(StructValue(type: type, fields: fields)))
    }

    public static func error(_ message: String) -> ZyException {
        make(errorExceptionType, [.string(message)])
    }
    public static func argumentError(_ message: String) -> ZyException {
        make(argumentErrorType, [.string(message)])
    }
    public static func domainError(_ value: Value, _ message: String) -> ZyException {
        make(domainErrorType, [value, .string(message)])
    }
    /// `index` is the attempted index: one value, or a tuple for several.
    public static func boundsError(_ collection: Value, _ index: [Value]) -> ZyException {
        make(boundsErrorType, [collection, .tuple(index)])
    }
    /// `BoundsError(x, i)` with a single index stored as itself, not a tuple.
    public static func boundsError(_ collection: Value, index: Value) -> ZyException {
        make(boundsErrorType, [collection, index])
    }
    /// `BoundsError()`, recording neither collection nor index.
    public static func boundsError() -> ZyException { make(boundsErrorType, []) }
    public static func divideError() -> ZyException { make(divideErrorType, []) }
    public static func keyError(_ key: Value) -> ZyException { make(keyErrorType, [key]) }
    public static func methodError(_ function: Value, _ arguments: [Value]) -> ZyException {
        if case .type(.structType(let ref)) = function,
           let e = FieldConversion.constructorError(ref.type, arguments) { return e }
        return make(methodErrorType, [function, .tuple(arguments)])
    }
    /// A call with keywords no method accepts, in Julia's representation:
    /// `MethodError(Core.kwcall, (kw, f, args...))`, shown as
    /// `no method matching f(::A; k::K)`.
    public static func keywordMethodError(_ function: Value, _ arguments: [Value],
                                          _ keywords: [(Symbol, Value)]) -> ZyException {
        let kw = NamedTupleValue(names: keywords.map(\.0), values: keywords.map(\.1))
        return methodError(.function(GenericFunction(name: "Core.kwcall")), [.namedTuple(kw), function] + arguments)
    }
    public static func undefVarError(_ name: String) -> ZyException {
        make(undefVarErrorType, [.symbol(.named(name))])
    }
    public static func undefKeywordError(_ name: String) -> ZyException {
        make(undefKeywordErrorType, [.symbol(.named(name))])
    }
    public static func stackOverflow() -> ZyException { make(stackOverflowErrorType, []) }
    public static func inexactError(_ function: String, _ type: ZyType, _ value: Value) -> ZyException {
        make(inexactErrorType, [.symbol(.named(function)), .type(type), value])
    }
    public static func overflowError(_ message: String) -> ZyException {
        make(overflowErrorType, [.string(message)])
    }
    /// `TypeError: in typeassert, expected Float64, got a value of type Int64`.
    public static func typeError(_ function: String, expected: ZyType, got: Value) -> ZyException {
        make(typeErrorType, [.symbol(.named(function)), .string(""), .type(expected), got])
    }
    public static func dimensionMismatch(_ message: String) -> ZyException {
        make(dimensionMismatchType, [.string(message)])
    }
    public static func assertionError(_ message: String) -> ZyException {
        make(assertionErrorType, [.string(message)])
    }
    public static func stepLimitExceeded() -> ZyException { make(stepLimitExceededType, []) }
}
