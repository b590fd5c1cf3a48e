import Foundation

extension GarbleRepair {
    /// A word broken into two to six pieces by stray spaces joined, where
    /// `StraySpaces` and `FragmentedWords` pass it by because a piece happens
    /// to be a word ("Fol lowing", "special ized", "imp or t an t",
    /// "Complet ion", "(indi cated"): ASCII letters one space apart, the pieces
    /// after the first starting small, punctuation only before the first and
    /// after the last. Joined when
    /// - the pieces are no sentence: a piece of three letters or more is no
    ///   word (not in the English list, the name lexicon or the book's
    ///   vocabulary, not repeated by the document), or in a run of three pieces
    ///   or more two are stray letters (of the single letters a, A and I are
    ///   words) and the word has seven letters or more;
    /// - the joined word is common English (wordfreq Zipf 3.5 or more), or
    ///   known to the English list, the name lexicon or the book's vocabulary
    ///   and the first piece is no common word (the document's own count is no
    ///   evidence: one that runs words together has "Presidiumofthe" too);
    /// - English word frequencies make the word at least ten times likelier
    ///   than the pieces read as words one after another (a piece no
    ///   frequency lists counts as once in a billion words).
    /// The longest such run from each token is taken, never one with a stray
    /// letter just before or after it (a letter-spaced stretch, "t h e c o n",
    /// is cut nowhere). Reported as `garbles:stray-space`.
    /// Never touches: pieces that are all words ("in to", "a way", "of ten"),
    /// a single letter beside a word ("d is", "T is", "and y": a variable or an
    /// initial), a piece of two letters beside a word ("add ed it"),
    /// a run of single letters alone (`LetterSpacedWords`'), a piece after the
    /// first with a capital ("Nizhny Novgorod"), pieces with digits, hyphens or
    /// apostrophes, two spaces, a join into a rare word ("per se" is no "perse"),
    /// a join into a word no lexicon knows ("Stenograficheskii otchet").
    struct SpuriousSpaces: GarbleJoinRepair {
        var names: [String] { ["garbles:stray-space"] }

        /// The longest run tried, in pieces.
        static let maximumPieces = 6  // the size of `end`'s list of pieces
        /// The lowest Zipf value (times ten) of a joined word taken on its frequency alone.
        static let commonJoin = 35
        /// How much likelier (log10) the word must be than its pieces as words.
        static let margin = 10

        /// Two tokens of letters inside their punctuation, the second starting
        /// small, one of them not sure to be a word.
        func mayJoin(_ previous: GarbleTokenShape, _ current: GarbleTokenShape) -> Bool {
            previous.coreIsLetters && current.coreIsLetters && current.coreStartsSmall && (previous.coreMayBePiece || current.coreMayBePiece)
        }

        func repair(_ line: inout GarbleTokenLine, in context: Context, record: GarbleRecorder) {
            guard line.tokens.count >= 2 else { return }
            // The tokens as they were, read while the line takes the joins.
            let before = line
            var scratch = Scratch()
            line.joinRuns(rule: "garbles:stray-space", record: record) { Self.end(of: before, from: $0, scratch: &scratch, in: context) }
        }

        /// What a token is as a piece of a run, found once per line.
        enum PieceKind { case unknown, word, noWord, strayLetter }

        /// A token read as a piece after a run's first (`piece(_:first: false)`), found once per line.
        enum LaterPiece { case unknown, none, letters(Range<Int>, closed: Bool) }

        /// What `end` finds of a line's tokens, kept while it tries each start:
        /// the tokens of the last eight indices asked, each in the slot of its
        /// index modulo eight, with that index (a run spans six tokens at most,
        /// and the starts only go forward). A token no slot holds is found
        /// again, to the same answer. Held in place: no line allocates for it.
        struct Scratch {
            private var indices = InlineArray<8, Int>(repeating: -1)
            private var heldKinds = InlineArray<8, PieceKind>(repeating: .unknown)
            private var heldLaterPieces = InlineArray<8, LaterPiece>(repeating: .unknown)

            /// The slot of token `index`, emptied first when it held another.
            @inline(__always)
            private mutating func slot(_ index: Int) -> Int {
                let slot = index & 7
                if indices[slot] != index {
                    indices[slot] = index
                    heldKinds[slot] = .unknown
                    heldLaterPieces[slot] = .unknown
                }
                return slot
            }

            subscript(kind index: Int) -> PieceKind {
                mutating get { heldKinds[slot(index)] }
                set { heldKinds[slot(index)] = newValue }
            }

            subscript(laterPiece index: Int) -> LaterPiece {
                mutating get { heldLaterPieces[slot(index)] }
                set { heldLaterPieces[slot(index)] = newValue }
            }
        }

        static func isASCIILetter(_ byte: UInt8) -> Bool { byte < 0x80 && DocumentVocabulary.isLetter(byte) }

