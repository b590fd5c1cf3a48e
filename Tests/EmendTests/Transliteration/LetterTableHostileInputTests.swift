@testable import Emend
import Foundation
import Testing

/// The bgn stage with its letter table against the same stage through ICU
/// alone, on input built to break the one-pass line rebuild: bytes that are
/// not UTF-8, words the table declines beside words it converts, long words
/// and lines, blocks whose every word waits for ICU, any read size.
@Suite struct LetterTableHostileInputTests {
    static func stage(letterTable: Bool) throws -> Transliterator {
        var configuration = Transliterator.Configuration(to: .bgn)
        configuration.usesLetterTable = letterTable
        return try Transliterator(configuration: configuration)
    }

    /// Hands `lines` to a fresh stage in one block, as the public stage API
    /// allows (no UTF-8 repair on the way): its lines and changes.
    static func consume(_ lines: [[UInt8]], letterTable: Bool) throws -> ([[UInt8]], [Change]) {
        var stage = try stage(letterTable: letterTable)
        var pending = lines.enumerated().map { Line(bytes: $1, number: $0 + 1) }
        var output = StageOutput(recordsChanges: true)
        try stage.finish(&pending, into: &output)
        return (output.lines.map(\.bytes), output.changes)
    }

    @Test func bytesThatAreNotUTF8InsideAndBesideWordsComeOutAsThroughICU() throws {
        let cases: [[UInt8]] = [
            [0x61, 0xD0, 0x20] + Array("мир".utf8),           // a lead byte before a space: not the letter Р
            [0xD1, 0x00] + Array("мир".utf8),                 // before a NUL: not р
            Array("Мир".utf8) + [0xD0, 0x41] + Array("ир".utf8),  // inside a word, before a Latin letter
            Array("мир".utf8) + [0xD0],                       // a lone lead byte at the line end
            Array("мир".utf8) + [0xD0, 0x0D],                 // before a carriage return
            [0xE2, 0xD0, 0xB0, 0xD0, 0xB1],                   // a truncated three-byte sequence before a word
            [0xD0, 0xD0, 0xB0, 0xD0, 0xB1],                   // a lead byte followed by a letter
            [0xD0, 0x9C, 0xD0, 0xBE, 0xD1, 0xFF, 0xD0, 0xB2], // a byte that never appears in UTF-8
        ]
        let (fast, fastChanges) = try Self.consume(cases, letterTable: true)
        let (icu, icuChanges) = try Self.consume(cases, letterTable: false)
        for (index, line) in cases.enumerated() {
            #expect(fast[index] == icu[index], "\(line): table \(fast[index]), ICU \(icu[index])")
        }
        #expect(fastChanges == icuChanges)
    }

    /// What the stage makes of `input` through the stream driver: output,
    /// changes, audit records and how many records no change claims.
    static func run(_ input: [UInt8], letterTable: Bool, pieceSize: Int = 1 << 16,
                    settings: StreamSettings = StreamSettings()) throws
        -> (bytes: [UInt8], changes: [Change], audit: [AuditRecord], unattributed: Int) {
        var stage = try stage(letterTable: letterTable)
        var source = MemorySource(input, pieceSize: pieceSize)
        var sink = MemorySink()
        var changes: [Change] = [], audit: [AuditRecord] = []
        let summary = try runStream(&stage, from: &source, to: &sink, settings: settings,
                                    onChange: { changes.append($0) }, onAudit: { audit.append($0) })
        return (sink.bytes, changes, audit, summary.audit?.unattributed ?? -1)
    }

    /// Valid UTF-8 that the letter table declines in part, beside words it converts.
    static let hostile: [UInt8] = {
        let longWord = String(repeating: "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", count: 310)  // over 10,000 letters
        var lines = [
            "Mосква и Москвa: Latin M and a inside Cyrillic words\r",
            "1937г. 5-го 2й 10ти НКВД-шный\r",
            "Ю\u{301}рий, доро\u{301}га, е\u{308}лка, и\u{306}од, Мои\u{306}",
            "\u{0}Ежов\u{0}ежов\u{0}",
            "і ѣда ѳеодор ѵпостась Ѣ Іисус мір",
            "МОСКВА МоСКВА мОСКВА МосквА Я я Ё ё ы Ы й",
            "",
            longWord,
            longWord.prefix(1).uppercased() + longWord.dropFirst(),
            "\u{0}",
            "ЦК ВКП(б) — Ежов, Ягода; Берия.",
        ]
        // Lines whose every word is new and waits for ICU (all caps, marks), several in one block.
        for index in 0..<40 { lines.append("ЗАПИСКА\(index) ИВАНОВ\u{301}\(index % 3) ЁЖ \(index)") }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }()

    @Test func hostileTextComesOutAsThroughICUWithTheSameChangesAndAudit() throws {
        let fast = try Self.run(Self.hostile, letterTable: true)
        let icu = try Self.run(Self.hostile, letterTable: false)
        #expect(fast.bytes == icu.bytes)
        #expect(fast.changes == icu.changes)
        #expect(fast.audit == icu.audit)
        #expect(fast.unattributed == 0 && icu.unattributed == 0)
        #expect(String(decoding: fast.bytes, as: UTF8.self).contains("Yezhov"))
    }

