@testable import Emend
import Foundation
import Testing

/// The page survey keeps the bytes of only the lines that stand apart from the
/// line above (a blank line or the page's top over them): it learns exactly
/// what it learned keeping every line's bytes, on real pages and made-up edges.
@Suite struct PageSurveyCopyTests {
    /// Everything a page survey learned, written out to compare.
    static func learned(_ survey: PageSurvey) -> [String] {
        var facts = ["separators \(survey.separators)", "short feet \(survey.shortFootPages)"]
        for (key, tally) in survey.heads.sorted(by: { $0.key.bytes.lexicographicallyPrecedes($1.key.bytes) }) {
            facts.append("head \(String(decoding: key.bytes, as: UTF8.self)) \(tally.pages) \(tally.withoutFolio) "
                         + "\(tally.lastNumber.map(String.init) ?? "-") \(tally.offsets)")
        }
        for (name, votes) in [("folio", survey.folioOffsets), ("roman", survey.romanOffsets), ("foot", survey.footFolioOffsets),
                              ("length", survey.pageLengths)] {
            for (key, count) in votes.sorted(by: { $0.key < $1.key }) { facts.append("\(name) \(key) \(count)") }
        }
        return facts
    }

    /// Both ways, and both kinds of page end, on `text`: the same facts.
    static func expectSame(_ text: [UInt8], _ name: String) {
        for blankRuns in [false, true] {
            var kept = PageSurvey(pagesEndAtBlankRuns: blankRuns, copiesEveryLine: true)
            var apart = PageSurvey(pagesEndAtBlankRuns: blankRuns)
            for line in text.split(separator: 0x0A, omittingEmptySubsequences: false) {
                Array(line).withUnsafeBufferPointer {
                    kept.add(line: $0)
                    apart.add(line: $0)
                }
            }
            kept.finish()
            apart.finish()
            #expect(learned(apart) == learned(kept), "\(name), pages end at blank runs: \(blankRuns)")
        }
    }

    static func pageTexts() throws -> [(String, [UInt8])] {
        let directory = Fixtures.url("Tests/EmendTests/Fixtures/pages")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".ocr.txt") }.sorted()
        var texts = try names.map { ($0, Array(try Fixtures.text("Tests/EmendTests/Fixtures/pages/\($0)").utf8)) }
        // The gold pages, each a page of its own.
        texts.append(("gold", Array(try GoldPage.all().map(\.raw).joined(separator: "\u{0C}").utf8)))
        return texts
    }

    @Test func realPagesLearnTheSame() throws {
        let texts = try Self.pageTexts()
        #expect(texts.count > 10)
        var headsLearned = 0
        for (name, text) in texts {
            Self.expectSame(text, name)
            var survey = PageSurvey()
            text.split(separator: 0x0A, omittingEmptySubsequences: false).forEach { line in Array(line).withUnsafeBufferPointer { survey.add(line: $0) } }
            survey.finish()
            headsLearned += survey.heads.count
        }
        // The pages do teach heads: the test reads lines that are copied.
        #expect(headsLearned > 20)
    }

    @Test func madeUpEdgesLearnTheSame() {
        let cases = [
            "",
            "\n\n\n",
            "12\n\nA HEAD\n\ntext right below\nmore text\n\n14\n\u{0C}A HEAD 15\n\ntext\ntext\n\n16\n",
            // A line above the bottom edges that is longer than any furniture, then a short one below it.
            String(repeating: "long line ", count: 20) + "\n7\n\n" + String(repeating: "x", count: 150) + "\n\n8\n\u{0C}",
            // The page's first line right below the separator, and a separator line.
            "\u{0C}HEAD 3\ntext\n-----File: 001.png---\nHEAD 4\n\ntext\n9\n\n\n\nHEAD 5\ntext\n\n10\n",
            // Lines of spaces and tabs, carriage returns.
            "HEAD\r\n \t\r\nbody\r\nbody\r\n\r\n11\r\n\u{0C}HEAD\r\n\r\nbody\r\n12\r\n",
        ]
        for (index, text) in cases.enumerated() { Self.expectSame(Array(text.utf8), "case \(index)") }
    }
}