        static func isOpening(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "(") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "[")
        }

        static func isClosing(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"),
                 UInt8(ascii: ")"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"): return true
            default: return false
            }
        }

        /// The letters of token `bytes` as a piece (`first`: the run's first,
        /// which may have opening marks before), at the indices of `bytes`, and
        /// whether closing marks follow them; nil for no piece.
        static func piece(_ bytes: ArraySlice<UInt8>, first: Bool) -> (letters: Range<Int>, closed: Bool)? {
            var start = bytes.startIndex
            if first { while start < bytes.endIndex, isOpening(bytes[start]) { start += 1 } }
            var end = start
            while end < bytes.endIndex, isASCIILetter(bytes[end]) { end += 1 }
            guard end > start else { return nil }
            guard end == bytes.endIndex || bytes[end...].allSatisfy(isClosing) else { return nil }
            return (start..<end, end < bytes.endIndex)
        }

        /// The end of the longest run of two to `maximumPieces` tokens from
        /// `start` that join into one word (see above), if any.
        static func end(of line: GarbleTokenLine, from start: Int, scratch: inout Scratch, in context: Context) -> Int? {
            let tokens = line.tokens
            // The run's extent, by the tokens' bytes alone: the letters of each piece.
            var ranges = InlineArray<6, Range<Int>>(repeating: 0..<0)
            var count = 0
            var last = start
            while last < tokens.count, last - start < maximumPieces {
                let found: (letters: Range<Int>, closed: Bool)
                if last == start {
                    guard let first = piece(line[tokens[last]], first: true) else { break }
                    found = first
                } else {
                    guard tokens[last - 1].spacesAfter == 1 else { break }
                    if case .unknown = scratch[laterPiece: last] {
                        scratch[laterPiece: last] = piece(line[tokens[last]], first: false).map { .letters($0.letters, closed: $0.closed) } ?? .none
                    }
                    guard case .letters(let letters, let closed) = scratch[laterPiece: last],
                          GarbleRepair.isLower(line.storage[letters.lowerBound]) else { break }
                    found = (letters, closed)
                }
                ranges[count] = found.letters
                count += 1
                last += 1
                if found.closed { break }
            }
            guard count >= 2 else { return nil }
            // The pieces are no sentence (see above): looked up once per token.
            for position in start..<last where scratch[kind: position] == .unknown {
                let letters = line.storage[ranges[position - start]]
                scratch[kind: position] = context.isWholeWord(letters) ? .word : letters.count == 1 ? .strayLetter : .noWord
            }
            // A run never cuts a letter-spaced stretch: no stray letter just before or after it.
            func isStrayLetter(_ position: Int) -> Bool {
                let bytes = line[tokens[position]]
                return bytes.count == 1 && isASCIILetter(bytes[bytes.startIndex]) && !context.isWholeWord(bytes)
            }
            if start > 0, tokens[start - 1].spacesAfter == 1, isStrayLetter(start - 1) { return nil }
            // Neither test below passes on a shorter run when it fails on the longest (a piece
            // no word, two stray letters: both only grow with the run), as at most starts in prose.
            var longestStrays = 0, longestHasNoWord = false
            for position in start..<last {
                if scratch[kind: position] == .strayLetter { longestStrays += 1 }
                if scratch[kind: position] == .noWord && ranges[position - start].count >= 3 { longestHasNoWord = true }
            }
            guard longestHasNoWord || (count >= 3 && longestStrays >= 2) else { return nil }
            while count >= 2 {
                defer { count -= 1 }
                let run = start..<(start + count)
                var strays = 0
                for position in run where scratch[kind: position] == .strayLetter { strays += 1 }
                let noWord = run.contains { scratch[kind: $0] == .noWord && ranges[$0 - start].count >= 3 }
                guard noWord || (count >= 3 && strays >= 2) else { continue }
                if start + count < tokens.count, tokens[start + count - 1].spacesAfter == 1, isStrayLetter(start + count) { continue }
                let pieces = run.map { line.storage[ranges[$0 - start]] }
                if joins(pieces, in: context) { return start + count }
            }
            return nil
        }

        /// Whether `pieces` are one word broken by spaces (see above).
        static func joins(_ pieces: [ArraySlice<UInt8>], in context: Context) -> Bool {
            guard pieces.contains(where: { $0.count > 1 }) else { return false }
            let joined = pieces.flatMap { $0 }
            guard joined.count >= 3, joined.count <= context.maximumWordLength, CaseShape(of: joined) != .mixed else { return false }
            // Asked first, as most joins of pieces are no word at all (each test here is
            // pure, so their order changes nothing but the time).
            let lower = DocumentVocabulary.lowercased(joined[...])
            let frequency = EnglishFrequencies.zipfTimesTen(lower[...])
            // A word no frequency lists: one the English list, the name lexicon or the
            // book's vocabulary knows, not begun by a common word. The document's own
            // count is no evidence here: a document that runs words together has
            // "speechrecognition" and "Presidiumofthe" as tokens of its own.
            let attested = (frequency ?? 0) < commonJoin && context.isKnown(joined[...])
                && (EnglishFrequencies.zipfTimesTen(DocumentVocabulary.lowercased(pieces.first![...])) ?? 0) < commonJoin
            guard (frequency ?? 0) >= commonJoin || attested else { return false }
            // The pieces are no sentence: one of three letters or more is no word, or in
            // three pieces or more two are stray letters (a single letter alone may be a
            // variable or an initial: "d is", "T is", "and y").
            let strayLetters = pieces.filter { $0.count == 1 && !context.isWholeWord($0) }.count
            guard pieces.contains(where: { $0.count >= 3 && !context.isWholeWord($0) })
                || (pieces.count >= 3 && strayLetters >= 2 && joined.count >= 7) else { return false }
            // log10 of each reading's probability, times ten: a word at Zipf z is 10^(z - 9).
            let word = (frequency ?? EnglishFrequencies.floor) - 90
            let asWords = pieces.reduce(0) { sum, piece in
                let single = piece.count == 1 && !context.isWholeWord(piece)
                let zipf = single ? 0 : EnglishFrequencies.zipfTimesTen(DocumentVocabulary.lowercased(piece[...])[...]) ?? 0
                return sum + zipf - 90
            }
            return word >= asWords + margin
        }
    }
}
