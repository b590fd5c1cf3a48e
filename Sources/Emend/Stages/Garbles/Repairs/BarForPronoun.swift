import Foundation

extension GarbleRepair {
    /// The pronoun "I" that OCR read as a bar ("and | looked" → "and I
    /// looked"): a "|" standing alone between spaces (or at the line's start)
    /// before a word that the document writes after "I" elsewhere, or a word
    /// of small letters it writes after a pronoun that stands where "I"
    /// stands (the rule files' `subject-pronouns`: "we looked"). A sans-serif book whose OCR
    /// reads every "I" as a bar has no "I looked" of its own; its "he looked"
    /// is the evidence.
    /// Never touches: a line with three bars or more (a table, a rule of
    /// layout), a bar glued to a word or at the line's end, a bar before no
    /// word ("Farnham, etc | 143"), or before a word the document never writes
    /// after "I" or those pronouns ("leagues | the").
    struct BarForPronoun: GarbleLineRepair {
        static var names: [String] { ["garbles:bar-for-i"] }

        /// A bar beside a space.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool { line.mayHave(GarbleRules.barFeature, in: context) }

        static func neededFeatures(in context: Context) -> UInt16? { GarbleRules.barFeature }

        /// The most bars a line may have for one to be read as "I".
        static let mostBars = 2

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            let text = line.text
            let bars = text.indices.filter { text[$0] == UInt8(ascii: "|") }
            guard bars.count <= mostBars else { return }
            for bar in bars {
                guard bar == 0 || text[bar - 1] == 0x20, bar + 2 < text.count, text[bar + 1] == 0x20 else { continue }
                var end = bar + 2
                while end < text.count, DocumentVocabulary.isLetter(text[end]) { end += 1 }
                guard end > bar + 2, end == text.count || !DocumentVocabulary.isLetter(text[end]) else { continue }
                let next = text[(bar + 2)..<end]
                guard context.survey.pairCount(ArraySlice("I".utf8), next) > 0
                        || GarbleRepair.isLower(text[bar + 2]) && next.allSatisfy({ $0 < 0x80 })
                        && context.rules.subjectPronouns.contains(where: { context.survey.pairCount($0[...], next) > 0 }) else { continue }
                record("garbles:bar-for-i", "|", "I", bar + 1)
                line.text[bar] = UInt8(ascii: "I")
            }
        }
    }
}
