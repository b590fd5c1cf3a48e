@testable import Emend
import Testing

/// Properties every stage keeps, over generated OCR-like text (seeded, so a
/// failure repeats): running a stage twice gives what running it once gives,
/// and the output does not depend on the size of the reads.
@Suite struct StagePropertyTests {
    static let words = ["the", "party", "official", "language", "of", "these", "texts", "Yezhov", "NKVD", "Politburo",
                        "and", "in", "Moscow", "inMoscow", "purgingof", "Conceming", "tbe", "193", "5", "1937", "op.",
                        "d.", "577", "Marxism-Leninism", "anti-Soviet", "ﬁrst", "Нарком", "Ежов", "и\u{306}", "—", ",",
                        ";", "\u{FEFF}", "\u{00A0}", "a n d", "VKP(b1", "VKP(b)", "l3", "wrecker.\"l3"]

    /// Lines of words with the damage OCR leaves: words broken at line ends,
    /// double and trailing spaces, running heads and page numbers between
    /// blank lines, footnotes, CRLF endings, decomposed letters and ligatures.
    static func text(seed: UInt64, lines: Int) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        var output = ""
        var page = 100
        for index in 0..<lines {
            var line = (0..<(3 + Int(generator.next() % 9))).map { _ in generator.pick(words) }.joined(separator: generator.pick([" ", " ", " ", "  "]))
            switch generator.next() % 12 {
            case 0: line = ""
            case 1: page += 1; line = "\n\(page) Closing Ranks\n"
            case 2: line = "\(generator.next() % 40). See \(line)"
            case 3: line += " offi-"
            case 4: line += " " + generator.pick(["ex-", "self-", "well-"])
            case 5: line = "   " + line + "  "
            default: break
            }
            output += line + (index % 7 == 3 ? "\r\n" : "\n")
        }
        return Array(output.utf8)
    }

    nonisolated(unsafe) static let stages: [(String, () throws -> any TextStage)] = [
        ("normalize", { UnicodeNormalizer() }),
        ("normalize nfkc", { UnicodeNormalizer(configuration: .init(form: .nfkc)) }),
        ("page-structure", { try PageStructure() }),
        ("dehyphenate", { try Dehyphenator() }),
        ("dehyphenate paragraphs", { try Dehyphenator(configuration: .init(reflowsParagraphs: true)) }),
        ("garbles", { try GarbleRepair() }),
        ("whitespace", { WhitespaceNormalizer() }),
        ("whitespace leading", { WhitespaceNormalizer(configuration: .init(leading: true)) }),
        ("transliterate", { try Transliterator(configuration: .init(to: .loc)) }),
        ("default pipeline", { try PipelineLoader().loadDefault().makePipeline() }),
    ]

    static func run(_ stage: any TextStage, _ input: [UInt8], blockSize: Int = StreamSettings().blockSize) throws -> [UInt8] {
        func typed<S: TextStage>(_ stage: S) throws -> [UInt8] {
            try Fixtures.run(stage, input, pieceSize: blockSize, settings: StreamSettings(blockSize: blockSize)).bytes
        }
        return try typed(stage)
    }

    /// Each stage alone (a pipeline is not: a later stage can hand an earlier one
    /// a line it would now decide differently).
    @Test(arguments: 0..<(stages.count - 1), [UInt64(1), 2, 3])
    func everyStageAloneIsIdempotent(stage index: Int, seed: UInt64) throws {
        let (name, make) = Self.stages[index]
        let once = try Self.run(try make(), Self.text(seed: seed, lines: 300))
        let twice = try Self.run(try make(), once)
        let check = {
            guard once != twice else { return }
            let a = once.split(separator: 0x0A, omittingEmptySubsequences: false)
            let b = twice.split(separator: 0x0A, omittingEmptySubsequences: false)
            let first = zip(a, b).first { $0 != $1 }.map { (String(decoding: $0.0, as: UTF8.self), String(decoding: $0.1, as: UTF8.self)) }
            Issue.record("\(name) is not idempotent: \(first.map { "\(String(reflecting: $0.0)) became \(String(reflecting: $0.1))" } ?? "line count \(a.count) → \(b.count)")")
        }
        check()
    }

    @Test(arguments: 0..<stages.count, FullSuite.pick([1, 7, 4096], quick: [7, 4096]))
    func outputDoesNotDependOnTheReadBlockSize(stage index: Int, blockSize: Int) throws {
        let (name, make) = Self.stages[index]
        let input = Self.text(seed: 42, lines: 400)
        #expect(try Self.run(try make(), input, blockSize: blockSize) == Self.run(try make(), input), "\(name)")
    }
}
