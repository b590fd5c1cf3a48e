import Foundation

/// One token's repair, decided once per surveyed document: the order in which
/// the token repairs are tried, and the ones that need no other file.
extension GarbleRepair {
    /// One token's repair, if there is a certain one.
    func repairToken(_ token: [UInt8]) -> (text: [UInt8], rule: String)? {
        // With the whole document's counts, a token's repair never changes: decided once.
        guard surveyIsHanded else { return decideRepair(token) }
        return decisions.decision(for: token) { decideRepair($0) }
    }

    /// The repair of one token, from its bytes and the document's counts.
    func decideRepair(_ token: [UInt8]) -> (text: [UInt8], rule: String)? {
        if Self.isMarkupOrAddress(token) { return nil }
        // Punctuation around the word stays as it is.
        let leading = token.prefix { !DocumentVocabulary.isLetter($0) && !Self.isDigit($0) }
        let trailing = token.reversed().prefix { !DocumentVocabulary.isLetter($0) && !Self.isDigit($0) }
        guard leading.count + trailing.count < token.count else { return nil }
        let core = Array(token[leading.count..<(token.count - trailing.count)])
        let wrap = { (inner: [UInt8]) in Array(leading) + inner + Array(trailing.reversed()) }

        if let year = rules.year(core) { return (wrap(year), "garbles:year") }
        // "961,l." in an archive citation: the comma's space goes back.
        if trailing.first == UInt8(ascii: "."), let comma = core.firstIndex(of: UInt8(ascii: ",")), comma > 0,
           core[..<comma].allSatisfy(Self.isDigit), rules.citationAbbreviations.contains(Array(core[(comma + 1)...])) {
            return (wrap(Array(core[...comma]) + [0x20] + Array(core[(comma + 1)...])), "garbles:citation-space")
        }
        guard core.allSatisfy({ DocumentVocabulary.isLetter($0) || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";")
                                || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "-") }),
              core.allSatisfy({ $0 < 0x80 }) else { return nil }
        // A missing space after , ; : between letters: "breach,didsometimes".
        if let mark = core.firstIndex(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ":") }),
           mark > 0, mark + 1 < core.count, DocumentVocabulary.isLetter(core[mark - 1]), DocumentVocabulary.isLetter(core[mark + 1]) {
            let left = Array(core[...mark]), right = Array(core[(mark + 1)...])
            let leftRepaired = repairToken(left)?.text ?? left
            let rightRepaired = repairToken(right + Array(trailing.reversed()))?.text ?? (right + Array(trailing.reversed()))
            return (Array(leading) + leftRepaired + [0x20] + rightRepaired, "garbles:space-after-punctuation")
        }
        guard !core.contains(UInt8(ascii: ",")), !core.contains(UInt8(ascii: ";")), !core.contains(UInt8(ascii: ":")) else { return nil }
        if makesAnyConfusion, let repaired = undoConfusionOfRareWord(core) { return (wrap(repaired.text), repaired.rule) }
        if isKnown(core[...]) { return nil }
        // How often the document has this very token: a token it repeats is its word,
        // changed only into a form the document uses more often still.
        let own = survey.count(of: core[...])
        if let joined = joinInnerHyphen(core, own: own) { return (wrap(joined), "garbles:inner-hyphen") }
        if let split = splitCamel(core, own: own) { return (wrap(split), "garbles:run-together") }
        // "Allof" is "All of" before it is any confusion: a capitalised run-together
        // word is split like a small one, its capital kept.
        if let initial = core.first, Self.isUpper(initial), core.dropFirst().allSatisfy(Self.isLower),
           var split = segment([initial | 0x20] + Array(core.dropFirst()), own: own),
           rules.isFunctionWord(split.prefix { $0 != 0x20 }) {  // "Gabor" is no "Gab or"
            split[0] = initial
            return (wrap(split), "garbles:run-together")
        }
        // A transliteration's soft sign ("chast'") marks a Russian word: no confusion is undone in it.
        let apostropheBy = token.indices.dropLast().contains { token[$0] == UInt8(ascii: "'") && $0 > 0
            && DocumentVocabulary.isLetter(token[$0 - 1]) } || (token.last == UInt8(ascii: "'") && token.count > 1
            && DocumentVocabulary.isLetter(token[token.count - 2]))
        // "Com." is Comrade, not Corn: a short capitalised word before a period is an abbreviation.
        let abbreviation = trailing.first == UInt8(ascii: ".") && core.count <= 4
            && core.first.map(Self.isUpper) == true
        if !apostropheBy, !abbreviation, let confusion = undoConfusion(core, own: own) { return (wrap(confusion.text), confusion.rule) }
        if let split = segment(core, own: own) { return (wrap(split), "garbles:run-together") }
        return nil
    }

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

    /// A word broken by a hyphen inside a line, as text extracted from a
    /// typeset page keeps it ("num-ber", "seman-tics"): joined when the joined
    /// word is in the English list (or the document uses it), both halves are in
    /// small letters (a capital starts a name's part: "Il-lustrations" in a
    /// catalogue is left), the halves are not both common words ("re-election"),
    /// the first is no compound prefix
    /// ("pro-cess", "non-party"), and the document does not write the hyphenated
    /// form more often than the joined one.
    func joinInnerHyphen(_ core: [UInt8], own: Int) -> [UInt8]? {
        guard let hyphen = core.firstIndex(of: UInt8(ascii: "-")), hyphen >= 2, core.count - hyphen > 2,
              core.filter({ $0 == UInt8(ascii: "-") }).count == 1,
              core.allSatisfy({ Self.isLower($0) || Self.isUpper($0) || $0 == UInt8(ascii: "-") }) else { return nil }
        let left = core[..<hyphen], right = core[(hyphen + 1)...]
        guard left.allSatisfy(Self.isLower), right.allSatisfy(Self.isLower), !compoundPrefixes.contains(String(decoding: DocumentVocabulary.lowercased(left), as: UTF8.self)),
              !(isCommon(left) && isCommon(right)) else { return nil }
        let joined = Array(left) + Array(right)
        let joinedUses = survey.count(of: joined[...])
        // The document must write the joined word elsewhere: a hyphen may be the
        // printed line break a transcription keeps ("de-parted" on one line).
        guard joinedUses >= max(1, own), english.contains(joined[...]) || joinedUses >= 2 else { return nil }
        return joined
    }
}
