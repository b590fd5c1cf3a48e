import Foundation

extension GarbleRepair {
    /// A missing space after , ; : between letters put back
    /// ("breach,didsometimes" → "breach, did sometimes"), each side then
    /// repaired as a token of its own.
    /// Never touches: a mark beside a digit or another mark, a token with bytes
    /// beyond ASCII; only the first mark of a token is looked at.
    struct SpaceAfterPunctuation: GarbleTokenRepair {
        var names: [String] { ["garbles:space-after-punctuation"] }
        var leavesKnownWords: Bool { false }

        /// A word-shaped token with a , ; or : in it.
        func mayApply(to token: GarbleToken, in context: Context) -> Bool { token.isWordShaped && token.hasMark }

        func repair(_ token: GarbleToken, in context: Context) -> GarbleToken.Repair? {
            let core = token.core
            guard let mark = core.firstIndex(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ":") }),
                  mark > 0, mark + 1 < core.count, DocumentVocabulary.isLetter(core[mark - 1]),
                  DocumentVocabulary.isLetter(core[mark + 1]) else { return nil }
            let left = Array(core[...mark]), right = Array(core[(mark + 1)...]) + token.trailing
            let leftRepaired = context.repairToken(left)?.text ?? left
            let rightRepaired = context.repairToken(right)?.text ?? right
            return (token.leading + leftRepaired + [0x20] + rightRepaired, "garbles:space-after-punctuation")
        }
    }
}
