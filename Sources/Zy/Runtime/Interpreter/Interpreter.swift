import SourceMap

/// Executes IR. One interpreter per session: it owns the compiled-code
/// cache, the call depth, the step budget and the output buffer, and it is
/// the `CallContext` built-ins call back through.
public final class Interpreter: CallContext {
    public let globals: Globals
    /// Watches execution (profiler, debugger); nil costs one branch per statement.
    public var observer: ExecutionObserver? {
        get { hot.pointee.observer }
        set { hot.pointee.observer = newValue }
    }
    /// Which pass is running; the AD sets `.backward` for adjoint code.
    public var phase: Phase = .forward
    /// Calls plus backward jumps allowed before `StepLimitExceeded`; nil = unlimited.
    public var stepLimit: Int? {
        didSet { hot.pointee.stepsRemaining = stepLimit ?? Int.max }
    }
    /// Restores the full `stepLimit` budget (at the start of each run).
    public func resetStepBudget() {
        hot.pointee.stepsRemaining = stepLimit ?? Int.max
    }

    /// Counters touched on every call and loop iteration, kept outside the
    /// class's stored properties so the hot path pays no exclusivity checks.
    struct HotState {
        var stepsRemaining = Int.max
        var depth = 0
        /// Bit per `BinaryOperator` whose meaning on Int/Float64 the user changed.
        var overriddenOperators: UInt32 = 0
        var observer: ExecutionObserver?
        var maxDepth = 60_000
        /// Lowest stack address Zy frames may reach (see `BigStack`).
        var stackFloor: UInt = 0
        /// Frames unwound by the exception in flight, innermost first; moved
        /// into the exception when it is caught or leaves the interpreter.
        var pendingFrames: [Frame] = []
        /// Register files of the running frames.
        var registers = RegisterStack()
    }
    let hot: UnsafeMutablePointer<HotState>

    /// Current number of Zy frames on the stack.
    public var depth: Int { hot.pointee.depth }
    /// Deepest Zy call nesting before `StackOverflowError`.
    public var maxDepth: Int {
        get { hot.pointee.maxDepth }
        set { hot.pointee.maxDepth = newValue }
    }
    /// Lowest stack address the interpreter may reach (set on the big stack).

    let writeOutput: (String) -> Void
    let readInput: () -> String?
    var outputBuffer = ""

    var compiled: [ObjectIdentifier: CompiledFunction] = [:]
    /// Code compiled with finite checks, kept apart from `compiled`.
    var compiledChecked: [ObjectIdentifier: CompiledFunction] = [:]
    /// `--check-finite`: code entered from now on stops at the first
    /// statement that makes a NaN or Inf from finite inputs.
    public var checkFinite = false
    /// Describes non-finite origins in code made by a transform (the AD's
    /// adjoints) and tells which functions are implementation code.
    public var nonFiniteExplainer: NonFiniteExplainer?
    /// Outer constructors the user defined for types (`RGB(x) = RGB(x, x, x)`).
    var constructorMethods: [ZyType: GenericFunction] = [:]
    /// The exception most recently caught, for `rethrow` (keeps its frames).
    var lastCaught: ZyException?

    public init(globals: Globals, output: @escaping (String) -> Void = { _ in },
                input: @escaping () -> String? = { nil }) {
        self.globals = globals
        self.writeOutput = output
        self.readInput = input
        hot = .allocate(capacity: 1)
        hot.initialize(to: HotState())
    }

    deinit {
        hot.pointee.registers.deallocate()
        hot.deinitialize(count: 1)
        hot.deallocate()
    }

    // MARK: CallContext

    public func call(_ function: Value, _ arguments: [Value]) throws -> Value {
        try call(function, arguments, keywords: [])
    }

    /// Fixes the stack floor when entering Zy from outside (depth 0).
    func prepareStack() {
        guard depth == 0 else { return }
        let floor = BigStack.currentFloor
        // Off the big stack (a test calling in directly) allow a shallow 256 KiB.
        hot.pointee.stackFloor = floor != 0 ? floor : BigStack.currentAddress() &- (256 << 10)
    }

    public func write(_ text: String) {
        outputBuffer += text
        if outputBuffer.utf8.count > 8192 { flush() }
    }

    public func readLine() -> String? {
        flush()
        return readInput()
    }

    public func flush() {
        guard !outputBuffer.isEmpty else { return }
        let text = outputBuffer
        outputBuffer = ""
        writeOutput(text)
    }

    // MARK: Running

    /// Runs a top-level thunk (an IRFunction taking only `%1`).
    public func runThunk(_ ir: IRFunction) throws -> Value {
        prepareStack()
        do {
            return try invokeIR(compiledFunction(ir), selfValue: .nothing, arguments: [], keywords: [])
        } catch let z as ZyException {
            throw takePendingFrames(z)
        }
    }

    /// Every compiled function must be in `compiled` or `compiledChecked`
    /// (or deoptimised like them): `noteOperatorChange` rewrites the fast instructions of exactly
    /// these when the user redefines an operator.
    func compiledFunction(_ ir: IRFunction) -> CompiledFunction {
        if checkFinite { return checkedFunction(ir) }
        let key = ObjectIdentifier(ir)
        if let c = compiled[key] { return c }
        let c = Compiler.compile(ir, globals: globals)
        c.deoptimise(hot.pointee.overriddenOperators)
        compiled[key] = c
        return c
    }

    /// The name a backtrace shows for a function body.
    static func frameName(_ ir: IRFunction) -> String {
        ir.name.isEmpty ? "top-level scope" : ir.name
    }
}
