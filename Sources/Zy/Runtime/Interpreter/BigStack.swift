import Foundation

/// Runs the interpreter on a thread with a large stack, so deep (and
/// infinite) recursion ends in `StackOverflowError` instead of a crash: the
/// interpreter stops at `stackFloor`, well above the real end of the stack.
public enum BigStack {
    /// Size of the interpreter thread's stack.
    public static let stackSize = 512 << 20
    /// How much of it Zy frames may use; the rest is headroom for built-ins
    /// and error reporting running at the deepest point.
    static let usable = 448 << 20

    private static let key = "zy.bigstack.floor"

    /// An address in the caller's stack frame (the stack grows down).
    @inline(never)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// The lowest address Zy code may reach on this thread, or 0 when not on
    /// a big-stack thread.
    static var currentFloor: UInt {
        (Thread.current.threadDictionary[key] as? NSNumber)?.uintValue ?? 0
    }

    /// Runs `body` on a big-stack thread (directly if already on one).
    public static func run<T>(_ body: @escaping () throws -> T) throws -> T {
        if currentFloor != 0 { return try body() }
        let slot = ResultSlot<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let top = currentAddress()
            Thread.current.threadDictionary[key] = NSNumber(value: top > UInt(usable) ? top - UInt(usable) : 1)
            slot.result = Result { try body() }
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        guard let result = slot.result else { throw InternalError("interpreter thread ended without a result") }
        return try result.get()
    }
}

/// Carries the interpreter thread's result back to the waiting caller.
private final class ResultSlot<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
