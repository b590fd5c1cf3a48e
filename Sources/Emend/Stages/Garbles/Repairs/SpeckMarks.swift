import Foundation

extension GarbleRepair {
    /// A colon or semicolon standing alone after a sentence's end, before a
    /// new sentence or at a paragraph's end ("the Croton Aqueduct. : But
    /// there", "accepted. ;" over "It is"): a speck of the scan that OCR read
    /// as a mark, removed with the space before it. No sentence goes on with a
    /// colon after its period. The word before the period is a common word
    /// of the English list (SCOWL size 35 or less) of five letters or more.
    /// Never touches: a mark glued to a word, a mark after an abbreviation's
    /// period or a short word's ("etc. :", "Fig. :", "Rev. ;"), after a word of
    /// capitals or a number, or before a word in small letters ("etc. :
    /// apples" may be a colon whose space OCR added).
    struct SpeckMarks: GarbleLineRepair {
        static var names: [String] { ["garbles:speck-mark"] }

        /// The fewest letters of the word before the period: the English list
        /// has some abbreviations' letters as words of their own ("fig", "rev",
        /// "art", "chap"), all of four letters or fewer.
        static let shortestWord = 5

        /// A space before a mark stands in the line.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool { line.mayHave(GarbleRules.spacedMarkFeature, in: context) }

        static func neededFeatures(in context: Context) -> UInt16? { GarbleRules.spacedMarkFeature }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            var text = line.text
            var index = text.count - 1
            while index >= 4 {
                defer { index -= 1 }
                let mark = text[index]
                guard mark == UInt8(ascii: ":") || mark == UInt8(ascii: ";"), text[index - 1] == 0x20,
                      index + 1 == text.count || text[index + 1] == 0x20 else { continue }
                // Before it, spaces and a sentence's end: a word of small letters, a period, "!" or "?",
                // and perhaps a closing quote or bracket.
                var end = index - 1
                while end > 0, text[end - 1] == 0x20 { end -= 1 }
                var stop = end
                while stop > 0, "\"')]".utf8.contains(text[stop - 1]) { stop -= 1 }
                guard stop > 0, ".!?".utf8.contains(text[stop - 1]) else { continue }
                let start = GarbleRepair.lettersStart(text, before: stop - 1)
                let word = text[start..<(stop - 1)]
                guard word.count >= Self.shortestWord, word.dropFirst().allSatisfy(GarbleRepair.isLower),
                      start == 0 || text[start - 1] == 0x20 || "\"'(".utf8.contains(text[start - 1]),
                      context.english.tier(of: DocumentVocabulary.lowercased(word)).map({ $0 <= 35 }) ?? false else { continue }
                // After it, a new sentence: a capital or a digit, on the line or at the next line's start.
                let (following, endsLine) = line.byteAfterSpaces(in: text, after: index)
                guard GarbleRepair.isUpper(following) || GarbleRepair.isDigit(following)
                        || endsLine && following == 0x20 else { continue }
                record("garbles:speck-mark", String(decoding: text[end..<(index + 1)], as: UTF8.self), "", end + 1)
                text.removeSubrange(end..<(index + 1))
                index = end
            }
            line.text = text
        }
    }
}
