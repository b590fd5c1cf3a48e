import Foundation

/// Unicode debris: ligatures folded, invisible characters removed, a no-break
/// space between letters made a space, and a letter of the other script inside
/// a Latin or Cyrillic word replaced by its look-alike. Runs first on a line
/// with bytes beyond ASCII.
extension GarbleRepair {
    /// Unicode debris: ligatures folded through ICU (NFKC, for them alone), soft
    /// hyphens and zero-width spaces, word joiners and stray byte order marks
    /// removed, a no-break space between letters made a space, and a letter of
    /// the other script inside a Latin or Cyrillic word replaced by its look-alike
    /// (ICU's confusable data: "Mоscow" with a Cyrillic о). Typographic quotes,
    /// dashes, ʹ ʺ and zero-width joiners are meant, and stay.
    func repairDebris(_ text: [UInt8], record: (String, String, String, Int) -> Void) -> [UInt8] {
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
        return repairMixedScripts(result, record: record)
    }

    /// A word of Latin and Cyrillic letters: the letters of the smaller script
    /// become their look-alikes of the larger, when ICU's confusable data has one.
    func repairMixedScripts(_ text: [UInt8], record: (String, String, String, Int) -> Void) -> [UInt8] {
        guard text.contains(where: { (0xD0...0xD4).contains($0) }) else { return text }
        let isLatin = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        var result = text
        var start = 0
        while start < result.count {
            guard isLatin(result[start]) || (0xD0...0xD4).contains(result[start]) else { start += 1; continue }
            var end = start
            var latin = 0, cyrillic = 0
            while end < result.count {
                if isLatin(result[end]) { latin += 1; end += 1 }
                else if (0xD0...0xD4).contains(result[end]) && end + 1 < result.count { cyrillic += 1; end += 2 }
                else { break }
            }
            if latin > 0 && cyrillic > 0 && latin != cyrillic {
                let toLatin = latin > cyrillic
                var word: [UInt8] = []
                var position = start
                while position < end {
                    let length = isLatin(result[position]) ? 1 : 2
                    let letter = Array(result[position..<(position + length)])
                    let minority = toLatin ? length == 2 : length == 1
                    if minority, let skeleton = try? ICU.confusableSkeleton(letter),
                       let lookAlike = (toLatin ? confusables.latin : confusables.cyrillic)[skeleton] {
                        word += lookAlike
                    } else {
                        word += letter
                    }
                    position += length
                }
                if word != Array(result[start..<end]) {
                    record("garbles:mixed-script", String(decoding: result[start..<end], as: UTF8.self),
                           String(decoding: word, as: UTF8.self), start + 1)
                    result.replaceSubrange(start..<end, with: word)
                    end = start + word.count
                }
            }
            start = end
        }
        return result
    }
}

/// Latin and Cyrillic letters by their confusable skeleton (ICU, Unicode TR 39):
/// Cyrillic "о" and Latin "o" share one, so each can stand for the other.
struct LookAlikes: @unchecked Sendable {
    var latin: [[UInt8]: [UInt8]] = [:]
    var cyrillic: [[UInt8]: [UInt8]] = [:]

    private static let builtIn: Result<LookAlikes, Error> = Result { try make() }

    /// The table, made once per process.
    static func shared() throws -> LookAlikes { try builtIn.get() }

    private static func make() throws -> LookAlikes {
        var table = LookAlikes()
        for scalar in Array(UInt32(0x41)...0x5A) + Array(UInt32(0x61)...0x7A) {
            let letter = Array(String(Unicode.Scalar(scalar)!).utf8)
            table.latin[try ICU.confusableSkeleton(letter)] = letter
        }
        for scalar in UInt32(0x400)...0x45F {
            let letter = Array(String(Unicode.Scalar(scalar)!).utf8)
            let skeleton = try ICU.confusableSkeleton(letter)
            if table.latin[skeleton] != nil { table.cyrillic[skeleton] = letter }
        }
        return table
    }
}
