/// A set of line numbers, as a chunk's own lines are: a bitmap over the span
/// from the lowest to the highest, so that a look-up is a shift and a mask
/// (a `Set<Int>` hashes each one); a `Set<Int>` when the span is wider than
/// `widestBitmap` (numbers far apart, which a chunk's lines are not).
struct LineNumberSet {
    /// The widest span held as a bitmap: 2^20 numbers, 128 KB.
    static let widestBitmap = 1 << 20

    private let lowest: Int
    private let bits: [UInt64]
    private let wide: Set<Int>?

    init<Numbers: Collection<Int>>(_ numbers: Numbers) {
        var lowest = Int.max, highest = Int.min
        for number in numbers {
            lowest = min(lowest, number)
            highest = max(highest, number)
        }
        self.lowest = lowest
        guard lowest <= highest else {  // no number at all
            (bits, wide) = ([], nil)
            return
        }
        let span = highest.subtractingReportingOverflow(lowest)
        guard !span.overflow, span.partialValue < Self.widestBitmap else {
            (bits, wide) = ([], Set(numbers))
            return
        }
        var bits = [UInt64](repeating: 0, count: span.partialValue / 64 + 1)
        for number in numbers {
            let offset = number - lowest
            bits[offset >> 6] |= 1 << UInt64(offset & 63)
        }
        (self.bits, wide) = (bits, nil)
    }

    func contains(_ number: Int) -> Bool {
        if let wide { return wide.contains(number) }
        guard number >= lowest else { return false }
        let offset = number.subtractingReportingOverflow(lowest)
        guard !offset.overflow, offset.partialValue >> 6 < bits.count else { return false }
        return bits[offset.partialValue >> 6] & (1 << UInt64(offset.partialValue & 63)) != 0
    }
}
