import Foundation

/// A Zy runtime value.
///
/// Scalars are stored inline so the interpreter's hot path (`Int` and
/// `Float64` arithmetic, comparisons, branches) neither allocates nor
/// retains; everything larger is a class reference or an `indirect` case, so
/// a `Value` stays two words.
public enum Value {
    case nothing
    case bool(Bool)
    /// Julia's `Int64`: 64-bit, wrapping on overflow.
    case int(Int)
    case float(Double)
    /// `Complex{Int64}` or `Complex{Float64}`: both parts have the same kind
    /// (`.int` or `.float`).
    indirect case complex(Value, Value)
    /// `Rational{Int64}`, normalised: gcd 1, denominator ≥ 0 (`1//0` allowed,
    /// `0//0` is an error).
    indirect case rational(Int, Int)
    indirect case char(Character)
    indirect case string(String)
    case symbol(Symbol)
    /// `Tuple`; `()` is the empty tuple.
    case tuple([Value])
    case namedTuple(NamedTupleValue)
    indirect case pair(Value, Value)
    case range(RangeValue)
    /// `Vector`, `Matrix` (and higher-dimensional arrays): mutable, shared.
    case array(ArrayValue)
    case dict(DictValue)
    /// A generic function: a name and its methods (user and built-in).
    case function(GenericFunction)
    /// An anonymous function or inner function with its captured values.
    case closure(Closure)
    /// An instance of a `struct` / `mutable struct` (user-defined or a
    /// built-in struct such as `ErrorException`).
    case structValue(StructValue)
    /// A type used as a value: `Float64`, `Vector{Float64}`, `RGB`.
    case type(ZyType)
    /// A mutable cell holding a captured variable that is assigned after
    /// capture (Julia's `Core.Box`). Never visible to user code.
    case box(Box)
}

/// An interned symbol (`:r`). Two symbols with the same name are the same
/// object, so equality is identity.
public final class Symbol: Hashable, CustomStringConvertible, @unchecked Sendable {
    public let name: String
    private init(_ name: String) { self.name = name }

    private static var table: [String: Symbol] = [:]
    private static let lock = NSLock()

    /// The unique symbol named `name`.
    public static func named(_ name: String) -> Symbol {
        lock.withLock {
            if let s = table[name] { return s }
            let s = Symbol(name)
            table[name] = s
            return s
        }
    }

    public static func == (a: Symbol, b: Symbol) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
    public var description: String { name }
}

/// `(r = 1.0, g = 2.0)`: field names and values in order.
public final class NamedTupleValue {
    public let names: [Symbol]
    public let values: [Value]
    public init(names: [Symbol], values: [Value]) {
        self.names = names
        self.values = values
    }
}

/// `start:stop` (`UnitRange{Int64}`) and `start:step:stop`
/// (`StepRange{Int64, Int64}`). `stop` is normalised to the last element
/// actually reached, as Julia does.
public final class RangeValue {
    public let start: Int
    public let step: Int
    public let stop: Int
    /// True for `a:b`, printed and typed as a `UnitRange`.
    public let isUnit: Bool
    public init(start: Int, step: Int, stop: Int, isUnit: Bool) {
        self.start = start
        self.step = step
        self.stop = stop
        self.isUnit = isUnit
    }
}

/// A column-major, 1-based N-dimensional array.
///
/// `storage` is `.float` exactly when the element type is `Float64`, so
/// numeric code runs on a flat `[Double]`; every other element type is kept
/// as `[Value]` with the declared `elementType` (`Int64`, `Any`, …).
public final class ArrayValue {
    public enum Storage {
        case float([Double])
        case values([Value])
    }
    public var storage: Storage
    public var elementType: ZyType
    /// Sizes of each dimension; `[n]` for a vector, `[rows, cols]` for a matrix.
    public var dims: [Int]
    /// True for the 1×n matrix made by `v'` / `transpose(v)` of a vector
    /// (Julia's `Adjoint` row vector): `v' * w` is then a scalar, and
    /// adjoint again gives a vector back.
    public var isAdjointRow: Bool = false
    /// A record stack's unboxed records (`RecordOps`), in owned memory
    /// while it has one; empty for every other array.
    var records = RecordBuffer()

    public init(storage: Storage, elementType: ZyType, dims: [Int]) {
        self.storage = storage
        self.elementType = elementType
        self.dims = dims
    }

    deinit { records.deallocate() }

    public var count: Int { dims.reduce(1, *) }
}

