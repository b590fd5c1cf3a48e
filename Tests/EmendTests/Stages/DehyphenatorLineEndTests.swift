@testable import Emend
import Testing

/// The byte tests of the dehyphenator's common path (`Dehyphenator.end(of:)`,
/// `smallLettersAtStart`) read a line as the tests they replaced did: here
/// those are written out again as they were and both are asked about real
/// and made-up lines.
@Suite struct DehyphenatorLineEndTests {
    /// The broken word at a line's end, as `brokenEnd` read it before.
    private static func referenceBrokenEnd(_ line: Line) -> Dehyphenator.Split? {
        guard line.ending.isNewline else { return nil }
        let bytes = line.bytes
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard end >= 2, bytes[end - 1] == UInt8(ascii: "-"), DocumentVocabulary.isLetter(bytes[end - 2]),
              !(end >= 3 && bytes[end - 2] == UInt8(ascii: "-")) else { return nil }
        var start = end - 1
        while start > 0, DocumentVocabulary.isLetter(bytes[start - 1]) || (bytes[start - 1] == UInt8(ascii: "-")
                && start >= 2 && DocumentVocabulary.isLetter(bytes[start - 2])) { start -= 1 }
        if bytes[start] >= 0x80 {
            let leading = String(decoding: bytes[start..<(end - 1)], as: UTF8.self).unicodeScalars
                .prefix { !$0.properties.isAlphabetic }
            start += leading.reduce(0) { $0 + UTF8.width($1) }
            guard start < end - 1 else { return nil }
        }
        return Dehyphenator.Split(wordStart: start, hyphen: end - 1)
    }

    /// The word of ASCII letters at a line's end, as `lettersAtEnd` read it before.
    private static func referenceLettersAtEnd(_ line: Line) -> Int? {
        guard line.ending.isNewline else { return nil }
        let bytes = line.bytes
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        var start = end
        while start > 0, (bytes[start - 1] | 0x20) >= UInt8(ascii: "a"), (bytes[start - 1] | 0x20) <= UInt8(ascii: "z") { start -= 1 }
        guard start < end else { return nil }
        guard start == 0 || bytes[start - 1] == 0x20 || "(\"'[".utf8.contains(bytes[start - 1]) else { return nil }
        return start
    }

    /// A broken word, spaces and one mark alone at a line's end, read by
    /// characters: the mark is no letter, digit or space, and beyond ASCII one
    /// of U+0080-U+00BF or U+2000-U+206F.
    private static func referenceSpeck(_ line: Line) -> Dehyphenator.LineEnd? {
        guard line.ending.isNewline else { return nil }
        let text = String(decoding: line.bytes, as: UTF8.self)
        var scalars = Array(text.unicodeScalars)
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        guard let mark = scalars.last else { return nil }
        let isMark = mark.isASCII ? !(mark.properties.isAlphabetic || ("0"..."9").contains(mark)) && mark.value > 0x20
            : (0x80...0xBF).contains(mark.value) || (0x2000...0x206F).contains(mark.value)
        guard isMark else { return nil }
        scalars.removeLast()
        guard scalars.last == " " else { return nil }
        while scalars.last == " " { scalars.removeLast() }
        let speckStart = scalars.reduce(0) { $0 + UTF8.width($1) }
        let cut = String(String.UnicodeScalarView(scalars))
        guard let split = referenceBrokenEnd(Line(cut, ending: line.ending)) else { return nil }
        return .brokenBeforeSpeck(split, speckStart: speckStart)
    }

    /// ASCII letters, perhaps a hyphen, then an em or en dash at a line's end,
    /// read by characters: the split has the dash (or the hyphen) for its hyphen.
    private static func referenceDashedBreak(_ line: Line) -> Dehyphenator.LineEnd? {
        guard line.ending.isNewline else { return nil }
        var scalars = Array(String(decoding: line.bytes, as: UTF8.self).unicodeScalars)
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        guard let dash = scalars.last, dash == "\u{2014}" || dash == "\u{2013}" else { return nil }
        scalars.removeLast()
        if scalars.last == "-" { scalars.removeLast() }
        let bytesOf = { (scalars: [Unicode.Scalar]) in scalars.reduce(0) { $0 + UTF8.width($1) } }
        let hyphen = bytesOf(scalars), letters = scalars.count
        while let last = scalars.last, last.isASCII, last.properties.isAlphabetic { scalars.removeLast() }
        guard scalars.count < letters, scalars.last.map({ " (\"'[".unicodeScalars.contains($0) }) ?? true else { return nil }
        return .dashedBreak(Dehyphenator.Split(wordStart: bytesOf(scalars), hyphen: hyphen))
    }

