import Foundation

extension GarbleRepair {
    /// Unicode debris: U+FB00–FB06 ligatures folded through ICU (NFKC, for them
    /// alone), soft hyphens, zero-width spaces, word joiners and stray byte
    /// order marks removed, a no-break space between letters made a space
    /// ("ﬁnd" → "find", "Stalin\u{A0}and" → "Stalin and"). One pass over the
    /// line, so columns count the changes before them.
    /// Never touches: typographic quotes, dashes, ʹ ʺ and zero-width joiners
    /// (meant), a no-break space beside anything but letters, ASCII lines.
    struct UnicodeDebris: GarbleLineRepair {
        static var names: [String] { ["garbles:ligature", "garbles:invisible", "garbles:no-break-space"] }

        /// The first two bytes of one of those characters stand in the line.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool { line.mayHave(GarbleRules.debrisFeature, in: context) }

        static func neededFeatures(in context: Context) -> UInt16? { GarbleRules.debrisFeature }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            let text = line.text
            var result: [UInt8] = []
            result.reserveCapacity(text.count)
            var index = 0
            while index < text.count {
                let byte = text[index]
                let rest = text.count - index
                // U+FB00–U+FB06 ligatures: EF AC 80–86.
                if byte == 0xEF, rest >= 3, text[index + 1] == 0xAC, (0x80...0x86).contains(text[index + 2]),
                   let folded = try? ICU.normalize(Array(text[index..<(index + 3)]), form: .nfkc) {
                    record("garbles:ligature", String(decoding: text[index..<(index + 3)], as: UTF8.self),
                           String(decoding: folded, as: UTF8.self), result.count + 1)
                    result += folded
                    index += 3
                    continue
                }
                // Soft hyphen C2 AD; zero-width space E2 80 8B; word joiner E2 81 A0; BOM EF BB BF.
                let invisible: Int? = byte == 0xC2 && rest >= 2 && text[index + 1] == 0xAD ? 2
                    : byte == 0xE2 && rest >= 3 && ((text[index + 1] == 0x80 && text[index + 2] == 0x8B)
                                                    || (text[index + 1] == 0x81 && text[index + 2] == 0xA0)) ? 3
                    : byte == 0xEF && rest >= 3 && text[index + 1] == 0xBB && text[index + 2] == 0xBF ? 3 : nil
                if let length = invisible {
                    record("garbles:invisible", String(decoding: text[index..<(index + length)], as: UTF8.self), "", result.count + 1)
                    index += length
                    continue
                }
                // A no-break space C2 A0 between letters is a plain space.
                if byte == 0xC2, rest >= 3, text[index + 1] == 0xA0, let last = result.last,
                   DocumentVocabulary.isLetter(last), DocumentVocabulary.isLetter(text[index + 2]) {
                    record("garbles:no-break-space", "\u{A0}", " ", result.count + 1)
                    result.append(0x20)
                    index += 2
                    continue
                }
                result.append(byte)
                index += 1
            }
            line.text = result
        }
    }
}
