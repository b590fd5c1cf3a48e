/// Byte arrays of lines already written, for the lines read next: the reader (`LineSplitter`) fills one of them instead
/// of allocating an array for each line, and the writer gives each written
/// line's array back. An array made from one holds the line's bytes alone
/// (they replace the old ones whole); the stages and the output never see the pool.
///
/// Memory stays bounded: at most `maximumCount` arrays of at most
/// `maximumCapacity` bytes each, `maximumHeldBytes` bytes of capacity in all
/// (an array that would go past any is freed as before). A line is given an
/// array of less than four times its bytes and `smallest` more (`make`), so
/// the lines in flight hold no more than that (and what the allocator rounds up).
package struct LineBytePool: Sendable {
    /// The most arrays held.
    package static let maximumCount = 1 << 14
    /// The most bytes of capacity held, all arrays together.
    package static let maximumHeldBytes = 1 << 21
    /// The largest array kept.
    package static let maximumCapacity = 1 << 12
    /// Arrays given back, the last given on top; each still holds the bytes of
    /// its written line, which `make` overwrites whole.
    private var arrays: [[UInt8]] = []
    private(set) package var heldBytes = 0
    package var count: Int { arrays.count }

    package init() {}

    /// Takes `bytes` (leaving it empty) and keeps it when there is room.
    @inline(__always)
    package mutating func giveBack(_ bytes: inout [UInt8]) {
        let capacity = bytes.capacity
        guard capacity > 0, capacity <= Self.maximumCapacity, arrays.count < Self.maximumCount,
              heldBytes + capacity <= Self.maximumHeldBytes else { return }
        heldBytes += capacity
        arrays.append(bytes)
        bytes = []
    }

    /// An array holding a copy of `content` and nothing else: the top kept one
    /// when its capacity fits (less than four times the bytes and `smallest`
    /// more), else a new one.
    @inline(__always)
    package mutating func make(_ content: UnsafeRawBufferPointer) -> [UInt8] {
        guard let base = content.baseAddress, !content.isEmpty else { return [] }
        let source = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: content.count)
        if let capacity = arrays.last?.capacity, capacity >= content.count, capacity < 4 * content.count + Self.smallest {
            var bytes = arrays.removeLast()
            heldBytes -= capacity
            bytes.replaceSubrange(0..<bytes.count, with: source)
            return bytes
        }
        // A new short line gets room for any short line, so that the array fits whichever comes when it is back.
        return Array(unsafeUninitializedCapacity: max(content.count, Self.smallest)) { buffer, count in
            buffer.baseAddress!.initialize(from: base.assumingMemoryBound(to: UInt8.self), count: content.count)
            count = content.count
        }
    }

    /// The capacity of a new array for a short line.
    package static let smallest = 128
}
