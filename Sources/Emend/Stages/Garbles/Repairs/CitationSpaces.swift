import Foundation

extension GarbleRepair {
    /// The space after the comma of an archive citation put back ("961,l." →
    /// "961, l."): digits, a comma, one of the rule files'
    /// `citation-abbreviations`, and a period.
    /// Never touches: a comma after anything but digits, an abbreviation the
    /// rule files do not list.
    struct CitationSpaces: GarbleTokenRepair {
        var names: [String] { ["garbles:citation-space"] }
        var leavesKnownWords: Bool { false }

        /// A comma inside, a period after.
        func mayApply(to token: GarbleToken, in context: Context) -> Bool {
            token.trailing.last == UInt8(ascii: ".") && token.core.contains(UInt8(ascii: ","))
        }

        func repair(_ token: GarbleToken, in context: Context) -> GarbleToken.Repair? {
            let core = token.core
            guard let comma = core.firstIndex(of: UInt8(ascii: ",")), comma > 0, core[..<comma].allSatisfy(GarbleRepair.isDigit),
                  context.rules.citationAbbreviations.contains(Array(core[(comma + 1)...])) else { return nil }
            return (token.wrap(Array(core[...comma]) + [0x20] + Array(core[(comma + 1)...])), "garbles:citation-space")
        }
    }
}
