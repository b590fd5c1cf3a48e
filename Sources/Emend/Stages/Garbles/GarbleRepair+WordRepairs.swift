import Foundation

/// The repairs word by word and across words of one line (years, words run
/// together, confusions through `repairToken`; split years, letter-spaced
/// words, stray spaces inside a word), and the shortcut that passes a line by
/// when none of them can find anything.
extension GarbleRepair {
    /// Word by word: years, a missing space after punctuation, words run
    /// together, confusions; then letter-spaced words across tokens. The caller
    /// passes by the lines `isUnchangedByWordRepairs` finds nothing in.
    func repairWords(_ text: [UInt8], followsBrokenLine: Bool, record: (String, String, String, Int) -> Void) -> [UInt8] {
        var tokens = Self.tokens(text)
        var changed = false
        for index in tokens.indices {
            let token = tokens[index]
            guard token.bytes.contains(where: { DocumentVocabulary.isLetter($0) }) else { continue }
            // A word broken at a line's end is the dehyphenator's, whole or not: its
            // first half here, or its second half at the start of the next line.
            if index == tokens.count - 1 && token.bytes.last == UInt8(ascii: "-") { continue }
            if index == 0 && followsBrokenLine { continue }
            if usesShortcuts, token.bytes.withUnsafeBufferPointer({ isPlainToken($0, 0..<$0.count) || hasNoRepairOfItsOwn($0, 0..<$0.count) }) {
                continue
            }
            if let repaired = repairToken(token.bytes), repaired.text != token.bytes {
                record(repaired.rule, String(decoding: token.bytes, as: UTF8.self), String(decoding: repaired.text, as: UTF8.self),
                       token.start + 1)
                tokens[index].bytes = repaired.text
                changed = true
            }
        }
        // Each join below goes through the tokens once, left to right, and keeps
        // them in a new list: removing joined tokens in place made a line of
        // many joins quadratic in its length.
        // Tokens `pieces` become one of `bytes`, reported with the spaces they had between them.
        func join<Pieces: BidirectionalCollection<Token>>(_ pieces: Pieces, into bytes: [UInt8], rule: String) -> Token {
            let first = pieces.first!
            record(rule, pieces.map { String(decoding: $0.bytes, as: UTF8.self) }.joined(separator: " "),
                   String(decoding: bytes, as: UTF8.self), first.start + 1)
            changed = true
            return Token(bytes: bytes, spacesAfter: pieces.last!.spacesAfter, start: first.start)
        }
        // Joins a token and the one after it where `joined` gives them as one;
        // the joined token is tried again with the next.
        func joinPairs(rule: String, _ joined: (Token, Token) -> [UInt8]?) {
            guard var current = tokens.first else { return }
            var kept: [Token] = []
            kept.reserveCapacity(tokens.count)
            for next in tokens.dropFirst() {
                if let bytes = joined(current, next) {
                    current = join([current, next], into: bytes, rule: rule)
                } else {
                    kept.append(current)
                    current = next
                }
            }
            kept.append(current)
            tokens = kept
        }
        // A split year: "193 5," → "1935,".
        joinPairs(rule: "garbles:split-year") { Self.splitYear($0.bytes, $1.bytes) }
        // Letter-spaced words: "a n d" → "and", "W e" → "We".
        var kept: [Token] = []
        kept.reserveCapacity(tokens.count)
        var index = 0
        while index < tokens.count {
            var end = index
            while end < tokens.count, tokens[end].bytes.count == 1, DocumentVocabulary.isLetter(tokens[end].bytes[0]),
                  tokens[end].bytes[0] < 0x80 { end += 1 }
            let count = end - index
            guard count >= 2 else { kept.append(tokens[index]); index += 1; continue }
            let word = tokens[index..<end].flatMap(\.bytes)
            let first = tokens[index].bytes.first ?? 0
            // "a n d" (all small letters), or a capital and one letter: "W e".
            let rest = tokens[(index + 1)..<end].allSatisfy { Self.isLower($0.bytes[0]) }
            let acceptable = (count >= 3 && Self.isLower(first) && rest)
                || (count == 2 && Self.isUpper(first) && rest
                    && tokens[index + 1].bytes != [UInt8(ascii: "a")])
            if acceptable, let tier = english.tier(of: word[...]), tier <= 35 {
                kept.append(join(tokens[index..<end], into: word, rule: "garbles:letter-spaced"))
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
        tokens = kept
        // A stray space inside a word: "t o" → "to", "Sta lin" → "Stalin", when
        // neither part is a word (a lone letter but a and I is none) and the join is.
        joinPairs(rule: "garbles:stray-space") { left, right in
            let letters = { (bytes: [UInt8]) in !bytes.isEmpty && bytes.allSatisfy { DocumentVocabulary.isLetter($0) && $0 < 0x80 } }
            guard letters(left.bytes), letters(right.bytes), left.spacesAfter == 1, !isWholeWord(left.bytes), !isWholeWord(right.bytes),
                  right.bytes.first.map(Self.isLower) == true else { return nil }
            let joined = left.bytes + right.bytes
            return (english.tier(of: joined[...]) ?? 99) <= 50 || names.contains(joined[...]) ? joined : nil
        }
        // A word broken into three or more pieces by stray spaces ("descr ip t ion",
        // "In t roduct ion"): joined when the pieces after the first are no words
        // but at most one that is no function word ("ion"), and the whole is a
        // common English word or one the document repeats.
        kept.removeAll(keepingCapacity: true)
        index = 0
        // Whether each token is a whole word, looked up once (-1: not yet).
        var wholeWords = [Int8](repeating: -1, count: tokens.count)
        while index + 2 < tokens.count {
            if let end = fragmentedWordEnd(tokens, from: index, isWholeWord: { position in
                if wholeWords[position] < 0 { wholeWords[position] = isWholeWord(tokens[position].bytes) ? 1 : 0 }
                return wholeWords[position] == 1
            }) {
                kept.append(join(tokens[index..<end], into: tokens[index..<end].flatMap(\.bytes), rule: "garbles:stray-space"))
                index = end
            } else {
                kept.append(tokens[index])
                index += 1
            }
        }
        kept += tokens[index...]
        tokens = kept
        guard changed else { return text }
        var rebuilt: [UInt8] = Array(text.prefix { $0 == 0x20 })
        for token in tokens {
            rebuilt += token.bytes
            rebuilt.append(contentsOf: repeatElement(0x20, count: token.spacesAfter))
        }
        return rebuilt
    }

    /// True when `repairWords` gives `text` back as it is, found without
    /// allocating (most lines hold only known words): no token it looks at has
    /// a repair of its own, and nothing a repair across tokens takes stands in
    /// the line (a number of three digits, two one-letter tokens side by side,
    /// two tokens of letters side by side of which neither is sure to be a
    /// whole word).
    func isUnchangedByWordRepairs(_ text: [UInt8], followsBrokenLine: Bool) -> Bool {
        text.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
            var isFirst = true
            var previousIsLetter = false, previousMayJoin = false
            while index < bytes.count {
                let start = index
                while index < bytes.count, bytes[index] != 0x20 { index += 1 }
                let end = index
                while index < bytes.count, bytes[index] == 0x20 { index += 1 }
                defer { isFirst = false }
                let range = start..<end
                if range.count == 3 && range.allSatisfy({ Self.isDigit(bytes[$0]) }) { return false }  // "193 5"
                let letters = range.allSatisfy { (bytes[$0] | 0x20) >= UInt8(ascii: "a") && (bytes[$0] | 0x20) <= UInt8(ascii: "z") }
                let isLetter = letters && range.count == 1
                if isLetter && previousIsLetter { return false }  // "a n d"
                let plain = isPlainToken(bytes, range)
                let wholeWord = isLetter ? bytes[start] == UInt8(ascii: "a") || bytes[start] == UInt8(ascii: "A")
                    || bytes[start] == UInt8(ascii: "I") : plain || survey.count(of: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[range])) >= 2
                let mayJoin = letters && !wholeWord
                if mayJoin && previousMayJoin { return false }  // "Sta lin"
                (previousIsLetter, previousMayJoin) = (isLetter, mayJoin)
                // The token's own repair, where repairWords looks for one.
                let brokenAtEnd = index == bytes.count && bytes[end - 1] == UInt8(ascii: "-")
                guard !plain, !brokenAtEnd, !(isFirst && followsBrokenLine),
                      range.contains(where: { DocumentVocabulary.isLetter(bytes[$0]) }),
                      !hasNoRepairOfItsOwn(bytes, range) else { continue }
                let token = Array(bytes[range])
                if let repaired = repairToken(token), repaired.text != token { return false }
            }
            return true
        }
    }

