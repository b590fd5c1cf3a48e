@testable import Emend
import Foundation
import Testing

/// The bgn letter table (rules/translit/bgn-letters.tsv) against its
/// reference, the ICU rules of bgn.txt: wherever the table converts a word,
/// it must write what ICU writes.
@Suite struct LetterTableAgreementTests {
    static let table: LetterTable = {
        do { return try LetterTable.load("bgn-letters.tsv", library: .builtIn) } catch {
            preconditionFailure("the built-in bgn letter table does not load: \(error)")
        }
    }()
    static let wordListPath = Fixtures.url("rules/lexicon/russian-words.txt").path

    /// Compares the table with ICU on `words` (UTF-8, each followed by a
    /// newline), each alone; returns how many words there were and how many
    /// the table declined, and records every disagreement.
    static func compare(_ words: [UInt8], batched: Bool) throws -> (checked: Int, declined: Int) {
        let icu = try WordConverter.compile("bgn.txt", library: .builtIn)
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
                                Issue.record("\(text(base + word, count)): table \(text(output, written)), ICU \(icu)")
                            }
                        }
                    }
                    try #require(reference == expected.count)
                }
                start = end
            }
        }
        #expect(disagreements == 0, "\(disagreements) of \(checked) words disagree")
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

    @Test func everyStringOfTwoAndThreeLettersAgreesWithICU() throws {
        let letters = Self.table.alphabet.map(String.init)
        #expect(letters.count == 33)
        let pairs = letters.flatMap { a in letters.map { a + $0 } }
        let triples = pairs.flatMap { pair in letters.map { pair + $0 } }
        let (checked, declined) = try Self.compare(Self.lowerAndTitle(pairs + triples), batched: false)
        #expect(checked == 2 * (33 * 33 + 33 * 33 * 33))
        // The table defers only letters right after one ICU's first pass writes (and capitals before ы).
        #expect(declined < checked / 50, "\(declined) of \(checked) declined")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: wordListPath),
                   "rules/lexicon/russian-words.txt is missing (scripts/setup makes it)"))
    func everyWordOfTheRussianWordListAgreesWithICU() throws {
        let text = try String(contentsOfFile: Self.wordListPath, encoding: .utf8)
        let words = text.split(separator: "\n").dropFirst()  // the first line is a comment
        let (checked, declined) = try Self.compare(Self.lowerAndTitle(words), batched: true)
        #expect(checked > 2_000_000)
        #expect(declined < checked / 1000, "\(declined) of \(checked) declined")
    }

    @Test func declinesWhatItCannotDoExactly() {
        for word in ["ЕЖОВ", "Я", "я", "ЕжОВ", "Ю\u{301}рий", "е\u{308}ж", "ѣда", "Ежов1", "аыэ", "Шэ" + "ы"] {
            #expect(Self.table.convert(Array(word.utf8)) == nil, "\(word)")
        }
        #expect(Self.table.convert(Array("Ежов".utf8)) == Array("Yezhov".utf8))
        #expect(Self.table.convert(Array("Шэн".utf8)) == Array("SH·en".utf8))
    }
}

/// The stage with the letter table gives what it gives through ICU alone.
@Suite struct LetterTableStageTests {
    static func outputs(_ text: String) throws -> (fast: (String, [Change]), icu: (String, [Change])) {
        var configuration = Transliterator.Configuration(to: "bgn")
        let fast = try Transliterator(configuration: configuration).applyReportingChanges(to: text)
        configuration.usesLetterTable = false
        let icu = try Transliterator(configuration: configuration).applyReportingChanges(to: text)
        return ((fast.text, fast.changes), (icu.text, icu.changes))
    }

    @Test func aRussianExcerptComesOutAsThroughICU() throws {
        let text = try Fixtures.text("Tests/EmendTests/Fixtures/encodings/russian.txt")
        let (fast, icu) = try Self.outputs(text)
        #expect(fast.0 == icu.0)
        #expect(fast.1 == icu.1)
        #expect(fast.0.contains("Materialami sledstviya") && fast.0.contains("OPERATIVNYY PRIKAZ"))
    }

    @Test func vectorsAndGeneratedTextComeOutAsThroughICU() throws {
        let vectors = try Fixtures.text("rules/translit/vectors.tsv").split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false) }.filter { $0.count >= 2 }.map { String($0[1]) }
        // Stress and combining marks, one-letter words, capitals, other letters, digits beside words.
        let extra = "Ю\u{301}рий, Я и я, е\u{308}лка, Ѣ ѣда, В. И. Ленин, 1937г., НКВД-шный, аыэ бэе Шэн Юы ыы ЁЁ Ё\n"
        for seed in [1, 2, 3] as [UInt64] {
            let text = vectors.joined(separator: " ") + "\n" + extra + RoundTripTests.text(seed: seed, words: 2000)
            let (fast, icu) = try Self.outputs(text)
            #expect(fast.0 == icu.0)
            #expect(fast.1 == icu.1)
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

    @Test func aMissingTableIsNamed() {
        #expect(throws: RuleFileError.self) { try LetterTable.load("none-letters.tsv", library: .builtIn) }
    }
}
