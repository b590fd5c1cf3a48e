@testable import Emend
import Foundation
import Testing

/// The document's token tables under their in-place locks: the same answers
/// from threads that share the tables as from one thread alone with tables of
/// its own, on every token of the gold pages and the fixtures and on made-up
/// tokens at the edges.
@Suite struct GarbleSharedTablesTests {
    private func tokens() throws -> [[UInt8]] {
        let made = ["", ".", "(", "-", "'", "a", "aU", "bo", "(a)", "1", "193", "I938", "1,5", "a,b", "x-y", "'tis", "Stalin's",
                    "Café", "«слово»", "<b>", "a/b", "www.x", "tbe.", "Conceming,", "shaU;", "\"Allof\"", "ofthe", "inthestreets",
                    "SovietUnion", "co-operation", "x" + String(repeating: "a", count: 40)]
        return try fixtureTokens(adding: made)
    }

    private func context() throws -> GarbleRepair.Context {
        let document = try GoldPage.allRawLines().map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        return try GarbleShortcutTests.surveyedStage(document + "\nthe shall Concerning tbe bo aU ofthe\n").context
    }

    /// Four threads ask the same tables (`TokenDecisions` and `TokenFacts`,
    /// through copies of one context) for every token, each from its own place
    /// in the list, with the tables' sizes and with limits that empty them
    /// often: each answer is the one a thread alone found with tables of its
    /// own, and a token's kept decision is the first one made.
    @Test func threadsSharingTheTablesGetOneThreadsAnswers() throws {
        let surveyed = try context()
        let all = try tokens()
        let reference = Self.context(surveyed, limit: 1 << 16)
        let alone = all.map { Self.answer(for: $0, in: reference) }
        #expect(all.count > 1000 && alone.contains { !$0.hasPrefix("-") })
        let threads = 4
        for limit in [1 << 16, 97] {
            let context = Self.context(surveyed, limit: limit)
            let results = UnsafeMutableBufferPointer<[String]>.allocate(capacity: threads)
            results.initialize(repeating: [])
            defer { results.deallocate() }
            nonisolated(unsafe) let shared = results
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                var answers = [String](repeating: "", count: all.count)
                for step in all.indices {
                    let index = (step + thread * all.count / threads) % all.count
                    answers[index] = Self.answer(for: all[index], in: context)
                }
                shared[thread] = answers
            }
            for thread in 0..<threads {
                #expect(results[thread] == alone, "thread \(thread), limit \(limit)")
            }
        }
        // The first decision stays, whichever thread asks after.
        let decisions = TokenDecisions()
        _ = decisions.decision(for: Array("tbe".utf8), by: 0) { _, _ in (Array("the".utf8), "first") }
        let keptFirst = UnsafeMutableBufferPointer<Bool>.allocate(capacity: threads)
        keptFirst.initialize(repeating: false)
        defer { keptFirst.deallocate() }
        nonisolated(unsafe) let kept = keptFirst
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            kept[thread] = (0..<200).allSatisfy { _ in
                let decision = decisions.decision(for: Array("tbe".utf8), by: 0) { _, _ in (Array("tub".utf8), "second") }
                return decision?.text == Array("the".utf8) && decision?.rule == "first"
            }
        }
        #expect(keptFirst.allSatisfy { $0 })
    }

    /// `context` with tables of its own (fresh), each emptied when it holds `limit` tokens.
    static func context(_ context: GarbleRepair.Context, limit: Int) -> GarbleRepair.Context {
        var own = context
        own.decisions = TokenDecisions(limit: limit)
        own.tokenFacts = TokenFacts(limit: limit)
        return own
    }

    /// What the word repairs ask of a token: its repair and its facts, with whether its repair changes it.
    static func answer(for token: [UInt8], in context: GarbleRepair.Context) -> String {
        let repair = context.repairToken(token)
        let changes = repair.map { $0.text != token } ?? false
        let facts = token.withUnsafeBufferPointer { bytes in
            context.tokenFacts.withTable { table in
                let raw = UnsafeRawBufferPointer(bytes)
                let found = table.facts(of: raw, heads: WordCountTable.heads(raw)) { context.facts(of: bytes, 0..<bytes.count) }
                if found.mayRepairItself, found.repairChangesIt == nil { table.setRepairChanges(changes, of: raw) }
                return found
            }
        }
        let text = repair.map { String(decoding: $0.text, as: UTF8.self) + " " + $0.rule } ?? "-"
        return "\(text) \(facts.shapeBits) \(facts.mayRepairItself)"
    }
}
