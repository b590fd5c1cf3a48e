@testable import Emend
import Testing

/// `FootnoteShape.isFootnoteStart` passes a line that opens with neither a
/// space nor a digit at once; it answers as reading the whole line did (kept
/// here as the reference), on the gold pages' lines and on made-up lines of
/// spaces, digits, periods, letters, tabs and bytes beyond ASCII.
@Suite struct FootnoteShapeTests {
    /// The first version: spaces, one to three digits (OCR may space them out), spaces, a period, a space.
    private static func referenceStart(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        var digits = 0
        while index < bytes.count {
            if bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
                digits += 1
                index += 1
            } else if bytes[index] == 0x20 && digits > 0 && digits < 3 && index + 1 < bytes.count
                        && bytes[index + 1] >= UInt8(ascii: "0") && bytes[index + 1] <= UInt8(ascii: "9") {
                index += 1
            } else {
                break
            }
        }
        guard digits >= 1 && digits <= 3 else { return false }
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        return index + 1 < bytes.count && bytes[index] == UInt8(ascii: ".") && bytes[index + 1] == 0x20
    }

    @Test func readsTheGoldPagesAsTheReferenceDoes() throws {
        var starts = 0
        for line in try GoldPage.allRawLines() {
            let expected = Self.referenceStart(line)
            if expected { starts += 1 }
            #expect(FootnoteShape.isFootnoteStart(line) == expected, "\(String(decoding: line, as: UTF8.self))")
        }
        #expect(starts > 5)  // the gold pages hold footnotes
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func readsMadeUpLinesAsTheReferenceDoes(seed: UInt64) {
        var draw = PieceDraw(seed: seed)
        let pieces: [[UInt8]] = [" ", "  ", "\t", "\u{0C}", "1", "2", "38", "7", ".", ". ", "a", "RGASPI", "Ibid.", "Ежов", "-", "("]
            .map { Array($0.utf8) } + [[0xC3], [0x80], [0x00]]
        var starts = 0
        for _ in 0..<20_000 {
            var line: [UInt8] = []
            let target = draw.next(12)
            while line.count < target { line += pieces[draw.next(pieces.count)] }
            let expected = Self.referenceStart(line)
            if expected { starts += 1 }
            #expect(FootnoteShape.isFootnoteStart(line) == expected, "\(line)")
        }
        #expect(starts > 200)  // footnote starts are drawn, not only lines that are none
    }

    @Test func readsEdgeCases() {
        for text in ["", " ", "1", "1.", "1. ", " 1. x", "  38. RGASPI", "4 5 .  XVII", "123. x", "1234. x", "1 2 3 4. x",
                     "\t1. x", "\u{0C}1. x", "a1. x", ".1. x", "Ё1. x", "9 . ", "9 .x"] {
            let line = Array(text.utf8)
            #expect(FootnoteShape.isFootnoteStart(line) == Self.referenceStart(line), "\(text)")
        }
    }
}
