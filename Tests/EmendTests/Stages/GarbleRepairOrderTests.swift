@testable import Emend
import Foundation
import Testing

/// The garbles stage as a compound of repairs (`GarbleRepair+Order.swift`):
/// the rule names its changes are reported under are the ones the repairs
/// declare, and a line repair's trigger never passes by a line the repair
/// would change.
@Suite struct GarbleRepairOrderTests {
    /// The names of the built-in repairs in reports, as `--report` and
    /// `--explain` have always given them (rule-file entries are named by their place).
    static let reportedNames: Set<String> = [
        "garbles:ligature", "garbles:invisible", "garbles:no-break-space", "garbles:mixed-script", "garbles:footnote-reference",
        "garbles:space-before-punctuation", "garbles:year", "garbles:citation-space", "garbles:space-after-punctuation",
        "garbles:inner-hyphen", "garbles:run-together", "garbles:split-year", "garbles:letter-spaced", "garbles:stray-space",
        // Added with the repairs of damage every OCR'd book has.
        "garbles:number", "garbles:split-number", "garbles:spaced-hyphen", "garbles:bracket", "garbles:bar-for-i", "garbles:speck-period",
        "garbles:capital-i",
        // Added with the cut of letter-spaced phrases.
        "garbles:letter-spaced-phrase",
        // Added with the specks read as marks after a sentence.
        "garbles:speck-mark",
        // Added with the acronyms a stray space splits.
        "garbles:split-acronym",
        // Added with the specks that stand alone between words.
        "garbles:lone-speck",
    ]

    static var declaredNames: Set<String> {
        Set(GarbleRepair.lineRepairs.flatMap { $0.names } + GarbleRepair.roundRepairs.flatMap { $0.names }
            + GarbleRepair.tokenRepairs.flatMap(\.names) + GarbleRepair.joinRepairs.flatMap(\.names))
    }

    @Test func theRepairsDeclareTheNamesReportsHaveAlwaysUsed() {
        #expect(Self.declaredNames == Self.reportedNames)
    }

    /// Lines with a garble of each kind, and the gold pages.
    static func samples() throws -> [String] {
        let lines = [
            "The o\u{FB03}cial M\u{43E}scow, soft\u{AD}hyphen zero\u{200B}width no\u{A0}break\n",
            "an unde-\ntected criminal and wrecker.\"l3 The following month\n\n13. Pravda, 1931.\n",
            "193 5,1936, and 1937. Others inMoscow, and those brought a purgingof the purgers.\n",
            "At the beginning of the 193os, the secretary of the VKP(b1 it is,thehighest form\n",
            "9. See RTsKhIDNI, f. 17, op. 3 ,  d. 961,l. 16, 18. W e know that a n d he wanted t o see Sta lin\n",
            "In 1936 and 1938 there were 6O0 men. In 19 37 the count was 1,5 00 in all.\n",
            "I was there and I looked; then | looked again and | was glad | and ran.\n",
            "an important part of. the answer, and. so on; refused not. but the end of. The\n",
            "The CC VKP(b) and the CC VKP(b) met; the VKP[b) and [VKP(b]l of theVKPlb) and KP(b1\n",
            "The gen- eration of models. Fol lowing the imp or t an t meeting. It was the end.The next day came.\n",
        ]
        return try lines + GoldPage.all().map(\.raw)
    }

    @Test func everyChangeIsReportedUnderADeclaredNameOrARuleFilePlace() throws {
        var seen = Set<String>()
        for text in try Self.samples() {
            for change in try GarbleRepair().applyReportingChanges(to: text).1 {
                let isRuleFilePlace = change.rule.hasPrefix("rules/garbles/") && change.rule.contains(".yaml:")
                #expect(Self.declaredNames.contains(change.rule) || isRuleFilePlace, "\(change.rule)")
                seen.insert(change.rule)
            }
        }
        // The samples reach most repairs, so the test above looks at their names.
        #expect(seen.intersection(Self.declaredNames).count >= 16)
    }

    @Test func aLineRepairsTriggerNeverPassesByALineItWouldChange() throws {
        for text in try Self.samples() {
            let lines = text.split(separator: "\n").map { Array($0.utf8) }
            var survey = DocumentSurvey()
            for line in lines { survey.add(line: line) }
            var stage = try GarbleRepair()
            stage.use(survey)
            for bytes in lines {
                for repair in GarbleRepair.lineRepairs + GarbleRepair.roundRepairs {
                    var line = GarbleLine(text: bytes, number: 1, footnotes: nil, followsBrokenLine: false)
                    guard !repair.mayApply(to: &line, in: stage.context) else { continue }
                    try repair.repair(&line, in: stage.context) { _, _, _, _ in }
                    #expect(String(decoding: line.text, as: UTF8.self) == String(decoding: bytes, as: UTF8.self), "\(repair)")
                }
            }
        }
    }
}