    /// The end of the longest run of three to six tokens from `start` that
    /// `repairWords` joins into one word (see there), if any.
    func fragmentedWordEnd(_ tokens: [Token], from start: Int, isWholeWord: (Int) -> Bool) -> Int? {
        let isPiece = { (bytes: [UInt8]) in !bytes.isEmpty && bytes.allSatisfy { $0 < 0x80 && DocumentVocabulary.isLetter($0) } }
        var last = start
        var wordsAmongPieces = 0
        while last < tokens.count, last - start < 6, isPiece(tokens[last].bytes) {
            if last > start {
                let piece = tokens[last].bytes
                guard tokens[last - 1].spacesAfter == 1, Self.isLower(piece[0]) else { break }
                if isWholeWord(last) {
                    // One piece may happen to be a word ("ion"), but no small word of a sentence.
                    guard wordsAmongPieces == 0, !rules.isFunctionWord(piece[...]) else { break }
                    wordsAmongPieces += 1
                }
            }
            last += 1
        }
        var end = last
        while end - start >= 3 {
            let joined = tokens[start..<end].flatMap(\.bytes)
            if joined.count >= 5, isCommon(joined[...]) || isDocumentWord(joined[...]) { return end }
            end -= 1
        }
        return nil
    }

    /// A word that may stand alone: a known word, or of the single letters only a, A and I.
    func isWholeWord(_ bytes: [UInt8]) -> Bool {
        if bytes.count == 1 { return bytes[0] == UInt8(ascii: "a") || bytes[0] == UInt8(ascii: "A") || bytes[0] == UInt8(ascii: "I") }
        return isKnown(bytes[...]) || isDocumentWord(bytes[...])
    }

