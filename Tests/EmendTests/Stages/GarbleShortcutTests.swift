@testable import Emend
import Foundation
import Testing

/// garbles passes most lines and tokens by without the whole repair: each
/// repair's trigger (`GarbleRepair+Order.swift`: a scan of byte pairs, plain
/// and short tokens, lines the word repairs' triggers find nothing in). Those
/// triggers must never change what it does: with them and without, the same
/// output and the same changes, on the gold pages and on lines shuffled from
/// their tokens (garbles, names, numbers and punctuation in new neighbourhoods).
@Suite struct GarbleShortcutTests {
    /// The stage run with its shortcuts and without; `surveyed`: each handed
    /// the survey of the whole text first (as the command line does), so the
    /// word repairs' trigger reads each distinct token's facts once (`TokenFacts`).
    private func bothWays(_ text: String, surveyed: Bool = false) throws -> (fast: (String, [Change]), full: (String, [Change])) {
        var fast = try GarbleRepair()
        var full = try GarbleRepair()
        full.usesShortcuts = false
        if surveyed {
            var source = MemorySource(Array(text.utf8))
            let survey = try surveyDocument(&source, parts: fast.surveyParts)
            fast.use(survey)
            full.use(survey)
        }
        return (try fast.applyReportingChanges(to: text), try full.applyReportingChanges(to: text))
    }

    /// A surveyed document's word repairs ask the join triggers pair by pair,
    /// remembered in the token facts' table: the same answer as the whole
    /// table, asked first or again, in any order.
    @Test func joinTriggersAskedPairByPairAreTheTable() {
        var table = TokenFacts.Table(limit: 16)
        var generator = SystemRandomNumberGenerator()
        let pairs = (0..<(1 << (2 * GarbleTokenShape.bitCount))).shuffled(using: &generator)
        var fired = 0
        for round in 0..<2 {
            for pair in pairs {
                let answer = table.joinTrigger(pair >> GarbleTokenShape.bitCount, pair & ((1 << GarbleTokenShape.bitCount) - 1))
                #expect(answer == GarbleTokenShape.joinTriggers[pair], "pair \(pair), round \(round)")
                if answer && round == 0 { fired += 1 }
            }
        }
        // Two letters alone side by side (letter-spaced words) fire; two shapes of nothing do not.
        #expect(fired > 0 && fired < pairs.count)
        let letters = table.joinTrigger(GarbleTokenShape(isSingleLetter: true).bits, GarbleTokenShape(isSingleLetter: true).bits)
        let nothing = table.joinTrigger(GarbleTokenShape.none.bits, GarbleTokenShape.none.bits)
        #expect(letters && !nothing)
    }

    /// The join repairs whose triggers fire at a pair, remembered in the token
    /// facts' table: each repair's own trigger at that pair, asked first or
    /// again, in any order; their union is the table of `joinTriggers`.
    @Test func joinTriggerSetsAreEachRepairsOwnTrigger() {
        #expect(GarbleRepair.joinRepairs.count <= 15)
        var table = TokenFacts.Table(limit: 16)
        var generator = SystemRandomNumberGenerator()
        let pairs = (0..<(1 << (2 * GarbleTokenShape.bitCount))).shuffled(using: &generator)
        var seen = Set<UInt16>()
        for round in 0..<2 {
            for pair in pairs {
                let (previous, current) = (pair >> GarbleTokenShape.bitCount, pair & ((1 << GarbleTokenShape.bitCount) - 1))
                var asked: UInt16 = 0
                for (index, repair) in GarbleRepair.joinRepairs.enumerated()
                where repair.mayJoin(GarbleTokenShape(bits: previous), GarbleTokenShape(bits: current)) {
                    asked |= 1 << index
                }
                let set = table.joinTriggerSet(previous, current)
                #expect(set == asked, "pair \(pair), round \(round)")
                #expect((set != 0) == GarbleTokenShape.joinTriggers[pair], "pair \(pair), round \(round)")
                seen.insert(set)
            }
        }
        // Pairs fire no repair, one, or several at once.
        #expect(seen.contains(0) && seen.contains { $0.nonzeroBitCount == 1 } && seen.contains { $0.nonzeroBitCount > 1 })
    }

