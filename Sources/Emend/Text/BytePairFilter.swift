/// A quick test of whether any of a set of byte strings may occur in a text:
/// it remembers each string's first two bytes (or its only byte) and scans the
/// text once for them. "No" is certain; "yes" means: search for the strings.
/// Used to skip, on most lines, rules that look for fixed strings.
public struct BytePairFilter: Sendable {
    /// Bit `a << 8 | b` is set for each string that starts with the bytes a, b.
    private var pairs = [UInt64](repeating: 0, count: 1024)
    /// Bit `a` is set for each string of one byte a.
    private var singles = [UInt64](repeating: 0, count: 4)
    public private(set) var isEmpty = true
    private var hasSingles = false

    public init() {}

    /// Remembers `string`'s start; an empty string is ignored.
    public mutating func insert(_ string: [UInt8]) {
        guard let first = string.first else { return }
        isEmpty = false
        if string.count == 1 {
            singles[Int(first) >> 6] |= 1 << UInt64(first & 63)
            hasSingles = true
        } else {
            let pair = Int(first) << 8 | Int(string[1])
            pairs[pair >> 6] |= 1 << UInt64(pair & 63)
        }
    }

    /// Remembers every pair of a byte of `first` followed by a byte of `second`.
    public mutating func insertPairs(_ first: some Sequence<UInt8>, _ second: some Sequence<UInt8>) {
        for a in first { for b in second { insert([a, b]) } }
    }

    /// False when no remembered string can occur in `text`.
    public func mayOccur(in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !isEmpty, !text.isEmpty else { return false }
        if !hasSingles {
            return pairs.withUnsafeBufferPointer { pairs in
                var previous = Int(text[0])
                for index in 1..<text.count {
                    let byte = Int(text[index])
                    let pair = previous << 8 | byte
                    if pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 { return true }
                    previous = byte
                }
                return false
            }
        }
        return pairs.withUnsafeBufferPointer { pairs in
            singles.withUnsafeBufferPointer { singles in
                var previous = Int(text[0])
                if singles[previous >> 6] & (1 << UInt64(previous & 63)) != 0 { return true }
                for index in 1..<text.count {
                    let byte = Int(text[index])
                    let pair = previous << 8 | byte
                    if pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 { return true }
                    if singles[byte >> 6] & (1 << UInt64(byte & 63)) != 0 { return true }
                    previous = byte
                }
                return false
            }
        }
    }

    public func mayOccur(in text: [UInt8]) -> Bool { text.withUnsafeBufferPointer { mayOccur(in: $0) } }
}
