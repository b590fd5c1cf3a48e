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

@Suite struct NFCByteCheckTests {
    /// The byte check agrees with ICU on every character it lets through.
    @Test func agreesWithICUOnTheRangesItAccepts() throws {
        var samples: [String] = []
        for value in Array(0x80...0x2FF) + Array(0x400...0x52F) + Array(0x2002...0x203F) {
            if let scalar = Unicode.Scalar(value) { samples.append("a" + String(scalar) + "b") }
        }
        for text in samples where UnicodeNormalizer.isNFCByItsBytes(Array(text.utf8)) {
            #expect(try ICU.isNormalized(Array(text.utf8), form: .nfc), "U+\(String(text.unicodeScalars.dropFirst().first!.value, radix: 16))")
        }
        #expect(!UnicodeNormalizer.isNFCByItsBytes(Array("и\u{306}".utf8)))
        #expect(UnicodeNormalizer.isNFCByItsBytes(Array("“Ежов” — Belʹskij".utf8)))
    }
}
