@testable import Emend
import Foundation
import Testing

/// The word repairs read a line's tokens' facts where the tokens stand in
/// their list, and the join triggers straight from those facts: the same
/// facts, in order, as each token copied out and looked up alone, and the
/// same triggers as the shapes made of them, on the gold pages, on lines
/// shuffled from their tokens and on made-up lines.
@Suite struct WordRepairsLineFactsTests {
    /// `Context.facts(of:)` as it was: each token copied out of the list.
    static func referenceFacts(of line: GarbleTokenLine, in context: GarbleRepair.Context) -> [TokenFacts.Facts]? {
        guard context.surveyIsHanded else { return nil }
        return context.tokenFacts.withTable { table in
            var reader = table.reader
            return line.tokens.map { token in
                Array(line[token]).withUnsafeBufferPointer { bytes in
                    let raw = UnsafeRawBufferPointer(bytes)
                    let heads = WordCountTable.heads(raw)
                    if bytes.count <= 16, let held = reader.facts(ofShortToken: bytes.count, heads: heads) { return held }
                    let found = table.facts(of: raw, heads: heads) { context.facts(of: bytes, 0..<bytes.count) }
                    reader = table.reader
                    return found
                }
            }
        }
    }

    @Test func lineFactsAndTriggersAreEachTokensOwn() throws {
        let pages = try GoldPage.all().map(\.raw)
        let tokens = pages.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
        let made = [
            "", "   ", "a", "  leading  and   trailing  ", "gen- eration 1,5 38, 00. (indi cated) t h e c o n",
            "averyveryverylongtokenofmorethansixteenbytes and another-one-that-is-long-too, x",
            "Fol lowing the imp or t an t meeting; 193 5, Lip- ton \u{00E9}t\u{00E9} \u{0436}\u{0443}\u{0440}\u{043D}\u{0430}\u{043B}",
        ]
        let text = (pages + made + [GarbleShortcutTests.shuffledLines(of: tokens, seed: 1943)]).joined(separator: "\n")
        let context = try GarbleShortcutTests.surveyedStage(text).context
        var lines = 0, fired = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let tokenLine = GarbleTokenLine(Array(line.utf8))
            let facts = try #require(context.facts(of: tokenLine))
            let expected = try #require(Self.referenceFacts(of: tokenLine, in: context))
            #expect(facts.map(\.packed) == expected.map(\.packed), "\(line)")
            let triggers = context.joinTriggerSet(of: facts)
            #expect(triggers == context.joinTriggerSet(of: expected.map { GarbleTokenShape(bits: $0.shapeBits) }), "\(line)")
            #expect(triggers == context.joinTriggerSet(of: context.shapes(of: tokenLine)), "\(line)")
            lines += 1
            if triggers != 0 { fired += 1 }
        }
        #expect(lines > 1_000 && fired > 100, "\(lines) lines, \(fired) with a join trigger")
    }
}
