import Foundation

extension GarbleRepair {
    /// A space before , ; : ) and a final . removed ("2 ," → "2,", "577 ." → "577."),
    /// where the document sets that mark closed up at least `closedSpacingRatio`
    /// times as often as spaced.
    /// Never touches: a text that spaces its marks (French style), a mark not
    /// before a space or the line's end ("1) :atomic"), spaced ellipses
    /// (". . ."), a period before a small letter (on its line, at the start
    /// of the next, or of the one after a blank line) or after a word no sentence ends in ("with ."), a colon
    /// or semicolon at the line's end over a line in small letters, garbled runs of lone
    /// characters ("K q o v ,", "9 ~ 5 . 1 . 9 .").
    struct SpaceBeforePunctuation: GarbleLineRepair {
        static var names: [String] { ["garbles:space-before-punctuation"] }

        /// True when the letters that end at `end` of `text` (after a space or
        /// the line's start) are a word of the rule files' `never-last-in-a-sentence`.
        static func endsInWordNoSentenceEndsIn(_ text: [UInt8], before end: Int, context: Context) -> Bool {
            let start = GarbleRepair.lettersStart(text, before: end)
            guard start < end, end - start <= 8, start == 0 || text[start - 1] == 0x20 else { return false }
            return context.rules.neverLastInASentence.contains(text[start..<end].map(DocumentVocabulary.lowercased))
        }

        /// A space before one of the marks stands in the line.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool { line.mayHave(GarbleRules.spacedMarkFeature, in: context) }

        static func neededFeatures(in context: Context) -> UInt16? { GarbleRules.spacedMarkFeature }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            var result = line.text
            var index = result.count - 1
            while index >= 2 {
                let mark = result[index]
                if result[index - 1] == 0x20, mark == UInt8(ascii: ",") || mark == UInt8(ascii: ";") || mark == UInt8(ascii: ":")
                    || mark == UInt8(ascii: ")") || mark == UInt8(ascii: ".") {
                    var start = index - 1
                    while start > 0, result[start - 1] == 0x20 { start -= 1 }
                    let before = start > 0 ? result[start - 1] : 0x20
                    let after = index + 1 < result.count ? result[index + 1] : 0x20
                    let afterNext = index + 2 < result.count ? result[index + 2] : 0x20
                    let wordBefore = DocumentVocabulary.isLetter(before) || GarbleRepair.isDigit(before) || before == UInt8(ascii: ")")
                    let ellipsis = mark == UInt8(ascii: ".") && (before == UInt8(ascii: ".") || afterNext == UInt8(ascii: "."))
                    let markEnds = after == 0x20 || index + 1 == result.count
                        || (mark != UInt8(ascii: ".") && "\"')]'".utf8.contains(after))
                    // A period ends a sentence: before a small letter ("continues . vigorously",
                    // or "would not ." over "have so served", or over a blank line and "spoyled the
                    // flesh") it is a speck the scanner read, not this word's.
                    let afterSpaces = line.byteAfterSpaces(in: result, after: index)
                    let following = afterSpaces.endsLine ? line.nextTextStart : afterSpaces.byte
                    // Nor after a word no sentence ends in ("with .", "the ."): a speck there too.
                    let endsSentence = mark != UInt8(ascii: ".") || !GarbleRepair.isLower(following)
                        && !Self.endsInWordNoSentenceEndsIn(result, before: start, context: context)
                    // A colon or semicolon alone at the line's end over text in small letters is a
                    // speck at the margin as often as a mark ("the semantics :" over "to associate").
                    let marginSpeck = (mark == UInt8(ascii: ":") || mark == UInt8(ascii: ";")) && afterSpaces.endsLine
                        && GarbleRepair.isLower(following)
                    let spacing = context.survey.spacing(of: mark)
                    let inconsistent = spacing.closed >= Self.closedSpacingRatio * max(1, spacing.spaced)
                    // Garbled runs are left for a human: a lone letter ("K q o v ,") or
                    // single characters with spaced marks ("9 ~ 5 . 1 . 9 .").
                    let loneCharacter = start < 2 || result[start - 2] == 0x20
                    let loneLetter = loneCharacter && DocumentVocabulary.isLetter(before)
                    let spacedRun = loneCharacter && (Self.hasSpacedMark(result, before: start - 1) || Self.hasSpacedMark(result, after: index))
                    if start > 0, wordBefore, !ellipsis, markEnds, endsSentence, !marginSpeck, inconsistent, !loneLetter, !spacedRun,
                       mark != UInt8(ascii: ")") || before != UInt8(ascii: "(") {
                        record("garbles:space-before-punctuation", String(decoding: result[(start - 1)...index], as: UTF8.self),
                               String(decoding: [before, mark], as: UTF8.self), start)
                        result.removeSubrange(start..<index)
                        index = start
                    }
                }
                index -= 1
            }
            line.text = result
        }

        /// How many times more often a document must close a mark up than space it
        /// before a spaced use counts as damage: one spaced use in five is a habit.
        static let closedSpacingRatio = 4

        /// True when "X ." (one character, a space, a mark) stands just before `position`.
        static func hasSpacedMark(_ text: [UInt8], before position: Int) -> Bool {
            var index = position - 1
            while index >= 0, text[index] == 0x20 { index -= 1 }
            guard index >= 2, ".,~".utf8.contains(text[index]), text[index - 1] == 0x20 else { return false }
            return index < 3 || text[index - 3] == 0x20
        }

        /// True when " X ." (a space, one character, a space, a mark) follows `position`.
        static func hasSpacedMark(_ text: [UInt8], after position: Int) -> Bool {
            var index = position + 1
            while index < text.count, text[index] == 0x20 { index += 1 }
            guard index + 2 < text.count, text[index + 1] == 0x20, ".,~".utf8.contains(text[index + 2]) else { return false }
            return true
        }
    }
}
