/// Register files of running frames, taken from one preallocated block in
/// call order instead of one heap allocation per call. Frames end in
/// reverse order of their start (returns and exceptions unwind through
/// `defer`), so freeing is moving the top back. A frame that does not fit
/// (very deep recursion) gets its own heap block.
struct RegisterStack {
    /// Reserved up front; pages are touched only as deep as calls go.
    static let capacity = 1 << 20
    let base: UnsafeMutablePointer<Value>
    var top = 0

    init() {
        base = .allocate(capacity: RegisterStack.capacity)
    }

    func deallocate() {
        base.deallocate()
    }

    /// Uninitialised room for `count` registers.
    @inline(__always)
    mutating func push(_ count: Int) -> Registers {
        if top &+ count <= RegisterStack.capacity {
            let regs = base + top
            top &+= count
            return regs
        }
        return .allocate(capacity: count)
    }

    /// Frees the room of the frame `regs` (already deinitialised).
    @inline(__always)
    mutating func pop(_ regs: Registers, _ count: Int) {
        if regs >= base && regs < base + RegisterStack.capacity {
            top = regs - base
        } else {
            regs.deallocate()
        }
    }
}

extension CompiledFunction {
    /// Fills a new register file from the template: a byte copy (Int,
    /// Float64, Bool and `nothing` constants need no retain), then a real
    /// copy of each constant that holds a reference (strings, symbols…).
    @inline(__always)
    func initialiseRegisters(_ regs: Registers) {
        guard let t = templateBase else { return }
        UnsafeMutableRawPointer(regs).copyMemory(from: t, byteCount: registerCount &* MemoryLayout<Value>.stride)
        for i in referenceConstants { (regs + Int(i)).initialize(to: t[Int(i)]) }
    }

    /// Releases what the registers hold; scalars need nothing, and scalar
    /// constants are never overwritten.
    @inline(__always)
    func deinitialiseRegisters(_ regs: Registers) {
        for i in 0..<constantRegisters.lowerBound where !Interpreter.isScalar(regs + i) {
            (regs + i).deinitialize(count: 1)
        }
        for i in constantRegisters.upperBound..<registerCount where !Interpreter.isScalar(regs + i) {
            (regs + i).deinitialize(count: 1)
        }
        for i in referenceConstants { (regs + Int(i)).deinitialize(count: 1) }
    }
}
