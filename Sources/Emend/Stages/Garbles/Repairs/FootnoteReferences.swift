import Foundation

extension GarbleRepair {
    /// A footnote reference glued to a word, with letters read for its digits
    /// ("wrecker.\"l3" → "wrecker.\"13"): changed only when footnote 13 stands
    /// within the footnote window before or after the line.
    /// Never touches: a reference without a mark before it (. " ' )), one of
    /// digits alone, a number no footnote near has.
    struct FootnoteReferences: GarbleLineRepair {
        static var names: [String] { ["garbles:footnote-reference"] }

        /// A footnote stands near, and a mark before a digit or a letter read for one.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool {
            line.footnotes != nil && line.mayHave(GarbleRules.footnoteGlueFeature, in: context)
        }

        static func neededFeatures(in context: Context) -> UInt16? { GarbleRules.footnoteGlueFeature }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            var result = line.text
            var index = result.count
            while index > 2 {
                // The end of a token: find the reference that may end it.
                guard index == result.count || result[index] == 0x20 else { index -= 1; continue }
                var start = index
                while start > 0, index - start < 3, result[start - 1] != 0x20,
                      GarbleRepair.isDigit(result[start - 1]) || context.rules.digitLetters[result[start - 1]] != nil { start -= 1 }
                let glue = start > 1 ? result[start - 1] : 0x20
                if start < index, start > 1, glue == UInt8(ascii: ".") || glue == UInt8(ascii: "\"") || glue == UInt8(ascii: "'")
                    || glue == UInt8(ascii: ")"), DocumentVocabulary.isLetter(result[start - 2]) || result[start - 2] == UInt8(ascii: "."),
                   result[start..<index].contains(where: { !GarbleRepair.isDigit($0) }) {
                    let digits = result[start..<index].map { GarbleRepair.isDigit($0) ? $0 : context.rules.digitLetters[$0]! }
                    if let number = Int(String(decoding: digits, as: UTF8.self)), line.footnotes?.contains(number) == true {
                        record("garbles:footnote-reference", String(decoding: result[start..<index], as: UTF8.self),
                               String(decoding: digits, as: UTF8.self), start + 1)
                        result.replaceSubrange(start..<index, with: digits)
                    }
                }
                index = start - 1
            }
            line.text = result
        }
    }
}

/// The footnote numbers near a line: of the lines written just before it, and
/// of the lines held after it (the window). Looked up only for a candidate
/// reference; made only for a line that has some near (`GarbleLine.footnotes`).
struct NearbyFootnotes {
    let recent: [(number: Int, line: Int)]
    let ahead: [Int?]
    /// The lines of `ahead` near the line (moved on line by line).
    var window: Range<Int>

    func contains(_ number: Int) -> Bool {
        recent.contains { $0.number == number } || ahead[window].contains(number)
    }
}
