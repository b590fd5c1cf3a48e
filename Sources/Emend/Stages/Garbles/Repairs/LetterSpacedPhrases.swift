import Foundation

extension GarbleRepair {
    /// A stretch of letters spaced out with no wider space between its words
    /// (text taken from a letter-spaced setting: "w i t h t h e s t a t e")
    /// written as the words it spells ("with the state"), where English word
    /// frequencies read it one way only. The stretch is three letters or more,
    /// each a token of one ASCII letter one space from the next, small letters
    /// after the first, two of them bare tokens side by side; the first may
    /// follow opening marks ("(u s i n g") and the last may carry closing ones
    /// ("t y p e,"); at least two of its letters are no word alone (not a, A
    /// or I). Every cut of its letters into words of the English list is
    /// weighed by English word frequencies (a listed word they do not count
    /// at their floor, Zipf 3; of one letter only "a", and "I" as written);
    /// the likeliest is taken when it is a hundred times likelier than any
    /// other, of two words or more, each common (SCOWL size 35 or less and
    /// counted by the frequencies). Reported as `garbles:letter-spaced-phrase`,
    /// each word apart.
    /// Never touches: a stretch beside a token of one byte that is no prose
    /// mark ("a n a l ~ s ~ s"; a token of two bytes or more with a letter or
    /// a digit in it is taken for a word), or set off by two spaces or more (the
    /// gaps between words: the letters are one word, `LetterSpacedWords`'),
    /// letters a capital follows or that follow one inside the run, letters
    /// beyond ASCII, letters no cut makes words of ("x y z"), letters that cut
    /// two ways near alike, a cut a rare word wins ("h e a d w a t e r s" is
    /// no "head waters"), letters that spell a word the document writes.
    struct LetterSpacedPhrases: GarbleJoinRepair {
        var names: [String] { ["garbles:letter-spaced-phrase"] }

        /// The fewest letters a stretch holds.
        static let minimumLetters = 3
        /// How much likelier (log10, times ten) the cut taken is than the next.
        static let margin = 20
        /// The largest SCOWL size of a word of the cut.
        static let largestTier: UInt8 = 35

        /// Two tokens of one letter side by side (every stretch has two).
        func mayJoin(_ previous: GarbleTokenShape, _ current: GarbleTokenShape) -> Bool {
            previous.isSingleLetter && current.isSingleLetter
        }

        func repair(_ line: inout GarbleTokenLine, in context: Context, record: GarbleRecorder) {
            let tokens = line.tokens
            var kept: [GarbleTokenLine.Token]?
            var index = 0
            while index < tokens.count {
                guard let stretch = Self.stretch(in: line, from: index),
                      let words = Self.cut(stretch.letters, firstIsCapital: stretch.firstIsCapital, in: context) else {
                    kept?.append(tokens[index])
                    index += 1
                    continue
                }
                if kept == nil { kept = Array(tokens[..<index]); kept!.reserveCapacity(tokens.count) }
                let pieces = tokens[index..<stretch.end]
                // Reported whole, and each word on its own below: a comparison of the line before
                // and after may part the stretch either way, and each part needs a change that
                // explains it (a word of one letter between two, "a", is its token as it was).
                record("garbles:letter-spaced-phrase", pieces.map { String(decoding: line[$0], as: UTF8.self) }.joined(separator: " "),
                       String(decoding: stretch.opening + words.joined(separator: [0x20]) + stretch.closing, as: UTF8.self),
                       pieces.first!.start + 1)
                // Each word a token of its own where its first letter stood, one space after it
                // (the last keeps the stretch's spaces after).
                var letter = pieces.startIndex
                for (number, word) in words.enumerated() {
                    let isFirst = number == 0, isLast = number == words.count - 1
                    let bytes = (isFirst ? stretch.opening : []) + word + (isLast ? stretch.closing : [])
                    let own = pieces[letter..<(letter + word.count)]
                    let token = line.newToken(bytes, spacesAfter: isLast ? pieces.last!.spacesAfter : 1, start: own.first!.start)
                    if word.count > 1 || bytes != Array(line[own.first!]) {
                        record("garbles:letter-spaced-phrase", own.map { String(decoding: line[$0], as: UTF8.self) }.joined(separator: " "),
                               String(decoding: bytes, as: UTF8.self), own.first!.start + 1)
                    }
                    kept!.append(token)
                    letter += word.count
                }
                line.edits += 1
                index = stretch.end
            }
            if let kept { line.tokens = kept }
        }

