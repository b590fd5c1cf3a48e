@testable import Emend
import Foundation
import Testing

/// The one-pass scan that lets garbles pass a line by: a flag left out must be certain.
@Suite struct BytePairFlagsTests {
    /// Every remembered string that stands in a text sets its flag, wherever it stands.
    @Test func neverMissesAStringThatIsThere() {
        var table = BytePairFlags()
        let strings: [(String, UInt16)] = [("VKP(b1", 1), ("ACP(b1", 1), (" he ", 2), ("]", 4), ("zq", 0x100), ("qz", 0x8000)]
        for (string, flag) in strings { table.insert(Array(string.utf8), flag: flag) }
        let line = Array("on the 26th of February the plenum of the CC".utf8)
        #expect(table.flags(in: line) == 0)
        for (string, flag) in strings {
            for position in [0, 7, line.count] {
                var text = line
                text.insert(contentsOf: string.utf8, at: position)
                #expect(table.flags(in: text) == flag, "\(String(decoding: text, as: UTF8.self))")
            }
        }
    }

    /// Lines of the gold pages: one without a space before a mark, one with;
    /// the flags of two sets come from one scan.
    @Test func setsOnlyTheFlagsOfThePairsThere() {
        var table = BytePairFlags()
        table.insertPairs([0x20], ",;:).".utf8, flag: 8)
        table.insertPairs(".\"')".utf8, "0123456789".utf8, flag: 4)
        #expect(table.flags(in: Array("process of documentary declassification in the former Soviet Union. Since".utf8)) == 0)
        #expect(table.flags(in: Array("tom. 4 ,  chast' t, Moscow, 1971, 283.".utf8)) == 8)
        #expect(table.flags(in: Array("Judiciary Apparatus and Penal Policy in the 193os,\" Theory andsociety, 13, no. r ,".utf8)) == 8)
        #expect(table.flags(in: Array("the Central Committee from Andrei Zhdanov.9 Large numbers of -".utf8)) == 4)
        #expect(BytePairFlags().flags(in: Array("anything".utf8)) == 0)
        #expect(table.flags(in: []) == 0)
    }

    /// The scan that reads each pair as one 16-bit word sets the flags a
    /// plain test of every remembered string's first bytes sets: on the gold
    /// pages' lines, and on made-up lines of every length up to 9 whose pairs
    /// stand at every place (bytes past ASCII and zero bytes among them).
    @Test func readsEveryPairAsAPlainSearchDoes() throws {
        var strings: [([UInt8], UInt16)] = [
            (Array("VKP(b1".utf8), 1), (Array(" he ".utf8), 2), (Array("th".utf8), 4), (Array(" ,".utf8), 8),
            ([0xC2, 0xA0], 0x10), ([0xD0, 0x90], 0x20), ([0x00, 0xFF], 0x40), ([0xFF, 0x00], 0x80),
            (Array("s.".utf8), 0x100), (Array(".9".utf8), 0x200), (Array("e ".utf8), 0x4000), (Array("zz".utf8), 0x8000),
        ]
        for a in UInt8(ascii: "A")...UInt8(ascii: "Z") { strings.append(([a, UInt8(ascii: "(")], 0x800)) }
        var table = BytePairFlags()
        for (string, flag) in strings { table.insert(string, flag: flag) }
        func plain(_ text: [UInt8]) -> UInt16 {
            var found: UInt16 = 0
            for (string, flag) in strings where text.count >= 2 {
                for index in 0..<(text.count - 1) where text[index] == string[0] && text[index + 1] == string[1] { found |= flag }
            }
            return found
        }
        var lines = try GoldPage.allRawLines()
        let alphabet: [UInt8] = [UInt8(ascii: "t"), UInt8(ascii: "h"), 0x20, UInt8(ascii: ","), 0xC2, 0xA0, 0x00, 0xFF, UInt8(ascii: "z")]
        for length in 0...9 {
            for offset in 0..<alphabet.count { lines.append((0..<length).map { alphabet[($0 * 5 + offset) % alphabet.count] }) }
        }
        for pair in strings.map(\.0) {
            for length in 2...9 {
                for place in 0...(length - 2) {
                    var line = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                    line[place] = pair[0]
                    line[place + 1] = pair[1]
                    lines.append(line)
                }
            }
        }
        var differ = 0
        for line in lines where table.flags(in: line) != plain(line) { differ += 1 }
        #expect(differ == 0)
        #expect(lines.count > 1000)
    }
}
