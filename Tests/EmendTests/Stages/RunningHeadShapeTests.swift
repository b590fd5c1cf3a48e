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
        // Lines shaped like running heads: a number of some characters at one end of a few words.
        let numbers = ["12", "1234", "12345", "+3", "-7", "0", "1937", "12.", "l6"], words = ["Title", "of", "the", "Ежов", "and", "THE", "12"]
        for _ in 0..<5_000 {
            let title = (0..<draw.next(10)).map { _ in words[draw.next(words.count)] }.joined(separator: [" ", "  ", "\t"][draw.next(3)])
            let number = numbers[draw.next(numbers.count)]
            lines.append(draw.next(2) == 0 ? number + " " + title : title + " " + number)
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

/// `FurnitureRules.isTitleScalar` reads every ASCII scalar, and those beyond
/// it a title may hold, as the scalar properties and the marks "'’-:&" do.
@Suite struct TitleScalarTests {
    @Test func readsScalarsAsTheirPropertiesDo() {
        let scalars = (0..<0x80).compactMap(Unicode.Scalar.init) + Array("’‘“ÉéЕжß—–·ſ\u{212A}1²Ⅳ".unicodeScalars)
        for scalar in scalars {
            let expected = scalar.properties.isAlphabetic || "'’-:&".unicodeScalars.contains(scalar)
            #expect(FurnitureRules.isTitleScalar(scalar) == expected, "\(scalar.value)")
        }
    }
}