        /// A stretch that starts at token `start`: its letters (small), whether
        /// the first was a capital, the marks before its first letter and after
        /// its last, and the token after it; nil when none starts there.
        static func stretch(in line: GarbleTokenLine, from start: Int)
            -> (letters: [UInt8], firstIsCapital: Bool, opening: [UInt8], closing: [UInt8], end: Int)? {
            let tokens = line.tokens
            // The first token: opening marks, then one letter.
            let first = line[tokens[start]]
            let opening = first.prefix { SpuriousSpaces.isOpening($0) }
            guard first.count == opening.count + 1, let initial = first.last, SpuriousSpaces.isASCIILetter(initial) else { return nil }
            // Wider spaces around the letters mark the gaps between words: then they are one word.
            if start > 0 && (tokens[start - 1].spacesAfter > 1 || !isProseNeighbour(line[tokens[start - 1]])) { return nil }
            var letters = [initial | 0x20]
            var closing: ArraySlice<UInt8> = []
            var end = start + 1
            // The letters after it: one small letter each, the last maybe with closing marks.
            while end < tokens.count, tokens[end - 1].spacesAfter == 1, closing.isEmpty {
                let bytes = line[tokens[end]]
                guard let letter = bytes.first, GarbleRepair.isLower(letter),
                      bytes.dropFirst().allSatisfy(SpuriousSpaces.isClosing) else { break }
                letters.append(letter)
                closing = bytes.dropFirst()
                end += 1
            }
            // A letter or mark may not follow the last letter directly, except a prose mark.
            if closing.isEmpty, end < tokens.count, !isProseNeighbour(line[tokens[end]]) { return nil }
            if end < tokens.count, tokens[end - 1].spacesAfter > 1 { return nil }
            guard letters.count >= minimumLetters else { return nil }
            // Two tokens of one bare letter side by side, as the trigger (`mayJoin`) asks: with
            // marks at both ends, three letters have none ("(o f a)").
            guard letters.count >= 4 || opening.isEmpty || closing.isEmpty else { return nil }
            guard letters.filter({ $0 != UInt8(ascii: "a") && $0 != UInt8(ascii: "i") }).count >= 2 else { return nil }
            return (letters, GarbleRepair.isUpper(initial), Array(opening), Array(closing), end)
        }

        /// Whether a token beside a stretch leaves it a stretch: a token of two
        /// bytes or more with a letter or digit in it (a word), or prose marks
        /// alone (a bracket, a comma, a quote, a dash; beyond ASCII the dashes,
        /// curly quotes, guillemets and the ellipsis). A speck ("~", "■", "•") is none.
        static func isProseNeighbour(_ bytes: ArraySlice<UInt8>) -> Bool {
            let isASCIIWordByte = { (byte: UInt8) in byte < 0x80 && (DocumentVocabulary.isLetter(byte) || (byte >= 0x30 && byte <= 0x39)) }
            if bytes.count >= 2 && bytes.contains(where: isASCIIWordByte) { return true }
            guard bytes.contains(where: { $0 >= 0x80 }) else {
                return bytes.allSatisfy { SpuriousSpaces.isOpening($0) || SpuriousSpaces.isClosing($0) || $0 == UInt8(ascii: "-") }
            }
            // Beyond ASCII (rare beside a stretch): read as characters.
            return String(decoding: bytes, as: UTF8.self).unicodeScalars.allSatisfy { scalar in
                scalar.properties.isAlphabetic || (scalar.isASCII && (SpuriousSpaces.isOpening(UInt8(scalar.value))
                    || SpuriousSpaces.isClosing(UInt8(scalar.value)) || scalar == "-")) || Self.proseMarks.contains(scalar)
            }
        }

