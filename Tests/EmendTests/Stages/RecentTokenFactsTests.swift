@testable import Emend
import Foundation
import Testing

/// A token of 8 bytes or fewer that the word repairs' trigger met lately is
/// read from a slot of `TokenFacts.RecentTokens`, not from the facts' table:
/// every read gives what the table itself holds for the token, on the gold
/// pages, on lines shuffled from their tokens and on made-up tokens (the same
/// head at two lengths, two tokens in one slot, facts set after a read, a
/// table emptied at its limit).
@Suite struct RecentTokenFactsTests {
    typealias Facts = TokenFacts.Facts

    /// What a `Reader` reads of `token` (nil past 16 bytes or when the table holds none).
    static func read(_ token: [UInt8], in table: TokenFacts.Table) -> Int32? {
        guard token.count <= 16 else { return nil }
        return token.withUnsafeBytes { table.reader.facts(ofShortToken: $0.count, heads: WordCountTable.heads($0))?.packed }
    }

    /// The facts the table itself holds for `token`, made by `make` the first time.
    static func held(_ token: [UInt8], in table: inout TokenFacts.Table, make: () -> Facts) -> Int32 {
        token.withUnsafeBytes { table.facts(of: $0, heads: WordCountTable.heads($0), make: make).packed }
    }

    @Test func readsAreTheTablesOwnOnRealLines() throws {
        let pages = try GoldPage.all().map(\.raw)
        let tokens = pages.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
        let text = (pages + [GarbleShortcutTests.shuffledLines(of: tokens, seed: 1917)]).joined(separator: "\n")
        let context = try GarbleShortcutTests.surveyedStage(text).context
        let all = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Array($0.utf8) }
        var kept = 0, set = 0
        context.tokenFacts.withTable { table in
            for pass in 0..<3 {
                for token in all {
                    let expected = Self.held(token, in: &table) { token.withUnsafeBufferPointer { context.facts(of: $0, 0..<$0.count) } }
                    if token.count <= 16 {
                        #expect(Self.read(token, in: table) == expected, "\(String(decoding: token, as: UTF8.self)), pass \(pass)")
                    }
                    // The second time through, the trigger's answers are set (made up here): later reads see them.
                    var facts = Facts(packed: expected)
                    if pass == 1, facts.mayRepairItself, facts.repairChangesIt == nil {
                        facts.repairChangesIt = token.count % 2 == 0
                        token.withUnsafeBytes { table.setRepairChanges(facts.repairChangesIt!, of: $0) }
                        if token.count <= 16 { #expect(Self.read(token, in: table) == facts.packed) }
                        set += 1
                    }
                }
            }
            // The short tokens read are kept in their slots.
            for token in all where TokenFacts.RecentTokens.holds(token.count) {
                let head = token.withUnsafeBytes { WordCountTable.heads($0).0 }
                if let found = table.reader.recent[TokenFacts.RecentTokens.slot(of: head)].facts(length: token.count, head: head) {
                    #expect(found == Self.held(token, in: &table) { Facts(packed: 1) })
                    kept += 1
                }
            }
        }
        #expect(kept > all.count / 2 && set > 100, "\(kept) of \(all.count) tokens kept, \(set) set")
    }

    @Test func readsAreTheTablesOwnOnMadeUpTokens() {
        var table = TokenFacts.Table(limit: 1 << 10)
        let facts = (0..<8).map { Facts(shapeBits: $0, mayRepairItself: $0 % 2 == 1, repairChangesIt: nil) }
        // The same head at two lengths (a token may hold a zero byte), and the lengths around 8 and 16.
        let tokens: [[UInt8]] = [Array("ab".utf8), Array("ab".utf8) + [0], [0], [0, 0], Array("abcdefgh".utf8), Array("abcdefghi".utf8),
                                 Array("abcdefghijklmnop".utf8), Array("abcdefghijklmnopq".utf8), Array("a".utf8)]
        for (index, token) in tokens.enumerated() {
            _ = Self.held(token, in: &table) { facts[index % facts.count] }
        }
        for _ in 0..<2 {
            for (index, token) in tokens.enumerated() where token.count <= 16 {
                #expect(Self.read(token, in: table) == facts[index % facts.count].packed, "\(token)")
            }
        }
        // Two tokens of one slot, read in turn: each its own.
        var random = SeededGenerator(seed: 1905)
        let first = (0..<6).map { _ in UInt8.random(in: 0x61...0x7A, using: &random) }
        let slot = first.withUnsafeBytes { TokenFacts.RecentTokens.slot(of: WordCountTable.heads($0).0) }
        var second = first
        while second == first || second.withUnsafeBytes({ TokenFacts.RecentTokens.slot(of: WordCountTable.heads($0).0) }) != slot {
            second = (0..<6).map { _ in UInt8.random(in: 0x61...0x7A, using: &random) }
        }
        _ = Self.held(first, in: &table) { facts[1] }
        _ = Self.held(second, in: &table) { facts[3] }
        for _ in 0..<3 {
            #expect(Self.read(first, in: table) == facts[1].packed)
            #expect(Self.read(second, in: table) == facts[3].packed)
        }
        // Facts set after a read are read after.
        var changed = facts[3]
        changed.repairChangesIt = true
        second.withUnsafeBytes { table.setRepairChanges(true, of: $0) }
        #expect(Self.read(second, in: table) == changed.packed)
        #expect(Self.read(first, in: table) == facts[1].packed)
    }

    @Test func anEmptiedTableKeepsNoReadOfItsOldFacts() {
        var table = TokenFacts.Table(limit: 4)
        let token = Array("the".utf8)
        let old = Facts(shapeBits: 1, mayRepairItself: false, repairChangesIt: nil)
        let new = Facts(shapeBits: 2, mayRepairItself: true, repairChangesIt: false)
        _ = Self.held(token, in: &table) { old }
        #expect(Self.read(token, in: table) == old.packed)
        #expect(Self.read(token, in: table) == old.packed)
        // Four more tokens: the fifth add empties the table first.
        for word in ["of", "and", "to", "in"] { _ = Self.held(Array(word.utf8), in: &table) { old } }
        #expect(Self.read(token, in: table) == nil)
        _ = Self.held(token, in: &table) { new }
        #expect(Self.read(token, in: table) == new.packed)
    }
}
