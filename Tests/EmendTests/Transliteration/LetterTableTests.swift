@testable import Emend
import Foundation
import Testing

/// Each scheme's letter table (rules/translit/<scheme>-letters.tsv) against
/// its reference, the scheme's ICU rules: wherever the table converts a word,
/// it must write what ICU writes.
@Suite struct LetterTableAgreementTests {
    /// The schemes whose catalogue entry names a letter table.
    static let schemes = TransliterationSchemes.all.filter { $0.letterTable != nil }.map(\.name)
    static let wordListPath = Fixtures.url("rules/lexicon/russian-words.txt").path

    static func table(_ scheme: String) throws -> LetterTable {
        let file = try #require(TransliterationSchemes.named(scheme)?.letterTable)
        return try LetterTable.load(file, library: .builtIn)
    }

    /// Compares the table with ICU on `words` (UTF-8, each followed by a
    /// newline), each alone; returns how many words there were and how many
    /// the table declined, and records every disagreement.
    static func compare(_ words: [UInt8], scheme: String, batched: Bool) throws -> (checked: Int, declined: Int) {
        let table = try Self.table(scheme)
        let icu = try WordConverter.compile(try #require(TransliterationSchemes.named(scheme)).forwardRules, library: .builtIn)
        var checked = 0, declined = 0, disagreements = 0
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 12)
        defer { output.deallocate() }
        try words.withUnsafeBufferPointer { words in
            let base = words.baseAddress!
            func lineEnd(_ bytes: UnsafePointer<UInt8>, from start: Int) -> Int {
                var index = start
                while bytes[index] != 0x0A { index += 1 }
                return index
            }
            var start = 0
            while start < words.count {
                // Newlines are word boundaries to the rules: batched, ICU takes a kilobyte of words a call.
                var end = start
                repeat { end = lineEnd(base, from: end) + 1 } while batched && end < words.count && end - start < 1024
                let expected = try icu.transliterate(Array(words[start..<end]))
                try #require(expected.last == 0x0A)
                try expected.withUnsafeBufferPointer { expected in
                    var word = start, reference = 0
                    while word < end {
                        let wordEnd = lineEnd(base, from: word)
                        try #require(reference < expected.count)
                        let referenceEnd = lineEnd(expected.baseAddress!, from: reference)
                        defer { word = wordEnd + 1; reference = referenceEnd + 1; checked += 1 }
                        let count = wordEnd - word, referenceCount = referenceEnd - reference
                        guard count * 4 + 8 <= 1 << 12,
                              let (stop, written) = table.convertWord(base + word, from: 0, limit: count, into: output) else {
                            declined += 1
                            continue
                        }
                        if stop != count || written != referenceCount || memcmp(output, expected.baseAddress! + reference, written) != 0 {
                            disagreements += 1
                            if disagreements <= 50 {
                                func text(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> String {
                                    String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
                                }
                                let icu = text(expected.baseAddress! + reference, referenceCount)
                                Issue.record("\(scheme): \(text(base + word, count)): table \(text(output, written)), ICU \(icu)")
                            }
                        }
                    }
                    try #require(reference == expected.count)
                }
                start = end
            }
        }
        #expect(disagreements == 0, "\(scheme): \(disagreements) of \(checked) words disagree")
        print("\(scheme): \(checked) words checked against ICU, \(declined) declined, \(disagreements) disagree")
        return (checked, declined)
    }

    /// The words, one a line, in lower case and then in Title case.
    static func lowerAndTitle<Words: Sequence>(_ words: Words) -> [UInt8] where Words.Element: StringProtocol {
        var lower: [UInt8] = [], title: [UInt8] = []
        for word in words {
            lower += word.utf8
            lower.append(0x0A)
            title += (word.prefix(1).uppercased() + word.dropFirst()).utf8
            title.append(0x0A)
        }
        return lower + title
    }

    @Test(arguments: schemes)
    func everyStringOfTwoAndThreeLettersAgreesWithICU(scheme: String) throws {
        let letters = try Self.table(scheme).alphabet.map(String.init)
        #expect(Set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя".map(String.init)).isSubset(of: letters))
        let pairs = letters.flatMap { a in letters.map { a + $0 } }
        let triples = pairs.flatMap { pair in letters.map { pair + $0 } }
        let (checked, declined) = try Self.compare(Self.lowerAndTitle(pairs + triples), scheme: scheme, batched: false)
        #expect(checked == 2 * (pairs.count + triples.count))
        // Tables defer only rare sequences (bgn: letters right after one ICU's first pass writes).
        #expect(declined < checked / 50, "\(scheme): \(declined) of \(checked) declined")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: wordListPath),
                   "rules/lexicon/russian-words.txt is missing (scripts/setup makes it)"),
          arguments: schemes)
    func everyWordOfTheRussianWordListAgreesWithICU(scheme: String) throws {
        let text = try String(contentsOfFile: Self.wordListPath, encoding: .utf8)
        // The quick suite checks every 29th word; the full suite every word.
        let step = FullSuite.pick(1, quick: 29)
        let words = text.split(separator: "\n").dropFirst().enumerated().filter { $0.offset % step == 0 }.map(\.element)
        let (checked, declined) = try Self.compare(Self.lowerAndTitle(words), scheme: scheme, batched: true)
        #expect(checked > 2_000_000 / step)
        #expect(declined < checked / 1000, "\(scheme): \(declined) of \(checked) declined")
    }

