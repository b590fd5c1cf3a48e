/// What the text written so far looks like, which decides whether a page
/// break ends a paragraph: its last line that is not blank, whether that line
/// is part of a footnote, whether the last line written was blank, and how
/// long its lines of text run (the median of the last 32).
struct WrittenText {
    private(set) var lastIsFootnote = false
    private(set) var lastWasBlank = true
    /// The last 32 text lines written, a ring: once full, the next line takes
    /// the place of the oldest (`nextLine`). Their characters are counted only
    /// when `typicalLength` is asked (rarely: at a page's foot), not for each line.
    private var recentLines: [[UInt8]] = []
    private var nextLine = 0

    /// Asked of every line written: inlined, no call.
    @inline(__always)
    mutating func note(_ line: Line, isBlank: Bool) {
        if isBlank {
            lastWasBlank = true
        } else {
            // A footnote runs on over the lines after its number, until a blank line.
            lastIsFootnote = FootnoteShape.isFootnoteStart(line.bytes) || (lastIsFootnote && !lastWasBlank)
            lastWasBlank = false
            if recentLines.count < 32 { recentLines.append(line.bytes) } else { recentLines[nextLine] = line.bytes }
            nextLine = (nextLine + 1) % 32
        }
    }

    /// The last line of text written (empty before any): the newest of `recentLines`, kept once.
    var lastText: [UInt8] { recentLines.isEmpty ? [] : recentLines[(nextLine + 31) % 32] }

    /// The median length of the last text lines, in characters, once eight are written.
    var typicalLength: Int? {
        guard recentLines.count >= 8 else { return nil }
        return recentLines.map(Self.characters).sorted()[recentLines.count / 2]
    }

    /// Characters (Unicode scalars) of a line, spaces at its end aside.
    static func characters(_ bytes: [UInt8]) -> Int {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return bytes.withUnsafeBufferPointer { ByteSearch.sequenceStarts(UnsafeBufferPointer(rebasing: $0[..<end])) }
    }
}
