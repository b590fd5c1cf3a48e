/// Paragraph joining: at a page break, whether the paragraph goes on across
/// it (its halves meet again) or a new one starts (one blank line between),
/// and whether one blank line OCR set inside a paragraph, between a word's
/// halves ("propri-", blank, "etor's"; "to-", blank, "- gether."), goes.
///
/// Decides from the text written so far (`WrittenText`) and the next line;
/// the driver removes or keeps the blank lines it decides on. Never touches
/// the text of a line: joining a word's halves is `dehyphenate`'s.
struct ParagraphJoining {
    /// Tells a word's second half ("etor's") from a word of its own ("no").
    let english = EnglishWordList.builtIn

    /// True when the one blank line between the text written and `next` stands
    /// between a broken word's halves: no paragraph ends in a broken word, so it goes.
    func joinsBrokenWord(after written: WrittenText, next: Line) -> Bool {
        !written.lastIsFootnote && Self.endsInBrokenWord(written.lastText) && Self.isRunningText(written.lastText)
            && (Self.startsInLowerCase(next) || Self.startsWithRepeatedHyphen(next))
            && Self.completesBrokenWord(written.lastText, next.bytes, english: english)
    }

    /// True when a line starts with the break's hyphen read again, then a word
    /// of two small letters or more ("- gether.", "-mans house"): the
    /// second half, which `dehyphenate` joins once the lines meet.
    static func startsWithRepeatedHyphen(_ line: Line) -> Bool {
        guard let first = line.bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0C }),
              line.bytes[first] == UInt8(ascii: "-") else { return false }
        var start = first + 1
        while start < line.bytes.count, line.bytes[start] == 0x20 { start += 1 }
        let isSmall = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        return start + 1 < line.bytes.count && isSmall(line.bytes[start]) && isSmall(line.bytes[start + 1])
    }

    /// What a page break keeps of its blank lines.
    enum KeptBlanks {
        /// Before the first text or after the last: they separate nothing, and all stay.
        case all
        /// A new paragraph starts after the break: one stays.
        case one
        /// The paragraph goes on: none stays, and its halves meet again.
        case none
    }

    /// The blank lines a page break before `next` keeps (nil: the input ends there).
    func blanksKept(atBreakAfter written: WrittenText, next: Line?) -> KeptBlanks {
        guard let next, !written.lastText.isEmpty else { return .all }
        return Self.startsNewParagraph(after: written.lastText, lastIsFootnote: written.lastIsFootnote, next: next) ? .one : .none
    }

    /// At a page break right before `next` (its form feed, no blank line
    /// between), true when the text written ends its paragraph at the page's foot.
    func endsParagraphAtPageFoot(after written: WrittenText, next: Line) -> Bool {
        Self.endsParagraphAtPageBreak(written.lastText, typicalLength: written.typicalLength, next: next)
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

    /// True when a line that ends no sentence (`endsSentence`) plainly
    /// breaks one off: its last word starts with a small letter or is no
    /// word of letters first ("the decision of the", "and,"); false after a
    /// capitalised word or a number ("L. 1-6. Original", "D. 1003. L. 85"),
    /// which a citation, a signature or a heading may end in.
    static func endsMidSentence(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard end > 0 else { return false }
        if bytes[end - 1] >= UInt8(ascii: "0") && bytes[end - 1] <= UInt8(ascii: "9") { return false }
        var start = end
        while start > 0, bytes[start - 1] != 0x20 && bytes[start - 1] != 0x09 { start -= 1 }
        while start < end, "\"'([".utf8.contains(bytes[start]) { start += 1 }
        return start == end || !(bytes[start] >= UInt8(ascii: "A") && bytes[start] <= UInt8(ascii: "Z"))
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
        guard bytes.count >= 30 else { return false }
        // The runs of bytes between spaces, counted up to four: no array of words made.
        var words = 0, inWord = false
        for byte in bytes {
            if byte == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
                if words == 4 { return true }
            }
        }
        return false
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
