import Foundation
import Testing
@testable import Emend

/// A word's count looked up with its capitals folded 8 bytes at a time: the
/// same count as the word folded byte by byte and found among the survey's
/// own keys, on every token of the gold pages and fixtures surveyed, their
/// letters, and made-up words at the edges (each length to past 64 bytes,
/// the bytes beside A and Z, bytes beyond ASCII).
@Suite struct DocumentSurveyLookUpTests {
    @Test func aWordsCountIsTheCountOfItsKeyFoldedByteByByte() throws {
        let edges = ["", "A", "a", "@", "[", "`", "{", "Z", "z", "AZaz@[`{", "THE", "The", "tHE", "Café", "CAFÉ", "ÉCOLE",
                     "Stalin's", "STALIN", "ofthe", "OFTHE", "Zinoviev-Kamenev", "ZINOVIEV-KAMENEV"]
            + (1...70).map { String(repeating: "Ab", count: $0).prefix($0) }.map(String.init)
            + (1...70).map { String(repeating: "X", count: $0) }
        var tokens = try fixtureTokens(adding: edges)
        tokens += tokens.map { $0.filter(DocumentVocabulary.isLetter) }
        var text = try GoldPage.allRawLines().map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        text += "\n" + edges.joined(separator: " ") + "\n"
        var survey = DocumentSurvey()
        Array(text.utf8).withUnsafeBytes { survey.add(block: $0) }
        survey.finish()
        var keys: [[UInt8]: Int] = [:]
        survey.forEachCount { key, count in keys[Array(key)] = count }
        var found = 0
        for token in tokens {
            let expected = token.count > 64 ? 0 : keys[token.map(DocumentVocabulary.lowercased)] ?? 0
            let answer = token.withUnsafeBytes { survey.count(of: $0) }
            #expect(answer == expected, "\(String(decoding: token, as: UTF8.self))")
            if answer > 0 { found += 1 }
        }
        // Words the survey counted, and words it never saw.
        #expect(found > 0 && found < tokens.count)
    }
}
