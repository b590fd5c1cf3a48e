@testable import Emend
import Testing

/// The token scan that reads each token's heads as it finds its end agrees
/// with the byte-by-byte token loop (`GarbleTokenLine.containsToken`) and with
/// the word table's own heads of each token (`WordCountTable.heads`): on the
/// gold pages' lines and on made-up lines whose tokens end at every place of
/// an 8-byte word, near the line's end and far from it.
@Suite struct TokenHeadScannerTests {
    private struct Seen: Equatable {
        let range: Range<Int>
        let isFirst: Bool
        let isLast: Bool
    }

    private func check(_ line: [UInt8]) {
        var expected: [Seen] = []
        var found: [Seen] = []
        line.withUnsafeBufferPointer { bytes in
            _ = GarbleTokenLine.containsToken(in: bytes) { range, isFirst, isLast in
                expected.append(Seen(range: range, isFirst: isFirst, isLast: isLast))
                return false
            }
            _ = TokenHeadScanner.containsToken(in: bytes) { range, heads, isFirst, isLast in
                found.append(Seen(range: range, isFirst: isFirst, isLast: isLast))
                let own = WordCountTable.heads(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[range]))
                if heads != own {
                    Issue.record("heads of '\(String(decoding: bytes[range], as: UTF8.self))' in '\(String(decoding: line, as: UTF8.self))'")
                }
                return false
            }
        }
        if found != expected { Issue.record("tokens of '\(String(decoding: line, as: UTF8.self))': \(found) against \(expected)") }
    }

    @Test func goldLinesAreScannedAsTheTokenLoopScansThem() throws {
        for page in try GoldPage.all() {
            for line in page.raw.split(separator: "\n", omittingEmptySubsequences: false) { check(Array(line.utf8)) }
        }
    }

    @Test func tokensOfEveryLengthAtEveryPlaceAreScannedAlike() {
        // What the scan reads depends on the bytes left from the token's start
        // (its length, the spaces and the bytes after it), not on where it starts.
        for length in 1...33 {
            let token = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            for before in [0, 3] {
                for after in 0...17 {
                    for spaces in 1...2 {
                        let pad = [UInt8](repeating: UInt8(ascii: "x"), count: before)
                        let tail = [UInt8](repeating: UInt8(ascii: "y"), count: after)
                        let gap = [UInt8](repeating: 0x20, count: spaces)
                        check(pad + gap + token + gap + tail)
                        check(gap + token + (after > 0 ? gap + tail : []))
                    }
                }
            }
        }
        // Bytes beyond ASCII, tabs and zero bytes are token bytes; a stray 0x20 inside a UTF-8 word is not possible.
        for line in ["Ежов  и Берия ", "\t tab\tinside  \u{0}zero\u{0} ", "  ", " ", "", "a", "ab cd", "x\u{00A0}y z"] {
            check(Array(line.utf8))
        }
    }
}
