import Emend
import Testing

@Suite struct ICUTests {
    @Test func reportsItsVersion() {
        #expect(ICU.version.split(separator: ".").count >= 2)
    }

    @Test func runsBuiltInTransliterators() throws {
        let bgn = try ICU.Transliterator(identifier: "Russian-Latin/BGN")
        #expect(try bgn.transliterate("Ежов") == "Yezhov")
        #expect(try ICU.availableTransliterators().contains("Russian-Latin/BGN"))
    }

    @Test func compilesRulesFromText() throws {
        let rules = """
            # a toy scheme
            ::NFC;
            Щ > Shch; щ > shch; е > e; р > r; б > b; а > a; к > k; о > o; в > v;
            """
        let toy = try ICU.Transliterator(rules: rules, identifier: "toy")
        #expect(try toy.transliterate("Щербаков") == "Shcherbakov")
    }

    @Test func locatesSyntaxErrorsInRules() throws {
        let rules = "# header\nа > a;\nб > b;\nв > > v;\n"
        do {
            _ = try ICU.Transliterator(rules: rules, identifier: "broken")
            Issue.record("broken rules compiled")
        } catch let error as ICU.RuleSyntaxError {
            #expect(error.line == 4)
            #expect(error.errorName.hasPrefix("U_"))
        }
    }

    @Test func normalizes() throws {
        #expect(try ICU.normalize(Array("и\u{306}".utf8), form: .nfc) == Array("й".utf8))
        #expect(try ICU.normalize(Array("й".utf8), form: .nfd) == Array("и\u{306}".utf8))
        #expect(try ICU.isNormalized(Array("Ежов".utf8), form: .nfc))
    }
}
