import Foundation

extension GarbleRepair {
    /// OCR confusions of letter shapes undone (`confusions` of the rule files,
    /// "rn" read for "m": "Conceming" → "Concerning"), and learned confusions
    /// of single letters in a document that makes them (`ConfusionEvidence`),
    /// each reported under its entry's place: the one word that undoing a
    /// single confusion makes of the token, a common English word or one the
    /// document or the name lexicon attests.
    /// Never touches: a known word, a word the document repeats unless it uses
    /// the repair more often still (or its shape is no word's: "shaU" → "shall"
    /// however often), a transliteration's soft sign ("chast'"),
    /// a short capitalised word before a period ("Com." is Comrade), a word
    /// two repairs would fit, a repair in mixed case.
    struct LetterConfusions: GarbleTokenRepair {
        var names: [String] { [] }
        var leavesKnownWords: Bool { true }

        /// A plain word, no soft sign in the token, no abbreviation.
        func mayApply(to token: GarbleToken, in context: Context) -> Bool {
            guard token.isPlainWord else { return false }
            let bytes = token.bytes
            // A transliteration's soft sign ("chast'") marks a Russian word: no confusion is undone in it.
            let apostropheBy = bytes.indices.dropLast().contains { bytes[$0] == UInt8(ascii: "'") && $0 > 0
                && DocumentVocabulary.isLetter(bytes[$0 - 1]) } || (bytes.last == UInt8(ascii: "'") && bytes.count > 1
                && DocumentVocabulary.isLetter(bytes[bytes.count - 2]))
            // "Com." is Comrade, not Corn: a short capitalised word before a period is an abbreviation.
            let abbreviation = token.trailing.last == UInt8(ascii: ".") && token.core.count <= 4
                && token.core.first.map(GarbleRepair.isUpper) == true
            return !apostropheBy && !abbreviation
        }

        func repair(_ token: GarbleToken, in context: Context) -> GarbleToken.Repair? {
            Self.undo(token.core, own: token.own, in: context).map { (token.wrap($0.text), $0.rule) }
        }

