import Foundation

extension GarbleRepair {
    /// A character of the rule files' `lone-specks` standing alone between
    /// spaces, or at the line's edge beside text, removed with one space
    /// beside it ("the ¦ General Assembly" → "the General Assembly", "_ USSR
    /// did not" → "USSR did not"): a speck of the scan that OCR read as a mark.
    /// Never touches: the character inside or beside a token ("__", "a_b",
    /// "_x"), a line that holds nothing else (it would become a blank line,
    /// which parts paragraphs).
    struct LoneSpecks: GarbleLineRepair {
        static var names: [String] { ["garbles:lone-speck"] }

        /// A speck's byte beside a space, or its first two bytes, stand in the line.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool {
            line.mayHave(GarbleRules.loneSpeckFeature, in: context)
        }

        static func neededFeatures(in context: Context) -> UInt16? {
            context.rules.loneSpecks.isEmpty ? 0 : GarbleRules.loneSpeckFeature
        }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            var text = line.text
            var start = 0
            while start < text.count {
                guard start == 0 || text[start - 1] == 0x20,
                      let speck = context.rules.loneSpecks.first(where: { text[start...].starts(with: $0) }) else {
                    start += 1
                    continue
                }
                let end = start + speck.count
                guard end == text.count || text[end] == 0x20 else { start = end; continue }
                // One space goes with it: the one after, or at the line's end the one before.
                let removed = end < text.count ? start..<(end + 1) : (start > 0 ? (start - 1)..<end : start..<end)
                var rest = text
                rest.removeSubrange(removed)
                guard rest.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { break }
                record("garbles:lone-speck", String(decoding: text[removed], as: UTF8.self), "", removed.lowerBound + 1)
                text = rest
                start = removed.lowerBound
            }
            line.text = text
        }
    }
}
