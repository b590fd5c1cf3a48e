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
    /// Arrays given back: `arrays[..<count]`, the last given on top; each still
    /// holds the bytes of its written line, which `make` overwrites whole. The
    /// slots above hold empty arrays, kept so that an array given back is
    /// swapped into place (an append on each line cost two calls of the
    /// library's generic array code).
    private var arrays: [[UInt8]] = []
    private(set) package var heldBytes = 0
    private(set) package var count = 0

    package init() {}

    /// Takes `bytes` (leaving it empty) and keeps it when there is room.
    @inline(__always)
    package mutating func giveBack(_ bytes: inout [UInt8]) {
        let capacity = bytes.capacity
        guard capacity > 0, capacity <= Self.maximumCapacity, count < Self.maximumCount,
              heldBytes + capacity <= Self.maximumHeldBytes else { return }
        heldBytes += capacity
        if count < arrays.count {
            swap(&arrays[count], &bytes)
        } else {
            arrays.append(bytes)
            bytes = []
        }
        count += 1
    }

    /// An array holding a copy of `content` and nothing else: the top kept one
    /// when its capacity fits (less than four times the bytes and `smallest`
    /// more), else a new one.
    @inline(__always)
    package mutating func make(_ content: UnsafeRawBufferPointer) -> [UInt8] {
        guard let base = content.baseAddress, !content.isEmpty else { return [] }
        let source = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: content.count)
        if count > 0, case let capacity = arrays[count - 1].capacity, capacity >= content.count, capacity < 4 * content.count + Self.smallest {
            count -= 1
            var bytes: [UInt8] = []
            swap(&bytes, &arrays[count])
            heldBytes -= capacity
            bytes.replaceSubrange(0..<bytes.count, with: source)
            return bytes
        }
        // A new short line gets room for any short line, so that the array fits whichever comes when it is back.
        return Self.fresh(source, capacity: max(content.count, Self.smallest))
    }

    /// A new array of at least `capacity` holding `content`: the capacity and
    /// bytes of `Array(unsafeUninitializedCapacity:)`, through the allocation
    /// specialised for bytes (that initializer allocates through the
    /// library's generic path, which looks the storage type up on each call).
    @inline(__always)
    package static func fresh(_ content: UnsafeBufferPointer<UInt8>, capacity: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        bytes.append(contentsOf: content)
        return bytes
    }

    /// The capacity of a new array for a short line.
    package static let smallest = 128
}
