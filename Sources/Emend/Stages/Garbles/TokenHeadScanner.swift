/// The tokens of a line (bytes between spaces, as `GarbleTokenLine.containsToken`
/// finds them) with each token's first 16 bytes as two words, zero-padded
/// (`WordCountTable.heads`), read in the same loads that find where the token
/// ends: 8 bytes at a time where 8 are left to read (near the line's end, its
/// last 8 moved down), so a short token costs a load or two, not a test of
/// each byte and a second read for its key.
/// Reads the line; never changes it.
enum TokenHeadScanner {
    /// Calls `body` with each token's range, its heads, whether it is the
    /// line's first and whether its last, in order, until `body` returns
    /// true; true when it did. The same tokens, in the same order, as
    /// `GarbleTokenLine.containsToken`.
    @inline(__always)
    static func containsToken(in bytes: UnsafeBufferPointer<UInt8>,
                              where body: (_ range: Range<Int>, _ heads: (UInt64, UInt64), _ isFirst: Bool, _ isLast: Bool) -> Bool) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count, bytes[index] == 0x20 { index += 1 }
        var isFirst = true
        while index < count {
            let start = index
            let (end, heads, next) = tokenEnd(in: bytes, from: start)
            if next != 0 {
                index = next
            } else {
                // The byte at `end`, when there is one, is a space.
                index = end < count ? end &+ 1 : end
                while index < count, bytes[index] == 0x20 { index &+= 1 }
            }
            if body(Range(uncheckedBounds: (start, end)), heads, isFirst, index == count) { return true }
            isFirst = false
        }
        return false
    }

    /// Where the token starting at `start` (no space) ends, its heads, and
    /// where the next token starts when the word read shows it (the byte after
    /// the token's space is no space), else 0 (left to the caller to find).
    @inline(__always)
    static func tokenEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, heads: (UInt64, UInt64), next: Int) {
        let readable = bytes.count &- start
        if readable >= 8 {
            let first = ByteSearch.word(bytes, at: start)
            let spaces = ByteSearch.bytes(first, equalTo: 0x20)
            if spaces != 0 {
                let length = spaces.trailingZeroBitCount >> 3
                return (start &+ length, (first & lowBytes(length), 0), nextStart(spaces, length: length, wordStart: start))
            }
            if readable >= 16 { return longTokenEnd(in: bytes, from: start, first: first) }
        } else if bytes.count >= 8 {
            return shortTailTokenEnd(in: bytes, from: start, readable: readable)
        }
        let end = ByteSearch.index(of: 0x20, in: bytes, from: start)
        return (end, WordCountTable.heads(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<end])), 0)
    }

    /// `tokenEnd` of a token of 8 bytes or more (its first 8 are `first`)
    /// with 16 bytes to read from its start.
    @inline(__always)
    private static func longTokenEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                                     first: UInt64) -> (end: Int, heads: (UInt64, UInt64), next: Int) {
        let second = ByteSearch.word(bytes, at: start &+ 8)
        let later = ByteSearch.bytes(second, equalTo: 0x20)
        if later != 0 {
            let length = later.trailingZeroBitCount >> 3
            return (start &+ 8 &+ length, (first, second & lowBytes(length)), nextStart(later, length: length, wordStart: start &+ 8))
        }
        return (ByteSearch.index(of: 0x20, in: bytes, from: start &+ 16), (first, second), 0)
    }

    /// `tokenEnd` of a token with fewer than 8 bytes left from its start, in
    /// a line of 8 bytes or more: the line's last 8 bytes read as one word and
    /// moved down to the token's start, zeros above the line's end (no space).
    /// Leaves where the next token starts to the caller.
    @inline(__always)
    private static func shortTailTokenEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                                          readable: Int) -> (end: Int, heads: (UInt64, UInt64), next: Int) {
        let word = ByteSearch.word(bytes, at: bytes.count &- 8) &>> (8 &* UInt64(truncatingIfNeeded: 8 &- readable))
        let spaces = ByteSearch.bytes(word, equalTo: 0x20)
        guard spaces != 0 else { return (bytes.count, (word, 0), 0) }
        let length = spaces.trailingZeroBitCount >> 3
        return (start &+ length, (word & lowBytes(length), 0), 0)
    }

    /// Where the next token starts, of a word read from `wordStart` whose
    /// spaces are `spaces` (`ByteSearch.bytes(_:equalTo:)`), the first at
    /// `length`: the byte after it, when the word holds that byte and it is
    /// no space; else 0.
    @inline(__always)
    private static func nextStart(_ spaces: UInt64, length: Int, wordStart: Int) -> Int {
        // The high bit of each byte of the word that is no space, moved down by
        // the space and the token: a byte past the word reads as a space.
        let after = ((~spaces & ByteSearch.highBits) &>> 8) &>> (8 &* UInt64(truncatingIfNeeded: length))
        return after & 0x80 != 0 ? wordStart &+ length &+ 1 : 0
    }

    /// A mask of a word's first `count` bytes (0 to 7).
    @inline(__always)
    private static func lowBytes(_ count: Int) -> UInt64 {
        (1 << (8 &* UInt64(truncatingIfNeeded: count))) &- 1
    }
}
