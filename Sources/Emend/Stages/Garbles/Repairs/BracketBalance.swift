import Foundation

extension GarbleRepair {
    /// An acronym's bracketed letter with brackets that do not pair ("VKP(b]",
    /// "VKP[b)", "KP(b1", "VKP(bl", "VKPlb)": a `BracketedAcronym`) written as the
    /// document writes it: with the pair of brackets of the balanced form the
    /// document counts more often, twice at least ("VKP(b)" 312 times in a
    /// book: "VKP(b]" → "VKP(b)"). Then a closer read as a letter or digit right
    /// after the form, where an opening bracket stands right before the
    /// acronym, closes that bracket whatever the form's own ("[VKP(b)l" →
    /// "[VKP(b)]", "[VKP[b)l" → "[VKP[b)]" for the rule files' `replacements`
    /// after it).
    /// Never touches: the brackets of a form the document does not write
    /// balanced at least twice, or whose two balanced forms it writes equally
    /// often; other brackets (`[0,1)` is an interval).
    struct BracketBalance: GarbleLineRepair {
        static var names: [String] { ["garbles:bracket"] }

        /// A capital before an opening bracket, or before the `l` or `1` OCR reads for one.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool { line.mayHave(GarbleRules.bracketFeature, in: context) }

        static func neededFeatures(in context: Context) -> UInt16? { GarbleRules.bracketFeature }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            var edits: [(start: Int, bytes: [UInt8])] = []
            line.text.withUnsafeBufferPointer { bytes in
                BracketedAcronym.forEach(in: bytes, lookAlikes: true) { form in
                    if let mended = mended(form, in: bytes, context: context) { edits.append((form.start, mended)) }
                }
            }
            guard !edits.isEmpty else { return }
            var text = line.text
            for edit in edits {
                // A mended form has as many bytes as it had.
                let range = edit.start..<(edit.start + edit.bytes.count)
                record("garbles:bracket", String(decoding: text[range], as: UTF8.self), String(decoding: edit.bytes, as: UTF8.self),
                       edit.start + 1)
                text.replaceSubrange(range, with: edit.bytes)
            }
            line.text = text
        }

        /// The form's bytes mended, with the byte after it when that closes the
        /// bracket around the acronym; nil when nothing changes.
        private static func mended(_ form: BracketedAcronym, in bytes: UnsafeBufferPointer<UInt8>, context: Context) -> [UInt8]? {
            var span = Array(bytes[form.start..<form.end])
            let (openAt, closeAt) = (form.open - form.start, form.close - form.start)
            if !form.isBalanced(in: bytes), let opener = writtenOpener(of: span, openAt: openAt, closeAt: closeAt, context: context) {
                (span[openAt], span[closeAt]) = (opener, BracketedAcronym.closer(of: opener))
            }
            if form.start > 0, bytes[form.start - 1] == UInt8(ascii: "(") || bytes[form.start - 1] == UInt8(ascii: "["),
               form.end < bytes.count, BracketedAcronym.isCloserLookAlike(bytes[form.end]),
               form.end + 1 == bytes.count || !DocumentSurvey.isWordByte(bytes[form.end + 1]) {
                span.append(BracketedAcronym.closer(of: bytes[form.start - 1]))
            }
            return span.elementsEqual(bytes[form.start..<(form.start + span.count)]) ? nil : span
        }

        /// The opening bracket the document writes the form with: `(` or `[`,
        /// whichever balanced form it counts more often, twice at least.
        private static func writtenOpener(of span: [UInt8], openAt: Int, closeAt: Int, context: Context) -> UInt8? {
            var key = span
            (key[openAt], key[closeAt]) = (UInt8(ascii: "("), UInt8(ascii: ")"))
            let round = context.survey.count(of: key[...])
            (key[openAt], key[closeAt]) = (UInt8(ascii: "["), UInt8(ascii: "]"))
            let square = context.survey.count(of: key[...])
            guard max(round, square) >= 2, round != square else { return nil }
            return round > square ? UInt8(ascii: "(") : UInt8(ascii: "[")
        }
    }
}
