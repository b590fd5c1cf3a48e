/// Blank lines, page-break runs and paragraph ends: whether a page break
/// ends a paragraph or the paragraph goes on across it.
extension PageStructure {
    /// A line's text without form feeds and without the white space around it
    /// (Foundation's `.whitespaces`: cut on the bytes when it is ASCII).
    static func trimmedText(_ bytes: [UInt8]) -> String {
        let kept = bytes.contains(0x0C) ? bytes.filter { $0 != 0x0C } : bytes
        var first = kept.startIndex, last = kept.endIndex
        while first < last, kept[first] == 0x20 || kept[first] == 0x09 { first += 1 }
        while last > first, kept[last - 1] == 0x20 || kept[last - 1] == 0x09 { last -= 1 }
        let text = String(decoding: kept[first..<last], as: UTF8.self)
        guard first < last, kept[first] < 0x80, kept[last - 1] < 0x80 else { return text.trimmingCharacters(in: .whitespaces) }
        return text
    }

    /// After a page break, does a new paragraph begin? Yes after a footnote, or
    /// when the text before ends a sentence and the text after starts with a
    /// capital (or is a footnote); no when the sentence runs on.
    static func startsNewParagraph(after previous: [UInt8], lastIsFootnote: Bool, next: Line) -> Bool {
        if previous.isEmpty || lastIsFootnote || FootnoteShape.isFootnoteStart(next.bytes) { return true }
        guard let first = next.bytes.first(where: { $0 != 0x20 && $0 != 0x0C }) else { return true }
        if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") { return false }
        return endsSentence(previous)
    }

    /// True when a line ends a sentence: . ? ! or : last, after closing quotes,
    /// brackets and a glued footnote number ("accused.\"36"); or when it is short
    /// and ends in no comma or hyphen (a heading, a signature).
    static func endsSentence(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        let length = end
        while end > 0, (bytes[end - 1] >= UInt8(ascii: "0") && bytes[end - 1] <= UInt8(ascii: "9")) { end -= 1 }
        while end > 0, [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "]")].contains(bytes[end - 1]) { end -= 1 }
        guard end > 0 else { return true }
        let last = bytes[end - 1]
        if [UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: ":")].contains(last) { return true }
        return length < 35 && last != UInt8(ascii: ",") && last != UInt8(ascii: "-")
    }

    /// At a page break with no blank line before it, does the page's last
    /// line end a paragraph? Yes when it ends a sentence (. ? or ! last, closing
    /// quotes and brackets aside), runs at most four fifths of the lines of
    /// text written before it (a paragraph's last line; a full line may end a
    /// sentence inside a paragraph), and the next page starts with a capital.
    static func endsParagraphAtPageBreak(_ previous: [UInt8], typicalLength: Int?, next: Line) -> Bool {
        guard let typical = typicalLength, WrittenText.characters(previous) * 5 <= typical * 4 else { return false }
        var end = previous.count
        while end > 0, previous[end - 1] == 0x20 || previous[end - 1] == 0x09 { end -= 1 }
        while end > 0, "\"')]".utf8.contains(previous[end - 1]) || previous[..<end].reversed().starts(with: "’".utf8.reversed())
                || previous[..<end].reversed().starts(with: "”".utf8.reversed()) {
            end -= previous[end - 1] < 0x80 ? 1 : 3
        }
        guard end > 0, ".?!".utf8.contains(previous[end - 1]) else { return false }
        guard let first = next.bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0C }) else { return false }
        let byte = next.bytes[first]
        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { return true }
        guard first + 1 < next.bytes.count else { return false }
        let second = next.bytes[first + 1]  // А–Я, Ё
        return (byte == 0xD0 && ((0x90...0xAF).contains(second) || second == 0x81))
    }

    /// True when a line ends in the first half of a word broken at its end:
    /// two letters and a hyphen ("propri-"), spaces after it aside.
    static func endsInBrokenWord(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        let isLetter = DocumentVocabulary.isLetter
        return end >= 3 && bytes[end - 1] == UInt8(ascii: "-") && isLetter(bytes[end - 2]) && isLetter(bytes[end - 3])
    }

    /// True when a line is running text, not an entry of a list ("anti-"):
    /// four words or more, 30 bytes or more.
    static func isRunningText(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 30 && bytes.split(separator: 0x20).count >= 4
    }

    /// True when a line's first letter is a small one (Latin or Cyrillic),
    /// and its first word, two letters or more, is no footnote's number that
    /// OCR read as letters ("g. See Cohen", "ro. For an analysis", "j j. An
    /// English edition": a word and a period in the first four bytes).
    static func startsInLowerCase(_ line: Line) -> Bool {
        guard let first = line.bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0C }) else { return false }
        let word = line.bytes[first...].prefix { $0 != 0x20 }
        if word.count < 2 || line.bytes[first...].prefix(4).contains(UInt8(ascii: ".")) { return false }
        let byte = line.bytes[first]
        if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { return true }
        guard first + 1 < line.bytes.count else { return false }
        let next = line.bytes[first + 1]
        return (byte == 0xD0 && (0xB0...0xBF).contains(next)) || (byte == 0xD1 && (0x80...0x8F).contains(next))
    }

    /// True when the next line's first word ends the broken word of `previous`:
    /// it is no English word of its own ("etor's", "tions"), or the two halves
    /// make one ("Counter-" and "revolution"). "put-" and "no, he could" are a
    /// dash and a new paragraph.
    static func completesBrokenWord(_ previous: [UInt8], _ next: [UInt8], english: EnglishWordList) -> Bool {
        let isLetter = DocumentVocabulary.isLetter
        guard let start = next.firstIndex(where: isLetter) else { return false }
        let second = next[start...].prefix(while: isLetter)
        var end = previous.count
        while end > 0, previous[end - 1] == 0x20 || previous[end - 1] == 0x09 { end -= 1 }
        let first = previous[..<(end - 1)].reversed().prefix(while: isLetter).reversed()
        if !english.contains(second) { return true }
        return english.contains(ArraySlice(Array(first) + Array(second)))
    }
}

/// What the text written so far looks like, which decides whether a page
/// break ends a paragraph: its last line that is not blank, whether that line
/// is part of a footnote, whether the last line written was blank, and how
/// long its lines of text run (the median of the last 32).
struct WrittenText {
    private(set) var lastText: [UInt8] = []
    private(set) var lastIsFootnote = false
    private(set) var lastWasBlank = true
    /// Characters in the last text lines written, oldest first.
    private var lengths: [Int] = []

    mutating func note(_ line: Line, isBlank: Bool) {
        if isBlank {
            lastWasBlank = true
        } else {
            // A footnote runs on over the lines after its number, until a blank line.
            lastIsFootnote = FootnoteShape.isFootnoteStart(line.bytes) || (lastIsFootnote && !lastWasBlank)
            lastWasBlank = false
            lastText = line.bytes
            if lengths.count == 32 { lengths.removeFirst() }
            lengths.append(Self.characters(line.bytes))
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
        return bytes[..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }
}