/// A `Dict`: keys in insertion order (Julia leaves the order unspecified).
public final class DictValue {
    public var keyType: ZyType
    public var valueType: ZyType
    public var keys: [Value]
    public var values: [Value]
    /// Position of each key in `keys`, by the key's hashable form.
    public var index: [HashKey: Int]

    public init(keyType: ZyType, valueType: ZyType) {
        self.keyType = keyType
        self.valueType = valueType
        self.keys = []
        self.values = []
        self.index = [:]
    }
}

/// The hashable identity of a value used as a `Dict` key, following
/// Julia's `isequal` (so `1` and `1.0` are the same key, `NaN` equals itself).
public indirect enum HashKey: Hashable {
    case nothing
    case bool(Bool)
    case number(Double, Double)   // real part and imaginary part as Float64
    case exactInt(Int)            // integers and integral floats beyond 2^53
    case rational(Int, Int)
    case char(Character)
    case string(String)
    case symbol(Symbol)
    case tuple([HashKey])
    case object(ObjectIdentifier)
}

/// A generic function: its name and methods. Built-in and user methods live
/// in the same table so dispatch treats them alike.
public final class GenericFunction {
    public let name: String
    public var methods: [Method]
    /// Bumped whenever a method is added, to invalidate dispatch caches.
    public var generation: Int = 0

    public init(name: String, methods: [Method] = []) {
        self.name = name
        self.methods = methods
    }
}

/// One method: a signature of parameter types and a body.
public final class Method {
    public enum Body {
        /// A Zy method: lowered IR.
        case ir(IRFunction)
        /// A method implemented in Swift.
        case builtin(BuiltinFunction)
    }
    /// One type per positional parameter; with `isVarargs`, the last is the
    /// type of each extra argument.
    public let signature: [ZyType]
    public let isVarargs: Bool
    public let body: Body

    public init(signature: [ZyType], isVarargs: Bool, body: Body) {
        self.signature = signature
        self.isVarargs = isVarargs
        self.body = body
    }
}

/// A built-in implemented in Swift. It receives the evaluated arguments and
/// the keyword arguments (empty when none were passed), and may call back
/// into Zy through `context` (`map`, `foldl`, `sort(by:)`…).
public typealias BuiltinFunction = (_ context: CallContext, _ arguments: [Value], _ keywords: [(Symbol, Value)]) throws -> Value

/// What a built-in may ask of the interpreter that called it.
public protocol CallContext: AnyObject {
    /// Calls any callable value with positional arguments.
    func call(_ function: Value, _ arguments: [Value]) throws -> Value
    /// Calls with keyword arguments too.
    func call(_ function: Value, _ arguments: [Value], keywords: [(Symbol, Value)]) throws -> Value
    /// Writes to the program's standard output (buffered by the runtime).
    func write(_ text: String)
    /// Reads one line of standard input, without its newline; nil at end.
    func readLine() -> String?
}

/// An anonymous or inner function together with what it captured.
public final class Closure {
    public let body: IRFunction
    /// One value per `body.captureNames` entry (a `.box` where the variable is
    /// assigned after capture).
    public var captures: [Value]
    public init(body: IRFunction, captures: [Value]) {
        self.body = body
        self.captures = captures
    }
}

/// An instance of a struct type; `fields` in declaration order.
public final class StructValue {
    public let type: StructType
    public var fields: [Value]
    public init(type: StructType, fields: [Value]) {
        self.type = type
        self.fields = fields
    }
}

/// A `struct` or `mutable struct` definition (user or built-in, such as the
/// exception types).
public final class StructType {
    public let name: String
    public let isMutable: Bool
    public let fieldNames: [Symbol]
    public let fieldTypes: [ZyType]
    /// The declared abstract supertype (`Any` when none; `Exception` for the
    /// built-in exception types).
    public let supertype: ZyType
    /// How a built-in struct prints itself instead of `Name(fields…)`
    /// (set once where the type is made; the second argument prints a field
    /// value in the surrounding context).
    public var customRepr: ((StructValue, (Value) -> String) -> String)?
    /// The methods `(m::T)(args…) = …` that make values of this type
    /// callable, named `(::T)`; their signatures leave out the object.
    public var callMethods: GenericFunction?

    public init(name: String, isMutable: Bool, fieldNames: [Symbol], fieldTypes: [ZyType], supertype: ZyType) {
        self.name = name
        self.isMutable = isMutable
        self.fieldNames = fieldNames
        self.fieldTypes = fieldTypes
        self.supertype = supertype
    }
}

/// A mutable cell (Julia's `Core.Box`).
public final class Box {
    public var value: Value?
    public init(_ value: Value?) { self.value = value }
}