    @Test(arguments: schemes)
    func everyTableDeclinesCapitalsLoneLettersAndMarks(scheme: String) throws {
        let table = try Self.table(scheme)
        for word in ["ЕЖОВ", "Я", "я", "ЕжОВ", "Ю\u{301}рий", "е\u{308}ж", "Ежов1"] {
            #expect(table.convert(Array(word.utf8)) == nil, "\(scheme): \(word)")
        }
    }

    @Test func bgnDeclinesWhatItCannotDoExactly() throws {
        let table = try Self.table("bgn")
        for word in ["ѣда", "аыэ", "Шэ" + "ы"] {
            #expect(table.convert(Array(word.utf8)) == nil, "\(word)")
        }
        #expect(table.convert(Array("Ежов".utf8)) == Array("Yezhov".utf8))
        #expect(table.convert(Array("Шэн".utf8)) == Array("SH·en".utf8))
    }
}

/// The stage with a letter table gives what it gives through ICU alone.
@Suite struct LetterTableStageTests {
    static func outputs(_ text: String, to scheme: String) throws -> (fast: (String, [Change]), icu: (String, [Change])) {
        var configuration = Transliterator.Configuration(to: try #require(Script(rawValue: scheme)))
        let fast = try Transliterator(configuration: configuration).applyReportingChanges(to: text)
        configuration.usesLetterTable = false
        let icu = try Transliterator(configuration: configuration).applyReportingChanges(to: text)
        return ((fast.text, fast.changes), (icu.text, icu.changes))
    }

    @Test func aRussianExcerptComesOutAsThroughICU() throws {
        let text = try Fixtures.text("Tests/EmendTests/Fixtures/encodings/russian.txt")
        let (fast, icu) = try Self.outputs(text, to: "bgn")
        #expect(fast.0 == icu.0)
        #expect(fast.1 == icu.1)
        #expect(fast.0.contains("Materialami sledstviya") && fast.0.contains("OPERATIVNYY PRIKAZ"))
    }

    @Test(arguments: LetterTableAgreementTests.schemes)
    func vectorsAndGeneratedTextComeOutAsThroughICU(scheme: String) throws {
        let vectors = try Fixtures.text("rules/translit/vectors.tsv").split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false) }.filter { $0.count >= 2 }.map { String($0[1]) }
        // Stress and combining marks, one-letter words, capitals, other letters, digits beside words.
        let extra = "Ю\u{301}рий, Я и я, е\u{308}лка, Ѣ ѣда, В. И. Ленин, 1937г., НКВД-шный, аыэ бэе Шэн Юы ыы ЁЁ Ё\n"
        for seed in [1, 2, 3] as [UInt64] {
            let text = vectors.joined(separator: " ") + "\n" + extra + RoundTripTests.text(seed: seed, words: 2000)
            let (fast, icu) = try Self.outputs(text, to: scheme)
            #expect(fast.0 == icu.0, "\(scheme)")
            #expect(fast.1 == icu.1, "\(scheme)")
        }
    }
}

