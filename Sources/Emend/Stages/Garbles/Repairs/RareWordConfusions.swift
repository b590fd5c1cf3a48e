import Foundation

extension GarbleRepair {
    /// A word the English list lacks or lists as rare that a learned confusion
    /// the document makes explains ("tho" → "the", "bo" → "be", "largo" →
    /// "large" in newspaper OCR that reads "e" as "o"), reported under the
    /// confusion's place in the rule files: the one repair that is among the
    /// commonest English words and that the document also writes right, or
    /// any such repair for a word in small letters the document has once ("wo"
    /// → "we" where the page has no "we"; "Wing Wo" and a "tho" seen twice
    /// beside no "the" stay). A word in small letters, listed or not, also
    /// goes where English word frequencies and the share of uses the document
    /// damages make the repair a hundred times likelier than the word as
    /// written (`isLikelier`: "wo" nine times beside no "we" on a newspaper
    /// page that writes "tho" for "the" seventeen times in eighteen).
    /// Never touches: a word English uses nearly as often as the repair ("bad"
    /// for "had", "moat" for "meat"), a name of the lexicon, a word of the
    /// book's vocabulary file, anything in a document that makes no learned
    /// confusion.
    struct RareWordConfusions: GarbleTokenRepair {
        var names: [String] { [] }
        var leavesKnownWords: Bool { false }

        /// A plain word, in a document that makes a learned confusion.
        func mayApply(to token: GarbleToken, in context: Context) -> Bool { context.makesAnyConfusion && token.isPlainWord }

        func repair(_ token: GarbleToken, in context: Context) -> GarbleToken.Repair? {
            let word = token.core
            let isSmallWord = word.allSatisfy(GarbleRepair.isLower)
            let isRare = context.commonestTier(of: word[...]) > 35
            guard word.count >= 2, word.count <= context.maximumWordLength,
                  isSmallWord || word.allSatisfy({ GarbleRepair.isLower($0) || GarbleRepair.isUpper($0) }),
                  isRare || isSmallWord, !context.names.contains(word[...]),
                  !context.isInBookVocabulary(word[...]) else { return nil }
            // The repair must be a word the document writes, unless the word is
            // in small letters and seen once: a repeated word is the document's
            // own unless its repair is commoner there, and a capitalised one may
            // be a name ("Wing Wo"); or English and the document's damage must
            // make the repair far likelier.
            let isLoneSmallWord = isSmallWord && context.survey.count(of: word[...]) <= 1
            var found: [([UInt8], String)] = []
            for (index, confusion) in context.rules.learnedConfusions.enumerated()
            where index < context.activeConfusions.count && context.activeConfusions[index] {
                for candidate in confusion.candidates(undoingIn: word)
                where CaseShape(of: candidate) != .mixed && context.commonestTier(of: candidate[...]) <= 10
                    && (isRare && (isLoneSmallWord || context.survey.count(of: candidate[...]) > 0)
                        || isSmallWord && Self.isLikelier(candidate, than: word, damageRate: context.confusionRates[index]))
                    && !found.contains(where: { $0.0 == candidate }) {
                    found.append((candidate, confusion.rule))
                }
            }
            return found.count == 1 ? (token.wrap(found[0].0), found[0].1) : nil
        }

        /// How much likelier, as a power of ten, the repair must be than the
        /// word as written (a hundred times).
        static let likelihoodMargin = 2.0

        /// Whether `repair` is `likelihoodMargin` likelier than `word` in a
        /// document that damages `damageRate` of the uses it could: English's
        /// frequency of the repair times that rate against the word's own
        /// (a word English uses less than once per million words counts as
        /// once per million, its most).
        static func isLikelier(_ repair: [UInt8], than word: [UInt8], damageRate: Double) -> Bool {
            guard damageRate > 0, let repairZipf = EnglishFrequencies.zipfTimesTen(repair[...]) else { return false }
            let wordZipf = EnglishFrequencies.zipfTimesTen(word[...]) ?? EnglishFrequencies.floor
            return Double(repairZipf - wordZipf) / 10 + log10(damageRate) >= likelihoodMargin
        }
    }
}
