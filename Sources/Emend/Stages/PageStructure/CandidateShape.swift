/// What a line could be, read off its bytes before any String or pattern
/// work (most lines are neither): furniture is short, and a page number
/// stands at one end of its line. Reads; never changes a line.
struct CandidateShape: Equatable {
    /// A digit opens or closes the line (spaces, tabs and form feeds aside), and it has at most eight words.
    var hasNumberAtAnEnd: Bool
    /// Short and holding a digit or "cont": could be a continuation header.
    var mayContinue: Bool
    /// Holds "cont" (the built-in continuation patterns all need it).
    var saysCont: Bool

    /// The shape of `bytes` (one line), or nil when it can be neither a
    /// running head nor a continuation header: blank, or with no digit at an
    /// end and either longer than 60 bytes or holding no digit and no "cont".
    /// One pass over the line's bytes, no array made.
    init?(_ bytes: [UInt8]) {
        guard let shape = bytes.withUnsafeBufferPointer(Self.read) else { return nil }
        self = shape
    }

    init(hasNumberAtAnEnd: Bool, mayContinue: Bool, saysCont: Bool) {
        self.hasNumberAtAnEnd = hasNumberAtAnEnd
        self.mayContinue = mayContinue
        self.saysCont = saysCont
    }

    /// The most bytes (first to last, spaces at the ends aside, less one) of a continuation header.
    static let continuationSpan = 60

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> CandidateShape? {
        var first = 0
        while first < bytes.count, isSpace(bytes[first]) { first += 1 }
        guard first < bytes.count else { return nil }
        var last = bytes.count - 1
        while isSpace(bytes[last]) { last -= 1 }  // stops at `first` at the latest
        // A running head has at most eight words; a line of text has more.
        var hasNumberAtAnEnd = isDigit(bytes[first]) || isDigit(bytes[last])
        if hasNumberAtAnEnd {
            var words = 1
            for index in first...last where bytes[index] == 0x20 && bytes[index - 1] != 0x20 { words += 1 }
            hasNumberAtAnEnd = words <= 8
        }
        guard last - first < continuationSpan else {
            return hasNumberAtAnEnd ? CandidateShape(hasNumberAtAnEnd: true, mayContinue: false, saysCont: false) : nil
        }
        // "cont" in any case, and any digit, in one pass ("cont" settles both): 8 bytes
        // at a time while 8 are left, a run of them without a "c" passed at once.
        var holdsDigit = false
        var saysCont = false
        var index = first
        while index <= last {
            if last + 1 - index >= 8 {
                let word = ByteSearch.word(bytes, at: index)
                if ByteSearch.bytes(word | 0x2020_2020_2020_2020, equalTo: UInt8(ascii: "c")) == 0 {
                    holdsDigit = holdsDigit || ByteSearch.asciiDigits(word) != 0
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if isDigit(byte) {
                holdsDigit = true
            } else if byte | 0x20 == UInt8(ascii: "c"), index + 3 <= last, bytes[index + 1] | 0x20 == UInt8(ascii: "o"),
                      bytes[index + 2] | 0x20 == UInt8(ascii: "n"), bytes[index + 3] | 0x20 == UInt8(ascii: "t") {
                saysCont = true
                break
            }
            index += 1
        }
        let mayContinue = saysCont || holdsDigit
        guard hasNumberAtAnEnd || mayContinue else { return nil }
        return CandidateShape(hasNumberAtAnEnd: hasNumberAtAnEnd, mayContinue: mayContinue, saysCont: saysCont)
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0C }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
