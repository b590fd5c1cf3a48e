import Foundation

extension GarbleRepair {
    /// What every repair of the garbles stage reads and none owns: the rule
    /// files, the English list, the name lexicon, the book's vocabulary file,
    /// the document's own counts and what they show (which learned confusions
    /// the document makes, whether it loses spaces), and each token's decided
    /// repair. The stage keeps one and hands it to each repair (`GarbleRepair.order`);
    /// a repair never changes it. The evidence the repairs share is here too.
    struct Context {
        let rules: GarbleRules
        let english: EnglishWordList
        let names: WordTable
        let confusables: LookAlikes
        /// Compound-forming prefixes (`dehyphenate/compounds.yaml`): "pro-cess" keeps its hyphen.
        let compoundPrefixes: Set<String>
        /// Patterns of romanized Russian (translit/russian-looking.yaml): such words are never split.
        let russianLooking: RussianLookingTest
        /// The longest run of letters the segmenter tries to split (`max-word`).
        let maximumWordLength: Int
        /// The document's own counts: the whole document's when handed over by
        /// `use(_:)`, otherwise counted as lines arrive (the look-ahead window
        /// and every line before it), before any repair.
        var survey = DocumentSurvey()
        var surveyIsHanded = false
        /// The words of a vocabulary file (`emend learn`): known words.
        var bookVocabulary = DocumentVocabulary()
        /// Which learned confusions the document makes (see `ConfusionEvidence`).
        var activeConfusions: [Bool] = []
        /// For each learned confusion the document makes, the share of its
        /// commonest words' uses it damages (`ConfusionEvidence.Tally.damageRate`); 0 for the others.
        var confusionRates: [Double] = []
        /// True when the document makes any learned confusion.
        var makesAnyConfusion = false
        /// True when the document runs its commonest pairs of words together (`SpaceLossEvidence`).
        var losesSpaces = false
        /// The keys of the function words in "i" when the document writes them
        /// with a capital "I" mid-sentence again and again (`CapitalIForSmall`); empty in most.
        var capitalIWords = Set<UInt32>()
        /// Each distinct token's repair, once the whole document's counts are in.
        var decisions = TokenDecisions()
        /// Each distinct token's facts for the word repairs' trigger, once the whole document's counts are in.
        var tokenFacts = TokenFacts()
        /// The document-independent parts of the confusion and space-loss tests, made once.
        let confusionIndex = MadeOnce<ConfusionIndex>()
        let spaceLossPairs = MadeOnce<SpaceLossEvidence.Pairs>()
        /// The documents that asked for the space-loss test while its pairs were unmade.
        let spaceLossDocuments = SharedCounter()
        /// False makes every line and token take the whole way, without the
        /// repairs' triggers that pass most of them by: the same output, slower.
        /// For tests of those triggers.
        var usesShortcuts = true

        /// A word the document uses (`word` is not the token being repaired), a
        /// name of the lexicon, or a word of the book's vocabulary file.
        func isAttested(_ word: ArraySlice<UInt8>) -> Bool {
            survey.count(of: word) > 0 || names.contains(word) || isInBookVocabulary(word)
        }

        /// In the book's vocabulary file (`emend learn`), when one was given.
        func isInBookVocabulary(_ word: ArraySlice<UInt8>) -> Bool {
            bookVocabulary.count > 0 && bookVocabulary.count(of: word) > 0
        }

        /// A word the document uses more than once: its own word, whatever the lexicons say.
        func isDocumentWord(_ word: ArraySlice<UInt8>) -> Bool { survey.count(of: word) >= 2 }

        func looksRussian(_ word: [UInt8]) -> Bool { russianLooking.matches(word) }

        /// In the English list, the name lexicon or the book's vocabulary file.
        func isKnown(_ word: ArraySlice<UInt8>) -> Bool {
            english.contains(word) || names.contains(word) || isInBookVocabulary(word)
        }

        /// A common English word: in the English list's commoner sizes (a rare
        /// dictionary word is no evidence for a repair).
        func isCommon(_ word: ArraySlice<UInt8>) -> Bool { commonestTier(of: word) <= 35 }

        /// The word's tier in the English list, or its small-letter form's when
        /// that is commoner ("Fourth" is listed as a rare name too); 99 when unlisted.
        func commonestTier(of word: ArraySlice<UInt8>) -> UInt8 { word.withUnsafeBytes { commonestTier(of: $0) } }

        /// The same on bytes in place.
        func commonestTier(of word: UnsafeRawBufferPointer) -> UInt8 {
            guard let first = word.first, GarbleRepair.isUpper(first) else { return english.tier(of: word) ?? 99 }
            return english.commonestTier(ofCapitalised: word)
        }

        /// A word that may stand alone: a known word, or of the single letters only a, A and I.
        func isWholeWord(_ bytes: [UInt8]) -> Bool { isWholeWord(bytes[...]) }

        /// `isWholeWord` of a piece of a token.
        func isWholeWord(_ bytes: ArraySlice<UInt8>) -> Bool {
            if bytes.count == 1 {
                let byte = bytes[bytes.startIndex]
                return byte == UInt8(ascii: "a") || byte == UInt8(ascii: "A") || byte == UInt8(ascii: "I")
            }
            return isKnown(bytes) || isDocumentWord(bytes)
        }

        /// In the English list or the book's vocabulary file (not the names: those are `isKnown`'s).
        func isKnownWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
            if bookVocabulary.count > 0 && bookVocabulary.count(of: word) > 0 { return true }
            // Where the document makes a confusion, a rare listed word may be its damage ("tho").
            guard let tier = english.tier(of: UnsafeRawBufferPointer(word)) else { return false }
            return !makesAnyConfusion || tier <= 35
        }
    }
}
