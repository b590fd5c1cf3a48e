import Foundation

extension GarbleRepair {
    /// The literal `replacements` of `rules/garbles/*.yaml`, in the order of
    /// the rule files ("VKP(b1" → "VKP(b)"), each reported under its entry's place.
    /// The search goes on after each replacement, never over it again: a
    /// `replace` that holds its `find` ("Mr" → "Mr.") ends.
    /// Never touches: text no entry's `find` matches byte for byte.
    struct LiteralReplacements: GarbleLineRepair {
        static var names: [String] { [] }

        /// The start of some entry's `find` stands in the line.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool { line.mayHave(GarbleRules.replacementFeature, in: context) }

        static func neededFeatures(in context: Context) -> UInt16? { GarbleRules.replacementFeature }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            for replacement in context.rules.replacements {
                // The line is written anew once, not shifted at every replacement.
                let text = line.text
                guard var range = GarbleRepair.find(replacement.find, in: text) else { continue }
                var replaced: [UInt8] = []
                replaced.reserveCapacity(text.count)
                var from = 0
                while true {
                    replaced += text[from..<range.lowerBound]
                    record(replacement.rule, String(decoding: replacement.find, as: UTF8.self),
                           String(decoding: replacement.replace, as: UTF8.self), replaced.count + 1)
                    replaced += replacement.replace
                    from = range.upperBound
                    guard let next = GarbleRepair.find(replacement.find, in: text, from: from) else { break }
                    range = next
                }
                replaced += text[from...]
                line.text = replaced
            }
        }
    }
}
