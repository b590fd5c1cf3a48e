import Foundation

extension GarbleRepair {
    /// A stray space inside a word closed ("t o" → "to", "Sta lin" → "Stalin"):
    /// two tokens of ASCII letters one space apart, neither a whole word (of
    /// the lone letters only a, A and I are), the second starting small, whose
    /// join is a common English word or a name of the lexicon.
    /// Never touches: two words, a second part with a capital, two spaces.
    struct StraySpaces: GarbleJoinRepair {
        var names: [String] { ["garbles:stray-space"] }

        /// Two tokens of letters side by side, neither sure to be a whole word.
        func mayJoin(_ previous: GarbleTokenShape, _ current: GarbleTokenShape) -> Bool { previous.mayBePiece && current.mayBePiece }

        func repair(_ line: inout GarbleTokenLine, in context: Context, record: GarbleRecorder) {
            line.joinPairs(rule: "garbles:stray-space", record: record) { left, leftBytes, _, rightBytes in
                let letters = { (bytes: ArraySlice<UInt8>) in !bytes.isEmpty && bytes.allSatisfy { DocumentVocabulary.isLetter($0) && $0 < 0x80 } }
                guard letters(leftBytes), letters(rightBytes), left.spacesAfter == 1, !context.isWholeWord(leftBytes),
                      !context.isWholeWord(rightBytes), rightBytes.first.map(GarbleRepair.isLower) == true else { return nil }
                let joined = Array(leftBytes) + rightBytes
                return (context.english.tier(of: joined[...]) ?? 99) <= 50 || context.names.contains(joined[...]) ? joined : nil
            }
        }
    }
}
