import Foundation

/// OCR confusions of letters undone (`confusions`, `learned-confusions`), on the
/// document's evidence.
extension GarbleRepair {
    /// The one word that undoing a single confusion of `rules` makes of `word`
    /// (seen `own` times in the document): a word of three letters or more,
    /// whose repair is in plain case and is a common English word or a word the
    /// document or the name lexicon attests; when `word` is repeated, the repair
    /// must be used more often still. Learned confusions count only in a
    /// document that makes them (`ConfusionEvidence`).
    func undoConfusion(_ word: [UInt8], own: Int) -> (text: [UInt8], rule: String)? {
        // Past the longest word the segmenter tries, no swap makes a word: a run
        // of 20,000 letters costs nothing (each try is a copy of the whole run).
        guard word.count >= 3, word.count <= configuration.maximumWordLength else { return nil }
        var found: [([UInt8], String)] = []
        // A confusion the document is shown to make explains a repeated token
        // ("thom" for "them" on every page of a newspaper) when the document
        // also has the repair: repetition is no evidence then.
        func consider(_ confusion: GarbleRules.Confusion, madeByDocument: Bool = false) -> Bool {
            for candidate in Self.candidates(undoing: confusion, in: word) {
                guard CaseShape(of: candidate) != .mixed, !found.contains(where: { $0.0 == candidate }) else { continue }
                let uses = survey.count(of: candidate[...])
                if own >= 2 && uses <= own && !(madeByDocument && uses > 0) { continue }
                // Short words swap too easily ("pany" → "pony"): in four letters or
                // fewer the repair must be one of the commonest words or attested.
                let tier = commonestTier(of: candidate[...])
                let common = word.count <= 4 ? tier <= 10 : tier <= 35
                if common || uses > 0 || names.contains(candidate[...]) { found.append((candidate, confusion.rule)) }
            }
            return found.count <= 1
        }
        // In a document that does not make a learned confusion, it may still give
        // a term of the document, no common English word: a name or
        // transliteration the document uses twice or more, in five letters or more ("Irtochnik" beside
        // "Istochnik"), or for a confusion of consonants a name of the lexicon
        // (names vary in their vowels: "Stolin" needs the document's "Stalin").
        func considerTerm(_ confusion: GarbleRules.Confusion) -> Bool {
            // Three or four letters match another word by one letter too easily ("cal" and "col").
            guard own <= 1, word.count >= 5 else { return true }
            for candidate in Self.candidates(undoing: confusion, in: word) {
                guard CaseShape(of: candidate) != .mixed, !found.contains(where: { $0.0 == candidate }),
                      commonestTier(of: candidate[...]) > 35 else { continue }
                let uses = survey.count(of: candidate[...]) + (bookVocabulary.count > 0 ? bookVocabulary.count(of: candidate[...]) : 0)
                if uses >= 2 || (confusion.isOfConsonants && names.contains(candidate[...])) { found.append((candidate, confusion.rule)) }
            }
            return found.count <= 1
        }
        for confusion in rules.confusions where !consider(confusion) { return nil }
        for (index, confusion) in rules.learnedConfusions.enumerated() {
            if index < activeConfusions.count && activeConfusions[index] {
                if !consider(confusion, madeByDocument: true) { return nil }
            } else if !considerTerm(confusion) {
                return nil
            }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// A word the English list lacks or lists as rare that a confusion the
    /// document makes explains ("tho" for "the", "bo" for "be", "largo" for
    /// "large" in newspaper OCR that reads "e" as "o"): the one repair that is
    /// among the commonest English words and that the document also writes
    /// right. Common words and names are never touched.
    func undoConfusionOfRareWord(_ word: [UInt8]) -> (text: [UInt8], rule: String)? {
        guard word.count >= 2, word.count <= configuration.maximumWordLength,
              word.allSatisfy({ Self.isLower($0) || Self.isUpper($0) }),
              commonestTier(of: word[...]) > 35, !names.contains(word[...]) else { return nil }
        var found: [([UInt8], String)] = []
        for (index, confusion) in rules.learnedConfusions.enumerated() where index < activeConfusions.count && activeConfusions[index] {
            for candidate in Self.candidates(undoing: confusion, in: word)
            where CaseShape(of: candidate) != .mixed && commonestTier(of: candidate[...]) <= 10 && survey.count(of: candidate[...]) > 0
                && !found.contains(where: { $0.0 == candidate }) {
                found.append((candidate, confusion.rule))
            }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// Every English word or lexicon name that undoing one confusion in `word`
    /// gives ("Conceming" → "Concerning"), for a proofreader's worklist. The
    /// repair itself takes a candidate only when it is the one and common enough.
    public func lookAlikeCandidates(for word: [UInt8]) -> [String] {
        guard word.count >= 3, word.count <= configuration.maximumWordLength else { return [] }
        var found: [String] = []
        for confusion in rules.confusions + rules.learnedConfusions {
            for candidate in Self.candidates(undoing: confusion, in: word) {
                let text = String(decoding: candidate, as: UTF8.self)
                if (english.contains(candidate[...]) || isAttested(candidate[...])) && !found.contains(text) { found.append(text) }
            }
        }
        return found
    }

    /// The word with one place where `confusion` could have happened undone,
    /// for each such place ("Conceming" → "Concerning" for rn read as m).
    static func candidates(undoing confusion: GarbleRules.Confusion, in word: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var start = 0
        while start + confusion.read.count <= word.count {
            if word[start..<(start + confusion.read.count)].elementsEqual(confusion.read) {
                result.append(Array(word[..<start]) + confusion.meant + Array(word[(start + confusion.read.count)...]))
            }
            start += 1
        }
        return result
    }
}