    struct Token {
        var bytes: [UInt8]
        /// The spaces after the token (tokens are split at spaces alone).
        var spacesAfter: Int
        var start: Int
    }

    static func tokens(_ text: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < text.count, text[index] == 0x20 { index += 1 }
        while index < text.count {
            let start = index
            while index < text.count, text[index] != 0x20 { index += 1 }
            let end = index
            while index < text.count, text[index] == 0x20 { index += 1 }
            tokens.append(Token(bytes: Array(text[start..<end]), spacesAfter: index - end, start: start))
        }
        return tokens
    }

    /// "193" + "5," → "1935,": a three-digit start of a year and one digit.
    static func splitYear(_ left: [UInt8], _ right: [UInt8]) -> [UInt8]? {
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard left.count == 3, left.allSatisfy(isDigit), left[0] == UInt8(ascii: "1"),
              left[1] >= UInt8(ascii: "7"), let digit = right.first, isDigit(digit),
              right.count == 1 || ",.;:)".utf8.contains(right[1]) else { return nil }
        return left + right
    }

    /// True for a token that has nothing to repair on its own: inside the
    /// punctuation around it, a number of other than three digits (three may
    /// start a split year); a word with a letter beyond ASCII and no comma (the
    /// repairs are for ASCII words); or ASCII letters, with apostrophes and
    /// hyphens inside, of a word the English list or the document knows.
    /// (`repairToken` gives such a token back unchanged, and no repair across
    /// tokens takes it.)
    func isPlainToken(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let core = Self.core(bytes, range)
        let first = core.lowerBound, last = core.upperBound
        if first == last { return true }
        // Most tokens are ASCII letters alone: no closer look at their bytes.
        var letters = first
        while letters < last, (bytes[letters] | 0x20) >= UInt8(ascii: "a"), (bytes[letters] | 0x20) <= UInt8(ascii: "z") { letters += 1 }
        if letters == last { return isKnownWord(UnsafeBufferPointer(rebasing: bytes[first..<last])) }
        var digits = 0, beyondASCII = false, comma = false, wordBytes = true
        for index in first..<last {
            let byte = bytes[index]
            if Self.isDigit(byte) { digits += 1 }
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
    /// repairs across tokens: `isPlainToken` does.
    func hasNoRepairOfItsOwn(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let core = Self.core(bytes, range)
        guard !core.isEmpty else { return true }
        let word = UnsafeBufferPointer(rebasing: bytes[core])
        let isLetter = { (byte: UInt8) in Self.isLower(byte) || Self.isUpper(byte) }
        var apostropheInside = false
        for index in word.indices {
            let byte = word[index]
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") {
                if byte == UInt8(ascii: "'") && index > 0 && isLetter(word[index - 1]) { apostropheInside = true }
                continue
            }
            guard isLetter(byte), !Self.isCamelCut(word, at: index) else { return false }
        }
        return apostropheInside || (word.count <= 2 && !makesAnyConfusion && word.allSatisfy(isLetter))
    }

    /// In the English list or the book's vocabulary file (not the names: those are `isKnown`'s).
    func isKnownWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        if bookVocabulary.count > 0 && bookVocabulary.count(of: word) > 0 { return true }
        // Where the document makes a confusion, a rare listed word may be its damage ("tho").
        guard let tier = english.tier(of: UnsafeRawBufferPointer(word)) else { return false }
        return !makesAnyConfusion || tier <= 35
    }
}
