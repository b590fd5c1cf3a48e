import Foundation

extension GarbleRepair {
    /// A small word in "i" that OCR read with a capital "I" mid-sentence
    /// ("lived In the city", "and It was"), in a document that does so again
    /// and again (`confusedWords`): written with a small "i".
    /// Never touches: a document that writes such words with a capital mid-
    /// sentence rarely (titles, verse, a sentence whose period was lost), the
    /// pronoun "I", a word at a line's start or end, after a capital or a mark
    /// other than a comma, or before a capital ("Into The Night"), a word not
    /// in the rule files' `function-words`, and a word of the rule files'
    /// `sentence-openers` ("It") after any word but one of
    /// `never-last-in-a-sentence` ("the action of water It may": a sentence
    /// whose period the scan lost).
    struct CapitalIForSmall: GarbleLineRepair {
        static var names: [String] { ["garbles:capital-i"] }

        /// The document confuses, and the line has a capital "I".
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool {
            !context.capitalIWords.isEmpty && line.text.contains(UInt8(ascii: "I"))
        }

        /// None in a document that does not confuse; else every line is asked.
        static func neededFeatures(in context: Context) -> UInt16? { context.capitalIWords.isEmpty ? 0 : nil }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            line.text.withUnsafeMutableBufferPointer { text in
                for index in text.indices where text[index] == UInt8(ascii: "I") {
                    guard let word = DocumentSurvey.midSentenceIWord(in: UnsafeBufferPointer(text), at: index),
                          context.capitalIWords.contains(word.key) else { continue }
                    let small = [UInt8(ascii: "i")] + text[(index + 1)..<word.end]
                    if context.rules.sentenceOpeners.contains(small) {
                        // After a word that may end a sentence, "It" may open one whose period was lost.
                        var start = index - 1
                        while start > 0, GarbleRepair.isLower(text[start - 1]) || GarbleRepair.isUpper(text[start - 1]) { start -= 1 }
                        guard context.rules.neverLastInASentence.contains(text[start..<(index - 1)].map(DocumentVocabulary.lowercased)) else { continue }
                    }
                    text[index] = UInt8(ascii: "i")
                    record("garbles:capital-i", "I" + String(decoding: small.dropFirst(), as: UTF8.self), String(decoding: small, as: UTF8.self), index + 1)
                }
            }
        }

        /// The keys of the function words in "i" (of two to four letters),
        /// all of them, when the document writes them with a capital
        /// mid-sentence systematically, by the test `ConfusionEvidence` makes of
        /// learned confusions: twice at least, and more often than a background
        /// of one use in a hundred explains (one-sided Poisson tail below
        /// `ConfusionEvidence.significance`), counting the words together but
        /// for `sentenceOpeners` (a capital "It" after any word is as likely a
        /// lost period). Titles, verse and lost periods give a clean book well
        /// under one in a hundred; OCR that reads "i" as "I" gives a third of
        /// them or more. Empty otherwise.
        static func confusedWords(in survey: DocumentSurvey, functionWords: [[UInt8]], sentenceOpeners: Set<[UInt8]>) -> Set<UInt32> {
            var keys = Set<UInt32>(), capital = 0, small = 0
            for word in functionWords {
                guard let key = DocumentSurvey.iWordKey(word), keys.insert(key).inserted, !sentenceOpeners.contains(word) else { continue }
                let cases = survey.midSentenceCases(of: word)
                capital += cases.capital
                small += cases.small
            }
            let isSystematic = capital >= 2
                && ConfusionEvidence.poissonTail(atLeast: capital, mean: Double(capital + small) * backgroundRate) < ConfusionEvidence.significance
            return isSystematic ? keys : []
        }

        /// The share of mid-sentence uses a clean book writes with a capital.
        static let backgroundRate = 0.01
    }
}
