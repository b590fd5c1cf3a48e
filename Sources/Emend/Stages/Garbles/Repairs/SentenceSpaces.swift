import Foundation

extension GarbleRepair {
    /// A missing space after a sentence's end put back ("end.The" → "end. The",
    /// "came?Then" → "came? Then", "said.\"It" → "said.\" It"): a word of
    /// three small letters or more, one of . ? !, closing quotes or a
    /// parenthesis, then a capitalised word in small letters after its capital;
    /// the first word known (the English list, the name lexicon, the book's
    /// vocabulary) or used twice or more by the document (its count of each
    /// part includes this token's own), the second a common English word
    /// (SCOWL sizes to 35), a name of the lexicon, or one of three letters or
    /// more that the document uses twice or more.
    /// Never touches: URLs, e-mail addresses and file names (markup and
    /// addresses are never repaired; "README.Md" has capitals inside, "os.Exit"
    /// a word of two letters), abbreviations and initials ("U.S.", "e.g.The",
    /// "J.R.R.Tolkien": a single letter before the mark), decimal numbers (no
    /// digits are taken), a word with capitals inside on either side
    /// ("Console.WriteLine"), a footnote number read as letters ("shot.Ss": no
    /// common word), a capitalised word before the mark
    /// ("Alexander.Smith" is a name that lost its space, not two sentences),
    /// more than one mark inside the token.
    struct SentenceSpaces: GarbleTokenRepair {
        var names: [String] { ["garbles:sentence-space"] }
        var leavesKnownWords: Bool { false }

        /// A . ? or ! inside the core, a capital after it.
        func mayApply(to token: GarbleToken, in context: Context) -> Bool {
            let core = token.core
            guard let mark = core.firstIndex(where: Self.isSentenceEnd), mark >= 3 else { return false }
            return core[(mark + 1)...].first(where: { !Self.isClosing($0) }).map(GarbleRepair.isUpper) == true
        }

        func repair(_ token: GarbleToken, in context: Context) -> GarbleToken.Repair? {
            let core = token.core
            guard let mark = core.firstIndex(where: Self.isSentenceEnd) else { return nil }
            let left = core[..<mark]
            var start = mark + 1
            while start < core.count, Self.isClosing(core[start]) { start += 1 }
            let right = core[start...]
            guard left.count >= 3, right.count >= 2, left.allSatisfy(Self.isASCIILetter), right.allSatisfy(Self.isASCIILetter),
                  left.allSatisfy(GarbleRepair.isLower), GarbleRepair.isUpper(right.first!),
                  right.dropFirst().allSatisfy(GarbleRepair.isLower) else { return nil }
            // The document's count of a part includes this token's own: twice is its word.
            let isWord = { (word: ArraySlice<UInt8>) in
                context.isKnown(word) || context.isKnown(DocumentVocabulary.lowercased(word)) || context.isDocumentWord(word)
            }
            // A sentence starts with a word English uses often ("No", "The"), not a footnote's "Ss".
            guard isWord(left), context.isCommon(right) || context.names.contains(right)
                || (right.count >= 3 && context.isDocumentWord(right)) else { return nil }
            return (token.wrap(Array(core[..<start]) + [0x20] + Array(right)), "garbles:sentence-space")
        }

        static func isSentenceEnd(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ".") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!")
        }

        static func isClosing(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ")")
        }

        static func isASCIILetter(_ byte: UInt8) -> Bool { GarbleRepair.isLower(byte) || GarbleRepair.isUpper(byte) }
    }
}
