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
}
