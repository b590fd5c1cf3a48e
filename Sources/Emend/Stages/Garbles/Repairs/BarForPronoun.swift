import Foundation

extension GarbleRepair {
    /// The pronoun "I" that OCR read as a bar ("and | looked" → "and I
    /// looked"): a "|" standing alone between spaces (or at the line's start)
    /// before a word that the document writes after "I" elsewhere, or, after
    /// a word, before a word of small letters, where the document writes a
    /// pronoun that stands where "I" stands (the rule files'
    /// `subject-pronouns`) after the word before ("and he") and before the
    /// word after ("we looked"). A sans-serif book whose OCR
    /// reads every "I" as a bar has no "I looked" of its own; its "he looked"
    /// is the evidence.
    /// Never touches: a line with three bars or more (a table, a rule of
    /// layout), a bar glued to a word or at the line's end, a bar before no
    /// word ("Farnham, etc | 143"), or before a word the document never writes
    /// after "I" or those pronouns ("leagues | the"), or between words no
    /// pronoun stands between ("held | was held": a rule between columns).
    struct BarForPronoun: GarbleLineRepair {
        static var names: [String] { ["garbles:bar-for-i"] }

        /// A bar beside a space.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool { line.mayHave(GarbleRules.barFeature, in: context) }

        static func neededFeatures(in context: Context) -> UInt16? { GarbleRules.barFeature }

        /// The most bars a line may have for one to be read as "I".
        static let mostBars = 2

        /// True when the document writes one of the rule files' subject
        /// pronouns after the word before the bar ("and he") and before the
        /// word after it ("he looked"): the bar stands where a subject
        /// pronoun does on both sides. A column rule between two words
        /// ("held | was held", "Year | was") has no such word before it.
        static func pronounFits(before text: [UInt8], bar: Int, next: ArraySlice<UInt8>, in context: Context) -> Bool {
            guard bar >= 2, text[bar - 1] == 0x20 else { return false }
            let start = GarbleRepair.lettersStart(text, before: bar - 1)
            guard start < bar - 1, start == 0 || text[start - 1] == 0x20 || text[start - 1] == UInt8(ascii: ",") else { return false }
            let previous = text[start..<(bar - 1)]
            let pronouns = context.rules.subjectPronouns
            return pronouns.contains { context.survey.pairCount(previous, $0[...]) > 0 }
                && pronouns.contains { context.survey.pairCount($0[...], next) > 0 }
        }

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
                        && Self.pronounFits(before: text, bar: bar, next: next, in: context) else { continue }
                record("garbles:bar-for-i", "|", "I", bar + 1)
                line.text[bar] = UInt8(ascii: "I")
            }
        }
    }
}
