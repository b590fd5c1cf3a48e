import Emend

/// What a `LetterWatch` saw: whether the text had letters, Cyrillic ones, and
/// U+FFFD (bytes that were not text in the input's encoding).
final class LetterTally: @unchecked Sendable {
    /// Written by the stage while a run goes on, read once it has ended.
    var sawLetter = false
    var sawCyrillicLetter = false
    var sawReplacement = false
}

/// A stage that passes every line on unchanged and notes in its tally which
/// letters the text holds, so `translit --from cyrillic` can tell text with no
/// Cyrillic at all. It stops looking once it has seen a Cyrillic letter.
struct LetterWatch: LineStage {
    let name = "letter-watch"
    let tally: LetterTally

    func transform(_ line: inout Line, changes output: inout StageOutput) {
        guard !tally.sawCyrillicLetter else { return }
        for byte in line.bytes where byte >= 0x80 || (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A {
            if byte < 0x80 { tally.sawLetter = true; continue }
            // Something beyond ASCII: look at the line's characters themselves.
            for scalar in String(decoding: line.bytes, as: UTF8.self).unicodeScalars {
                if scalar == "\u{FFFD}" { tally.sawReplacement = true }
                guard scalar.properties.isAlphabetic else { continue }
                tally.sawLetter = true
                if Self.isCyrillic(scalar) { tally.sawCyrillicLetter = true; return }
            }
            return
        }
    }

    /// The Cyrillic blocks: Cyrillic, its Supplement, Extended-A, -B and -C.
    static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0400...0x052F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return true
        default: return false
        }
    }
}
