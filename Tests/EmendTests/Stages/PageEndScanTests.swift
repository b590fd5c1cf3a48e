@testable import Emend
import Foundation
import Testing

/// `PageSegmentation.isNearPageEnd`, which reads each line where it stands in
/// the array, answers as the plain loop over copied lines below does: at
/// every line of the gold pages, the page and document fixtures, the samples
/// and made-up pages (form feeds, separator lines, cut lines, blank lines of
/// tabs, lone folios, short scraps), with every allowance of other lines and
/// bytes the stage asks, pages marked by blank runs or not, the input ended or not.
@Suite struct PageEndScanTests {
    /// The loop as it read before: each line copied out of the array.
    private static func reference(_ pages: PageSegmentation, _ lines: [Line], _ index: Int, allowingOthers: Int, otherBytes: Int) -> Bool {
        var others = 0
        var blanks = 0
        for next in (index + 1)..<min(lines.count, index + PageSegmentation.lookahead + 1) {
            if PagePosition.startsPage(lines[next]) { return true }
            if PageSegmentation.isBlank(lines[next]) {
                blanks += 1
                if pages.position.byBlankRuns && blanks == 2 { return true }
                continue
            }
            blanks = 0
            others += 1
            if others > allowingOthers || lines[next].bytes.count > otherBytes { return false }
            if otherBytes < EdgeLine.maximumBytes, EdgeLine.read(lines[next].bytes)?.isLoneFolio == true { return false }
        }
        return pages.inputEnded && index + PageSegmentation.lookahead + 1 >= lines.count
    }

    private static func documents() throws -> [[Line]] {
        var texts = try GoldPage.all().map(\.raw)
        for folder in ["Tests/EmendTests/Fixtures/pages", "Tests/EmendTests/Fixtures/documents", "samples"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url(folder).path)
                .filter { $0.hasSuffix(".txt") }.sorted()
            for name in names { texts.append(try Fixtures.text("\(folder)/\(name)")) }
        }
        var documents = texts.map { text in
            Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().map {
                Line(bytes: Array($0.element), number: $0.offset + 1)
            }
        }
        var draw = PieceDraw(seed: 31)
        let pieces = ["", " ", "\t", "\u{0C}", " \u{0C} ", "-----File: 012.png---", "12", "ee, err", "The Old Mill 14",
                      "the text runs on as text does", String(repeating: "x", count: 101), "a few words", "  7  "]
        var madeUp: [Line] = []
        for number in 1...3_000 {
            var line = Line(pieces[draw.next(pieces.count)], number: number)
            switch draw.next(8) {
            case 0: line.ending = .split
            case 1: line.isContinuation = true
            default: break
            }
            madeUp.append(line)
        }
        documents.append(madeUp)
        return documents
    }

    @Test func answersAsTheCopyingLoop() throws {
        var (near, far) = (0, 0)
        for lines in try Self.documents() {
            for byBlankRuns in [false, true] {
                for inputEnded in [false, true] {
                    var pages = PageSegmentation()
                    pages.position.byBlankRuns = byBlankRuns
                    pages.inputEnded = inputEnded
                    for index in lines.indices {
                        for (others, bytes) in [(1, EdgeLine.maximumBytes), (1, 12), (0, EdgeLine.maximumBytes), (2, 40)] {
                            let expected = Self.reference(pages, lines, index, allowingOthers: others, otherBytes: bytes)
                            #expect(pages.isNearPageEnd(lines, index, allowingOthers: others, otherBytes: bytes) == expected, "\(index)")
                            if expected { near += 1 } else { far += 1 }
                        }
                    }
                }
            }
        }
        #expect(near > 10_000 && far > 10_000)
    }
}
