import Foundation

extension GarbleRepair {
    /// A period glued to a word no sentence ends in (the rule files'
    /// `never-last-in-a-sentence`: "the", "and", "of") before a word in small
    /// letters ("part of. the answer", "and. healthy"): a speck of the scan.
    /// Never touches: a word of one letter ("a. the" heads a list), a word
    /// after a number ("5 in. long"), a word at the line's start, a period
    /// before a capital, a digit, a mark or a single letter ("filled in. f":
    /// a list's item).
    struct SpeckPeriods: GarbleLineRepair {
        static var names: [String] { ["garbles:speck-period"] }

        /// A period, a space and two small letters in the line (periods found by `memchr`).
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool {
            line.text.withUnsafeBufferPointer { text in
                guard let base = text.baseAddress else { return false }
                var from = 2
                while from + 3 < text.count, let found = memchr(base + from, Int32(UInt8(ascii: ".")), text.count - 3 - from) {
                    let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if text[index + 1] == 0x20, GarbleRepair.isLower(text[index + 2]), GarbleRepair.isLower(text[index + 3]) { return true }
                    from = index + 1
                }
                return false
            }
        }

        /// A period before a space.
        static func neededFeatures(in context: Context) -> UInt16? { GarbleRules.periodSpaceFeature }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            var text = line.text
            var index = text.count - 3
            while index >= 2 {
                defer { index -= 1 }
                // Before a word of two small letters or more: a single letter may number a list ("in. f", "it. i").
                guard text[index] == UInt8(ascii: "."), text[index + 1] == 0x20, GarbleRepair.isLower(text[index + 2]),
                      index + 3 < text.count, GarbleRepair.isLower(text[index + 3]) else { continue }
                var start = index
                while start > 0, GarbleRepair.isLower(text[start - 1]) { start -= 1 }
                // A whole token of two small letters or more, after a word that is no number.
                guard index - start >= 2, start > 0, text[start - 1] == 0x20,
                      context.rules.neverLastInASentence.contains(Array(text[start..<index])) else { continue }
                var previous = start - 1
                while previous > 0, text[previous - 1] == 0x20 { previous -= 1 }
                guard previous > 0, !GarbleRepair.isDigit(text[previous - 1]) else { continue }
                record("garbles:speck-period", String(decoding: text[start...index], as: UTF8.self),
                       String(decoding: text[start..<index], as: UTF8.self), start + 1)
                text.remove(at: index)
            }
            line.text = text
        }
    }
}
