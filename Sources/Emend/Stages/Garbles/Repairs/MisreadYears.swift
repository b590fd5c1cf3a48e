import Foundation

extension GarbleRepair {
    /// A year with letters read for digits ("193os" → "1930s", "1g34" → "1934",
    /// "I938" → "1938"), by the rule files' `digit-letters`, when the result is
    /// a year from 1700 to 2099 (`GarbleRules.year`).
    /// Never touches: a number of digits alone, a word of letters alone, more
    /// than two letters in a year, "s" after a year that is no decade.
    struct MisreadYears: GarbleTokenRepair {
        var names: [String] { ["garbles:year"] }
        var leavesKnownWords: Bool { false }

        /// Four characters, or five ending in "s".
        func mayApply(to token: GarbleToken, in context: Context) -> Bool { token.core.count == 4 || token.core.count == 5 }

        func repair(_ token: GarbleToken, in context: Context) -> GarbleToken.Repair? {
            context.rules.year(token.core).map { (token.wrap($0), "garbles:year") }
        }
    }
}
