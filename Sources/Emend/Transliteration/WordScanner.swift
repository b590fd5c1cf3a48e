/// Finds the words of one script in a line of UTF-8 bytes, without decoding
/// the line: Cyrillic letters are the two-byte sequences D0–D4 xx, combining
/// marks CC xx / CD 80–AF; ASCII never belongs to a Cyrillic word.
///
/// A word is a letter followed by letters and combining marks; for Latin,
/// also by joiners that stand between letters (the apostrophe and quote of
/// `loc`: Bel'skii, ob"edinenie; the middle dot of `bgn`: t·s). With
/// `trailingApostrophe`, an apostrophe right after a word is its soft sign
/// (Gogol'), unless the word was opened by an apostrophe ('quoted'). With
/// `typographicApostrophe`, the typographic apostrophe (’) is read exactly
/// where the ASCII one is (Bel’skii, Gogol’, Yezhov’s), and the opening
/// quote (‘) opens a word as the ASCII apostrophe does.
package struct WordScanner: Sendable {
    public enum Script: Sendable, Equatable {
        case cyrillic
        case latin
    }

    public let script: Script
    public let trailingApostrophe: Bool
    public let typographicApostrophe: Bool

    public init(script: Script, trailingApostrophe: Bool = false, typographicApostrophe: Bool = false) {
        self.script = script
        self.trailingApostrophe = trailingApostrophe
        self.typographicApostrophe = typographicApostrophe
    }

    private enum Kind { case letter, mark, joiner, other }

    @inline(__always)
    private func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> (Kind, Int) {
        let byte = bytes[index]
        let next: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : 0
        if byte < 0x80 {
            switch script {
            case .cyrillic: return (.other, 1)
            case .latin:
                if (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") { return (.letter, 1) }
                if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") { return (.joiner, 1) }
                return (.other, 1)
            }
        }
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        guard index + length <= bytes.count else { return (.other, 1) }
        // Combining diacritical marks U+0300–U+036F, in words of either script.
        if Self.isCombiningMark(byte, next) { return (.mark, 2) }
        switch script {
        case .cyrillic:
            return (Self.isCyrillicLetter(byte, next) ? .letter : .other, length)
        case .latin:
            switch byte {
            case 0xC3: return (next == 0x97 || next == 0xB7 ? .other : .letter, 2)  // not × ÷
            case 0xC4...0xC9: return (.letter, 2)                                     // U+0100–U+024F
            case 0xCA where next == 0xB9 || next == 0xBA: return (.letter, 2)         // ʹ ʺ
            case 0xC2 where next == 0xB7: return (.joiner, 2)                         // middle dot
            case 0xE2 where typographicApostrophe && next == 0x80 && bytes[index + 2] == 0x99:
                return (.joiner, 3)                                                   // ’
            case 0xE1 where next >= 0xB8 && next <= 0xBB: return (.letter, 3)         // U+1E00–U+1EFF
            case 0xEF where next == 0xB8 && index + 2 < bytes.count && (bytes[index + 2] == 0xA0 || bytes[index + 2] == 0xA1):
                return (.mark, 3)                                                     // tie halves U+FE20/21
            default: return (.other, length)
            }
        }
    }

    /// True when a Cyrillic letter (U+0400–U+052F) starts with `lead`, `next`.
    @inline(__always)
    static func isCyrillicLetter(_ lead: UInt8, _ next: UInt8) -> Bool {
        (lead >= 0xD0 && lead <= 0xD3) || (lead == 0xD4 && next < 0xB0)
    }

    /// True when a combining diacritical mark (U+0300–U+036F) starts with `lead`, `next`.
    @inline(__always)
    static func isCombiningMark(_ lead: UInt8, _ next: UInt8) -> Bool { lead == 0xCC || (lead == 0xCD && next <= 0xAF) }

    /// 2 when a Cyrillic letter or a combining mark (U+0300–U+036F) starts at
    /// `index`, which a Cyrillic word goes on with; 0 otherwise.
    @inline(__always)
    static func cyrillicWordPartLength(_ bytes: UnsafePointer<UInt8>, at index: Int, limit: Int) -> Int {
        guard index + 1 < limit else { return 0 }
        let lead = bytes[index], next = bytes[index + 1]
        return isCyrillicLetter(lead, next) || isCombiningMark(lead, next) ? 2 : 0
    }

    /// The end of the Cyrillic word that starts at `start` (a letter).
    static func cyrillicWordEnd(_ bytes: UnsafePointer<UInt8>, from start: Int, limit: Int) -> Int {
        var index = start
        while true {
            let length = cyrillicWordPartLength(bytes, at: index, limit: limit)
            if length == 0 { return index }
            index += length
        }
    }

    /// True when the bytes at `index` are ’ (U+2019).
    @inline(__always)
    static func isTypographicApostrophe(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 2 < bytes.count && bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x99
    }

    /// True when the word at `start` was opened by an apostrophe or, with
    /// `typographicApostrophe`, by ‘ or ’ ('quoted', ‘quoted’).
    private func opensWithApostrophe(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        if start > 0 && bytes[start - 1] == UInt8(ascii: "'") { return true }
        guard typographicApostrophe, start >= 3, bytes[start - 3] == 0xE2, bytes[start - 2] == 0x80 else { return false }
        return bytes[start - 1] == 0x98 || bytes[start - 1] == 0x99
    }

    /// The byte ranges of the words in `bytes`, in order.
    public func words(in bytes: [UInt8]) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { buffer in
            var result: [Range<Int>] = []
            var index = 0
            while index < buffer.count {
                let (kind, length) = classify(buffer, index)
                guard kind == .letter else { index += length; continue }
                let start = index
                index += length
                var end = index
                while index < buffer.count {
                    let (next, nextLength) = classify(buffer, index)
                    if next == .letter || next == .mark {
                        index += nextLength
                        end = index
                    } else if next == .joiner, index + nextLength < buffer.count,
                              classify(buffer, index + nextLength).0 == .letter {
                        index += nextLength
                    } else {
                        break
                    }
                }
                if trailingApostrophe, end < buffer.count, !opensWithApostrophe(buffer, start) {
                    if buffer[end] == UInt8(ascii: "'") {
                        end += 1
                    } else if typographicApostrophe, Self.isTypographicApostrophe(buffer, at: end) {
                        end += 3
                    }
                }
                result.append(start..<end)
                index = end
            }
            return result
        }
    }
}
