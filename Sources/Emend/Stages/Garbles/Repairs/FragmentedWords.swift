import Foundation

extension GarbleRepair {
    /// A word broken into three to six pieces by stray spaces joined
    /// ("descr ip t ion" → "description", "In t roduct ion" → "Introduction"):
    /// ASCII letters one space apart, the pieces after the first starting small
    /// and no words but at most one that is no function word ("ion"), whose
    /// join of five letters or more is a common English word or one the
    /// document repeats. Reported as `garbles:stray-space`.
    /// Never touches: a function word among the pieces, two words among them,
    /// a piece after the first with a capital.
    struct FragmentedWords: GarbleJoinRepair {
        var names: [String] { ["garbles:stray-space"] }

        /// A token of letters, then one of letters starting small that is not
        /// sure to be a whole word: every run the repair joins has such a pair
        /// (two pieces after the first, at most one of them a word).
        func mayJoin(_ previous: GarbleTokenShape, _ current: GarbleTokenShape) -> Bool {
            previous.coreIsLetters && current.mayBePiece && current.coreStartsSmall
        }

        func repair(_ line: inout GarbleTokenLine, in context: Context, record: GarbleRecorder) {
            // The tokens as they were, read while the line takes the joins.
            let before = line
            let tokens = before.tokens
            // Whether each token is a whole word, looked up once (-1: not yet).
            var wholeWords = [Int8](repeating: -1, count: tokens.count)
            let isPiece = { (token: GarbleTokenLine.Token) in
                let bytes = before[token]
                return !bytes.isEmpty && bytes.allSatisfy { $0 < 0x80 && DocumentVocabulary.isLetter($0) }
            }
            line.joinRuns(rule: "garbles:stray-space", record: record) { index in
                // A run needs three pieces one space apart, the second and third starting small
                // (what `end` asks first, by bytes alone).
                guard index + 2 < tokens.count, isPiece(tokens[index]), tokens[index].spacesAfter == 1, isPiece(tokens[index + 1]),
                      GarbleRepair.isLower(before.storage[tokens[index + 1].offset]), tokens[index + 1].spacesAfter == 1,
                      isPiece(tokens[index + 2]), GarbleRepair.isLower(before.storage[tokens[index + 2].offset]) else { return nil }
                return Self.end(of: before, from: index, in: context, wholeWords: &wholeWords)
            }
        }

        /// The end of the longest run of three to six tokens from `start` that
        /// join into one word (see above), if any. `wholeWords`: whether each
        /// token is a whole word, filled in as asked (-1: not yet).
        static func end(of line: GarbleTokenLine, from start: Int, in context: Context, wholeWords: inout [Int8]) -> Int? {
            let tokens = line.tokens
            let isPiece = { (bytes: ArraySlice<UInt8>) in !bytes.isEmpty && bytes.allSatisfy { $0 < 0x80 && DocumentVocabulary.isLetter($0) } }
            var last = start
            var wordsAmongPieces = 0
            while last < tokens.count, last - start < 6, isPiece(line[tokens[last]]) {
                if last > start {
                    let piece = line[tokens[last]]
                    guard tokens[last - 1].spacesAfter == 1, GarbleRepair.isLower(piece[piece.startIndex]) else { break }
                    if wholeWords[last] < 0 { wholeWords[last] = context.isWholeWord(piece) ? 1 : 0 }
                    if wholeWords[last] == 1 {
                        // One piece may happen to be a word ("ion"), but no small word of a sentence.
                        guard wordsAmongPieces == 0, !context.rules.isFunctionWord(piece) else { break }
                        wordsAmongPieces += 1
                    }
                }
                last += 1
            }
            var end = last
            while end - start >= 3 {
                let joined = tokens[start..<end].flatMap { line[$0] }
                if joined.count >= 5, context.isCommon(joined[...]) || context.isDocumentWord(joined[...]) { return end }
                end -= 1
            }
            return nil
        }
    }
}
