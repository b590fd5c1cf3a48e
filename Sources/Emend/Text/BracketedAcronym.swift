/// An acronym with one to three small letters in brackets after it, as party
/// names are written ("VKP(b)", "KP(b)", "RKP[b]"), found at its opening
/// bracket in a line's bytes: two capitals or more after a byte that is no
/// capital or digit, `(` or `[` (or, when asked, `l` or `1` read for one:
/// "VKPlb)"), the letters, then a closing bracket or a character OCR reads
/// for one (`1`, `l`, `I`, `|`), then no letter or digit (or one more closer
/// read so, of a bracket around the acronym: "[VKP(b)l").
/// The survey counts the balanced forms a document writes; garbles'
/// `BracketBalance` mends the others by those counts.
struct BracketedAcronym {
    /// Where the acronym starts.
    let start: Int
    /// Where its opening bracket stands.
    let open: Int
    /// Where the closing bracket (or what was read for one) stands.
    let close: Int

    /// Just past the closing bracket.
    var end: Int { close + 1 }

    /// The bytes OCR reads for a closing bracket.
    static func isCloserLookAlike(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "1") || byte == UInt8(ascii: "l") || byte == UInt8(ascii: "I") || byte == UInt8(ascii: "|")
    }

    static func isCloser(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") || isCloserLookAlike(byte)
    }

    /// The closing bracket that matches `opener` (`(` or `[`).
    static func closer(of opener: UInt8) -> UInt8 { opener == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "]") }

    /// True when the brackets are a pair: `(` with `)`, `[` with `]`.
    func isBalanced(in line: UnsafeBufferPointer<UInt8>) -> Bool {
        (line[open] == UInt8(ascii: "(") || line[open] == UInt8(ascii: "[")) && line[close] == Self.closer(of: line[open])
    }

    /// True for `(` and `[`, and with `lookAlikes` for the `l` and `1` OCR reads for them.
    static func isOpener(_ byte: UInt8, lookAlikes: Bool) -> Bool {
        byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || (lookAlikes && (byte == UInt8(ascii: "l") || byte == UInt8(ascii: "1")))
    }

    /// The form at `open` (an opener in `line`, see `isOpener`), or nil.
    static func at(_ line: UnsafeBufferPointer<UInt8>, open: Int, lookAlikes: Bool = false) -> BracketedAcronym? {
        guard open >= 2, isOpener(line[open], lookAlikes: lookAlikes) else { return nil }
        var start = open
        while start > 0, isCapital(line[start - 1]) { start -= 1 }
        // Small letters may stand before it: a space lost ("theVKP(b)").
        guard open - start >= 2, start == 0 || !isWordByte(line[start - 1]) || isSmall(line[start - 1]) else { return nil }
        var letters = open + 1
        while letters < line.count, letters - open <= 4, isSmall(line[letters]) { letters += 1 }
        var count = letters - open - 1
        // A closer read as "l" is taken into the letters first: give it back ("VKP(bl").
        if (letters == line.count || !isCloser(line[letters])) && count >= 2 && line[letters - 1] == UInt8(ascii: "l") {
            letters -= 1
            count -= 1
        }
        guard (1...3).contains(count), letters < line.count, isCloser(line[letters]) else { return nil }
        let isEnd = { (index: Int) in index == line.count || !isWordByte(line[index]) }
        guard isEnd(letters + 1) || (isCloserLookAlike(line[letters + 1]) && isEnd(letters + 2)) else { return nil }
        return BracketedAcronym(start: start, open: open, close: letters)
    }

    /// Each form in `line`, left to right (`lookAlikes`: see `isOpener`).
    static func forEach(in line: UnsafeBufferPointer<UInt8>, lookAlikes: Bool = false, _ body: (BracketedAcronym) -> Void) {
        var index = 2
        while index < line.count {
            if isOpener(line[index], lookAlikes: lookAlikes), let form = at(line, open: index, lookAlikes: lookAlikes) {
                body(form)
                index = form.end
            } else {
                index += 1
            }
        }
    }

    private static func isCapital(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    private static func isSmall(_ byte: UInt8) -> Bool { DocumentSurvey.isSmall(byte) }
    private static func isWordByte(_ byte: UInt8) -> Bool { DocumentSurvey.isWordByte(byte) }
}
