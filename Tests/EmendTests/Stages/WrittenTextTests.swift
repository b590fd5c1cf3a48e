@testable import Emend
import Testing

/// `WrittenText.typicalLength` counts the characters of the last text lines
/// only when asked; it gives what counting each line as it was written gave
/// (kept here as the reference: the median of the last 32 lengths), on the
/// gold pages' lines and on made-up lines of every length, blank lines
/// between, beyond ASCII and with spaces and tabs at their ends; and its
/// last text line is the last one written that is not blank.
@Suite struct WrittenTextTests {
    /// The typical length as each line's characters counted when it was written gave it.
    private struct Reference {
        var lengths: [Int] = []

        mutating func note(_ bytes: [UInt8], isBlank: Bool) {
            guard !isBlank else { return }
            lengths.append(WrittenText.characters(bytes))
        }

        var typicalLength: Int? {
            let last = lengths.suffix(32)
            guard last.count >= 8 else { return nil }
            return last.sorted()[last.count / 2]
        }
    }

    private static func check(_ lines: [[UInt8]]) -> Int {
        var written = WrittenText()
        var reference = Reference()
        var asked = 0
        var lastText: [UInt8] = []
        for (number, bytes) in lines.enumerated() {
            let line = Line(bytes: bytes, number: number + 1)
            let blank = PageSegmentation.isBlank(line)
            written.note(line, isBlank: blank)
            reference.note(bytes, isBlank: blank)
            if !blank { lastText = bytes }
            #expect(written.typicalLength == reference.typicalLength, "line \(number + 1)")
            #expect(written.lastText == lastText, "line \(number + 1)")
            if reference.typicalLength != nil { asked += 1 }
        }
        return asked
    }

    @Test func countsCharactersAsScalars() {
        for text in ["", "  ", "word", "Ежов  ", "Éditions\t", " a b "] {
            var end = text.unicodeScalars.endIndex
            while end > text.unicodeScalars.startIndex, [" ", "\t"].contains(text.unicodeScalars[text.unicodeScalars.index(before: end)]) {
                end = text.unicodeScalars.index(before: end)
            }
            #expect(WrittenText.characters(Array(text.utf8)) == text.unicodeScalars[..<end].count, "\(text)")
        }
    }

    @Test func givesTheGoldPagesTypicalLengthAsTheReferenceDoes() throws {
        #expect(Self.check(try GoldPage.allRawLines()) > 100)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func givesMadeUpLinesTypicalLengthAsTheReferenceDoes(seed: UInt64) {
        var draw = PieceDraw(seed: seed)
        let pieces: [[UInt8]] = [" ", "  ", "\t", "word", "a", "Ежов", "Éditions", "—", "12", ".", "sentence", "\u{0C}"].map { Array($0.utf8) }
        var lines: [[UInt8]] = []
        for _ in 0..<3_000 {
            var line: [UInt8] = []
            let target = draw.next(5) == 0 ? 0 : draw.next(120)
            while line.count < target { line += pieces[draw.next(pieces.count)] }
            lines.append(line)
        }
        #expect(Self.check(lines) > 1000)
    }
}
