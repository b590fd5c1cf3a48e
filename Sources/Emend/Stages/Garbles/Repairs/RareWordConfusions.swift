import Foundation

extension GarbleRepair {
    /// A word the English list lacks or lists as rare that a learned confusion
    /// the document makes explains ("tho" → "the", "bo" → "be", "largo" →
    /// "large" in newspaper OCR that reads "e" as "o"), reported under the
    /// confusion's place in the rule files: the one repair that is among the
    /// commonest English words and that the document also writes right, or
    /// any such repair for a word in small letters the document has once ("wo"
    /// → "we" where the page has no "we"; "Wing Wo" and a "tho" seen twice
    /// beside no "the" stay).
    /// Never touches: a common word, a name of the lexicon, a word of the
    /// book's vocabulary file, anything in a document that makes no learned
    /// confusion.
    struct RareWordConfusions: GarbleTokenRepair {
        var names: [String] { [] }
        var leavesKnownWords: Bool { false }

        /// A plain word, in a document that makes a learned confusion.
        func mayApply(to token: GarbleToken, in context: Context) -> Bool { context.makesAnyConfusion && token.isPlainWord }

        func repair(_ token: GarbleToken, in context: Context) -> GarbleToken.Repair? {
            let word = token.core
            guard word.count >= 2, word.count <= context.maximumWordLength,
                  word.allSatisfy({ GarbleRepair.isLower($0) || GarbleRepair.isUpper($0) }),
                  context.commonestTier(of: word[...]) > 35, !context.names.contains(word[...]),
                  !context.isInBookVocabulary(word[...]) else { return nil }
            // The repair must be a word the document writes, unless the word is
            // in small letters and seen once: a repeated word is the document's
            // own unless its repair is commoner there, and a capitalised one may
            // be a name ("Wing Wo").
            let isLoneSmallWord = word.allSatisfy(GarbleRepair.isLower) && context.survey.count(of: word[...]) <= 1
            var found: [([UInt8], String)] = []
            for (index, confusion) in context.rules.learnedConfusions.enumerated()
            where index < context.activeConfusions.count && context.activeConfusions[index] {
                for candidate in confusion.candidates(undoingIn: word)
                where CaseShape(of: candidate) != .mixed && context.commonestTier(of: candidate[...]) <= 10
                    && (isLoneSmallWord || context.survey.count(of: candidate[...]) > 0) && !found.contains(where: { $0.0 == candidate }) {
                    found.append((candidate, confusion.rule))
                }
            }
            return found.count == 1 ? (token.wrap(found[0].0), found[0].1) : nil
        }
    }
}
