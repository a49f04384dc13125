/// What a struct's default constructor reports when an argument does not
/// convert to its field's declared type.
///
/// Julia's default constructor calls `convert(T, x)` per field, so `P("a")`
/// for `struct P; x::Int; end` fails inside `convert` (`MethodError: Cannot
/// `convert` an object of type String to an object of type Int64`) and
/// `P(1//2)` with `InexactError: Int64(1//2)` — never as a missing `P`
/// method. The interpreter's constructor raises a MethodError on the type
/// when its own field conversion gives up; `Exceptions.methodError` asks
/// here for the error Julia's `convert` raises instead.
enum FieldConversion {
    /// The error of the first argument whose conversion fails in Julia, or
    /// nil to keep the constructor MethodError (wrong arity, or every
    /// argument converts).
    static func constructorError(_ type: StructType, _ arguments: [Value]) -> ZyException? {
        guard arguments.count == type.fieldTypes.count else { return nil }
        for (v, t) in zip(arguments, type.fieldTypes) {
            let converted: Value?
            do { converted = try Interpreter.convertField(v, to: t) } catch { return nil }
            if converted != nil { continue }
            do {
                _ = try CollectionSupport.convert(v, to: t, Globals())
            } catch let e as ZyException {
                return e
            } catch {
                return nil
            }
            // Julia converts it (say `Vector{Int64}` into a `Vector{Float64}`
            // field) where the interpreter's constructor does not.
            return nil
        }
        return nil
    }
}