    /// Every token's facts, packed into one value of the table, read back as
    /// they were made: each shape, either answer of the trigger and all three
    /// states of whether its repair changes it (asked and set after).
    @Test func tokenFactsReadBackAsMadeAndAsSet() {
        var table = TokenFacts.Table(limit: 1 << 12)
        var made: [[UInt8]: TokenFacts.Facts] = [:]
        var index = 0
        for shapeBits in 0..<(1 << GarbleTokenShape.bitCount) {
            for mayRepairItself in [false, true] {
                for changes in [nil, false, true] as [Bool?] {
                    let token = Array("tok\(index)en".utf8)
                    index += 1
                    let facts = TokenFacts.Facts(shapeBits: shapeBits, mayRepairItself: mayRepairItself, repairChangesIt: nil)
                    _ = token.withUnsafeBytes { table.facts(of: $0, readableBytes: $0.count) { facts } }
                    var expected = facts
                    if let changes {
                        token.withUnsafeBytes { table.setRepairChanges(changes, of: $0) }
                        expected.repairChangesIt = changes
                    }
                    made[token] = expected
                }
            }
        }
        for (token, expected) in made {
            let read = token.withUnsafeBytes { table.facts(of: $0, readableBytes: $0.count) { Issue.record("made again"); return expected } }
            #expect(read.shapeBits == expected.shapeBits && read.mayRepairItself == expected.mayRepairItself
                    && read.repairChangesIt == expected.repairChangesIt, "\(String(decoding: token, as: UTF8.self))")
        }
    }

    @Test func goldPagesAreRepairedAlikeWithAndWithoutShortcuts() throws {
        for page in try GoldPage.all() {
            let (fast, full) = try bothWays(page.raw)
            #expect(fast.0 == full.0, "\(page.name)")
            #expect(fast.1 == full.1, "\(page.name)")
        }
    }

    @Test func shuffledLinesAreRepairedAlikeWithAndWithoutShortcuts() throws {
        let tokens = try GoldPage.all().flatMap { $0.raw.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
        let (fast, full) = try bothWays(Self.shuffledLines(of: tokens, seed: 1937))
        #expect(fast.0 == full.0)
        #expect(fast.1.count == full.1.count)
        for (a, b) in zip(fast.1, full.1) where a != b {
            Issue.record("line \(a.line): shortcut \(a.rule) '\(a.before)' -> '\(a.after)'; whole way \(b.rule) '\(b.before)' -> '\(b.after)'")
            break
        }
    }

    /// The same with the survey of the whole text handed over first: the
    /// trigger's facts of each distinct token, made once and looked up after,
    /// pass by and let through the same lines as the whole way.
    @Test func surveyedPagesAndShuffledLinesAreRepairedAlikeWithAndWithoutShortcuts() throws {
        let pages = try GoldPage.all()
        let tokens = pages.flatMap { $0.raw.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
        for text in pages.map(\.raw) + [Self.shuffledLines(of: tokens, seed: 1939)] {
            let (fast, full) = try bothWays(text, surveyed: true)
            #expect(fast.0 == full.0)
            #expect(fast.1 == full.1)
        }
    }

    /// Whether a token's repair changes it, kept in the token facts by the
    /// word repairs' trigger or by the word repairs themselves (a token the
    /// trigger did not reach), is what its repair does, on the gold pages
    /// and on lines shuffled from their tokens.
    @Test func keptRepairAnswersAreWhatTheRepairDoes() throws {
        let pages = try GoldPage.all()
        let tokens = pages.flatMap { $0.raw.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
        var kept = 0
        for text in pages.map(\.raw) + [Self.shuffledLines(of: tokens, seed: 1940)] {
            let stage = try Self.surveyedStage(text)
            _ = try stage.applyReportingChanges(to: text)
            for token in Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" })) {
                let bytes = Array(token.utf8)
                let facts = stage.context.tokenFacts.withTable { table in
                    bytes.withUnsafeBytes { table.facts(of: $0, readableBytes: $0.count) { TokenFacts.Facts(shapeBits: 0, mayRepairItself: false, repairChangesIt: nil) } }
                }
                guard let changes = facts.repairChangesIt else { continue }
                kept += 1
                #expect(changes == (stage.context.repairToken(bytes).map { $0.text != bytes } ?? false), "\(token)")
            }
        }
        #expect(kept > 0)
    }

    /// The same for tokens of the repairs of every OCR'd book's damage (numbers
    /// with letters, split numbers, hyphens and spaces inside words, sentences
    /// run together) shuffled into new neighbourhoods.
    @Test func shuffledRecallTokensAreRepairedAlikeWithAndWithoutShortcuts() throws {
        let tokens = try GarbleRepairOrderTests.samples().prefix(7).flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) }
            + ["19", "37", "1,5", "00", "gen-", "eration", "Fol", "lowing", "imp", "or", "t", "an", "end.The", "6O0", "3o8,31", "(indi",
               "cated", "special", "ized", "d", "is", "T", "refer-", "ence", "leader?No,", "1936", "1937."]
        let (fast, full) = try bothWays(Self.shuffledLines(of: tokens, seed: 1938))
        #expect(fast.0 == full.0)
        #expect(fast.1.count == full.1.count)
        #expect(fast.1.contains { $0.rule == "garbles:spaced-hyphen" } && fast.1.contains { $0.rule == "garbles:stray-space" })
    }

    /// The stage handed the survey of `text`, as the command line hands it the document's.
    static func surveyedStage(_ text: String) throws -> GarbleRepair {
        var stage = try GarbleRepair()
        var source = MemorySource(Array(text.utf8))
        stage.use(try surveyDocument(&source, parts: stage.surveyParts))
        return stage
    }

    /// 2,000 lines of 1 to 14 of `tokens` drawn at random, one space apart
    /// (two, one time in eight).
    static func shuffledLines(of tokens: [String], seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed)
        var lines: [String] = []
        for _ in 0..<2000 {
            var line = ""
            for index in 0..<Int.random(in: 1...14, using: &random) {
                if index > 0 { line += Int.random(in: 0..<8, using: &random) == 0 ? "  " : " " }
                line += tokens.randomElement(using: &random)!
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
