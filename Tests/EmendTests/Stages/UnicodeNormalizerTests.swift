import Emend
import Testing

@Suite struct UnicodeNormalizerTests {
    @Test func composesDecomposedLettersUnderNFC() throws {
        // "Бельский" with й as и + U+0306, as some PDF extractors give it.
        let decomposed = "Бельски\u{438}\u{306}, Ez\u{30C}ov\n"
        let output = try UnicodeNormalizer().apply(to: decomposed)
        #expect(output == "Бельский, Ežov\n")
        #expect(output.unicodeScalars.count == decomposed.unicodeScalars.count - 2)
    }

    @Test func keepsTransliterationMarksAndDashesUnderNFC() throws {
        let text = "T͡Sentral'nyi, Belʹskij, Podʺjačev — “quoted” ﬁ\n"
        #expect(try UnicodeNormalizer().apply(to: text) == text)
    }

    @Test func foldsLigaturesOnlyUnderNFKC() throws {
        let nfkc = UnicodeNormalizer(configuration: .init(form: .nfkc))
        #expect(try nfkc.apply(to: "the ﬁrst oﬃcial\n") == "the first official\n")
    }

    @Test func reportsWhatItChanged() throws {
        let (_, changes) = try UnicodeNormalizer().applyReportingChanges(to: "ascii\nи\u{306}\n")
        #expect(changes.map(\.line) == [2])
        #expect(changes.first?.after == "й")
        #expect(changes.first?.rule == "normalize:nfc")
    }
}
