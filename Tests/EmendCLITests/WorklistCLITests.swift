import Foundation
import Testing

/// `emend check` (the proofreading worklist) and `emend variants` (spellings across editions).
@Suite struct WorklistCLITests {
    static let documents = "Tests/EmendTests/Fixtures/documents/"

    @Test func checkListsWhatWasLeftMostFrequentFirst() throws {
        // Two lines of the gold pages plus the two documents that spell Ezhov both ways.
        var input = Array("""
            The committee heard Comrade Kurilava, and the pany met in 1937 over the Central Executive Committee's three-
            year plan; Comrade Yezhov spoke.

            """.utf8)
        for name in ["ezhov-dismissal-1939.txt", "stalin-on-the-nkvd-1938.txt"] {
            input += try Data(contentsOf: CLITests.root.appendingPathComponent(Self.documents + name))
        }
        let result = try CLITests.emend(["check", "--json", "-"], input: input)
        #expect(result.status == 0)
        let root = try JSONSerialization.jsonObject(with: Data(result.stdout)) as! [String: Any]
        let items = ((root["files"] as! [[String: Any]])[0]["items"] as! [[String: Any]])
        func item(_ kind: String, _ text: String) -> [String: Any]? {
            items.first { $0["kind"] as? String == kind && ($0["text"] as? String)?.hasPrefix(text) == true }
        }
        let names = try #require(item("mixed-schemes", "Ezhov"))
        #expect(names["text"] as? String == "Ezhov 15 / Yezhov 8" && names["note"] as? String == "loc: Ezhov")
        #expect(item("probable-garble", "Kurilava")?["note"] as? String == "Kurilova")
        #expect(item("probable-garble", "pany")?["line"] as? Int == 1)
        #expect(item("broken-word", "three- | year") != nil)
        // Most frequent first.
        let counts = items.compactMap { $0["count"] as? Int }
        #expect(counts == counts.sorted(by: >) && counts.first == 23)
        // English words and the documents' well-known names are not on the list.
        #expect(!items.contains { ["committee", "Beria", "Stalin"].contains($0["text"] as? String) })
    }

    @Test func checkListsAFootnoteReferenceReadAsPunctuation() throws {
        // A tesseract page whose raised "1" after "paper." OCR read as "!", over "1. Agirre & Martinez, 2000.".
        let result = try CLITests.emend(["check", "--json", "Tests/EmendTests/Fixtures/pages/head-rule.ocr.txt"])
        #expect(result.status == 0)
        let root = try JSONSerialization.jsonObject(with: Data(result.stdout)) as! [String: Any]
        let items = ((root["files"] as! [[String: Any]])[0]["items"] as! [[String: Any]])
        let notes = items.filter { $0["kind"] as? String == "footnote-reference" }
        #expect(notes.count == 1)
        #expect(notes.first?["text"] as? String == "paper.!" && notes.first?["note"] as? String == "footnote 1?")
        #expect(notes.first?["line"] as? Int == 150 && notes.first?["column"] as? Int == 38)
    }

    @Test func variantsGroupTheSpellingsOfOneNameAcrossFiles() throws {
        let files = ["ezhov-dismissal-1939.txt", "plenum-resolution-1937.txt", "stalin-on-the-nkvd-1938.txt"].map { Self.documents + $0 }
        let table = try CLITests.emend(["variants"] + files)
        #expect(table.status == 0)
        #expect(table.text.contains("ежов\n  Ezhov           15     0     0  → Ezhov\n  Yezhov           0     0     7  → Ezhov\n"))
        #expect(table.text.hasSuffix("1 word spelled more than one way\n"))
        let json = try CLITests.emend(["variants", "--json", "--to", "popular"] + files)
        let root = try JSONSerialization.jsonObject(with: Data(json.stdout)) as! [String: Any]
        let words = root["words"] as! [[String: Any]]
        let ezhov = try #require(words.first { $0["cyrillic"] as? String == "ежов" })
        let spellings = ezhov["spellings"] as! [[String: Any]]
        #expect(spellings.map { $0["spelling"] as! String } == ["Ezhov", "Yezhov"])
        #expect(spellings.allSatisfy { $0["becomes"] as? String == "Yezhov" })
        #expect(spellings.map { $0["counts"] as! [Int] } == [[15, 0, 0], [0, 0, 7]])
    }
}
