import Foundation

extension GarbleRepair {
    /// Letters read for digits inside a number that is no year ("6O0" → "600",
    /// "1,2O0" → "1,200", "3l5" → "315"), by the rule files' `digit-letters`:
    /// each letter stands between two digits, the number starts and ends with a
    /// digit and has at least two, no more than a third of its figures are
    /// letters, and no more than four figures stand together (prose groups a
    /// longer number: "193S60" is a year and a footnote's number, left for a
    /// human); commas and periods between digits stay ("3o8,31" → "308,31",
    /// "1,0o6,030" → "1,006,030").
    /// Never touches: a letter at a number's edge ("10s", "5th", "3D", "I0",
    /// "l936": years are `MisreadYears`'), a letter beside another letter or a
    /// mark ("1OO", "B2B", "H2O", "2x3"), letters the rule files do not list.
    struct MisreadNumbers: GarbleTokenRepair {
        var names: [String] { ["garbles:number"] }
        var leavesKnownWords: Bool { false }

        /// A digit first and last in the core, three bytes or more.
        func mayApply(to token: GarbleToken, in context: Context) -> Bool {
            token.core.count >= 3 && GarbleRepair.isDigit(token.core.first!) && GarbleRepair.isDigit(token.core.last!)
        }

        func repair(_ token: GarbleToken, in context: Context) -> GarbleToken.Repair? {
            let core = token.core
            var repaired = core
            var letters = 0, digits = 0, run = 0
            for index in core.indices {
                let byte = core[index]
                if GarbleRepair.isDigit(byte) { digits += 1; run += 1; continue }
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") {
                    guard run <= 4 else { return nil }
                    run = 0
                    // A mark between digits ("1,200", "3.5").
                    guard index > 0, index + 1 < core.count, GarbleRepair.isDigit(core[index - 1]),
                          GarbleRepair.isDigit(core[index + 1]) else { return nil }
                    continue
                }
                guard let digit = context.rules.digitLetters[byte], index > 0, index + 1 < core.count,
                      GarbleRepair.isDigit(core[index - 1]), GarbleRepair.isDigit(core[index + 1]) else { return nil }
                repaired[index] = digit
                letters += 1
                run += 1
            }
            guard letters >= 1, run <= 4, digits >= 2, letters * 3 <= letters + digits else { return nil }
            return (token.wrap(repaired), "garbles:number")
        }
    }
}
