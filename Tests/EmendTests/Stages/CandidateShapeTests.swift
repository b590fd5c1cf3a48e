@testable import Emend
import Testing

/// `CandidateShape` reads every line as the first version of it did (kept
/// here as the reference: closures over the array, a second pass for "cont"
/// and one for a digit), on the gold pages' lines and on made-up lines of
/// digits, "cont" in any case, spaces, tabs, form feeds and letters beyond
/// ASCII, of every length around the 60 bytes a continuation header may span.
@Suite struct CandidateShapeTests {
    // MARK: The reference

    private static func referenceShape(_ bytes: [UInt8]) -> CandidateShape? {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0C }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return nil
        }
        var hasNumberAtAnEnd = isDigit(bytes[first]) || isDigit(bytes[last])
        if hasNumberAtAnEnd {
            var words = 1
            for index in first...last where bytes[index] == 0x20 && bytes[index - 1] != 0x20 { words += 1 }
            hasNumberAtAnEnd = words <= 8
        }
        let span = Array(bytes[first...last])
        var containsCont = false
        if span.count >= 4 {
            for index in 0...(span.count - 4)
            where span[index] | 0x20 == UInt8(ascii: "c") && span[index + 1] | 0x20 == UInt8(ascii: "o")
                && span[index + 2] | 0x20 == UInt8(ascii: "n") && span[index + 3] | 0x20 == UInt8(ascii: "t") {
                containsCont = true
            }
        }
        let saysCont = last - first < 60 && containsCont
        let mayContinue = last - first < 60 && (saysCont || span.contains(where: isDigit))
        guard hasNumberAtAnEnd || mayContinue else { return nil }
        return CandidateShape(hasNumberAtAnEnd: hasNumberAtAnEnd, mayContinue: mayContinue, saysCont: saysCont)
    }

    // MARK: The lines

    /// Lines of pieces drawn by a fixed generator, up to about 90 bytes.
    private static func madeUpLines(seed: UInt64, count: Int) -> [[UInt8]] {
        var draw = PieceDraw(seed: seed)
        func next(_ bound: Int) -> Int { draw.next(bound) }
        let pieces: [[UInt8]] = [
            " ", " ", " ", "  ", "\t", "\u{0C}", "\r", "|", "—", "-", ",", ".",
            "1", "12", "134", "7", "0", "9", "1937", "l6", "cont", "CONT", "Cont", "continued", "con", "c", "ont", "nt", "coNt",
            "Document", "Title", "of", "the", "and", "Ежов", "Éditions", "contd.", "(cont.)", "Сont", "x", "word", "sentence",
        ].map { Array($0.utf8) } + [[0xC3], [0xE3], [0xEF], [0xCE], [0x80]]
        var lines: [[UInt8]] = []
        for _ in 0..<count {
            var line: [UInt8] = []
            let target = next(90)
            while line.count < target { line += pieces[next(pieces.count)] }
            lines.append(line)
        }
        return lines
    }

    // MARK: The tests

    @Test func readsTheGoldPagesAsTheReferenceDoes() throws {
        var shapes = 0
        for line in try GoldPage.allRawLines() {
            let expected = Self.referenceShape(line)
            if expected != nil { shapes += 1 }
            #expect(CandidateShape(line) == expected, "\(String(decoding: line, as: UTF8.self))")
        }
        #expect(shapes > 10)  // the gold pages hold folios and numbered lines
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func readsMadeUpLinesAsTheReferenceDoes(seed: UInt64) {
        var counts = (shapes: 0, cont: 0, numberAtEnd: 0, long: 0)
        for line in Self.madeUpLines(seed: seed, count: 20_000) {
            let expected = Self.referenceShape(line)
            if let expected {
                counts.shapes += 1
                if expected.saysCont { counts.cont += 1 }
                if expected.hasNumberAtAnEnd { counts.numberAtEnd += 1 }
                if expected.hasNumberAtAnEnd && !expected.mayContinue { counts.long += 1 }
            }
            #expect(CandidateShape(line) == expected, "\(line)")
        }
        // Every kind of answer is drawn, not only lines read as none.
        #expect(counts.shapes > 1000 && counts.cont > 500 && counts.numberAtEnd > 500 && counts.long > 100)
    }

    @Test func readsEdgeCases() {
        for text in ["", " ", "\u{0C}\t ", "7", " 7 ", "cont", "con", "CONT.", "\u{0C}12", "a b c d e f g h 12", "a b c d e f g 12",
                     String(repeating: "x", count: 59) + "1", String(repeating: "x", count: 60) + "1",
                     "1" + String(repeating: "x", count: 59) + "cont", "cont" + String(repeating: " ", count: 70),
                     String(repeating: "x", count: 57) + "cont", String(repeating: "x", count: 56) + "cont"] {
            let line = Array(text.utf8)
            #expect(CandidateShape(line) == Self.referenceShape(line), "\(text)")
        }
    }
}