        /// The marks beyond ASCII that prose sets beside a word.
        static let proseMarks: Set<Unicode.Scalar> = ["\u{2014}", "\u{2013}", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "\u{AB}", "\u{BB}",
                                                      "\u{2026}"]

        /// The words `letters` (small ASCII letters) spell, cut where English
        /// word frequencies make the cut a hundred times likelier than any
        /// other (see above); nil when no cut, or no single cut, is that likely.
        static func cut(_ letters: [UInt8], firstIsCapital: Bool, in context: Context) -> [[UInt8]]? {
            let count = letters.count
            let longest = min(context.maximumWordLength, 24)
            // Per end position: the best and second-best score of a cut of the
            // letters before it (log10 of its probability, times ten), and
            // where the best cut's last word starts.
            var best = [Int?](repeating: nil, count: count + 1), second = [Int?](repeating: nil, count: count + 1)
            var bestFrom = [Int](repeating: 0, count: count + 1)
            best[0] = 0
            for end in 1...count {
                var top: Int?, next: Int?, from = 0
                for start in max(0, end - longest)..<end {
                    guard best[start] != nil, let score = wordScore(letters[start..<end], asWritten: start == 0 && firstIsCapital,
                                                                     in: context) else { continue }
                    // The cuts through the best and the second-best cut of the letters before `start`.
                    for rank in 0..<2 {
                        guard let prefix = rank == 0 ? best[start] : second[start] else { continue }
                        let total = prefix + score
                        if top == nil || total > top! {
                            next = top
                            top = total
                            from = start
                        } else if next == nil || total > next! {
                            next = total
                        }
                    }
                }
                best[end] = top
                second[end] = next
                bestFrom[end] = from
            }
            guard let score = best[count] else { return nil }
            if let runnerUp = second[count], score - runnerUp < margin { return nil }
            // The letters as one word the document writes ("workflow" beside "w o r k f l o w"): no cut.
            if context.survey.count(of: letters[...]) > 0 { return nil }
            var words: [[UInt8]] = []
            var end = count
            while end > 0 {
                let start = bestFrom[end]
                words.append(Array(letters[start..<end]))
                end = start
            }
            words.reverse()
            // Every word of the cut taken common: a rare word may win a cut ("headwaters" against
            // "head waters") but is no reading sure enough to write.
            for word in words where word.count > 1 {
                guard let tier = context.english.tier(ofSmallLetters: word[...]), tier <= largestTier,
                      EnglishFrequencies.zipfTimesTen(word[...]) != nil else { return nil }
            }
            // One word is `LetterSpacedWords`' to join, by its own test.
            guard words.count >= 2 else { return nil }
            if firstIsCapital { words[0][0] &= ~0x20 }
            return words
        }

        /// A word's score in a cut (its Zipf value less 9, times ten: log10 of
        /// its probability), nil for no word of a cut; `asWritten` for a word
        /// that starts the stretch with a capital ("I" is a word so alone).
        static func wordScore(_ word: ArraySlice<UInt8>, asWritten: Bool, in context: Context) -> Int? {
            if word.count == 1 {
                let letter = word[word.startIndex]
                guard letter == UInt8(ascii: "a") || (letter == UInt8(ascii: "i") && asWritten) else { return nil }
            } else {
                guard context.english.tier(ofSmallLetters: word) != nil else { return nil }
            }
            // A listed word English frequencies do not count competes at their floor (Zipf 3):
            // as likely as a rare word can be, so that it is never passed over for being rare.
            return (EnglishFrequencies.zipfTimesTen(word) ?? EnglishFrequencies.floor) - 90
        }
    }
}
