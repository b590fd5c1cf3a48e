import Foundation

extension GarbleRepair {
    /// Words run together at a small-to-capital boundary split ("inMoscow" →
    /// "in Moscow", "ConcemingComradeYenukidze" → "Concerning Comrade
    /// Yenukidze"): each part known (after undoing one confusion), the whole not.
    /// A possessive splits as its word does ("ComradeYezhov's" → "Comrade
    /// Yezhov's"), the 's kept; so does a function word run into an acronym
    /// the document writes, before it or after it ("theNKVD" → "the NKVD",
    /// "USSRand" → "USSR and"; `acronymCut`), never a content word after one
    /// ("IGpair", a term). Never
    /// touches: a known word, a joined form the document repeats
    /// ("WordNet", "PageRank") unless it writes the parts apart more often,
    /// capitalised parts alone unless a part is a name of the lexicon or the
    /// document writes them apart, a part of one letter but "a".
    struct CamelCaseWords: GarbleTokenRepair {
        var names: [String] { ["garbles:run-together"] }
        var leavesKnownWords: Bool { true }

        /// A plain word with a small letter, a capital and a small letter in
        /// it, or small letters and capitals alone (`acronymCut`).
        func mayApply(to token: GarbleToken, in context: Context) -> Bool {
            token.isPlainWord && (token.core.indices.contains { GarbleRepair.isCamelCut(token.core, at: $0) }
                || Self.acronymCut(token.core, in: context) != nil)
        }

        func repair(_ token: GarbleToken, in context: Context) -> GarbleToken.Repair? {
            Self.split(token.core, own: token.own, in: context).map { (token.wrap($0), "garbles:run-together") }
        }

        static func split(_ word: [UInt8], own: Int, in context: Context) -> [UInt8]? {
            var cuts = word.indices.filter { GarbleRepair.isCamelCut(word, at: $0) }
            if cuts.isEmpty, let cut = acronymCut(word, in: context) { cuts = [cut] }
            guard !cuts.isEmpty else { return nil }
            var parts: [[UInt8]] = []
            var start = 0
            for cut in cuts + [word.count] {
                parts.append(Array(word[start..<cut]))
                start = cut
            }
            // A possessive's last part is its word ("ComradeYezhov's": Yezhov), as the survey counts it.
            let possessive = Self.possessiveEnding(of: parts[parts.count - 1])
            if possessive > 0 { parts[parts.count - 1].removeLast(possessive) }
            // A joined form the document repeats is a name ("WordNet", "PageRank"),
            // unless the document writes its parts apart more often.
            let apart = context.survey.pairCount(parts[0][...], parts[1][...])
            if own >= 2 && apart <= own { return nil }
            // Capitalised parts alone ("WordNet") split only before a name the lexicon
            // knows or where the document writes the parts apart; a small first part
            // ("inMoscow") is the usual lost space.
            if GarbleRepair.isUpper(word[0]) && !parts.dropFirst().contains(where: { context.names.contains($0[...]) })
                && apart == 0 { return nil }
            var repaired: [[UInt8]] = []
            for part in parts {
                guard part.count >= 2 || part == [UInt8(ascii: "a")] else { return nil }
                // A capitalised part may be a name of the English list ("Baltic").
                let listedName = GarbleRepair.isUpper(part[0]) && context.english.contains(part[...])
                if context.isCommon(part[...]) || listedName || context.names.contains(part[...]) || context.isDocumentWord(part[...]) {
                    repaired.append(part)
                    continue
                }
                guard let fixed = LetterConfusions.undo(part, own: context.survey.count(of: part[...]), in: context) else { return nil }
                repaired.append(fixed.text)
            }
            return Array(repaired.joined(separator: [0x20])) + word.suffix(possessive)
        }

        /// Where a function word of small letters meets an acronym, two
        /// capitals or more, in a word of those two parts alone: before it
        /// ("theNKVD", "ofUSSR's") or after it ("USSRand", "VMand"). The small
        /// letters must be a function word, so "miRNA", "mtDNA", "IGpair" and
        /// "XIth" are no such word; nil for any other word.
        static func acronymCut(_ word: [UInt8], in context: Context) -> Int? {
            let end = word.count - possessiveEnding(of: word)
            guard end >= 4 else { return nil }
            let cut: Int
            if GarbleRepair.isLower(word[0]) {
                guard let first = word.firstIndex(where: GarbleRepair.isUpper), first < end,
                      word[first..<end].allSatisfy(GarbleRepair.isUpper) else { return nil }
                cut = first
            } else {
                guard let first = word.firstIndex(where: GarbleRepair.isLower), end == word.count,
                      word[..<first].allSatisfy(GarbleRepair.isUpper), word[first...].allSatisfy(GarbleRepair.isLower) else { return nil }
                cut = first
            }
            let small = GarbleRepair.isLower(word[0]) ? word[..<cut] : word[cut...]
            guard cut >= 2, end - cut >= 2, context.rules.isFunctionWord(small) else { return nil }
            return cut
        }

        /// The length of the possessive ending ('s) of a part of three
        /// letters or more, 0 when it has none.
        static func possessiveEnding(of part: [UInt8]) -> Int {
            part.count > 3 && part[part.count - 2] == UInt8(ascii: "'") && part[part.count - 1] == UInt8(ascii: "s") ? 2 : 0
        }
    }
}
