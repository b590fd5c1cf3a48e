@testable import Emend
import Testing

/// `FurnitureRules.mayBeRunningHead` passes by, on the bytes, exactly the
/// ASCII lines whose words `runningHead` would refuse before any other work
/// (kept here as the reference: the words made, then read with `Int`), on the
/// gold pages' lines and made-up ones (signs, tabs, runs of spaces, numbers
/// of four and five characters), and refuses no line beyond ASCII.
@Suite struct RunningHeadShapeTests {
    private static func reference(_ text: String) -> Bool {
        let words = FurnitureRules.words(of: text)
        guard words.count >= 2, words.count <= 8 else { return false }
        return (Int(words[0]) != nil && words[0].count <= 4) || (Int(words[words.count - 1]) != nil && words[words.count - 1].count <= 4)
    }

    static func madeUpLines() -> [String] {
        var draw = PieceDraw(seed: 11)
        let pieces = ["12", "1234", "12345", "0", "+", "-", "+3", "-7", "--1", "1+", " ", "  ", "\t", "Title", "of", "x", "Ежов", "é",
                      "1937", ".", "12.", "a1", "9z", "\u{0C}"]
        var lines: [String] = []
        for _ in 0..<20_000 {
            var line = ""
            for _ in 0..<draw.next(12) { line += pieces[draw.next(pieces.count)] }
            lines.append(line)
        }
        return lines + ["", "12", "12 Title", "Title 12", "+12 Title", "Title -1", "+ Title", "Title 12345", "12\tTitle", " 12  Title ",
                        "1 2 3 4 5 6 7 8", "1 2 3 4 5 6 7 8 9", "Ежов 12", "12 é"]
    }

    @Test func refusesTheLinesRunningHeadRefusesFirst() throws {
        var refused = 0, taken = 0
        let gold = try GoldPage.allRawLines().map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        for text in gold + Self.madeUpLines() {
            let expected = Self.reference(text)
            let ascii = text.utf8.allSatisfy { $0 < 0x80 }
            #expect(FurnitureRules.mayBeRunningHead(text) == (ascii ? expected : true), "\(text)")
            if expected { taken += 1 } else { refused += 1 }
        }
        #expect(taken > 1000 && refused > 1000)
    }
}