        /// The one word that undoing a single confusion of the rule files makes
        /// of `word` (seen `own` times in the document): a word of three letters
        /// or more (two when it ends in a capital after a small letter), whose repair is in plain case and is a common English word or
        /// a word the document or the name lexicon attests; when `word` is
        /// repeated, the repair must be used more often still. Learned confusions
        /// count only in a document that makes them (`ConfusionEvidence`).
        static func undo(_ word: [UInt8], own: Int, in context: Context) -> GarbleToken.Repair? {
            // Past the longest word the segmenter tries, no swap makes a word: a run
            // of 20,000 letters costs nothing (each try is a copy of the whole run).
            // A small letter before a capital that ends the word ("shaU", "aU") is
            // no spelling of any word: OCR's, however often the document repeats it.
            let misreadShape = endsInCapitalAfterSmall(word)
            guard word.count >= (misreadShape ? 2 : 3), word.count <= context.maximumWordLength else { return nil }
            var found: [([UInt8], String)] = []
            // A confusion whose read form has a letter the word lacks undoes nothing in it: passed by unasked.
            let held = HeldBytes(word)
            // Each candidate is made in this one array, in the order `candidates(undoingIn:)` gives them.
            var candidate: [UInt8] = []
            // A confusion the document is shown to make explains a repeated token
            // ("thom" for "them" on every page of a newspaper) when the document
            // also has the repair: repetition is no evidence then.
            func consider(_ confusion: GarbleRules.Confusion, madeByDocument: Bool = false) -> Bool {
                guard held.mayHold(confusion.read), confusion.read.count <= word.count else { return found.count <= 1 }
                let read = confusion.read
                for start in 0...(word.count - read.count) {
                    var matched = 0
                    while matched < read.count && word[start + matched] == read[matched] { matched += 1 }
                    guard matched == read.count else { continue }
                    candidate.removeAll(keepingCapacity: true)
                    candidate.append(contentsOf: word[..<start])
                    candidate.append(contentsOf: confusion.meant)
                    candidate.append(contentsOf: word[(start + read.count)...])
                    guard CaseShape(of: candidate) != .mixed, !found.contains(where: { $0.0 == candidate }) else { continue }
                    let uses = context.survey.count(of: candidate[...])
                    if own >= 2 && uses <= own && !(madeByDocument && uses > 0) && !misreadShape { continue }
                    // Short words swap too easily ("pany" → "pony"): in four letters or
                    // fewer the repair must be one of the commonest words or attested.
                    // A word no spelling has ("beU") is damage for certain: only its repair's commonness is asked.
                    let tier = context.commonestTier(of: candidate[...])
                    let common = word.count <= 4 && !misreadShape ? tier <= 10 : tier <= 35
                    if common || uses > 0 || context.names.contains(candidate[...]) { found.append((candidate, confusion.rule)) }
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
                guard held.mayHold(confusion.read) else { return found.count <= 1 }
                for candidate in confusion.candidates(undoingIn: word) {
                    guard CaseShape(of: candidate) != .mixed, !found.contains(where: { $0.0 == candidate }) else { continue }
                    // The document's count first: most candidates it never uses (the tests are pure; their order is the time's).
                    let uses = context.survey.count(of: candidate[...])
                        + (context.bookVocabulary.count > 0 ? context.bookVocabulary.count(of: candidate[...]) : 0)
                    guard uses >= 2 || (confusion.isOfConsonants && context.names.contains(candidate[...])),
                          context.commonestTier(of: candidate[...]) > 35 else { continue }
                    found.append((candidate, confusion.rule))
                }
                return found.count <= 1
            }
            for confusion in context.rules.confusions where !consider(confusion) { return nil }
            for (index, confusion) in context.rules.learnedConfusions.enumerated() {
                if index < context.activeConfusions.count && context.activeConfusions[index] {
                    if !consider(confusion, madeByDocument: true) { return nil }
                } else if !considerTerm(confusion) {
                    return nil
                }
            }
            return found.count == 1 ? found[0] : nil
        }

        /// The ASCII bytes a word holds, as bits: what a confusion must find in
        /// it before it can undo anything there. Never says a byte the word
        /// holds is missing; says nothing of bytes past ASCII.
        struct HeldBytes {
            /// Bit `b` for byte `b` below 64, then for byte `b - 64` below 128.
            private var low: UInt64 = 0, high: UInt64 = 0

            init(_ word: [UInt8]) {
                for byte in word {
                    if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte &- 64) }
                }
            }

            /// False only when `byte` is ASCII and the word lacks it.
            func mayHold(_ byte: UInt8) -> Bool {
                byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 ? high & (1 << UInt64(byte &- 64)) != 0 : true
            }

            /// False only when the word lacks one of `bytes` (so cannot hold them in a row).
            func mayHold(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy(mayHold) }
        }

        /// True for letters whose last is a capital right after a small letter ("weU", "DeviU", "aU").
        static func endsInCapitalAfterSmall<Word: RandomAccessCollection<UInt8>>(_ word: Word) -> Bool {
            guard word.count >= 2 else { return false }
            let last = word.index(before: word.endIndex)
            return GarbleRepair.isUpper(word[last]) && GarbleRepair.isLower(word[word.index(before: last)])
        }
    }

    /// Every English word or lexicon name that undoing one confusion in `word`
    /// gives ("Conceming" → "Concerning"), for a proofreader's worklist. The
    /// repair itself takes a candidate only when it is the one and common enough.
    public func lookAlikeCandidates(for word: [UInt8]) -> [String] {
        guard word.count >= 3, word.count <= configuration.maximumWordLength else { return [] }
        var found: [String] = []
        for confusion in context.rules.confusions + context.rules.learnedConfusions {
            for candidate in confusion.candidates(undoingIn: word) {
                let text = String(decoding: candidate, as: UTF8.self)
                if (context.english.contains(candidate[...]) || context.isAttested(candidate[...])) && !found.contains(text) {
                    found.append(text)
                }
            }
        }
        return found
    }
}
