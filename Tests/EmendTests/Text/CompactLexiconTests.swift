@testable import Emend
import Foundation
import Testing

/// The prebuilt tables compiled into emend (`CompactLexicons`, made by
/// scripts/build-compact-lexicons.py) must say what their sources say.
@Suite struct CompactLexiconTests {
    @Test func englishTableHoldsEveryWordOfTheListWithItsTier() throws {
        let source = EnglishWordList(text: try Fixtures.text("rules/lexicon/english-words.txt"))
        let table = CompactLexicons.english
        #expect(table.count == source.count, "rules/lexicon/english-words.txt changed; run scripts/build-compact-lexicons.py")
        var missing: [String] = []
        source.forEach { word, tier in
            let found = word.withUnsafeBytes { table.value(for: $0) }
            if found != tier { missing.append("\(String(decoding: word, as: UTF8.self)) \(tier) (table: \(found.map(String.init) ?? "none"))") }
        }
        #expect(missing.isEmpty, "run scripts/build-compact-lexicons.py; first differences: \(missing.prefix(5))")
        var entries = 0
        table.forEach { _, _ in entries += 1 }
        #expect(entries == table.count)
    }

    /// The common words the confusion test starts from are read from the
    /// prebuilt table by their tier alone: the same words as the list's own
    /// lines of that tier.
    @Test func theWordsOfATierAreTheListsWordsOfThatTier() throws {
        let source = try Fixtures.text("rules/lexicon/english-words.txt")
        var listed = Set<String>()
        for line in source.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            if fields.count == 2, let tier = Int(fields[1]), tier <= 10 { listed.insert(String(fields[0])) }
        }
        var read: [String] = []
        EnglishWordList.builtIn.forEachInPlace(tiersUpTo: 10) { word, tier in
            #expect(tier <= 10)
            read.append(String(decoding: word, as: UTF8.self))
        }
        #expect(read.count == listed.count && Set(read) == listed)
        #expect(listed.contains("the") && !listed.contains("pneumonoultramicroscopicsilicovolcanoconiosis"))
        var common: [String] = []
        CompactLexicons.english.forEach(valuesUpTo: 10) { word, _ in common.append(String(decoding: word, as: UTF8.self)) }
        #expect(common == read)
    }

    @Test func nameSpellingsAreWhatICUMakesOfTheLexicon() throws {
        let made = try NameSpellings.all(library: .builtIn)
        var prebuilt = Set<String>()
        CompactLexicons.nameSpellings.forEach { word, _ in prebuilt.insert(String(decoding: word, as: UTF8.self)) }
        #expect(prebuilt.count == CompactLexicons.nameSpellings.count)
        #expect(prebuilt == made, """
            the name lexicon or the transliteration rules changed; run scripts/build-compact-lexicons.py \
            (missing: \(made.subtracting(prebuilt).sorted().prefix(5)), extra: \(prebuilt.subtracting(made).sorted().prefix(5)))
            """)
    }

    @Test(arguments: [
        ("Moscow", UInt8?.some(50)), ("Mosco", nil), ("Moscows", nil), ("", nil), ("the", UInt8?.some(10)), ("The", nil),
        ("pneumonoultramicroscopicsilicovolcanoconiosis", UInt8?.some(70)),
    ])
    func prebuiltEnglishLooksUpWholeWordsAsWritten(word: String, tier: UInt8?) {
        let found = Array(word.utf8).withUnsafeBytes { CompactLexicons.english.value(for: $0) }
        #expect(found == tier)
    }

    @Test func builtInWordListFindsCapitalisedAndUpperCaseForms() {
        let english = EnglishWordList.builtIn
        #expect(english.tier(of: ArraySlice("the".utf8)) == 10)
        #expect(english.tier(of: ArraySlice("The".utf8)) == 10)
        #expect(english.tier(of: ArraySlice("THE".utf8)) == 10)
        #expect(english.contains(ArraySlice("MOSCOW".utf8)))
        #expect(!english.contains(ArraySlice("Yezhov".utf8)))
    }

    /// A bucket's offset read as one word gives the offset its four digits
    /// give one by one, at the smallest and largest digits and between.
    @Test func anOffsetReadAsOneWordIsItsDigitsOneByOne() {
        var generator = SystemRandomNumberGenerator()
        var cases: [[UInt8]] = [[0x30, 0x30, 0x30, 0x30], [0x6F, 0x6F, 0x6F, 0x6F], [0x30, 0x6F, 0x30, 0x6F], [0x6F, 0x30, 0x6F, 0x30],
                                [0x31, 0x32, 0x33, 0x34]]
        for _ in 0..<2000 { cases.append((0..<4).map { _ in UInt8.random(in: 0x30...0x6F, using: &generator) }) }
        for digit in cases {
            let oneByOne = Int(digit[0] - 0x30) << 18 | Int(digit[1] - 0x30) << 12 | Int(digit[2] - 0x30) << 6 | Int(digit[3] - 0x30)
            let word = UInt32(digit[0]) | UInt32(digit[1]) << 8 | UInt32(digit[2]) << 16 | UInt32(digit[3]) << 24
            #expect(CompactWordTable.offset(digits: word) == oneByOne, "\(digit)")
        }
    }
}
