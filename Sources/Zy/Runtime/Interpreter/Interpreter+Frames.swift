import SourceMap

extension Interpreter {
    /// Runs `body` (a built-in calling back into Zy); when a Zy exception
    /// leaves it, `annotate` may relabel the frames it unwound through
    /// (innermost first) and append frames of its own, before the callers'
    /// frames are added. Used by the AD to name pullbacks after the user's
    /// functions and to mark the `gradient` call; costs nothing unless an
    /// error passes.
    public func annotatingFrames<T>(_ body: () throws -> T, _ annotate: (inout [Frame]) -> Void) throws -> T {
        let mark = hot.pointee.pendingFrames.count
        do {
            return try body()
        } catch var z as ZyException {
            let pending = hot.pointee.pendingFrames.count
            if depth > 0, pending >= mark {
                // Still unwinding inside the interpreter: the frames wait beside the exception.
                var unwound = Array(hot.pointee.pendingFrames[mark...])
                annotate(&unwound)
                hot.pointee.pendingFrames.removeSubrange(mark...)
                hot.pointee.pendingFrames.append(contentsOf: unwound)
                throw z
            }
            // Called from outside (depth 0): the frames are already in the exception.
            annotate(&z.frames)
            throw z
        }
    }
}
