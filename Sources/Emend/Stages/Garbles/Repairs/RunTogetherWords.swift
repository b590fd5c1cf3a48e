import Foundation

extension GarbleRepair {
    /// Words run together split into function words and common words
    /// ("purgingof" → "purging of", "Allof" → "All of"): the one split into the
    /// fewest words, or the one English makes far likelier than any other
    /// (`frequencyMargin`), with a function word in it, in a document that loses
    /// its spaces (`SpaceLossEvidence`) or where the split is a lost space any
    /// document may make (`isLostSpace`), or where the document writes the
    /// parts apart more often than it has the token.
    /// `capitalised` takes a capital and small letters, before the confusions
    /// are tried, and keeps the capital; otherwise small letters alone, last of all.
    /// Never touches: a known word, a listed word's inflection ("oncomings"), a
    /// word English uses often itself ("webpage"), two content words side by
    /// side, romanized Russian (`translit/russian-looking.yaml`), old spellings
    /// ("soone") in a document that keeps its spaces, words over `max-word` letters.
    struct RunTogetherWords: GarbleTokenRepair {
        /// A capitalised word ("Allof"), split only when its first piece is a function word.
        let capitalised: Bool
        var names: [String] { ["garbles:run-together"] }
        var leavesKnownWords: Bool { true }

        func mayApply(to token: GarbleToken, in context: Context) -> Bool {
            guard token.isPlainWord, let first = token.core.first else { return false }
            let rest = token.core.dropFirst().allSatisfy(GarbleRepair.isLower)
            return rest && (capitalised ? GarbleRepair.isUpper(first) : GarbleRepair.isLower(first))
        }

        func repair(_ token: GarbleToken, in context: Context) -> GarbleToken.Repair? {
            let core = token.core
            guard capitalised else {
                return Self.segment(core, own: token.own, in: context).map { (token.wrap($0), "garbles:run-together") }
            }
            // "Gabor" is no "Gab or": the capital's piece must be a function word.
            guard var split = Self.segment([core[0] | 0x20] + Array(core.dropFirst()), own: token.own, in: context),
                  context.rules.isFunctionWord(split.prefix { $0 != 0x20 }) else { return nil }
            split[0] = core[0]
            return (token.wrap(split), "garbles:run-together")
        }

        /// Lower-case words run together: the split into the fewest common words
        /// (two letters or more, or "a"), when there is exactly one or one far likelier.
        static func segment(_ word: [UInt8], own: Int, in context: Context) -> [UInt8]? {
            guard word.count >= 5, word.count <= context.maximumWordLength,
                  word.allSatisfy(GarbleRepair.isLower), !isInflectedWord(word, in: context) else { return nil }
            // best[i]: (fewest words to cover word[..<i], how many ways, last cut);
            // the pieces are small letters alone, so each is looked up as it is.
            var best = [(parts: Int, ways: Int, cut: Int)](repeating: (Int.max, 0, -1), count: word.count + 1)
            best[0] = (0, 1, -1)
            for end in 1...word.count {
                for start in max(0, end - 20)..<end where best[start].parts != Int.max {
                    let piece = word[start..<end]
                    let isFunctionWord = context.rules.isFunctionWord(piece)
                    guard isFunctionWord || (piece.count >= 3 && (context.english.tier(ofSmallLetters: piece) ?? 99) <= 50) else { continue }
                    let parts = best[start].parts + 1
                    if parts < best[end].parts {
                        best[end] = (parts, best[start].ways, start)
                    } else if parts == best[end].parts {
                        best[end].ways += best[start].ways
                    }
                }
            }
            guard best[word.count].parts >= 2, best[word.count].parts != Int.max else { return nil }
            var pieces: [[UInt8]] = []
            if best[word.count].ways == 1 {
                var end = word.count
                while end > 0 {
                    let start = best[end].cut
                    pieces.append(Array(word[start..<end]))
                    end = start
                }
            } else {
                // Several splits into as few words ("ofthe": "of the", "oft he"):
                // the one English makes far likelier than any other.
                guard let likeliest = likeliestSplit(word, fewest: best.map(\.parts), in: context) else { return nil }
                pieces = likeliest
            }
            // A word English uses often itself ("webpage") is no words run
            // together, unless the split is far likelier ("ofthe": "of the").
            if let whole = EnglishFrequencies.zipfTimesTen(word[...]),
               (splitScore(pieces) ?? Int.min) <= whole - 90 + Self.frequencyMargin { return nil }
            // The usual loss is a small word's space ("purgingof"); two content words are left.
            let isFunction = pieces.map { context.rules.isFunctionWord($0[...]) }
            guard isFunction.contains(true),
                  !zip(isFunction, isFunction.dropFirst()).contains(where: { !$0 && !$1 }) else { return nil }
            pieces.reverse()
            // Split only in a document that loses its spaces, or where it writes the
            // parts apart more often than it has this token ("soone" stays in a book
            // that never writes "so one"); a repeated token needs the latter.
            let apart = context.survey.pairCount(pieces[0][...], pieces[1][...])
            guard apart > own || (own <= 1 && (context.losesSpaces || isLostSpace(pieces, in: context))) else { return nil }
            // Romanized Russian last: a word that reaches here is rare, and its test reads the whole word.
            guard !context.looksRussian(word) else { return nil }
            return Array(pieces.joined(separator: [0x20]))
        }

