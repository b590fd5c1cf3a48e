@testable import Emend
import Foundation
import Testing

/// The Russian-looking test's automaton answers as the regular expressions
/// do: on every word of the gold pages and fixtures (as written, as letters
/// alone, in small letters), on made-up words at the edges, for every list
/// of `russian-looking.yaml`, and for patterns it does not read.
@Suite struct RussianLookingTestTests {
    /// Every token of the gold pages and the fixtures' text files, as written,
    /// as its letters alone, and in small letters.
    private static func realWords() throws -> [[UInt8]] {
        var lines = try GoldPage.allRawLines()
        let fixtures = Fixtures.url("Tests/EmendTests/Fixtures")
        let files = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "txt" } ?? []
        #expect(!files.isEmpty)
        for file in files {
            lines += try Data(contentsOf: file).split(separator: 0x0A).map(Array.init)
        }
        var words = Set<[UInt8]>()
        for line in lines {
            for token in line.split(separator: 0x20) {
                words.insert(Array(token))
                let letters = token.filter { DocumentVocabulary.isLetter($0) || $0 >= 0x80 || $0 == UInt8(ascii: "'") }
                words.insert(letters)
                words.insert(letters.map(DocumentVocabulary.lowercased))
            }
        }
        return words.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Made-up words: Cyrillic, apostrophes, capitals, the patterns' edges, every length to nine.
    private static let madeWords: [[UInt8]] = {
        var words = ["", "a", "A", "'", "''", "zh", "ZH", "Zh", "kh", "shch", "SHCH", "ov", "Ivanov", "IVANOV", "ivanovs",
                     "Nikolai", "NIKOLAI", "nikolai", "Ai", "ai", "Krai", "KrAi", "Grigory", "Gregory", "Harry", "grigory",
                     "Sergei", "Moisey", "o'b", "O'B", "a'", "'a", "d'Arc", "a’b", "tsar", "Tsar", "iu", "IA", "ie",
                     "skii", "tskii", "Tolstoy", "Dostoevskii", "dzhugashvili", "Gogoladze", "Shevchenko", "ians",
                     "жук", "Жуков", "Ivanov\n", "Ivanov\r", "ov\u{2028}", "Ivanov ", "ſh", "ſhch", "Kh", "\u{212A}h",
                     "Nikolaı", "İvanov", "ﬀov", "Straße", "Ivanov-Razumnik", "Ivanov's", "ivanov’s", "zh1", "Y", "y",
                     "Zy", "zy", "Ay", "Aby", "Aiy", "ABy", "A'y", "Ab'y", "wy", "Wy", "Bzy", "Bzz", "B", "yo", "YO",
                     "\u{7F}ov", "\tkh", "k\u{0}h", "ova", "Eva", "eva", "Evna", "skaya", "Sky", "yev", "yeva"].map { Array($0.utf8) }
        // Every word of up to three letters from a small alphabet, with capitals and the apostrophe.
        let alphabet = Array("aAiIkhsyvoz'".utf8)
        var short: [[UInt8]] = [[]]
        for _ in 0..<3 {
            short = short.flatMap { word in alphabet.map { word + [$0] } }
            words += short
        }
        // Every length to nine, in each case.
        for length in 1...9 {
            words.append([UInt8](repeating: UInt8(ascii: "a"), count: length) + Array("ov".utf8))
            words.append([UInt8(ascii: "N")] + [UInt8](repeating: UInt8(ascii: "a"), count: length) + Array("ai".utf8))
            words.append([UInt8(ascii: "N")] + [UInt8](repeating: UInt8(ascii: "b"), count: length) + Array("by".utf8))
        }
        return words
    }()

