import SourceMap
import Testing
import AD
@testable import Zy

/// `Session.checkFinite` (`zygote --check-finite`): which statements stop,
/// with what message, and which do not.
@Suite("check finite")
struct FiniteCheckTests {
    /// Runs `source` in a session with AD, checking from the start unless told.
    static func run(_ source: String, check: Bool = true, session given: Session? = nil) -> (Value?, Error?) {
        let session = given ?? FiniteCheckTests.session()
        session.checkFinite = check
        do {
            return (try session.evaluate(file: SourceFile(name: "t.zy", text: source)), nil)
        } catch {
            return (nil, error)
        }
    }

    static func session() -> Session {
        let session = Session(output: { _ in }, input: { nil })
        ADRuntime.install(into: session)
        return session
    }

    static func message(_ error: Error?) -> String? {
        guard let z = error as? ZyException else { return nil }
        return ErrorReporter.errorMessage(z.value)
    }

    @Test func forwardOrigin() {
        let (_, error) = FiniteCheckTests.run("x = 1.0\ny = x - 1.0\nlog(y) + 1")
        #expect(FiniteCheckTests.message(error)
                == "NonFiniteError: log(y) is -Inf in the forward pass, with finite inputs y == 0.0")
        let z = error as? ZyException
        #expect(z?.frames.first?.span.shortDescription == "t.zy:3:1")
        #expect(z?.frames.first?.phase == .forward)
    }

    @Test func offByDefault() {
        let (value, error) = FiniteCheckTests.run("x = 0.0\nlog(x)", check: false)
        #expect(error == nil)
        #expect(value.map(Show.repr) == "-Inf")
    }

    @Test("literals, Inf and NaN globals, and non-finite inputs are not origins",
          arguments: ["1/0", "0/0", "-1/0", "log(0.0)", "Inf", "x = NaN; x + 1.0", "x = Inf; x - x",
                      "f() = Inf; g(x) = f() * x; g(2.0)", "xs = [1.0, Inf]; xs .* 0.0",
                      "typemax(Float64)", "parse(Float64, \"Inf\")", "f(x) = Inf; xs = (1.0,); f(xs...)"])
    func notOrigins(_ source: String) {
        let (value, error) = FiniteCheckTests.run(source)
        #expect(error == nil, "\(String(describing: FiniteCheckTests.message(error)))")
        #expect(value.map { NonFinite.find($0) != nil } == true)
    }

    /// Each instruction form the compiler uses for arithmetic is checked
    /// (a new fused form must be added to `emitFiniteCheck`).
    @Test("every arithmetic instruction form is checked",
          arguments: ["a + b", "a - c", "a * b", "a / z", "a ^ b", "f(a, b)", "-(a) - b"])
    func operators(_ expression: String) {
        let source = "f(x, y) = x * y\nfunction t(a, b, c, z)\n    return \(expression)\nend\nt(1.0e308, 1.0e308, -1.0e308, 0.0)"
        let (_, error) = FiniteCheckTests.run(source)
        #expect(FiniteCheckTests.message(error)?.hasPrefix("NonFiniteError: ") == true, "\(expression)")
    }

    @Test func userCodeAnswersForItself() {
        // The Inf is made inside `f`, on its line, not at the call.
        let (_, error) = FiniteCheckTests.run("f(x) = exp(x)\ny = f(1000.0) + 1")
        #expect(FiniteCheckTests.message(error)
                == "NonFiniteError: exp(x) is Inf in the forward pass, with finite inputs x == 1000.0")
        #expect((error as? ZyException)?.frames.first?.span.shortDescription == "t.zy:1:8")
    }

    @Test func notCaughtByTry() {
        let (_, error) = FiniteCheckTests.run("x = 0.0\ntry\n    log(x)\ncatch\n    1.0\nend")
        #expect(FiniteCheckTests.message(error)?.hasPrefix("NonFiniteError: log(x) is -Inf") == true)
    }

    @Test func backwardRuleSlotAndInputs() {
        let (_, error) = FiniteCheckTests.run("h(x, y) = 1.0e308 * (x * y)\ngradient(h, 0.25, 4.0)")
        #expect(FiniteCheckTests.message(error) == "NonFiniteError: gradient of (x * y) with respect to x is Inf "
                + "in the backward pass (pullback of *), with finite inputs y == 4.0, ȳ == 1.0e308")
        #expect((error as? ZyException)?.frames.first?.phase == .backward)
    }

    @Test func backwardOnlyInThePullback() {
        // The forward value is 0.0; d/du sqrt(u) = 1/(2 sqrt(u)) is not finite at 0.
        let (value, error) = FiniteCheckTests.run("norm2(x, y) = sqrt(x * x + y * y)\nz = norm2(0.0, 0.0)\ngradient(norm2, z, 0.0)")
        #expect(value == nil)
        #expect(FiniteCheckTests.message(error) == "NonFiniteError: gradient of sqrt(x * x + y * y) with respect to "
                + "x * x + y * y is Inf in the backward pass (pullback of sqrt), with finite inputs "
                + "sqrt(x * x + y * y) == 0.0, ȳ == 1.0")
        #expect((error as? ZyException)?.frames.first?.span.shortDescription == "t.zy:1:15")
    }

    @Test func codeCompiledBeforeTheSwitchIsCheckedAfter() {
        let session = FiniteCheckTests.session()
        let (first, none) = FiniteCheckTests.run("f(x) = log(x)\nf(0.0)", check: false, session: session)
        #expect(none == nil && first.map(Show.repr) == "-Inf")
        let (_, error) = FiniteCheckTests.run("f(0.0)", check: true, session: session)
        #expect(FiniteCheckTests.message(error)?.hasPrefix("NonFiniteError: log(x) is -Inf") == true)
    }

    @Test func sameGradientsWhenFinite() {
        let source = """
            function pow(x, n)
                r = one(x)
                for i in 1:n
                    r *= x
                end
                return r
            end
            gradient(x -> pow(x, 5), 1.5)
            """
        let (plain, _) = FiniteCheckTests.run(source, check: false)
        let (checked, error) = FiniteCheckTests.run(source)
        #expect(error == nil)
        #expect(checked.map(Show.repr) == plain.map(Show.repr))
        #expect(checked.map(Show.repr) == "(25.3125,)")
    }
}
