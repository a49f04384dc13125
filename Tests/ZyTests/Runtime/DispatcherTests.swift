import Testing
@testable import Zy

/// Method specificity, table-driven: which signature wins for which arguments.
@Suite struct DispatcherTests {
    static func method(_ sig: [ZyType], varargs: Bool = false) -> Method {
        Method(signature: sig, isVarargs: varargs, body: .builtin { _, _, _ in .nothing })
    }

    static let vecF = Value.array(ArrayValue(storage: .float([1, 2]), elementType: .float64, dims: [2]))
    static let vecI = Value.array(ArrayValue(storage: .values([.int(1)]), elementType: .int64, dims: [1]))
    static let foo = GenericFunction(name: "foo")

    /// (candidate signatures, arguments, index of the expected winner or nil for no method)
    static let table: [([[ZyType]], [Value], Int?)] = [
        ([[.int64], [.real], [.number], [.any]], [.int(1)], 0),
        ([[.int64], [.real], [.number], [.any]], [.float(1)], 1),
        ([[.int64], [.real], [.number], [.any]], [.complex(.int(1), .int(2))], 2),
        ([[.int64], [.real], [.number], [.any]], [.string("s")], 3),
        ([[.real], [.number]], [.string("s")], nil),
        ([[.abstractArray(element: nil, dims: 1)], [.array(element: .float64, dims: 1)]], [vecF], 1),
        ([[.abstractArray(element: nil, dims: 1)], [.array(element: .float64, dims: 1)]], [vecI], 0),
        ([[.array(element: .float64, dims: 1)]], [vecI], nil),
        ([[.functionType("foo")], [.function], [.any]], [.function(foo)], 0),
        ([[.integer, .any], [.any, .any]], [.bool(true), .int(1)], 0),
        ([[.typeOf(.float64)], [.dataType]], [.type(.float64)], 0),
        ([[.dataType]], [.type(.int64)], 0),
        ([[.any, .any], [.any]], [.int(1)], 1),
    ]

    @Test(arguments: 0..<table.count)
    func selectsMostSpecific(_ i: Int) {
        let (sigs, args, expected) = Self.table[i]
        let methods = sigs.map { Self.method($0) }
        switch Dispatcher.select(methods, args) {
        case .method(let m): #expect(expected.map { methods[$0] === m } == true, "case \(i)")
        case .noMethod: #expect(expected == nil, "case \(i)")
        case .ambiguous: Issue.record("case \(i) ambiguous")
        }
    }

    @Test func fixedArityBeatsVarargs() {
        let fixed = Self.method([.int64])
        let varargs = Self.method([.int64], varargs: true)
        guard case .method(let m) = Dispatcher.select([varargs, fixed], [.int(1)]) else { Issue.record("no method"); return }
        #expect(m === fixed)
        guard case .method(let m2) = Dispatcher.select([varargs, fixed], [.int(1), .int(2)]) else { Issue.record("no method"); return }
        #expect(m2 === varargs)
        guard case .method(let m3) = Dispatcher.select([varargs], []) else { Issue.record("no method"); return }
        #expect(m3 === varargs)
    }

    @Test func crossedSignaturesAreAmbiguous() {
        let a = Self.method([.int64, .any]), b = Self.method([.any, .int64])
        guard case .ambiguous(let ms) = Dispatcher.select([a, b], [.int(1), .int(2)]) else {
            Issue.record("expected ambiguity"); return
        }
        #expect(ms.count == 2)
        // A method covering the intersection resolves it.
        let c = Self.method([.int64, .int64])
        guard case .method(let m) = Dispatcher.select([a, b, c], [.int(1), .int(2)]) else { Issue.record("no method"); return }
        #expect(m === c)
    }

    @Test func redefinitionReplacesIdenticalSignature() {
        let f = GenericFunction(name: "f")
        Dispatcher.add(Self.method([.int64]), to: f)
        let second = Self.method([.int64])
        Dispatcher.add(second, to: f)
        Dispatcher.add(Self.method([.float64]), to: f)
        #expect(f.methods.count == 2)
        #expect(f.methods[0] === second)
        #expect(f.generation == 3)
    }

    @Test func noMethodMessageUsesJuliaTypeNames() {
        let e = Exceptions.methodError(.function(GenericFunction(name: "f")), [.string("x"), .float(1)])
        #expect(ErrorReporter.errorMessage(e.value) == "MethodError: no method matching f(::String, ::Float64)")
    }
}
