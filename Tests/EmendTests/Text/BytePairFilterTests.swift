@testable import Emend
import Foundation
import Testing

/// The pre-scan that lets garbles pass a line by: "no" must be certain.
@Suite struct BytePairFilterTests {
    /// Every remembered string that stands in a text is let through, wherever it stands.
    @Test func neverMissesAStringThatIsThere() {
        var filter = BytePairFilter()
        let strings = ["VKP(b1", "ACP(b1", " he ", "]"].map { Array($0.utf8) }
        for string in strings { filter.insert(string) }
        let line = Array("on the 26th of February the plenum of the CC".utf8)
        #expect(!filter.mayOccur(in: line))
        for string in strings {
            for position in [0, 7, line.count] {
                var text = line
                text.insert(contentsOf: string, at: position)
                #expect(filter.mayOccur(in: text), "\(String(decoding: text, as: UTF8.self))")
            }
        }
    }

    /// Lines of the gold pages: one without a space before a mark, one with.
    @Test func passesByLinesWithoutThePairs() {
        var spaced = BytePairFilter()
        spaced.insertPairs([0x20], ",;:).".utf8)
        #expect(!spaced.mayOccur(in: Array("process of documentary declassification in the former Soviet Union. Since".utf8)))
        #expect(spaced.mayOccur(in: Array("tom. 4 ,  chast' t, Moscow, 1971, 283.".utf8)))
        #expect(!BytePairFilter().mayOccur(in: Array("anything".utf8)))
        #expect(!spaced.mayOccur(in: []))
    }
}
