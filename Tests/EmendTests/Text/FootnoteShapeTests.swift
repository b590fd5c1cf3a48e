@testable import Emend
import Testing

/// `FootnoteShape.isFootnoteStart` passes a line that opens with neither a
/// space nor a digit at once; it answers as reading the whole line does
/// (`readsFootnoteStart`, the first version, taken as the reference), on
/// the gold pages' lines and on made-up lines of spaces, digits, periods,
/// letters, tabs and bytes beyond ASCII.
@Suite struct FootnoteShapeTests {
    @Test func readsTheGoldPagesAsTheReferenceDoes() throws {
        var starts = 0
        for line in try GoldPage.allRawLines() {
            let expected = FootnoteShape.readsFootnoteStart(line)
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
            let expected = FootnoteShape.readsFootnoteStart(line)
            if expected { starts += 1 }
            #expect(FootnoteShape.isFootnoteStart(line) == expected, "\(line)")
        }
        #expect(starts > 200)  // footnote starts are drawn, not only lines that are none
    }

    @Test func readsEdgeCases() {
        for text in ["", " ", "1", "1.", "1. ", " 1. x", "  38. RGASPI", "4 5 .  XVII", "123. x", "1234. x", "1 2 3 4. x",
                     "\t1. x", "\u{0C}1. x", "a1. x", ".1. x", "Ё1. x", "9 . ", "9 .x"] {
            let line = Array(text.utf8)
            #expect(FootnoteShape.isFootnoteStart(line) == FootnoteShape.readsFootnoteStart(line), "\(text)")
        }
    }
}
