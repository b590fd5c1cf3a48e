import CICU
import Emend

/// Which legacy Russian encoding input that is not UTF-8 is in, when the
/// evidence holds, so the warning can name the `--from-encoding` to rerun with.
/// Only ever names windows-1251 or KOI8-R, and only when all of these agree:
/// ICU's character-set detector, given the words that hold bytes beyond ASCII
/// (English around them would outweigh a few Russian words), puts that
/// encoding first, for Russian, with some confidence; the sample decodes in it
/// with no invalid byte; Cyrillic letters are most of what it makes beyond
/// ASCII; and its words are cased as words are (`Москва`, not `мОСКВА`, which
/// is how the other of the two encodings reads it). Otherwise it names nothing.
/// Changes nothing in what is read or written.
enum LegacyEncodingGuess {
    static let candidates = ["windows-1251", "KOI8-R"]
    /// The detector's confidence (0–100) below which its guess is not taken.
    static let minimumConfidence: Int32 = 20
    /// Fewer Cyrillic letters than this are too few to tell.
    static let minimumCyrillicLetters = 8

    /// The encoding `sample` reads as, or nil.
    static func encoding(of sample: InputSample) -> String? {
        let bytes = sample.bytes
        guard let best = detect(wordsBeyondASCII(bytes)).first,
              candidates.contains(best.name), best.language == "ru", best.confidence >= minimumConfidence,
              let text = decodedCleanly(bytes, as: best.name), readsAsRussian(text)
        else { return nil }
        return best.name
    }

    /// The words (runs of ASCII letters and bytes beyond ASCII) that hold a
    /// byte beyond ASCII, one space after each.
    static func wordsBeyondASCII(_ bytes: [UInt8]) -> [UInt8] {
        var words: [UInt8] = []
        var start = 0, beyond = false
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : 0x20
            if byte >= 0x80 || (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A {
                if byte >= 0x80 { beyond = true }
                continue
            }
            if beyond { words += bytes[start..<index]; words.append(0x20) }
            start = index + 1
            beyond = false
        }
        return words
    }

    struct Match { var name: String; var language: String; var confidence: Int32 }

    /// ICU's guesses for `bytes`, best first (none when ICU fails).
    static func detect(_ bytes: [UInt8]) -> [Match] {
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return [] }
        var matches = [EmendCharsetMatch](repeating: EmendCharsetMatch(), count: 8)
        var status: Int32 = 0
        let count = bytes.withUnsafeBufferPointer { input in
            input.withMemoryRebound(to: CChar.self) { chars in
                emend_charset_detect(chars.baseAddress, Int32(bytes.count), &matches, Int32(matches.count), &status)
            }
        }
        guard status <= 0 else { return [] }
        return matches.prefix(Int(count)).map { match in
            var match = match
            let name = withUnsafeBytes(of: &match.name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            let language = withUnsafeBytes(of: &match.language) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            return Match(name: name, language: language, confidence: match.confidence)
        }
    }

    /// `bytes` read as `encoding`, or nil when a byte is invalid in it.
    static func decodedCleanly(_ bytes: [UInt8], as encoding: String) -> String? {
        guard var source = try? DecodingSource(MemorySource(bytes), encoding: encoding, strict: true) else { return nil }
        var utf8: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            guard let count = try? buffer.withUnsafeMutableBytes({ try source.read(into: $0) }) else { return nil }
            if count == 0 { return String(decoding: utf8, as: UTF8.self) }
            utf8 += buffer[..<count]
        }
    }

    /// Most of the text beyond ASCII is Cyrillic letters, enough of them to
    /// tell, and no more of its Cyrillic words have a capital after a small
    /// letter (`мОСКВА`) than begin with one (`Москва`).
    static func readsAsRussian(_ text: String) -> Bool {
        var beyondASCII = 0, cyrillic = 0
        var capitalized = 0, miscased = 0
        var word: [Unicode.Scalar] = []
        func endWord() {
            defer { word.removeAll(keepingCapacity: true) }
            guard word.count >= 2 else { return }
            let upper = word.map(\.properties.isUppercase)
            if upper[0] && !upper.dropFirst().contains(true) { capitalized += 1 }
            if let firstSmall = upper.firstIndex(of: false), upper[firstSmall...].contains(true) { miscased += 1 }
        }
        for scalar in text.unicodeScalars {
            let isCyrillicLetter = LetterWatch.isCyrillic(scalar) && scalar.properties.isAlphabetic
            if scalar.value >= 0x80 { beyondASCII += 1 }
            if isCyrillicLetter { cyrillic += 1; word.append(scalar) } else { endWord() }
        }
        endWord()
        return cyrillic >= minimumCyrillicLetters && cyrillic * 4 >= beyondASCII * 3 && miscased <= capitalized
    }
}
