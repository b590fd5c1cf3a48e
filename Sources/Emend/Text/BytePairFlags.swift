/// A one-pass test of which of several sets of byte strings may occur in a
/// text: each string is remembered by its first two bytes (or its only byte)
/// with the flag of its set, and a scan of the text ORs the flags of the pairs
/// it holds. A flag left out is certain: no string of that set is there; a
/// flag set means: search for the strings. Sixteen flags, one bit each. Lets garbles pass most lines by
/// without a search per rule.
package struct BytePairFlags: Sendable {
    /// The flags of the strings that start with the bytes a, b, at `b << 8 | a`:
    /// the value of the pair read as one little-endian 16-bit word.
    private var pairs = [UInt16](repeating: 0, count: 65536)
    /// The flags of the strings of one byte.
    private var singles = [UInt16](repeating: 0, count: 256)
    private var hasSingles = false

    public init() {}

    /// Remembers `string`'s start under `flag`; an empty string is ignored.
    public mutating func insert(_ string: [UInt8], flag: UInt16) {
        guard let first = string.first else { return }
        if string.count == 1 {
            singles[Int(first)] |= flag
            hasSingles = true
        } else {
            pairs[Int(string[1]) << 8 | Int(first)] |= flag
        }
    }

    /// Remembers, under `flag`, every pair of a byte of `first` followed by a byte of `second`.
    public mutating func insertPairs(_ first: some Sequence<UInt8>, _ second: some Sequence<UInt8>, flag: UInt16) {
        for a in first { for b in second { insert([a, b], flag: flag) } }
    }

    /// The flags of the strings that may occur in `text`: each pair of bytes
    /// read as one 16-bit word, the index of its flags.
    public func flags(in text: UnsafeBufferPointer<UInt8>) -> UInt16 {
        guard let base = text.baseAddress, !text.isEmpty else { return 0 }
        return pairs.withUnsafeBufferPointer { pairs in
            var found: UInt16 = 0
            let raw = UnsafeRawPointer(base)
            let last = text.count &- 1
            var index = 0
            while index < last {
                found |= pairs[Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt16.self)))]
                index &+= 1
            }
            guard hasSingles else { return found }
            return singles.withUnsafeBufferPointer { singles in text.reduce(found) { $0 | singles[Int($1)] } }
        }
    }

    public func flags(in text: [UInt8]) -> UInt16 { text.withUnsafeBufferPointer { flags(in: $0) } }
}
