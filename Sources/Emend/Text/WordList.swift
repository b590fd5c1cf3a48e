import Foundation

/// The English word list (`rules/lexicon/english-words.txt`, built from SCOWL):
/// each word with its frequency tier (10 = most common … 70 = rare). Looked up
/// by the UTF-8 bytes of a word, as written or in lower case.
public final class EnglishWordList: @unchecked Sendable {
    private let tiers: WordTable

    public var count: Int { tiers.count }

    /// The word list compiled into emend: the prebuilt table of
    /// `CompactLexicons`, searched in place (nothing is read at start).
    public static let builtIn = EnglishWordList(table: .prebuilt(CompactLexicons.english))

    package init(table: WordTable) { tiers = table }

    /// Reads `word<TAB>tier` lines; `#` lines are comments.
    public convenience init(text: String) {
        var tiers = ByteStringTable<UInt8>(capacity: 140_000)
        var bytes = Array(text.utf8)
        bytes.append(0x0A)
        var lineStart = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            defer { lineStart = index + 1 }
            guard index > lineStart, bytes[lineStart] != UInt8(ascii: "#") else { continue }
            let line = bytes[lineStart..<index]
            let tab = line.firstIndex(of: 0x09) ?? index
            let tier = UInt8(String(decoding: bytes[min(tab + 1, index)..<index], as: UTF8.self)) ?? 70
            tiers.set(tier, for: bytes[lineStart..<tab])
        }
        self.init(table: .built(tiers))
    }

    /// The tier of the word as written, or of its lower-case or Title-case form
    /// when it is capitalised or in ALL CAPS (a sentence start, a heading); nil
    /// when not listed. A capital after a small letter ("aU", "tHe", "TsK") is
    /// looked up as written only: no word of the list is spelled so.
    public func tier(of word: ArraySlice<UInt8>) -> UInt8? {
        word.withUnsafeBytes { tier(of: $0) }
    }

    /// `tier(of:)` of a word of ASCII small letters alone, which has no other
    /// case to try: one look-up, no scan for capitals.
    public func tier(ofSmallLetters word: ArraySlice<UInt8>) -> UInt8? {
        word.withUnsafeBytes { tiers.value(for: $0) }
    }

    /// The same on bytes in place; the other cases are made in a buffer on the stack.
    public func tier(of word: UnsafeRawBufferPointer) -> UInt8? {
        if let tier = tiers.value(for: word) { return tier }
        guard word.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }), !Self.hasCapitalAfterSmall(word) else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { lower in
            for index in 0..<word.count { lower[index] = DocumentVocabulary.lowercased(word[index]) }
            let key = UnsafeRawBufferPointer(lower)
            if let tier = tiers.value(for: key) { return tier }
            if let first = lower.first, first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") { lower[0] = first & ~0x20 }
            return tiers.value(for: key)
        }
    }

    /// The smaller of the tiers of a word that starts with an ASCII capital
    /// and of its small-letter form (`tier(of:)` of each; 99 when neither is
    /// listed), with no look-up made twice: `tier(of:)` of the word already
    /// tries its small-letter form when the word as written is unlisted.
    func commonestTier(ofCapitalised word: UnsafeRawBufferPointer) -> UInt8 {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { lower in
            var titleIsWord = true
            for index in 0..<word.count {
                lower[index] = DocumentVocabulary.lowercased(word[index])
                if index > 0 && lower[index] != word[index] { titleIsWord = false }
            }
            let small = tiers.value(for: UnsafeRawBufferPointer(lower))
            if let asWritten = tiers.value(for: word) { return min(asWritten, small ?? 99) }
            if let small { return small }
            // Unlisted as written and in small letters: `tier(of:)` tries the
            // title form last, which is the word itself when only its first is a capital.
            guard !titleIsWord, !Self.hasCapitalAfterSmall(word) else { return 99 }
            lower[0] = word[0]
            return tiers.value(for: UnsafeRawBufferPointer(lower)) ?? 99
        }
    }

    public func contains(_ word: ArraySlice<UInt8>) -> Bool { tier(of: word) != nil }

    /// True when an ASCII capital follows an ASCII small letter somewhere in the word.
    static func hasCapitalAfterSmall(_ word: UnsafeRawBufferPointer) -> Bool {
        var previousIsSmall = false
        for byte in word {
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") && previousIsSmall { return true }
            previousIsSmall = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
        }
        return false
    }

    /// The same test on bytes in place.
    public func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool { tier(of: UnsafeRawBufferPointer(word)) != nil }

    public func contains(_ word: String) -> Bool { contains(ArraySlice(Array(word.utf8))) }

    /// Calls `body` with each word's bytes where they lie (valid during the
    /// call alone) and its tier, in no particular order: no copy of a word
    /// the caller passes by.
    package func forEachInPlace(_ body: (UnsafeBufferPointer<UInt8>, UInt8) throws -> Void) rethrows {
        try forEachInPlace(tiersUpTo: .max, body)
    }

    /// The same for the words of tier `largest` or less (the prebuilt table
    /// passes the others by their tier alone).
    package func forEachInPlace(tiersUpTo largest: UInt8, _ body: (UnsafeBufferPointer<UInt8>, UInt8) throws -> Void) rethrows {
        switch tiers {
        case .prebuilt(let table): try table.forEach(valuesUpTo: largest, body)
        case .built(let table):
            try table.forEach { word, tier in
                guard tier <= largest else { return }
                try word.withUnsafeBufferPointer { try body($0, tier) }
            }
        }
    }

    /// Calls `body` with each word and its tier (in no particular order).
    public func forEach(_ body: (ArraySlice<UInt8>, UInt8) throws -> Void) rethrows {
        switch tiers {
        case .prebuilt(let table): try table.forEach { try body(ArraySlice($0), $1) }
        case .built(let table): try table.forEach(body)
        }
    }
}

