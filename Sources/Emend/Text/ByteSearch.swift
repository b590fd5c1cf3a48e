/// Byte tests on 8 bytes at once (SWAR: one 64-bit word holds 8 bytes), for
/// the loops that look at every byte of every line: a run of 8 bytes that
/// holds none of the bytes sought is passed in a few instructions instead of
/// 8 tests. Exact: no byte is ever reported that is not the one sought, and
/// none is missed. Reads; never changes anything.
enum ByteSearch {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` that is zero (and of no other byte).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low7) &+ low7) | word | low7)
    }

    /// The high bit of each byte of `word` equal to `byte`.
    @inline(__always)
    static func bytes(_ word: UInt64, equalTo byte: UInt8) -> UInt64 {
        zeroBytes(word ^ (UInt64(byte) &* ones))
    }

    /// The high bit of each byte of `word` that is an ASCII letter (A-Z, a-z).
    @inline(__always)
    static func asciiLetters(_ word: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // Folded to small letters, then each byte's low 7 bits compared with
        // 'a' and past 'z' by adding to them (no carry leaves a byte).
        let folded = (word | 0x2020_2020_2020_2020) & low7
        let fromA = folded &+ (0x80 - 0x61) &* ones
        let pastZ = folded &+ (0x80 - 0x7B) &* ones
        return fromA & ~pastZ & ~word & highBits
    }

    /// The high bit of each byte of `word` that is an ASCII digit (0-9).
    @inline(__always)
    static func asciiDigits(_ word: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // Each byte's low 7 bits compared with '0' and past '9' by adding to them (no carry leaves a byte).
        let low = word & low7
        let fromZero = low &+ (0x80 - 0x30) &* ones
        let pastNine = low &+ (0x80 - 0x3A) &* ones
        return fromZero & ~pastNine & ~word & highBits
    }

    /// How many of the 8 bytes of `word`, from the first (lowest), are ASCII letters in a row.
    @inline(__always)
    static func leadingASCIILetters(_ word: UInt64) -> Int {
        (~asciiLetters(word) & highBits).trailingZeroBitCount >> 3
    }

    /// `word` with each ASCII capital made small; every other byte as it is.
    /// Each letter's bit 0x20 set (a small letter has it already): the same
    /// `asciiLetters` as `leadingASCIILetters`, so a loop that asks for both
    /// computes it once.
    @inline(__always)
    static func lowercasedASCII(_ word: UInt64) -> UInt64 {
        word | (asciiLetters(word) >> 2)
    }

    /// The `count` bytes (0 to 7) at `start` as one word, the first byte
    /// lowest and the bytes past them 0; reads none of the bytes after them
    /// (two overlapping loads of 4, or of 2, bytes: no loop).
    @inline(__always)
    static func partialWord(_ start: UnsafeRawPointer, count: Int) -> UInt64 {
        if count >= 4 {
            let low = UInt64(UInt32(littleEndian: start.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: start.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)))
            return low | high << (8 &* UInt64(truncatingIfNeeded: count &- 4))
        }
        if count >= 2 {
            let low = UInt64(UInt16(littleEndian: start.loadUnaligned(as: UInt16.self)))
            let high = UInt64(UInt16(littleEndian: start.loadUnaligned(fromByteOffset: count &- 2, as: UInt16.self)))
            return low | high << (8 &* UInt64(truncatingIfNeeded: count &- 2))
        }
        return count == 1 ? UInt64(start.load(as: UInt8.self)) : 0
    }

    /// The 8 bytes at `offset` as one word, the first byte lowest.
    @inline(__always)
    static func word(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self))
    }

    /// How many bytes of `bytes` start a UTF-8 sequence (are no continuation
    /// byte, 10xxxxxx): the characters (Unicode scalars) of well-formed text.
    static func sequenceStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var continuations = 0, index = 0
        // Continuation bytes counted in each byte lane of `lanes` (at most 255
        // words before the lanes are summed and cleared, so none overflows).
        var lanes: UInt64 = 0, wordsInLanes = 0
        while index + 8 <= bytes.count {
            let word = word(bytes, at: index)
            // A continuation byte has its high bit set and the bit below it clear.
            lanes &+= (word & ~(word << 1) & highBits) >> 7
            index += 8
            wordsInLanes += 1
            if wordsInLanes == 255 {
                continuations += laneSum(lanes)
                (lanes, wordsInLanes) = (0, 0)
            }
        }
        var count = index - continuations - laneSum(lanes)
        while index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    /// The sum of a word's eight bytes.
    @inline(__always)
    private static func laneSum(_ lanes: UInt64) -> Int {
        let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
        return Int((pairs &* 0x0001_0001_0001_0001) >> 48)
    }

    /// The index of the first `byte` in `bytes` at or after `start`, or
    /// `bytes.count` when none stands there: 8 bytes at a time while 8 are
    /// left, then byte by byte.
    @inline(__always)
    static func index(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index &+ 8 <= bytes.count {
            let found = Self.bytes(word(bytes, at: index), equalTo: byte)
            if found != 0 { return index &+ found.trailingZeroBitCount >> 3 }
            index &+= 8
        }
        while index < bytes.count, bytes[index] != byte { index += 1 }
        return index
    }

    /// True when two spaces (0x20) stand side by side in `bytes`.
    ///
    /// Each pair of neighbours is read as the same byte of two vectors, one
    /// byte apart: a byte of both is a space only where a pair is. 16 pairs
    /// at a time (one compare of each vector), the last 16 read from the end
    /// (a pair read twice changes nothing); a line of 16 bytes or fewer is
    /// read as 8-byte words, the last 8 pairs again from the end, and one of
    /// 8 bytes or fewer is one word. Never reads outside `bytes`.
    static func containsTwoSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count >= 17 else {
            guard count > 8 else {
                guard count >= 2 else { return false }
                let word = count == 8 ? word(bytes, at: 0) : partialWord(UnsafeRawPointer(bytes.baseAddress!), count: count)
                let spaces = Self.bytes(word, equalTo: 0x20)
                return spaces & (spaces >> 8) != 0
            }
            return spacePairs(bytes, at: 0) | spacePairs(bytes, at: count &- 9) != 0
        }
        let base = UnsafeRawPointer(bytes.baseAddress!)
        // The last 16 pairs read where the next 16 would pass the end: every
        // look a branch (a look whose answer is returned became a call).
        var index = 0
        while true {
            if spacePairs16(base, at: index) { return true }
            if index == count &- 17 { return false }
            index = Swift.min(index &+ 16, count &- 17)
        }
    }

    /// True when one of the 16 bytes from `offset` is a space followed by a
    /// space (reads the 17 bytes from `offset`).
    @inline(__always)
    private static func spacePairs16(_ base: UnsafeRawPointer, at offset: Int) -> Bool {
        let spaces = SIMD16<UInt8>(repeating: 0x20)
        let first = base.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
        let second = base.loadUnaligned(fromByteOffset: offset &+ 1, as: SIMD16<UInt8>.self)
        return any((first .== spaces) .& (second .== spaces))
    }

    /// The high bit of each of the 8 bytes from `offset` that is a space
    /// followed by a space (reads the 9 bytes from `offset`).
    @inline(__always)
    private static func spacePairs(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        let spaces = UInt64(0x20) &* ones
        return zeroBytes((word(bytes, at: offset) ^ spaces) | (word(bytes, at: offset &+ 1) ^ spaces))
    }
}
