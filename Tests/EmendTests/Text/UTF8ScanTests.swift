@testable import Emend
import Testing

@Suite struct UTF8ScanTests {
    @Test(arguments: [
        ("", true), ("plain ASCII text of more than eight bytes", true),
        ("Ежов", false), ("Ez\u{30C}ov", false), ("exactly8", true), ("exactly8é", false),
    ])
    func detectsASCII(text: String, isASCII: Bool) {
        #expect(UTF8Scan.isASCII(Array(text.utf8)) == isASCII)
    }

    /// The first byte beyond ASCII, found 8 bytes at a time: in the first
    /// word read, in the last, in the bytes after the last whole word, or none.
    @Test(arguments: [
        ("", nil), ("plain ASCII text of more than eight bytes", nil), ("Ежов", 0), ("exactly8é", 8),
        ("sixteen bytes ok and then é", 26), ("seven é", 6), ("eight by and é", 13),
    ] as [(String, Int?)])
    func findsTheFirstByteBeyondASCII(text: String, offset: Int?) {
        let found = Array(text.utf8).withUnsafeBytes { UTF8Scan.firstNonASCII(in: $0) }
        #expect(found == offset)
        #expect(found == Array(text.utf8).firstIndex { $0 >= 0x80 })
    }

    @Test func wellFormedTextNeedsNoRepair() {
        #expect(UTF8Scan.repair(Array("Бельский, Ežov, t͡s, ʹ ʺ, 𝔄".utf8)) == nil)
    }

    /// Unicode §3.9 (Table 3-8): each maximal ill-formed subpart becomes one U+FFFD.
    @Test(arguments: [
        // bytes, expected output with "*" for U+FFFD, replacements, first offset
        ([0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64], "a***b*c**d", 6, 1),
        ([0xC0, 0xAF], "**", 2, 0),                // overlong '/'
        ([0xED, 0xA0, 0x80], "***", 3, 0),          // a UTF-16 surrogate
        ([0x41, 0xF4, 0x90, 0x80, 0x80], "A****", 4, 1), // above U+10FFFF
        ([0x41, 0xE2, 0x82], "A*", 1, 1),           // truncated at the end
        ([0xFF, 0x00, 0x41], "*\u{0}A", 1, 0),     // NUL passes through
    ] as [([UInt8], String, Int, Int)])
    func replacesMaximalSubparts(bytes: [UInt8], expected: String, replacements: Int, firstOffset: Int) throws {
        let repair = try #require(UTF8Scan.repair(bytes))
        let text = String(decoding: repair.bytes, as: UTF8.self).replacingOccurrences(of: "\u{FFFD}", with: "*")
        #expect(text == expected)
        #expect(repair.replacements == replacements)
        #expect(repair.firstOffset == firstOffset)
    }

    /// The ASCII check gives what a byte-by-byte look gives: every length up to
    /// 100 with one byte beyond ASCII at each place or none, and the gold lines.
    @Test func theASCIICheckAgreesWithEachByte() throws {
        for length in 0...100 {
            let plain = [UInt8](repeating: 0x61, count: length)
            #expect(UTF8Scan.isASCII(plain))
            for place in 0..<length {
                for high: UInt8 in [0x80, 0xC3, 0xFF] {
                    var bytes = plain
                    bytes[place] = high
                    #expect(!UTF8Scan.isASCII(bytes), "length \(length), place \(place)")
                }
            }
        }
        for line in try StageThreadTests.goldText().split(separator: 0x0A) {
            #expect(UTF8Scan.isASCII(Array(line)) == line.allSatisfy { $0 < 0x80 })
        }
    }
}
