/// A growable run of bytes that a hot loop writes through a pointer, reused
/// from line to line: it grows, never shrinks, and is not thread-safe (keep
/// one to a call, never in a stage that copies share).
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int

    init(capacity: Int = 1 << 12) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `count` bytes in all, keeping the first `used`; `base` may move.
    @inline(__always)
    func reserve(_ count: Int, keeping used: Int) {
        if count > capacity { grow(to: count, keeping: used) }
    }

    private func grow(to count: Int, keeping used: Int) {
        let newCapacity = max(count, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: used)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
