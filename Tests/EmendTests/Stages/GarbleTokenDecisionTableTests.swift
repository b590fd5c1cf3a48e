@testable import Emend
import Foundation
import Testing

/// A token's pieces and its decision, found with fewer copies: each must be
/// what the plain way found, on every token of the gold pages and the
/// fixtures' pages and documents, and on made-up tokens at the edges.
@Suite struct GarbleTokenDecisionTableTests {
    /// The tokens `GarbleTokenDecisionCostTests` reads, plus punctuation at the edges.
    private func tokens() throws -> [[UInt8]] {
        let made = ["", ".", "...", "(", "-", "'", "a", "(a)", "..a..", "1", "(1)", "a,b", "a;b:c", "x-y", "'tis", "rock'n'roll",
                    "Café", "“word”", "«слово»", "(word", "word)", "word,", "\"Allof\"", "tbe.", "Conceming,", "shaU;", "a\u{00A0}b",
                    "<b>", "‘tbe’", "Nigel’s", "—x—", "…", "°", "a—b", "a/b", "www.x", "1,5", "193", "I938", "ofthe", "inthestreets", "x" + String(repeating: "a", count: 40)]
        return try fixtureTokens(adding: made)
    }

    /// The pieces of a token split as before: punctuation before and after
    /// read with `prefix(while:)` on the bytes and on them reversed, and the
    /// shape tests each a pass over the core.
    @Test func tokensSplitAsBefore() throws {
        var split = 0, whole = 0, total = 0
        for bytes in try tokens() {
            let token = GarbleToken(bytes)
            let expected = Self.referenceSplit(bytes)
            let label = String(decoding: bytes, as: UTF8.self)
            #expect((token == nil) == (expected == nil), "\(label)")
            guard let token, let expected else { continue }
            #expect(token.bytes == bytes && token.leading == expected.leading && token.core == expected.core
                && token.trailing == expected.trailing, "\(label)")
            #expect(token.isWordShaped == expected.isWordShaped && token.hasMark == expected.hasMark, "\(label)")
            total += 1
            if token.core.count == bytes.count { whole += 1 } else { split += 1 }
        }
        #expect(total > 1000 && split > 0 && whole > split)
    }

    /// `GarbleToken.init` read by characters: punctuation is an ASCII mark or
    /// a character of U+0080-U+00BF or U+2000-U+206F (quotes, dashes, the ellipsis).
    static func referenceSplit(_ bytes: [UInt8]) -> (leading: [UInt8], core: [UInt8], trailing: [UInt8], isWordShaped: Bool, hasMark: Bool)? {
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        let isPunctuation = { (scalar: Unicode.Scalar) in
            scalar.isASCII ? !DocumentVocabulary.isLetter(UInt8(scalar.value)) && !GarbleRepair.isDigit(UInt8(scalar.value))
                : (0x80...0xBF).contains(scalar.value) || (0x2000...0x206F).contains(scalar.value)
        }
        let width = { (part: ArraySlice<Unicode.Scalar>) in part.reduce(0) { $0 + UTF8.width($1) } }
        let leadingScalars = scalars.prefix(while: isPunctuation)
        guard leadingScalars.count < scalars.count else { return nil }
        let leading = bytes.prefix(width(leadingScalars))
        let trailingCount = width(scalars.reversed().prefix(while: isPunctuation).reversed()[...])
        let core = Array(bytes[leading.count..<(bytes.count - trailingCount)])
        let isWordShaped = core.allSatisfy { DocumentVocabulary.isLetter($0) || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";")
            || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "-") } && core.allSatisfy { $0 < 0x80 }
        let hasMark = core.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ":") }
        return (Array(leading), core, Array(bytes[(bytes.count - trailingCount)...]), isWordShaped, hasMark)
    }

    /// Each token's decision, kept in the table, is the one `decideRepair`
    /// makes, asked first and again; it is made once while the table holds
    /// it, and again after the table empties at its limit.
    @Test func decisionsAreTheRepairsDecided() throws {
        let document = try GoldPage.allRawLines().map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        let context = try GarbleShortcutTests.surveyedStage(document + "\nthe shall Concerning tbe\n").context
        let all = try tokens()
        for limit in [1 << 16, 97] {
            let decisions = TokenDecisions(limit: limit)
            var made = 0, repaired = 0
            for round in 0..<2 {
                for token in all {
                    let answer = decisions.decision(for: token, by: context) { context, token in
                        made += 1
                        return context.decideRepair(token)
                    }
                    let expected = context.decideRepair(token)
                    #expect(answer?.text == expected?.text && answer?.rule == expected?.rule, "\(String(decoding: token, as: UTF8.self))")
                    if round == 0 && expected != nil { repaired += 1 }
                }
            }
            #expect(repaired > 0)
            if limit > all.count { #expect(made == all.count) } else { #expect(made > all.count) }
        }
        // A token decided keeps its decision: it is not made again.
        let decisions = TokenDecisions()
        _ = decisions.decision(for: Array("tbe".utf8), by: 0) { _, _ in (Array("the".utf8), "first") }
        let kept = decisions.decision(for: Array("tbe".utf8), by: 0) { _, _ in (Array("tub".utf8), "second") }
        #expect(kept?.text == Array("the".utf8) && kept?.rule == "first")
        let none = decisions.decision(for: Array("tb".utf8), by: 0) { _, _ in nil }
        #expect(none == nil)
        #expect(decisions.decision(for: Array("tb".utf8), by: 0) { _, _ in (Array("x".utf8), "never") } == nil)
    }

    /// A word of small letters looked up as it is has the tier `tier(of:)`
    /// gives it: on every piece the segmenter may ask of a gold token (up to
    /// 20 bytes) in small letters, and on the function words and their plurals.
    @Test func smallLetterTiersAreTheTiers() throws {
        let context = try GarbleRepair().context
        var listed = 0, asked = 0
        for token in try tokens() + context.rules.functionWordList.map({ $0 + [0x73] }) {
            let word = token.filter(DocumentVocabulary.isLetter).map(DocumentVocabulary.lowercased)
            guard word.allSatisfy(GarbleRepair.isLower) else { continue }
            for start in word.indices {
                for end in (start + 1)...min(word.count, start + 20) {
                    let piece = word[start..<end]
                    let answer = context.english.tier(ofSmallLetters: piece)
                    #expect(answer == context.english.tier(of: piece), "\(String(decoding: piece, as: UTF8.self))")
                    asked += 1
                    if answer != nil { listed += 1 }
                }
            }
        }
        #expect(listed > 1000 && asked > listed)
    }
}
