import Foundation

extension GarbleRepair {
    /// A word of Latin and Cyrillic letters: the letters of the smaller script
    /// become their look-alikes of the larger, when ICU's confusable data has
    /// one ("Mоscow" with a Cyrillic о → "Moscow").
    /// Never touches: a word of one script, a word with as many letters of each.
    struct MixedScripts: GarbleLineRepair {
        static var names: [String] { ["garbles:mixed-script"] }

        /// Only a line with a Cyrillic letter (a lead byte D0–D4 and a byte after it) has any.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool { line.mayHave(GarbleRules.cyrillicFeature, in: context) }

        static func neededFeatures(in context: Context) -> UInt16? { GarbleRules.cyrillicFeature }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            let text = line.text
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
                           let lookAlike = (toLatin ? context.confusables.latin : context.confusables.cyrillic)[skeleton] {
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
            line.text = result
        }
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
