/// What the text written so far looks like, which decides whether a page
/// break ends a paragraph: its last line that is not blank, whether that line
/// is part of a footnote, whether the last line written was blank, and how
/// long its lines of text run (the median of the last 32).
struct WrittenText {
    private(set) var lastText: [UInt8] = []
    private(set) var lastIsFootnote = false
    private(set) var lastWasBlank = true
    /// Characters in the last 32 text lines written, a ring: once full, the
    /// next length takes the place of the oldest (`nextLength`).
    private var lengths: [Int] = []
    private var nextLength = 0

    mutating func note(_ line: Line, isBlank: Bool) {
        if isBlank {
            lastWasBlank = true
        } else {
            // A footnote runs on over the lines after its number, until a blank line.
            lastIsFootnote = FootnoteShape.isFootnoteStart(line.bytes) || (lastIsFootnote && !lastWasBlank)
            lastWasBlank = false
            lastText = line.bytes
            let length = Self.characters(line.bytes)
            if lengths.count < 32 { lengths.append(length) } else { lengths[nextLength] = length }
            nextLength = (nextLength + 1) % 32
        }
    }

    /// The median length of the last text lines, in characters, once eight are written.
    var typicalLength: Int? {
        guard lengths.count >= 8 else { return nil }
        return lengths.sorted()[lengths.count / 2]
    }

    /// Characters (Unicode scalars) of a line, spaces at its end aside.
    static func characters(_ bytes: [UInt8]) -> Int {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return bytes.withUnsafeBufferPointer { ByteSearch.sequenceStarts(UnsafeBufferPointer(rebasing: $0[..<end])) }
    }
}
