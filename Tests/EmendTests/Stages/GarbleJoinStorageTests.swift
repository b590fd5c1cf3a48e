@testable import Emend
import Foundation
import Testing

/// The join repairs (alone, each over the whole line) and the word repairs
/// (as the stage runs them) over every line of the gold pages, the fixture
/// documents and pages, made-up lines (split years and numbers, letter-spaced
/// words, stray and spurious spaces, fragments, spaced hyphens) and lines
/// shuffled from the pages' tokens give the lines and the changes recorded in
/// Fixtures/garbles/join-repairs.json, written by the code that kept one array
/// per token. With EMEND_WRITE_JOIN_EXPECTATIONS set, the test writes the
/// file anew from the code as it stands.
@Suite struct GarbleJoinStorageTests {
    static let madeUp = [
        "", "   ", "a", "  lead  and   gaps  ", "In 19 36 the plan, in 19 37 the purge; 1936 1937 1938 1934 1935",
        "the ages 18 20 and 30", "pp. 19 37 and 19 37 45", "1,5 00 men, 12,0 00, and 1,500 00 rubles", "193 5, 184 7) 199 9 200 1",
        "C o m r a d e s, a n d W e t h e c o n", "A a and t o the Sta lin line", "W e", "a n d", "x y z q",
        "gen- eration and CLUS- TERING, (Lip- ton), pre- and post-war, non- party, border- lines, word-",
        "Fol lowing the imp or t an t special ized Complet ion (indi cated) meeting",
        "descr ip t ion In t roduct ion of the in to a way of ten d is T is and y",
        "per se Stenograficheskii otchet Nizhny Novgorod add ed it", "a  n d two  spaces 19  36 gen-  eration",
        "193 5 193 5 193 5, repeated 1 9 3 6", "t h e c o n s t i t u t i o n w a s",
    ]

    static func text() throws -> String {
        let documents = ["documents/ezhov-dismissal-1939.txt", "documents/stalin-on-the-nkvd-1938.txt",
                         "documents/plenum-resolution-1937.txt", "pages/real.ocr.txt", "pages/real2.ocr.txt", "pages/real3.ocr.txt"]
        let fixtures = try documents.map { try String(contentsOf: Fixtures.url("Tests/EmendTests/Fixtures/" + $0), encoding: .utf8) }
        let pages = try GoldPage.all().map(\.raw)
        let tokens = pages.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
        return (pages + fixtures + madeUp + [GarbleShortcutTests.shuffledLines(of: tokens, seed: 1937)]).joined(separator: "\n")
    }

    /// Each line the repairs change or report on: ["join" or "word", its
    /// index, the line after, each change as "rule | before | after | column"].
    static func outcomes(of text: String) throws -> [[String]] {
        let context = try GarbleShortcutTests.surveyedStage(text).context
        var outcomes: [[String]] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line.utf8)
            var changes: [String] = []
            let record: GarbleRecorder = { rule, before, after, column in changes.append("\(rule) | \(before) | \(after) | \(column)") }
            // The join repairs alone, each over the whole line, trigger or not.
            var tokens = GarbleTokenLine(bytes)
            for repair in GarbleRepair.joinRepairs { repair.repair(&tokens, in: context, record: record) }
            if tokens.changed || !changes.isEmpty {
                outcomes.append(["join", "\(index)", String(decoding: tokens.text(leadingSpacesOf: bytes), as: UTF8.self)] + changes)
            }
            // The word repairs as the stage runs them: token repairs, then the joins where they fire.
            changes = []
            var garbleLine = GarbleLine(text: bytes, number: index + 1, footnotes: nil, followsBrokenLine: false)
            GarbleRepair.WordRepairs.repair(&garbleLine, in: context, record: record)
            if garbleLine.text != bytes || !changes.isEmpty {
                outcomes.append(["word", "\(index)", String(decoding: garbleLine.text, as: UTF8.self)] + changes)
            }
        }
        return outcomes
    }

    static let expectedURL = Fixtures.url("Tests/EmendTests/Fixtures/garbles/join-repairs.json")

    @Test func joinedLinesAndChangesAreTheArrayPerTokenOnes() throws {
        let found = try Self.outcomes(of: Self.text())
        if ProcessInfo.processInfo.environment["EMEND_WRITE_JOIN_EXPECTATIONS"] != nil {
            let rows = try found.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try ("[\n" + rows.joined(separator: ",\n") + "\n]\n").write(to: Self.expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try JSONDecoder().decode([[String]].self, from: Data(contentsOf: Self.expectedURL))
        #expect(found.count == expected.count)
        for (row, want) in zip(found, expected) { #expect(row == want) }
        let joins = expected.filter { $0[0] == "join" }.count
        #expect(joins >= 20 && expected.count >= 80, "\(joins) lines joined, \(expected.count) rows")
    }
}
