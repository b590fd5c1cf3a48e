import Foundation

/// One token's repair: the token repairs (`GarbleRepair.tokenRepairs`) tried
/// in their order, each where its trigger fires, decided once per distinct
/// token of a surveyed document; and the trigger they share, which passes
/// most tokens by before any is tried.
extension GarbleRepair.Context {
    /// One token's repair, if there is a certain one.
    func repairToken(_ token: [UInt8]) -> GarbleToken.Repair? {
        // With the whole document's counts, a token's repair never changes: decided once.
        guard surveyIsHanded else { return decideRepair(token) }
        return decisions.decision(for: token, by: self) { context, token in context.decideRepair(token) }
    }

    /// The repair of one token, from its bytes and the document's counts: the
    /// first repair whose trigger fires and that gives one. Markup, code, URLs
    /// and e-mail addresses are never repaired; a known word only by the
    /// repairs that do not leave known words.
    func decideRepair(_ bytes: [UInt8]) -> GarbleToken.Repair? {
        if GarbleRepair.isMarkupOrAddress(bytes) { return nil }
        // Punctuation around the word stays as it is.
        guard var token = GarbleToken(bytes) else { return nil }
        var known: Bool?
        for repair in GarbleRepair.tokenRepairs where repair.mayApply(to: token, in: self) {
            if repair.leavesKnownWords {
                if known == nil {
                    known = isKnown(token.core[...])
                    // How often the document has this very token: a token it repeats is its word,
                    // changed only into a form the document uses more often still.
                    if known == false { token.own = survey.count(of: token.core[...]) }
                }
                if known == true { continue }
            }
            if let repaired = repair.repair(token, in: self) { return repaired }
        }
        return nil
    }

    /// The trigger the token repairs share, for the token `range` of `bytes`
    /// (`plain`: `isPlainToken`, when known): false when no token repair can
    /// change it, found without allocating.
    func tokenRepairsMayApply(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, plain: Bool? = nil) -> Bool {
        !(plain ?? isPlainToken(bytes, range)) && !hasNoRepairOfItsOwn(bytes, range)
    }

    /// True for a token that has nothing to repair on its own: inside the
    /// punctuation around it, a number of other than three digits (three may
    /// start a split year); a word with a letter beyond ASCII and no comma (the
    /// repairs are for ASCII words); or ASCII letters, with apostrophes and
    /// hyphens inside, of a word the English list or the document knows.
    /// (`repairToken` gives such a token back unchanged, and no join repair
    /// takes it.)
    func isPlainToken(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let core = GarbleRepair.core(bytes, range)
        let first = core.lowerBound, last = core.upperBound
        if first == last { return true }
        // Most tokens are ASCII letters alone: no closer look at their bytes.
        var letters = first
        while letters < last, (bytes[letters] | 0x20) >= UInt8(ascii: "a"), (bytes[letters] | 0x20) <= UInt8(ascii: "z") { letters += 1 }
        if letters == last { return isKnownWord(UnsafeBufferPointer(rebasing: bytes[first..<last])) }
        var digits = 0, beyondASCII = false, comma = false, wordBytes = true
        for index in first..<last {
            let byte = bytes[index]
            if GarbleRepair.isDigit(byte) { digits += 1 }
            else if byte >= 0x80 { beyondASCII = true }
            else if byte == UInt8(ascii: ",") { comma = true }
            if !(DocumentVocabulary.isLetter(byte) || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-")) || byte >= 0x80 {
                wordBytes = false
            }
        }
        if digits == last - first { return digits != 3 }  // "193 5"
        if beyondASCII { return !comma }
        guard wordBytes else { return false }
        return isKnownWord(UnsafeBufferPointer(rebasing: bytes[first..<last]))
    }

    /// True for a token that `repairToken` is sure to give back unchanged,
    /// whether or not its word is known, found without allocating: inside the
    /// punctuation around it, ASCII letters alone of two or fewer (too short for
    /// any of its repairs, unless the document makes a confusion: "bo" for
    /// "be"), or ASCII letters with an apostrophe inside
    /// ("Stalin's", "Bel'sky": no confusion is undone and no segmenting is tried
    /// there) that no small-to-capital boundary splits. Says nothing about
    /// join repairs: `isPlainToken` does.
    func hasNoRepairOfItsOwn(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let core = GarbleRepair.core(bytes, range)
        guard !core.isEmpty else { return true }
        let word = UnsafeBufferPointer(rebasing: bytes[core])
        let isLetter = { (byte: UInt8) in GarbleRepair.isLower(byte) || GarbleRepair.isUpper(byte) }
        var apostropheInside = false
        for index in word.indices {
            let byte = word[index]
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") {
                if byte == UInt8(ascii: "'") && index > 0 && isLetter(word[index - 1]) { apostropheInside = true }
                continue
            }
            guard isLetter(byte), !GarbleRepair.isCamelCut(word, at: index) else { return false }
        }
        // Two letters are a word, or a misread one only in a document that makes a
        // learned confusion, or when a capital ends them after a small letter ("aU").
        let misreadShape = word.count == 2 && GarbleRepair.LetterConfusions.endsInCapitalAfterSmall(word)
        return apostropheInside || (word.count <= 2 && !makesAnyConfusion && !misreadShape && word.allSatisfy(isLetter))
    }
}

extension GarbleRepair {
    /// True for a token of markup, code, a URL or an e-mail address
    /// ("<rdf:resource=", "{x}", "a/b", "name@host"): never repaired.
    static func isMarkupOrAddress(_ token: [UInt8]) -> Bool {
        token.contains { byte in
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"),
                 UInt8(ascii: "@"), UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "_"), UInt8(ascii: "#"): return true
            default: return false
            }
        } || token.starts(with: "www.".utf8)
    }
}
