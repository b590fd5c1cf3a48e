import Foundation

extension GarbleRepair {
    /// An acronym a stray space split closed ("the NK VD in the person of" →
    /// "the NKVD in the person of"): two runs of capitals one space apart,
    /// each a whole token but for marks before the first and after the
    /// second, whose join the document writes `leastUses` times or more and
    /// more often than it splits it, where neither part stands anywhere in the
    /// document but in that split (the document's counts, case folded).
    /// Never touches: a part the document also uses alone ("US SR" in a text
    /// that writes "us"), a join the document writes less often than the
    /// split, a token with small letters or digits, two spaces.
    struct SplitAcronyms: GarbleLineRepair {
        static var names: [String] { ["garbles:split-acronym"] }

        /// How often the document must write the joined acronym.
        static let leastUses = 3

        /// A capital, a space and a capital stand in the line.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool {
            guard line.mayHave(GarbleRules.capitalSpaceFeature, in: context) else { return false }
            let text = line.text
            var index = 1
            while index + 1 < text.count {
                if text[index] == 0x20, GarbleRepair.isUpper(text[index - 1]), GarbleRepair.isUpper(text[index + 1]) { return true }
                index += 1
            }
            return false
        }

        static func neededFeatures(in context: Context) -> UInt16? { GarbleRules.capitalSpaceFeature }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            var text = line.text
            var space = text.count - 2
            while space >= 1 {
                defer { space -= 1 }
                guard text[space] == 0x20, GarbleRepair.isUpper(text[space - 1]), GarbleRepair.isUpper(text[space + 1]) else { continue }
                // The first part: capitals back to a space or the line's start, with marks before them.
                var leftStart = space
                while leftStart > 0, GarbleRepair.isUpper(text[leftStart - 1]) { leftStart -= 1 }
                var tokenStart = leftStart
                while tokenStart > 0, text[tokenStart - 1] != 0x20 {
                    guard !Self.isWordByte(text[tokenStart - 1]) else { break }
                    tokenStart -= 1
                }
                // The second part: capitals up to a space or the line's end, with marks after them.
                var rightEnd = space + 1
                while rightEnd < text.count, GarbleRepair.isUpper(text[rightEnd]) { rightEnd += 1 }
                var tokenEnd = rightEnd
                while tokenEnd < text.count, text[tokenEnd] != 0x20, !Self.isWordByte(text[tokenEnd]) { tokenEnd += 1 }
                guard tokenStart == 0 || text[tokenStart - 1] == 0x20, tokenEnd == text.count || text[tokenEnd] == 0x20 else { continue }
                let left = text[leftStart..<space], right = text[(space + 1)..<rightEnd]
                let survey = context.survey
                let splits = survey.count(of: text[leftStart..<rightEnd])
                guard splits > 0, survey.count(of: left) == splits, survey.count(of: right) == splits,
                      survey.count(of: left + right) >= max(Self.leastUses, splits + 1) else { continue }
                record("garbles:split-acronym", String(decoding: text[leftStart..<rightEnd], as: UTF8.self),
                       String(decoding: left + right, as: UTF8.self), leftStart + 1)
                text.remove(at: space)
                space = leftStart
            }
            line.text = text
        }

        /// A letter, a digit or a byte of a character beyond ASCII: what a part may not touch.
        private static func isWordByte(_ byte: UInt8) -> Bool {
            DocumentVocabulary.isLetter(byte) || GarbleRepair.isDigit(byte) || byte >= 0x80
        }
    }
}
