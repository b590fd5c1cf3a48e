import Foundation

extension GarbleRepair {
    /// A word broken by a hyphen and a space inside a line, as text extracted
    /// from a typeset page keeps a line-end break ("gen- eration" →
    /// "generation", "Crypto- graphic" → "Cryptographic"): letters and a
    /// hyphen, one space, then small letters (or capitals after capitals:
    /// "CLUS- TERING"), joined when the joined word is in the English list or
    /// wordfreq's (Zipf 3.0 or more), a name of the lexicon, in the book's
    /// vocabulary, or written elsewhere by the document, and the halves are not
    /// both words.
    /// Never touches: the line's last token (the dehyphenator's), a suspended
    /// hyphen ("pre- and post-war": "and" is a word and "preand" none), two
    /// words ("border- lines", "task- specific" stay), a compound prefix
    /// (`dehyphenate/compounds.yaml`: "non- party"), a hyphen after a digit or
    /// another hyphen, two spaces.
    struct SpacedHyphens: GarbleJoinRepair {
        var names: [String] { ["garbles:spaced-hyphen"] }

        /// Letters and a hyphen, then letters inside their punctuation.
        func mayJoin(_ previous: GarbleTokenShape, _ current: GarbleTokenShape) -> Bool { previous.endsWithHyphen && current.coreIsLetters }

        func repair(_ line: inout GarbleTokenLine, in context: Context, record: GarbleRecorder) {
            line.joinPairs(rule: "garbles:spaced-hyphen", record: record) { left, leftBytes, _, rightBytes in
                // Copied out only after a hyphen (what `join` asks first).
                guard left.spacesAfter == 1, leftBytes.last == UInt8(ascii: "-"),
                      let joined = Self.join(Array(leftBytes), Array(rightBytes), in: context) else { return nil }
                return joined
            }
        }

        /// "gen-" + "eration" → "generation", with the punctuation around kept.
        static func join(_ left: [UInt8], _ right: [UInt8], in context: Context) -> [UInt8]? {
            let isLetter = { (byte: UInt8) in byte < 0x80 && DocumentVocabulary.isLetter(byte) }
            guard left.last == UInt8(ascii: "-") else { return nil }
            let leftBody = left.dropLast()
            let first = leftBody.reversed().prefix(while: isLetter)
            guard first.count >= 2, leftBody.dropLast(first.count).allSatisfy({ "(\"'[".utf8.contains($0) }) else { return nil }
            let half = Array(leftBody.suffix(first.count))
            let second = right.prefix(while: isLetter)
            guard second.count >= 2, right.dropFirst(second.count).allSatisfy({ ",.;:!?)\"']".utf8.contains($0) }) else { return nil }
            let rest = Array(second)
            let bothCapitals = half.allSatisfy(GarbleRepair.isUpper) && rest.allSatisfy(GarbleRepair.isUpper)
            guard bothCapitals || rest.allSatisfy(GarbleRepair.isLower) else { return nil }
            let joined = half + rest
            let lowerHalf = Array(DocumentVocabulary.lowercased(half[...]))
            guard !context.compoundPrefixes.contains(String(decoding: lowerHalf, as: UTF8.self)) else { return nil }
            let isWord = { (word: [UInt8]) in
                context.isKnown(word[...]) || context.isKnown(DocumentVocabulary.lowercased(word[...]))
            }
            guard !(isWord(half) && isWord(rest)) else { return nil }
            let lower = DocumentVocabulary.lowercased(joined[...])
            let known = EnglishFrequencies.zipfTimesTen(lower) != nil || context.english.contains(lower) || context.names.contains(joined[...])
                || context.isInBookVocabulary(joined[...]) || context.survey.count(of: joined[...]) > 0
            guard known else { return nil }
            return Array(leftBody.dropLast(first.count)) + joined + Array(right.dropFirst(second.count))
        }
    }
}
