@testable import Emend
import Foundation
import Testing

/// Footnote references that OCR read as punctuation, listed for a proofreader
/// (`emend check`), on tesseract pages whose raised note numbers were printed
/// (`Fixtures/pages/footnote-references.ocr.txt`: three pages, each with its
/// footnotes at the foot; `head-rule.ocr.txt`: one note under a rule).
@Suite struct FootnoteReferenceSuspectsTests {
    static let pages = "Tests/EmendTests/Fixtures/pages/footnote-references.ocr.txt"

    private func suspects(_ text: String) -> [String: FootnoteReferenceSuspects.Suspect] {
        Dictionary(FootnoteReferenceSuspects.find(in: Array(text.utf8)).map { ($0.text, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func aMarkNoPunctuationExplainsIsListedWithTheNumbersOfItsPage() throws {
        let found = suspects(try Fixtures.text(Self.pages))
        // The page prints "grammar.²" over "2. Hudson, 1974."; "restriction¹" over "1. Shieber, 1985.".
        #expect(found["grammar.’"]?.numbers == [1, 2])
        #expect(found["grammar.’"]?.line == 4)
        #expect(found["restriction’"]?.numbers == [1])
        #expect(found["synonyms.!"]?.numbers == [1])
        // Quotes opened in their paragraph, an exclamation after a word, a possessive: punctuation.
        for text in ["bytes\"", "saw\"", "leg\"", "matching.\"", "queries,\"", "Nigel!", "Shieber's"] {
            #expect(found[text] == nil, "\(text)")
        }
    }

    @Test func theOffsetIsWhereTheWordStandsInTheInput() throws {
        let input = try Fixtures.bytes(Self.pages)
        let suspect = try #require(FootnoteReferenceSuspects.find(in: input).first { $0.text == "restriction’" })
        #expect(input[suspect.offset...].starts(with: "restriction’".utf8))
    }

    @Test func withoutFootnotesAtThePageFootNothingIsListed() throws {
        let text = try Fixtures.text(Self.pages)
            .replacingOccurrences(of: "\n1. Mann, 1983.\n2. Hudson, 1974. -\n", with: "\n")
        #expect(suspects(text)["grammar.’"] == nil)
        #expect(suspects(text)["restriction’"] != nil)  // the other pages keep theirs
    }

    @Test func aNumberTheTextAlreadyReferencesIsNoCandidate() throws {
        // Footnote 2 referenced in digits: "Nigel!" and "grammar.’" could only be 1, and stand after it.
        let text = try Fixtures.text(Self.pages).replacingOccurrences(of: "Generation\n\nNigel!", with: "Generation\n\nNigel2")
        #expect(suspects(text)["grammar.’"] == nil)
        let single = try Fixtures.text(Self.pages).replacingOccurrences(of: "Generation\n\nNigel!", with: "Generation\n\nNigel1")
        #expect(suspects(single)["grammar.’"]?.numbers == [2])
    }

    @Test func aNumberedNoteUnderARuleNamesItsReference() throws {
        let found = FootnoteReferenceSuspects.find(in: try Fixtures.bytes("Tests/EmendTests/Fixtures/pages/head-rule.ocr.txt"))
        #expect(found.map(\.text) == ["paper.!"])
        #expect(found.first?.numbers == [1])
    }

    @Test func theWorklistPlacesEachSuspectInTheInput() throws {
        var worklist = Worklist(garbles: try GarbleRepair(), spellings: try RussianSpellings(target: "loc"))
        worklist.addFootnoteSuspects(of: try Fixtures.bytes(Self.pages))
        let items = try worklist.items().filter { $0.kind == .footnoteReference }
        let grammar = try #require(items.first { $0.text == "grammar.’" })
        #expect(grammar.line == 4 && grammar.note == "footnote 1 or 2?")
        #expect(items.first { $0.text == "restriction’" }?.note == "footnote 1?")
    }
}