    /// What the run looked at before: the broken end first, the letters at the end otherwise
    /// (and now a broken end before a speck, and a dash read for a break's hyphen).
    private static func referenceEnd(_ line: Line) -> Dehyphenator.LineEnd {
        if let split = referenceBrokenEnd(line) { return .broken(split) }
        if let dashed = referenceDashedBreak(line) { return dashed }
        if let speck = referenceSpeck(line) { return speck }
        guard let start = referenceLettersAtEnd(line) else { return .other }
        var end = line.bytes.count
        while line.bytes[end - 1] == 0x20 || line.bytes[end - 1] == 0x09 { end -= 1 }
        return .letters(start: start, end: end)
    }

    /// The small letters that start a line, as `joinsWithoutHyphen` found them before.
    private static func referenceSmallLetters(_ next: [UInt8]) -> Range<Int>? {
        guard let second = Dehyphenator.secondHalf(of: next), second.allSatisfy(GarbleRepair.isLower) else { return nil }
        return second.startIndex..<second.endIndex
    }

    static let madeUp = [
        "", " ", "\t", "-", "a-", " a-", "law-", "law-  ", "law-\t", "anti--", "x--y-", "Zinovievist-Kamenev-",
        "the end", "the end  ", "(suc", "\"suc", "'suc", "[suc", "{suc", "a worthy suc", "word.", "word,", "1917",
        "ABC", "Ab", "ends in ü", "“un-", "«соци-", "соци-", "— -", "e-", "3-", "a3-", "mid-word-", "- man,",
        "naïve", "café", "x\u{301}-", "tab\tend", "–", "a–", "caf\u{E9}-", "\u{430}\u{431}",
        "organiza- -", "bring- .", "my- ©", "en- ’", "Al- - ", "a - .", "x- 3", "x- a", "x-.", "x- ..", "x-  *", "x- –",
        "- .", " .", "‘", "word .", "posi—", "func-—", "(posi–", "said —", "x-—-", "1—", "posi— ", "ü posi—",
    ]

    static let madeUpNext = [
        "", " ", "man,", "  man, the", "Man", "mAn", "man-made", "man's", "man’s", "manü", "mañana", "1917", "-eight",
        "cessor of Mr", "tization", "соци", "a", " a b", "abc\u{301}", "abc.", "abc:", "«abc", "abcXdef",
    ]

    private static func realLines() throws -> [String] {
        try GoldPage.all().flatMap(\.rawLines)
    }

    @Test func theEndOfALineIsReadAsBefore() throws {
        let texts = Self.madeUp + (try Self.realLines())
        #expect(texts.count > 100)
        var broken = 0, letters = 0, specks = 0
        for text in texts {
            for ending in [LineEnding.lf, .crlf, .none, .split] {
                let line = Line(text, ending: ending)
                let found = Dehyphenator.end(of: line)
                #expect(found == Self.referenceEnd(line), "\(text.debugDescription) ending \(ending)")
                #expect(Dehyphenator.brokenEnd(line) == Self.referenceBrokenEnd(line))
                #expect(Dehyphenator.lettersAtEnd(line) == Self.referenceLettersAtEnd(line))
                if ending == .lf, case .broken = found { broken += 1 }
                if ending == .lf, case .letters = found { letters += 1 }
                if ending == .lf, case .brokenBeforeSpeck = found { specks += 1 }
            }
        }
        // The real lines hold both kinds of end: the comparison is not between nils alone.
        #expect(broken > 10)
        #expect(letters > 100)
        #expect(specks >= 5)
    }

    @Test func theSmallLettersThatStartALineAreReadAsBefore() throws {
        let texts = Self.madeUpNext + Self.madeUp + (try Self.realLines())
        var found = 0
        for text in texts {
            let bytes = Array(text.utf8)
            let range = Dehyphenator.smallLettersAtStart(of: bytes)
            #expect(range == Self.referenceSmallLetters(bytes), "\(text.debugDescription)")
            if range != nil { found += 1 }
        }
        #expect(found > 100)
    }
}
