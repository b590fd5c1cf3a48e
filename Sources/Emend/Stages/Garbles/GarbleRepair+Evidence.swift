import Foundation

/// What the garbles stage knows of a word: the English list, the name lexicon,
/// the book's vocabulary file and the document's own counts. Shared by the repairs.
extension GarbleRepair {
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

    func looksRussian(_ word: [UInt8]) -> Bool {
        let text = String(decoding: word, as: UTF8.self)
        let range = NSRange(text.startIndex..., in: text)
        return russianLooking.contains { $0.firstMatch(in: text, range: range) != nil }
    }

    /// In the English list, the name lexicon or the book's vocabulary file.
    func isKnown(_ word: ArraySlice<UInt8>) -> Bool {
        english.contains(word) || names.contains(word) || isInBookVocabulary(word)
    }

    /// A common English word: in the English list's commoner sizes (a rare
    /// dictionary word is no evidence for a repair).
    func isCommon(_ word: ArraySlice<UInt8>) -> Bool { commonestTier(of: word) <= 35 }

    /// The word's tier in the English list, or its small-letter form's when
    /// that is commoner ("Fourth" is listed as a rare name too); 99 when unlisted.
    func commonestTier(of word: ArraySlice<UInt8>) -> UInt8 {
        let asWritten = english.tier(of: word) ?? 99
        guard word.first.map(Self.isUpper) == true else { return asWritten }
        return min(asWritten, english.tier(of: DocumentVocabulary.lowercased(word)) ?? 99)
    }
}