        /// How much likelier, in tenths of a power of ten, the split chosen must be
        /// than the next one, or than the whole as the word English writes it:
        /// ten times.
        static let frequencyMargin = 10

        /// The log-likelihood of a split under English word frequencies, in
        /// tenths of a power of ten (the sum of each piece's Zipf value less 9);
        /// nil when a piece is rarer than once per million words.
        static func splitScore(_ pieces: [[UInt8]]) -> Int? {
            var score = 0
            for piece in pieces {
                guard let zipf = EnglishFrequencies.zipfTimesTen(piece[...]) else { return nil }
                score += zipf - 90
            }
            return score
        }

        /// Among the splits of `word` (small letters alone) into the fewest pieces `segment` accepts
        /// (`fewest[i]`: the fewest pieces covering `word[..<i]`), the one whose
        /// pieces English uses most, when it is `frequencyMargin` likelier than any
        /// other; nil when two are close, or a piece is rarer than once per million
        /// words. The pieces come last first.
        static func likeliestSplit(_ word: [UInt8], fewest: [Int], in context: Context) -> [[UInt8]]? {
            var splits: [[[UInt8]]] = []
            var path: [[UInt8]] = []
            func walk(to end: Int) {
                guard splits.count < 64 else { return }
                if end == 0 { splits.append(path); return }
                for start in max(0, end - 20)..<end where fewest[start] == fewest[end] - 1 {
                    let piece = word[start..<end]
                    guard context.rules.isFunctionWord(piece) || (piece.count >= 3 && (context.english.tier(ofSmallLetters: piece) ?? 99) <= 50) else { continue }
                    path.append(Array(piece))
                    walk(to: start)
                    path.removeLast()
                }
            }
            walk(to: word.count)
            var scored = splits.compactMap { split in splitScore(split).map { (split, $0) } }
            guard scored.count == splits.count, !scored.isEmpty else { return nil }
            scored.sort { $0.1 > $1.1 }
            if scored.count > 1 && scored[0].1 - scored[1].1 < Self.frequencyMargin { return nil }
            return scored[0].0
        }

        /// A split any document may make, losing spaces or not: one function word
        /// and one of the commonest English words (SCOWL size 10) of four letters or
        /// more, or a common one of seven letters or more ("modelof",
        /// "theutterance"); old spellings split into short or rarer pieces ("soone",
        /// "heere", "fortuned") and truncated words into rare ones ("iscuss") are left,
        /// and so is a final single letter ("scripta", "simplea", "acquainta ce"):
        /// the commonest ending of Latin and Romance words, and of a word cut by a
        /// stray space, is a lost space only after a verb form in -ed or -ing
        /// ("issueda", "preparinga": an article follows a verb) or in a
        /// document that loses spaces. `pieces` come first first.
        static func isLostSpace(_ pieces: [[UInt8]], in context: Context) -> Bool {
            guard pieces.count == 2 else { return false }
            if pieces[1].count == 1 {
                let verbForm = pieces[0].reversed().starts(with: "de".utf8) || pieces[0].reversed().starts(with: "gni".utf8)
                guard verbForm else { return false }
            }
            let content = context.rules.isFunctionWord(pieces[0][...]) ? pieces[1] : pieces[0]
            let tier = context.commonestTier(of: content[...])
            return (content.count >= 4 && tier <= 10) || (content.count >= 7 && tier <= 35)
        }

        /// A listed word with an inflection the list leaves out ("oncomings" of
        /// "oncoming", "outgoings"): a word, not words run together.
        static func isInflectedWord(_ word: [UInt8], in context: Context) -> Bool {
            // Compared byte by byte in place, in this order: no String or reversed view per word.
            for suffix in inflectionSuffixes where word.count > suffix.count + 3 {
                let stem = word.count - suffix.count
                guard (0..<suffix.count).allSatisfy({ word[stem + $0] == suffix[$0] }) else { continue }
                if context.english.contains(word[..<stem]) { return true }
            }
            return false
        }

        /// The inflections `isInflectedWord` tries, in its order.
        static let inflectionSuffixes: [[UInt8]] = ["s", "es", "ed", "d", "ing", "ly"].map { Array($0.utf8) }
    }
}
