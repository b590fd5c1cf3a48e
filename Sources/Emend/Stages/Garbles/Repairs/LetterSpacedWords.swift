import Foundation

extension GarbleRepair {
    /// A letter-spaced word joined ("a n d" → "and", "W e" → "We"): three or
    /// more small letters, or a capital and one small letter, each a token of
    /// one ASCII letter, whose join is a common English word.
    /// Never touches: a capital and "a" ("A a"), letters whose join is no
    /// common word, letters beyond ASCII; the tokens after a joined word start
    /// no word of their own in the same round.
    struct LetterSpacedWords: GarbleJoinRepair {
        var names: [String] { ["garbles:letter-spaced"] }

        /// Two tokens of one letter side by side.
        func mayJoin(_ previous: GarbleTokenShape, _ current: GarbleTokenShape) -> Bool {
            previous.isSingleLetter && current.isSingleLetter
        }

        func repair(_ line: inout GarbleTokenLine, in context: Context, record: GarbleRecorder) {
            let tokens = line.tokens
            var kept: [GarbleTokenLine.Token] = []
            kept.reserveCapacity(tokens.count)
            var index = 0
            while index < tokens.count {
                var end = index
                while end < tokens.count, tokens[end].count == 1, DocumentVocabulary.isLetter(line.storage[tokens[end].offset]),
                      line.storage[tokens[end].offset] < 0x80 { end += 1 }
                let count = end - index
                guard count >= 2 else { kept.append(tokens[index]); index += 1; continue }
                // Tokens of one byte each: the byte at each one's offset.
                let word = tokens[index..<end].map { line.storage[$0.offset] }
                let first = word[0]
                // "a n d" (all small letters), or a capital and one letter: "W e".
                let rest = word.dropFirst().allSatisfy(GarbleRepair.isLower)
                let acceptable = (count >= 3 && GarbleRepair.isLower(first) && rest)
                    || (count == 2 && GarbleRepair.isUpper(first) && rest && word[1] != UInt8(ascii: "a"))
                if acceptable, let tier = context.english.tier(of: word[...]), tier <= 35 {
                    kept.append(line.join(tokens[index..<end], into: word, rule: "garbles:letter-spaced", record: record))
                    // The `count - 1` tokens after a joined word start no word of
                    // their own in this round (the next round looks at them).
                    let next = min(tokens.count, end + count - 1)
                    kept += tokens[end..<next]
                    index = next
                } else {
                    kept += tokens[index..<end]
                    index = end
                }
            }
            line.tokens = kept
        }
    }
}
