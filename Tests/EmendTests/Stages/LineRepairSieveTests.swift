@testable import Emend
import Foundation
import Testing

/// The sieve that asks a line repair's trigger only of the lines whose
/// features it needs (`LineRepairSieve`): it never passes by a line whose
/// trigger fires, in a document of any kind, and it does pass lines by.
@Suite struct LineRepairSieveTests {
    /// What each line repair's trigger looks for, or nearly: put into lines at
    /// their start, inside and at their end.
    static let pieces = [
        "\u{FB01}", "\u{AD}", "a\u{A0}b", "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{E2}", "М", "Мoscow", "VKP(b]", "KP(b1", "VKPlb)",
        "(", "| ", " |", "|", "wrecker.\"l3", ".\"l", ")9", "'O", ".", ". ", "of. the", ". th", " ,", " ;", " :", " )", " .", "I", "It",
        "In the", "he shot", "Polit buro", "THE the", "VKP(b1", "Mr", "colour red",
    ]

    /// The samples of `GarbleRepairOrderTests` (a garble of each kind and the
    /// gold pages) line by line, and short lines with each piece put in.
    static func lines() throws -> [[UInt8]] {
        let samples = try GarbleRepairOrderTests.samples().flatMap { $0.split(separator: "\n").map(String.init) }
        var lines = samples.map { Array($0.utf8) }
        for base in ["", "x", "the end of the line", "Stalin and the CC met"] {
            for piece in pieces {
                for text in [piece + base, base + piece, base.prefix(base.count / 2) + piece + base.dropFirst(base.count / 2)] {
                    lines.append(Array(text.utf8))
                }
            }
        }
        return lines
    }

    /// Stages of documents of three kinds: the samples' own counts; a document
    /// that writes "In" for "in" (`CapitalIForSmall` asks every line); a rule
    /// file with a phrase no sieve can read a trigger from (`PhraseRules` asks every line).
    static func stages() throws -> [GarbleRepair] {
        let text = try GarbleRepairOrderTests.samples().joined()
        var survey = DocumentSurvey()
        for line in text.split(separator: "\n") { survey.add(line: Array(line.utf8)) }
        var plain = try GarbleRepair()
        plain.use(survey)
        var confusing = plain
        confusing.context.capitalIWords = [try #require(DocumentSurvey.iWordKey(Array("in".utf8)))]
        let file = Scratch.root.appendingPathComponent("emend-sieve-\(UUID().uuidString).yaml")
        try """
        replacements:
          - {find: "Mr", replace: "Mr."}
        phrases:
          - {find: "(?i)THE the", replace: "the"}
          - {find: "he (shot|tried)", replace: "be $1"}
        """.write(to: file, atomically: true, encoding: .utf8)
        var phrased = try GarbleRepair(configuration: .init(rulesFile: file.path))
        phrased.use(survey)
        #expect(!plain.context.rules.everyLineHasPhrases && phrased.context.rules.everyLineHasPhrases)
        return [plain, confusing, phrased]
    }

    @Test func neverPassesByALineWhoseTriggerFires() throws {
        let lines = try Self.lines()
        let notes = NearbyFootnotes(recent: [(13, 1)], ahead: [], window: 0..<0)
        for stage in try Self.stages() {
            let context = stage.context
            for repairs in [GarbleRepair.lineRepairs, GarbleRepair.roundRepairs] {
                let sieve = LineRepairSieve(repairs, in: context)
                var passedBy = [Int](repeating: 0, count: repairs.count)
                for bytes in lines {
                    var line = GarbleLine(text: bytes, number: 1, footnotes: notes, followsBrokenLine: false)
                    let candidates = sieve.candidates(line.features(by: context.rules.lineFeatures))
                    for (index, repair) in repairs.enumerated() where candidates & (1 << index) == 0 {
                        passedBy[index] += 1
                        var fresh = GarbleLine(text: bytes, number: 1, footnotes: notes, followsBrokenLine: false)
                        #expect(!repair.mayApply(to: &fresh, in: context), "\(repair): \(String(decoding: bytes, as: UTF8.self))")
                    }
                }
                // The sieve does its work: each repair whose trigger reads the line's pairs alone is passed by on some lines.
                for (index, repair) in repairs.enumerated() where repair.neededFeatures(in: context) != nil {
                    #expect(passedBy[index] > 0, "\(repair)")
                }
            }
        }
    }

    /// The repairs let through keep their order, and a repair that changes
    /// the line has the repairs after it sieved by the line as it left it.
    @Test func runsTheRepairsInOrderOnTheLineAsEachLeftIt() throws {
        let stage = try Self.stages()[0]
        let context = stage.context
        var sieve = LineRepairSieve(GarbleRepair.lineRepairs, in: context)
        // The ligature repair makes "ﬁ" "fi", and the text it leaves has no feature of the others.
        var line = GarbleLine(text: Array("the \u{FB01}rst".utf8), number: 1, footnotes: nil, followsBrokenLine: false)
        var rules: [String] = []
        let before = try sieve.run(on: &line, in: context, takesEveryStep: false) { rule, _, _, _ in rules.append(rule) }
        #expect(rules == ["garbles:ligature"])
        #expect(before.map { String(decoding: $0, as: UTF8.self) } == "the \u{FB01}rst")
        #expect(String(decoding: line.text, as: UTF8.self) == "the first")
        #expect(line.features(by: context.rules.lineFeatures) == 0)
        // Nothing to do: nothing runs, and the line is as it was.
        var plain = GarbleLine(text: Array("the first".utf8), number: 1, footnotes: nil, followsBrokenLine: false)
        #expect(try sieve.run(on: &plain, in: context, takesEveryStep: false) { _, _, _, _ in } == nil)
    }
}
