@testable import Emend
import Foundation
import Testing

/// The run asks `joinsWithoutHyphen` about a line ending in letters only
/// when `mayJoinWithoutHyphen` lets it: here the two are asked about every
/// pair of lines of the gold pages, the page fixtures, the samples and
/// made-up lines, and the quick test never says no where the whole one
/// says yes.
@Suite struct DehyphenatorLostHyphenTests {
    static let madeUpFirst = ["a worthy suc", "a worthy suc  ", "the", "ABC", "AB", "Ab", "(suc", "x", "hun", "[ABC"]

    static let madeUpNext = DehyphenatorLineEndTests.madeUpNext + [
        "cessor of Mr", "cessor", "cessor-", "cessor'", "cessor's", "cessorX", "cessorü", "cessor, and", "  cessor of",
        "the end", "the-end", "dred men", "of", "", "   ", "-cessor", "Cessor",
    ]

    private static func texts() throws -> [[String]] {
        var texts = try GoldPage.all().map(\.rawLines)
        let pages = Fixtures.url("Tests/EmendTests/Fixtures/pages")
        for name in try FileManager.default.contentsOfDirectory(atPath: pages.path).sorted() where name.hasSuffix(".txt") {
            texts.append(try Fixtures.text("Tests/EmendTests/Fixtures/pages/\(name)").components(separatedBy: "\n"))
        }
        for name in Fixtures.sampleNames() {
            texts.append(try Fixtures.text("samples/\(name).txt").components(separatedBy: "\n"))
        }
        // Each made-up first line before each made-up next line.
        texts.append(madeUpFirst.flatMap { first in madeUpNext.flatMap { [first, $0] } })
        return texts
    }

    @Test func theQuickTestSaysNoOnlyWhereTheWholeOneDoes() throws {
        let stage = try Dehyphenator()
        var scratch: [UInt8] = []
        var pairs = 0, passed = 0, joins = 0
        for lines in try Self.texts() {
            for (text, nextText) in zip(lines, lines.dropFirst()) {
                var line = Line(text)
                guard case .letters(let start, _) = Dehyphenator.end(of: line) else { continue }
                var next = Line(nextText)
                let full = stage.joinsWithoutHyphen(line.bytes[start...], next: next.bytes, scratch: &scratch)
                let may = Dehyphenator.mayJoinWithoutHyphen(&line, from: start, next: &next, english: .builtIn)
                #expect(!full || may, "\(text.debugDescription) | \(nextText.debugDescription)")
                #expect(line == Line(text) && next == Line(nextText))
                pairs += 1
                if may { passed += 1 }
                if full { joins += 1 }
            }
        }
        // The pairs hold joins, and the quick test says no to most of the others.
        #expect(pairs > 1000)
        #expect(joins > 2)
        #expect(passed < pairs / 4)
    }
}
