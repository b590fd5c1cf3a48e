import Foundation

/// Words run together split: at a small-to-capital boundary ("inMoscow") or
/// into function words and common words ("purgingof"), on the document's evidence.
extension GarbleRepair {
    /// "inMoscow" → "in Moscow", "ConcemingComradeYenukidze" → "Concerning Comrade
    /// Yenukidze": parts at each small-to-capital boundary, every part known
    /// (after undoing one confusion), the whole not.
    func splitCamel(_ word: [UInt8], own: Int) -> [UInt8]? {
        let cuts = word.indices.filter { Self.isCamelCut(word, at: $0) }
        guard !cuts.isEmpty else { return nil }
        var parts: [[UInt8]] = []
        var start = 0
        for cut in cuts + [word.count] {
            parts.append(Array(word[start..<cut]))
            start = cut
        }
        // A joined form the document repeats is a name ("WordNet", "PageRank"),
        // unless the document writes its parts apart more often.
        let apart = survey.pairCount(parts[0][...], parts[1][...])
        if own >= 2 && apart <= own { return nil }
        // Capitalised parts alone ("WordNet") split only before a name the lexicon
        // knows or where the document writes the parts apart; a small first part
        // ("inMoscow") is the usual lost space.
        if Self.isUpper(word[0]) && !parts.dropFirst().contains(where: { names.contains($0[...]) })
            && apart == 0 { return nil }
        var repaired: [[UInt8]] = []
        for part in parts {
            guard part.count >= 2 || part == [UInt8(ascii: "a")] else { return nil }
            // A capitalised part may be a name of the English list ("Baltic").
            let listedName = Self.isUpper(part[0]) && english.contains(part[...])
            if isCommon(part[...]) || listedName || names.contains(part[...]) || isDocumentWord(part[...]) {
                repaired.append(part)
                continue
            }
            guard let fixed = undoConfusion(part, own: survey.count(of: part[...])) else { return nil }
            repaired.append(fixed.text)
        }
        return Array(repaired.joined(separator: [0x20]))
    }

    /// Lower-case words run together: the one split into the fewest common
    /// words (two letters or more, or "a"), when there is exactly one.
    func segment(_ word: [UInt8], own: Int) -> [UInt8]? {
        guard word.count >= 5, word.count <= configuration.maximumWordLength,
              word.allSatisfy(Self.isLower), !isInflectedWord(word) else { return nil }
        // best[i]: (fewest words to cover word[..<i], how many ways, last cut)
        var best = [(parts: Int, ways: Int, cut: Int)](repeating: (Int.max, 0, -1), count: word.count + 1)
        best[0] = (0, 1, -1)
        for end in 1...word.count {
            for start in max(0, end - 20)..<end where best[start].parts != Int.max {
                let piece = word[start..<end]
                let isFunctionWord = rules.isFunctionWord(piece)
                guard isFunctionWord || (piece.count >= 3 && (english.tier(of: piece) ?? 99) <= 50) else { continue }
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
            guard let likeliest = likeliestSplit(word, fewest: best.map(\.parts)) else { return nil }
            pieces = likeliest
        }
        // A word English uses often itself ("webpage") is no words run
        // together, unless the split is far likelier ("ofthe": "of the").
        if let whole = EnglishFrequencies.zipfTimesTen(word[...]),
           (splitScore(pieces) ?? Int.min) <= whole - 90 + Self.frequencyMargin { return nil }
        // The usual loss is a small word's space ("purgingof"); two content words are left.
        let isFunction = pieces.map { rules.isFunctionWord($0[...]) }
        guard isFunction.contains(true),
              !zip(isFunction, isFunction.dropFirst()).contains(where: { !$0 && !$1 }),
              !looksRussian(word) else { return nil }
        pieces.reverse()
        // Split only in a document that loses its spaces, or where it writes the
        // parts apart more often than it has this token ("soone" stays in a book
        // that never writes "so one"); a repeated token needs the latter.
        let apart = survey.pairCount(pieces[0][...], pieces[1][...])
        guard apart > own || (own <= 1 && (losesSpaces || isLostSpace(pieces))) else { return nil }
        return Array(pieces.joined(separator: [0x20]))
    }

    /// How much likelier, in tenths of a power of ten, the split chosen must be
    /// than the next one, or than the whole as the word English writes it:
    /// ten times.
    static let frequencyMargin = 10

    /// The log-likelihood of a split under English word frequencies, in
    /// tenths of a power of ten (the sum of each piece's Zipf value less 9);
    /// nil when a piece is rarer than once per million words.
    func splitScore(_ pieces: [[UInt8]]) -> Int? {
        var score = 0
        for piece in pieces {
            guard let zipf = EnglishFrequencies.zipfTimesTen(piece[...]) else { return nil }
            score += zipf - 90
        }
        return score
    }

    /// Among the splits of `word` into the fewest pieces `segment` accepts
    /// (`fewest[i]`: the fewest pieces covering `word[..<i]`), the one whose
    /// pieces English uses most, when it is `frequencyMargin` likelier than any
    /// other; nil when two are close, or a piece is rarer than once per million
    /// words. The pieces come last first.
    func likeliestSplit(_ word: [UInt8], fewest: [Int]) -> [[UInt8]]? {
        var splits: [[[UInt8]]] = []
        var path: [[UInt8]] = []
        func walk(to end: Int) {
            guard splits.count < 64 else { return }
            if end == 0 { splits.append(path); return }
            for start in max(0, end - 20)..<end where fewest[start] == fewest[end] - 1 {
                let piece = word[start..<end]
                guard rules.isFunctionWord(piece) || (piece.count >= 3 && (english.tier(of: piece) ?? 99) <= 50) else { continue }
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
    /// "heere", "fortuned") and truncated words into rare ones ("iscuss") are left.
    func isLostSpace(_ pieces: [[UInt8]]) -> Bool {
        guard pieces.count == 2 else { return false }
        let content = rules.isFunctionWord(pieces[0][...]) ? pieces[1] : pieces[0]
        let tier = commonestTier(of: content[...])
        return (content.count >= 4 && tier <= 10) || (content.count >= 7 && tier <= 35)
    }

    /// A listed word with an inflection the list leaves out ("oncomings" of
    /// "oncoming", "outgoings"): a word, not words run together.
    func isInflectedWord(_ word: [UInt8]) -> Bool {
        for suffix in ["s", "es", "ed", "d", "ing", "ly"] where word.count > suffix.count + 3 && word.reversed().starts(with: suffix.utf8.reversed()) {
            if english.contains(word[..<(word.count - suffix.count)]) { return true }
        }
        return false
    }
}