/// Words a document has used so far, counted in lower case, and the
/// hyphenated words among them: the document's own evidence for its spelling.
/// Bounded: it starts afresh past `limit` distinct words.
package struct DocumentVocabulary {
    private var counts = ByteStringTable<Int32>(capacity: 4096)
    public let limit: Int

    public init(limit: Int = 500_000) { self.limit = limit }

    public var count: Int { counts.count }

    /// Reads a vocabulary file: one word a line, optionally a tab and a count
    /// (as `emend learn` writes them); `#` lines are comments.
    public mutating func load(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleFileError(file: path, message: "no such vocabulary file '\(path)'")
        }
        for rawLine in data.split(separator: 0x0A) where rawLine.first != UInt8(ascii: "#") {
            let line = rawLine.last == 0x0D ? rawLine.dropLast() : rawLine
            let fields = line.split(separator: 0x09)
            guard let word = fields.first else { continue }
            let count = fields.count > 1 ? Int(String(decoding: fields[1], as: UTF8.self).trimmingCharacters(in: .whitespaces)) ?? 1 : 1
            add(ArraySlice(word), times: min(max(count, 1), 1_000_000))
        }
    }

    /// The words counted at least `minimum` times, most frequent first, as
    /// `word<TAB>count` lines (what `load(path:)` reads).
    public func rendered(minimum: Int = 2) -> String {
        var rows: [(String, Int32)] = []
        counts.forEach { word, count in if count >= minimum { rows.append((String(decoding: word, as: UTF8.self), count)) } }
        rows.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return rows.map { "\($0.0)\t\($0.1)\n" }.joined()
    }

    /// The count of a word given as bytes in place (lower-cased, when it must be, on the stack).
    public func count(of word: UnsafeBufferPointer<UInt8>) -> Int {
        guard word.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            return counts.index(of: UnsafeRawBufferPointer(word)).map { Int(counts[entry: $0]) } ?? 0
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { lower in
            for index in 0..<word.count { lower[index] = Self.lowercased(word[index]) }
            return counts.index(of: UnsafeRawBufferPointer(lower)).map { Int(counts[entry: $0]) } ?? 0
        }
    }

    public func count(of word: ArraySlice<UInt8>) -> Int {
        word.withUnsafeBytes { count(of: $0.assumingMemoryBound(to: UInt8.self)) }
    }

    public mutating func add(_ word: ArraySlice<UInt8>, times: Int = 1) {
        word.withUnsafeBytes { add(lowercasing: UnsafeBufferPointer(start: $0.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                                                     count: $0.count), times: times) }
    }

    /// The words' lower-case bytes are made here, one buffer for all.
    private var scratch = [UInt8](repeating: 0, count: 64)

    private mutating func add(lowercasing word: UnsafeBufferPointer<UInt8>, times: Int) {
        guard word.count > 0, word.count <= 64 else { return }  // longer "words" are OCR runs: no evidence
        if counts.count >= limit { counts.removeAll() }
        for index in 0..<word.count {
            let byte = word[index]
            scratch[index] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
        }
        scratch.withUnsafeBytes { raw in
            let key = UnsafeRawBufferPointer(rebasing: raw[0..<word.count])
            let entry = counts.entry(for: key, initial: 0)
            counts[entry: entry] = Int32(clamping: Int(counts[entry: entry]) + times)
        }
    }

    /// Adds the whole words of a line: runs of letters with inner hyphens and
    /// apostrophes. A word broken at the line's end (ending in a hyphen) is not
    /// counted, nor is the first word when the line before ended in a hyphen.
    public mutating func addWords(of line: [UInt8], skippingFirst: Bool) {
        line.withUnsafeBufferPointer { bytes in
            var index = 0
            var first = true
            while index < bytes.count {
                guard Self.isLetter(bytes[index]) else { index += 1; continue }
                let start = index
                while index < bytes.count, Self.isLetter(bytes[index])
                        || ((bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "'"))
                            && index + 1 < bytes.count && Self.isLetter(bytes[index + 1])) {
                    index += 1
                }
                var brokenAtEnd = false
                if index < bytes.count && bytes[index] == UInt8(ascii: "-") {
                    var rest = index + 1
                    while rest < bytes.count && bytes[rest] == 0x20 { rest += 1 }
                    brokenAtEnd = rest == bytes.count
                }
                // A possessive counts for its word ("Stalin's" for Stalin); words under four
                // letters are never the evidence for a repair: not counted.
                var end = index
                if end - start > 2 && bytes[end - 2] == UInt8(ascii: "'") && bytes[end - 1] == UInt8(ascii: "s") { end -= 2 }
                if !(first && skippingFirst) && !brokenAtEnd && end - start >= 4 {
                    add(lowercasing: UnsafeBufferPointer(rebasing: bytes[start..<end]), times: 1)
                }
                first = false
            }
        }
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte >= 0x80
    }

    /// An ASCII capital in lower case; every other byte as it is.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    static func lowercased(_ word: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard word.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return word }
        return ArraySlice(word.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 })
    }
}
