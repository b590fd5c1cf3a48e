/// Finds the words of one line as the document survey counts them
/// (`DocumentSurvey.words(in:)`), in one pass over its bytes, and can write
/// each word's bytes, ASCII capitals made small, to a buffer as it goes: the
/// survey counts a word from that copy with no second pass to fold or pad it.
///
/// A word is a run of letters (ASCII letters, and characters beyond ASCII
/// other than Latin-1 signs, U+0080-U+00BF, and general punctuation,
/// U+2000-U+206F) with a hyphen or apostrophe inside between letters. Runs of
/// ASCII letters are passed 8 bytes at a time. Reads the line only; never
/// holds it past the call.
enum SurveyWordScanner {
    /// The most bytes of a word written (a longer word is scanned whole, its
    /// bytes past these not written).
    static let writtenBytes = 64
    /// The bytes a target must have: up to 8 are written past the 64th.
    static let targetCapacity = writtenBytes + 8

    /// Calls `body` with each word of `line`, in order. With a target (the
    /// first given, each next one returned by `body` for the word after the
    /// one it is given) of at least `targetCapacity` bytes, each word's bytes
    /// (the first `writtenBytes` of a longer one) are written to it with ASCII
    /// capitals made small, 8 at a time: bytes past the word's length may be
    /// written too. Returns whether only spaces and tabs follow the last word
    /// (of a line with no word: whether it has only spaces and tabs).
    ///
    /// In the same pass, calls `visit` with the position of every byte of the
    /// line that `marked` holds (`ByteMask`: bytes below 0x40 other than a
    /// hyphen or an apostrophe, so never a byte a word is read from), in
    /// order, wherever it lies: between words, or inside a sequence of broken
    /// UTF-8 that the scan passes as one character. With an empty mask
    /// `visit` is never called.
    @inline(__always)
    static func forEachWord(in line: UnsafeBufferPointer<UInt8>, writingTo firstTarget: UnsafeMutablePointer<UInt8>?,
                            visiting marked: ByteMask = .empty, _ visit: (Int) -> Void = { _ in },
                            _ body: (DocumentSurvey.Word) -> UnsafeMutablePointer<UInt8>?) -> Bool {
        guard let base = line.baseAddress else { return true }
        let count = line.count
        var index = 0
        var onlySpaces = true
        var target = firstTarget
        while true {
            // Up to the next letter: spaces and tabs keep `onlySpaces`, anything else clears it.
            var step = 0
            if index &+ 1 < count && base[index] == 0x20 && isASCIILetter(base[index &+ 1]) {
                // The most common gap, one space before an ASCII letter, at once.
                index &+= 1
                step = 1
            }
            while step == 0 && index < count {
                let byte = base[index]
                if byte < 0x80 {
                    if isASCIILetter(byte) { step = 1; break }
                    if byte != 0x20 && byte != 0x09 {
                        onlySpaces = false
                        if marked.contains(byte) { visit(index) }
                    }
                    index &+= 1
                    continue
                }
                step = letterLength(base, count, at: index)
                if step > 0 { break }
                onlySpaces = false
                let length = max(1, sequenceLength(byte))
                if !marked.isEmpty { visitInside(base, from: index &+ 1, to: min(index &+ length, count), marked, visit) }
                index &+= length
            }
            guard step > 0 else { return onlySpaces }
            let start = index
            var written = 0
            // The letter found first, then letters, and a hyphen or apostrophe between two letters.
            while true {
                // An ASCII letter with 8 bytes left to read is taken by the run below (its first byte);
                // a hyphen or apostrophe between letters, or any other letter, here.
                if step > 1 || index &+ 8 > count || !isASCIILetter(base[index]) {
                    if let target, written <= writtenBytes {
                        if step == 1 {
                            target[written] = DocumentSurvey.lowercased(base[index])
                        } else {
                            // Lowered too: in broken UTF-8 a lead byte's sequence may take in an ASCII capital.
                            for offset in 0..<step { target[written &+ offset] = DocumentSurvey.lowercased(base[index &+ offset]) }
                        }
                    }
                    if step > 1 && !marked.isEmpty { visitInside(base, from: index &+ 1, to: index &+ step, marked, visit) }
                    index &+= step
                    written &+= step
                }
                // A run of ASCII letters, 8 bytes at a time while 8 are left to read.
                while index &+ 8 <= count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    let run = ByteSearch.leadingASCIILetters(word)
                    if let target, written <= writtenBytes {
                        UnsafeMutableRawPointer(target + written).storeBytes(of: ByteSearch.lowercasedASCII(word).littleEndian, as: UInt64.self)
                    }
                    index &+= run
                    written &+= run
                    if run < 8 { break }
                }
                guard index < count else { break }
                let byte = base[index]
                if byte == 0x20 { break }  // the byte that most often ends a word, first
                if byte < 0x80 {
                    if isASCIILetter(byte) { step = 1; continue }
                    if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'")) && index &+ 1 < count
                        && letterLength(base, count, at: index &+ 1) > 0 {
                        step = 1
                        continue
                    }
                    break
                }
                step = letterLength(base, count, at: index)
                if step == 0 { break }
            }
            var brokenAtEnd = false
            if index < count && base[index] == UInt8(ascii: "-") {
                var rest = index &+ 1
                while rest < count && (base[rest] == 0x20 || base[rest] == 0x09 || base[rest] == 0x0D) { rest &+= 1 }
                brokenAtEnd = rest == count
            }
            target = body(DocumentSurvey.Word(range: start..<index, onlySpacesBefore: onlySpaces, brokenAtEnd: brokenAtEnd))
            onlySpaces = true
        }
    }

    /// Calls `visit` with each position from `start` up to `end` whose byte
    /// `marked` holds: the bytes after a lead byte that the scan passes with
    /// it (in broken UTF-8 they may be any byte).
    @inline(__always)
    private static func visitInside(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, _ marked: ByteMask,
                                    _ visit: (Int) -> Void) {
        var position = start
        while position < end {
            if marked.contains(base[position]) { visit(position) }
            position &+= 1
        }
    }

    /// A set of bytes below 0x40, one bit each: which bytes the scan reports
    /// to its `visit` (the survey's marks and digits).
    struct ByteMask {
        let bits: UInt64

        init(_ bytes: some Sequence<UInt8>) {
            var bits: UInt64 = 0
            for byte in bytes {
                precondition(byte < 0x40 && byte != UInt8(ascii: "-") && byte != UInt8(ascii: "'"), "a word's byte or a byte past 0x3F")
                bits |= 1 << UInt64(byte)
            }
            self.bits = bits
        }

        private init(bits: UInt64) { self.bits = bits }

        /// No byte (nothing is visited).
        static let empty = ByteMask(bits: 0)

        var isEmpty: Bool { bits == 0 }

        @inline(__always)
        func contains(_ byte: UInt8) -> Bool { byte < 0x40 && (bits &>> UInt64(byte)) & 1 != 0 }
    }

    @inline(__always)
    static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }

    /// The bytes of the letter at `index` (a byte of 0x80 or more), or 0 when it is no letter.
    @inline(__always)
    static func letterLength(_ base: UnsafePointer<UInt8>, _ count: Int, at index: Int) -> Int {
        let byte = base[index]
        if byte < 0x80 { return isASCIILetter(byte) ? 1 : 0 }
        let length = sequenceLength(byte)
        guard length > 0, index &+ length <= count else { return 0 }
        return isMark(lead: byte, next: base[index &+ 1]) ? 0 : length
    }

    /// True when a character of two bytes or more that starts with `lead`,
    /// then `next`, is a mark prose sets beside a word: U+0080-U+00BF (C2 xx:
    /// « », the no-break space, the soft hyphen) or U+2000-U+206F (E2 80/81
    /// xx: ‘ ’ “ ” – — …). No such mark is a letter.
    @inline(__always)
    static func isMark(lead: UInt8, next: UInt8) -> Bool { lead == 0xC2 || lead == 0xE2 && (next == 0x80 || next == 0x81) }

    /// The bytes of the mark (`isMark`) at `index`, whole before `end`: 2 or
    /// 3; 0 for a letter or anything else.
    @inline(__always)
    static func markLength(_ base: UnsafePointer<UInt8>, _ end: Int, at index: Int) -> Int {
        let length = base[index] == 0xC2 ? 2 : base[index] == 0xE2 ? 3 : 0
        guard length > 0, index &+ length <= end, isMark(lead: base[index], next: base[index &+ 1]) else { return 0 }
        return length
    }

    /// The bytes of such a mark that ends at `end` (its lead byte after
    /// `floor`), or 0 when the character ending there is none.
    static func markLength(_ base: UnsafePointer<UInt8>, endingAt end: Int, after floor: Int) -> Int {
        var lead = end &- 1
        while lead > floor, base[lead] & 0xC0 == 0x80, end &- lead < 3 { lead &-= 1 }
        return markLength(base, end, at: lead) == end &- lead ? end &- lead : 0
    }

    /// The length of the UTF-8 sequence a lead byte starts (0 for a continuation byte).
    @inline(__always)
    static func sequenceLength(_ byte: UInt8) -> Int {
        byte < 0x80 ? 1 : byte < 0xC0 ? 0 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
    }
}
