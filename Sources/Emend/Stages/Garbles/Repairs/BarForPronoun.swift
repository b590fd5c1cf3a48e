import Foundation

extension GarbleRepair {
    /// The pronoun "I" that OCR read as a bar ("and | looked" → "and I
    /// looked"): a "|" standing alone between spaces (or at the line's start),
    /// the line's only bar, before a word that the document writes after "I"
    /// elsewhere (its own pair count of "I looked").
    /// Never touches: a line with another bar (a table, a rule of layout), a
    /// bar before no word or before a word the document never writes after
    /// "I" ("leagues | the", "two | little").
    struct BarForPronoun: GarbleLineRepair {
        static var names: [String] { ["garbles:bar-for-i"] }

        /// A bar beside a space.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool { line.mayHave(GarbleRules.barFeature, in: context) }

        static func neededFeatures(in context: Context) -> UInt16? { GarbleRules.barFeature }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            let text = line.text
            guard let bar = text.firstIndex(of: UInt8(ascii: "|")), text.lastIndex(of: UInt8(ascii: "|")) == bar,
                  bar == 0 || text[bar - 1] == 0x20, bar + 2 < text.count, text[bar + 1] == 0x20 else { return }
            var end = bar + 2
            while end < text.count, DocumentVocabulary.isLetter(text[end]) { end += 1 }
            guard end > bar + 2, end == text.count || !DocumentVocabulary.isLetter(text[end]) else { return }
            let next = text[(bar + 2)..<end]
            guard context.survey.pairCount(ArraySlice("I".utf8), next) > 0 else { return }
            record("garbles:bar-for-i", "|", "I", bar + 1)
            line.text[bar] = UInt8(ascii: "I")
        }
    }
}