    /// Any read size, any block size, lines cut at --max-line-bytes: the same
    /// output and changes as the ICU-only stage given the same settings.
    @Test(arguments: [(1, 1 << 18, 1 << 20), (7, 64, 1 << 20), (4096, 1 << 18, 64), (3, 16, 16), (1 << 16, 1 << 12, 4096)])
    func anyReadBlockAndLineSizeComesOutAsThroughICU(pieceSize: Int, blockSize: Int, maximumLineBytes: Int) throws {
        let text = Self.hostile + Array(try Fixtures.text("Tests/EmendTests/Fixtures/encodings/russian.txt").utf8)
        let settings = StreamSettings(blockSize: blockSize, maximumLineBytes: maximumLineBytes)
        let fast = try Self.run(text, letterTable: true, pieceSize: pieceSize, settings: settings)
        let icu = try Self.run(text, letterTable: false, pieceSize: pieceSize, settings: settings)
        #expect(fast.bytes == icu.bytes)
        #expect(fast.changes == icu.changes)
        #expect(fast.unattributed == 0)
        // Unless lines are cut (words cut with them), the read and block sizes change nothing.
        if maximumLineBytes >= 1 << 20 {
            let whole = try Self.run(text, letterTable: true)
            #expect(fast.bytes == whole.bytes)
            #expect(fast.changes == whole.changes)
        }
    }

    /// The stage as it was before lines were rebuilt in one pass: the words
    /// `WordScanner` finds, converted together through ICU, put back line by
    /// line. A reference apart from the code under test.
    struct WordByWordReference: TextStage {
        let converter: WordConverter
        var name: String { "transliterate" }
        var maximumHeldLines: Int { 0 }

        init() throws {
            converter = try WordConverter(from: "cyrillic", to: "bgn", headwords: HeadwordLexicon.builtIn(library: .builtIn),
                                          wordList: nil, usesLetterTable: false)
        }

        mutating func consume(_ pending: inout [Line], into output: inout StageOutput) throws {
            defer { pending.removeAll() }
            let scanner = WordScanner(script: .cyrillic)
            let ranges = pending.map { scanner.words(in: $0.bytes) }
            let entries = try converter.convert(zip(pending, ranges).flatMap { line, ranges in ranges.map { line.bytes[$0] } })
            var next = 0
            for (var line, ranges) in zip(pending, ranges) {
                var bytes: [UInt8] = [], copied = 0
                for range in ranges {
                    let result = converter.result(at: entries[next])
                    next += 1
                    bytes += line.bytes[copied..<range.lowerBound] + result.output
                    copied = range.upperBound
                    if output.recordsChanges, !result.output.elementsEqual(line.bytes[range]) || result.reason.needsReview {
                        output.changes.append(Change(kind: .edited, stage: name, rule: "translit:cyrillic->bgn:" + result.reason.name,
                                                     line: line.number, column: range.lowerBound + 1,
                                                     before: String(decoding: line.bytes[range], as: UTF8.self),
                                                     after: String(decoding: result.output, as: UTF8.self)))
                    }
                }
                line.bytes = bytes + line.bytes[copied...]
                output.lines.append(line)
            }
        }
    }

    @Test(arguments: [1 << 18, 64])
    func theStageComesOutAsTheWordByWordReference(blockSize: Int) throws {
        let text = Self.hostile + Array(try Fixtures.text("Tests/EmendTests/Fixtures/documents/ezhov-dismissal-1939.txt").utf8)
        let settings = StreamSettings(blockSize: blockSize)
        for letterTable in [true, false] {
            let stage = try Self.run(text, letterTable: letterTable, settings: settings)
            var reference = try WordByWordReference()
            var source = MemorySource(text)
            var sink = MemorySink()
            var changes: [Change] = []
            try runStream(&reference, from: &source, to: &sink, settings: settings, onChange: { changes.append($0) })
            #expect(stage.bytes == sink.bytes, "letter table: \(letterTable)")
            #expect(stage.changes == changes, "letter table: \(letterTable)")
        }
    }

    /// Copies of one stage value may run on two threads at once: the stage is
    /// not Sendable, but a caller built in the Swift 5 language mode is only
    /// warned, and a pipeline holding one value twice can be cut by the stage
    /// thread between them. Such a caller already shares the word cache, so
    /// words the cache decides are not safe that way. On words the letter table converts the stage
    /// touches no cache, so each copy must write its lines where the other
    /// cannot: a buffer shared by copies mixes their lines.
    @Test func copiesOfOneStageRunOnTwoThreadsAtOnce() throws {
        let source = try Fixtures.text("Tests/EmendTests/Fixtures/encodings/russian.txt")
        let table = try LetterTableAgreementTests.table("bgn")
        let words = source.split(whereSeparator: { !$0.isLetter }).map(String.init)
            .filter { table.convert(Array($0.utf8)) != nil }
        try #require(words.count > 40)
        // Lines of different lengths, so that each copy grows what it writes into.
        let text = (0..<400).map { index in
            (0..<(1 + index % 37)).map { words[($0 * 7 + index) % words.count] }.joined(separator: " ")
        }.joined(separator: "\n") + "\n"
        nonisolated(unsafe) let stage = try Self.stage(letterTable: true)
        let expected = try stage.apply(to: text)
        try #require(expected.contains("Materialami"))
        let results = ResultsBox(count: 2 * 20)
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            for round in 0..<20 { results.set(thread * 20 + round, (try? stage.apply(to: text)) ?? "failed") }
        }
        #expect(results.all.allSatisfy { $0 == expected }, "\(results.all.count { $0 != expected }) of 40 runs differ")
    }

    /// Results written by several threads, each to its own index.
    final class ResultsBox: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String]
        init(count: Int) { values = Array(repeating: "", count: count) }
        func set(_ index: Int, _ value: String) { lock.withLock { values[index] = value } }
        var all: [String] { lock.withLock { values } }
    }
}