    /// The lists of the shipped `russian-looking.yaml`: each section's, for each scheme.
    private static func shippedLists() throws -> [(String, [NSRegularExpression])] {
        let library = RuleLibrary(directory: nil)
        var lists: [(String, [NSRegularExpression])] = []
        for scheme in ["loc", "alalc", "scholarly", "iso9", "bgn", "popular"] {
            for section in ["schemes", "names-only", "english-names", "english-first-names", "name-model", "surname-list"] {
                lists.append(("\(section) \(scheme)", try ProseConverter.loadPatterns(library: library, scheme: scheme, section: section)))
            }
        }
        return lists
    }

    private func expectSameAnswers(_ test: RussianLookingTest, _ words: [[UInt8]], _ name: String) -> Int {
        var matched = 0
        for word in words {
            let reference = test.regexMatches(word)
            #expect(test.matches(word) == reference, "\(name): \(String(decoding: word, as: UTF8.self))")
            if reference { matched += 1 }
        }
        return matched
    }

    /// The garbles stage's list (loc and popular): every pattern read by the
    /// automaton, every answer the regular expressions'.
    @Test func garblesListAnswersAsTheRegularExpressions() throws {
        let test = try GarbleRepair().context.russianLooking
        #expect(test.patterns.count >= 13)
        #expect(test.unread.isEmpty)
        let words = try Self.realWords() + Self.madeWords
        let matched = expectSameAnswers(test, words, "garbles")
        #expect(matched > 100 && matched < words.count - 100)
        // Asked again, the states made the first time answer the same.
        #expect(expectSameAnswers(test, words, "garbles again") == matched)
    }

    /// Every list of the shipped file: those with letters past ASCII (ž, ʹ) are left to the regular expressions.
    @Test func everyShippedListAnswersAsTheRegularExpressions() throws {
        let words = try Self.realWords() + Self.madeWords
        for (name, patterns) in try Self.shippedLists() where !patterns.isEmpty {
            _ = expectSameAnswers(RussianLookingTest(patterns), words, name)
        }
    }

    /// Patterns the automaton does not read (a word boundary, a count, a
    /// negated class, any letter, a flag mid-pattern, lookahead) are asked of
    /// their regular expressions, beside the ones it reads; and made-up
    /// patterns at the subset's edges answer as their regular expressions.
    @Test func unreadPatternsFallBackToTheirRegularExpressions() throws {
        let unread = [#"\bkh"#, "o{2}v$", "[^aeiou]y$", ".ski$", "a(?-i)B", "(?=iv)i", "\\w'\\w", "(?i:zz)", "a*+b", "[a-]x", "ž"]
        let read = ["zh|kh", "(?-i)^[A-Z][a-z]*ai$", "(?-i)a|B", "x?z?", "^q?$", "(ab)+c$", "^(?:ov|ev)", "a*?b$",
                    "[A-z]y", "\\'s$", "(a|)b$", "((s)|(t))+k", "^$", "9|'$", "(?i)^N(b|c)*y$"]
        let words = try Self.realWords() + Self.madeWords + ["zzk", "ZZ", "ooV", "Baby", "aB", "AB", "iv", "Iv", "w'w", "ab", "aab", "ababc", "q", "Q", "n_y", "a-x", "Strasse", "oʹ", "žuk"].map { Array($0.utf8) }
        for pattern in unread {
            let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            let alone = RussianLookingTest([regex])
            #expect(alone.unread.count == 1, "\(pattern)")
            #expect(expectSameAnswers(alone, words, pattern) > 0, "\(pattern)")
        }
        for pattern in read {
            let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            let alone = RussianLookingTest([regex])
            #expect(alone.unread.isEmpty, "\(pattern)")
            _ = expectSameAnswers(alone, words, pattern)
        }
        // All together, as a rules folder of one's own would load them.
        let all = try (unread + read).map { try NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }
        let together = RussianLookingTest(all)
        #expect(together.unread.count == unread.count)
        _ = expectSameAnswers(together, words, "together")
        // A word only an unread pattern matches: the fallback answers it.
        #expect(RussianLookingTest(try ["zh", "[^aeiou]y$"].map { try NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }).matches(Array("baby".utf8)))
    }
}