/// A malformed letter table is refused at its line and column.
@Suite struct LetterTableFileTests {
    func error(_ text: String) -> RuleFileError? {
        do {
            _ = try LetterTable(text: text, file: "rules/translit/x-letters.tsv")
            return nil
        } catch let error as RuleFileError {
            return error
        } catch {
            return nil
        }
    }

    @Test(arguments: [
        ("а\ta\nб\n", 2, 1, "expected LETTERS, a tab and LATIN"),
        ("set\tvowel\tаеи\nы\t·y\tvowle\n", 2, 6, "unknown set 'vowle' (did you mean 'vowel'?)"),
        ("е\tye\t$\n", 1, 6, "'$' does not stand in AFTER"),
        ("e\tye\n", 1, 1, "LETTERS must be Cyrillic letters"),
        ("е\tye\tйъe\n", 1, 6, "found 'e' (U+0065)"),
        ("е\tye\tЙ\n", 1, 6, "names lower-case letters"),
        ("щ\tshchshch\n", 1, 3, "at most 7"),
        ("щ\t\n", 1, 3, "LATIN is empty"),
        ("ж\tzh\nЖ\tZH\tа\n", 2, 6, "takes no AFTER"),
        ("ж\tzh\nХ\tKH\n", 2, 1, "capital 'Х' has no lower-case entry"),
        ("set\tv\tа\nset\tv\tе\n", 2, 5, "set 'v' is already defined on line 1"),
        ("ж\tzh\t\t\tx\n", 1, 8, "too many fields"),
        ("жЖ\tzh\n", 1, 1, "all lower case or all capitals"),
    ])
    func malformedTablesAreRefusedWithTheirPlace(text: String, line: Int, column: Int, message: String) throws {
        let error = try #require(self.error(text))
        #expect(error.location == SourceLocation(file: "rules/translit/x-letters.tsv", line: line, column: column))
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.description.hasPrefix("rules/translit/x-letters.tsv:\(line):\(column): error: "))
    }

    @Test func commentsBlankLinesAndSeveralLettersAreRead() throws {
        let table = try LetterTable(text: "# a comment\n\nset\tv\tа\r\nб\tp\tv\t$\nаб\tq\n", file: "x")
        #expect(table.alphabet == "ба")
        #expect(table.convert(Array("аб".utf8)) == Array("qp".utf8))
        #expect(table.convert(Array("ба".utf8)) == Array("qq".utf8))
        #expect(table.convert(Array("Ба".utf8)) == Array("Qq".utf8))
    }

    @Test func noneWritesNothing() throws {
        let table = try LetterTable(text: "ь\t(none)\nЬ\ty\nа\ta\n", file: "x")
        #expect(table.convert(Array("аьа".utf8)) == Array("aa".utf8))
        #expect(table.convert(Array("ьа".utf8)) == Array("a".utf8))
        #expect(table.convert(Array("Ьа".utf8)) == Array("ya".utf8))
        #expect(table.convert(Array("Аь".utf8)) == Array("A".utf8))
    }

    @Test func aMissingTableIsNamed() {
        #expect(throws: RuleFileError.self) { try LetterTable.load("none-letters.tsv", library: .builtIn) }
    }
}
