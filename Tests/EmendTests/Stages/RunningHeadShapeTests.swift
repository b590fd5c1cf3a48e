@testable import Emend
import Foundation
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

/// `FurnitureRules.runningHead` screened on the bytes (the title's shape
/// read there while no running-head pattern is listed) answers as it does
/// unscreened: on the gold pages' lines, the page and document fixtures'
/// lines, the samples' lines and made-up ones (years, signs, glued small
/// words, titles near 60 characters, marks a title may and may not hold);
/// with the built-in rules and with a running-head pattern added.
@Suite struct RunningHeadTitleShapeTests {
    private static func lines() throws -> [String] {
        var texts = try GoldPage.all().map(\.raw)
        for folder in ["Tests/EmendTests/Fixtures/pages", "Tests/EmendTests/Fixtures/documents", "samples"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url(folder).path)
                .filter { $0.hasSuffix(".txt") }.sorted()
            for name in names { texts.append(try Fixtures.text("\(folder)/\(name)")) }
        }
        let real = texts.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
            .map { String($0).trimmingCharacters(in: .whitespaces) }
        var draw = PieceDraw(seed: 23)
        let numbers = ["12", "1", "0", "-3", "+4", "1937", "2100", "1699", "9999", "12345", "l6", "12."]
        let words = ["Title", "of", "the", "andLegality", "THE", "Storm", "1937", "1700", "2099", "Ab", "X", "O'Neil", "Cross-Roads",
                     "A:B", "R&D", "p.", "said,", "ca", "Ежов", "é", "September", "june", "Long" + String(repeating: "o", count: 20), "x\t", "\r\n"]
        var madeUp: [String] = []
        for _ in 0..<30_000 {
            let title = (0..<(1 + draw.next(8))).map { _ in words[draw.next(words.count)] }.joined(separator: draw.next(5) == 0 ? "  " : " ")
            let number = numbers[draw.next(numbers.count)]
            madeUp.append(draw.next(2) == 0 ? number + " " + title : title + " " + number)
        }
        return real + madeUp + ["12 Title", "Title 12", "12 The Storm of 1937", "1937 Storm 12", "12 Ab Cd", "12 Abc", "0 Title", "-1 Title",
                                "Repression andLegality 109", "128 Closing Ranks", "Main Committee, 319",
                                "12 " + String(repeating: "Abcdefghi ", count: 6), "12 " + String(repeating: "Abcdefghi ", count: 5) + "Abcdefghij"]
    }

    private static func sameAnswer(_ rules: FurnitureRules, _ text: String) -> Bool {
        let screened = rules.runningHead(text), full = rules.runningHead(text, screened: false)
        return screened?.0 == full?.0 && screened?.1 == full?.1
    }

    @Test func answersAsUnscreened() throws {
        let rules = try FurnitureRules(library: RuleLibrary(directory: nil))
        var withPattern = rules
        try withPattern.add(text: "running-heads:\n  - 'the storm.*'\n", file: "test.yaml")
        var (refusedByTitle, heads) = (0, 0)
        for text in try Self.lines() {
            #expect(Self.sameAnswer(rules, text), "\(text)")
            #expect(Self.sameAnswer(withPattern, text), "\(text)")
            if FurnitureRules.mayBeRunningHead(text) && !FurnitureRules.mayBeRunningHead(text, titleShape: true) { refusedByTitle += 1 }
            if rules.runningHead(text) != nil { heads += 1 }
        }
        #expect(refusedByTitle > 1000 && heads > 1000)
    }
}
