import SourceMap

/// What the profiler and the debugger see of execution. The interpreter
/// calls these only when an observer is attached; with none attached the
/// hot path pays one predictable branch per statement.
public protocol ExecutionObserver: AnyObject {
    /// A statement (or branch) is about to run.
    func statementEntered(function: IRFunction, span: Span, phase: Phase, depth: Int)
    /// A Zy function is being entered (after argument binding).
    func functionEntered(function: IRFunction, arguments: [Value], phase: Phase, depth: Int)
    /// A Zy function returned `value`.
    func functionReturned(function: IRFunction, value: Value, phase: Phase, depth: Int)
    /// An exception is propagating out of a statement in `function`.
    func errorRaised(_ error: ZyException, function: IRFunction, span: Span, depth: Int)
}
