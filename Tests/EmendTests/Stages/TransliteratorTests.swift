import Emend
import Foundation
import Testing

@Suite struct TransliteratorTests {
    private func convert(_ text: String, from: Script = .cyrillic, to: Script, wholeText: Bool = true,
                         words: String? = nil) throws -> String {
        try Transliterator(configuration: .init(from: from, to: to, wordList: words, wholeText: wholeText)).apply(to: text)
    }

    @Test func capitalisationFollowsTheSourceWord() throws {
        #expect(try convert("ЩЕРБАКОВ ЕЖОВ Ежов ежов", to: .loc) == "SHCHERBAKOV EZHOV Ezhov ezhov")
        #expect(try convert("ЩЕРБАКОВ, Щербаков", to: .scholarly) == "ŠČERBAKOV, Ščerbakov")
        #expect(try convert("ЮРЬЕВ", to: .popular) == "YURYEV")
        #expect(try convert("ЦЕНТР", to: .alalc) == "T͡SENTR")
    }

    @Test func acronymsKeepTheMixedCaseScholarshipPrints() throws {
        #expect(try convert("РЦХИДНИ, ф. 17; ЦК ВКП(б), ВСНХ, НКВД", to: .loc) == "RTsKhIDNI, f. 17; TsK VKP(b), VSNKh, NKVD")
        #expect(try convert("ЦК", to: .popular) == "TsK")
        // Read back from mixed case, letter by letter.
        #expect(try convert("RT͡sKhIDNI", from: .alalc, to: .cyrillic) == "РЦХИДНИ")
        // An unlisted acronym with vowels is written as a word in capitals.
        #expect(try convert("ЦГАЛИ ЦУГАЛ", to: .loc) == "TsGALI TSUGAL")
    }

    @Test func yoIsKeptOrWrittenAsYe() throws {
        #expect(try convert("Хрущёв", to: .scholarly) == "Xruščëv")
        let noYo = try Transliterator(configuration: .init(to: .scholarly, keepsYo: false))
        #expect(try noYo.apply(to: "Хрущёв") == "Xruščev")
        #expect(try convert("Хрущев", to: .alalc) == "Khrushchev")
    }

    @Test func signsCanBeLeftOut() throws {
        #expect(try convert("Бельский, Зиновьев, Объединённый", to: .loc) == "Bel'skii, Zinov'ev, Ob\"edinennyi")
        let dropped = try Transliterator(configuration: .init(to: .loc, dropsSigns: true))
        #expect(try dropped.apply(to: "Бельский, Зиновьев, Объединённый") == "Belskii, Zinovev, Obedinennyi")
    }

    @Test func touchesOnlyTheSourceScript() throws {
        let text = "RTsKhIDNI, f. 17, op. 3, d. 1003 — «Ежов», 1937 г.\r\n"
        #expect(try convert(text, to: .loc) == "RTsKhIDNI, f. 17, op. 3, d. 1003 — «Ezhov», 1937 g.\r\n")
    }

    @Test func schemeToSchemeGoesThroughCyrillic() throws {
        #expect(try convert("Ežov, Frinovskij, Xruščëv, Belʹskij", from: .scholarly, to: .alalc)
                == "Ezhov, Frinovskiĭ, Khrushchëv, Belʹskiĭ")
        #expect(try convert("Ežov, Frinovskij, Belʹskij", from: .scholarly, to: .popular) == "Yezhov, Frinovsky, Belsky")
    }

    @Test func anUnknownSchemeIsRefusedWithTheValidOnes() throws {
        let descriptor = StageRegistry.descriptor(for: .transliterate)
        #expect(throws: Transliterator.ConfigurationError(description: "unknown scheme 'lco'; expected one of 'cyrillic', 'alalc', 'loc', 'scholarly', 'iso9', 'bgn', 'popular'")) {
            try descriptor.makeStage(options: StageOptions(specs: descriptor.options, values: ["to": .string("lco")]))
        }
    }

    @Test func reportsEveryConvertedWordWithItsReason() throws {
        let stage = try Transliterator(configuration: .init(to: .loc))
        let (_, changes) = try stage.applyReportingChanges(to: "нарком Ежов и ЦК\n")
        #expect(changes.map(\.before) == ["нарком", "Ежов", "и", "ЦК"])
        #expect(changes.map(\.column) == [1, 14, 23, 26])
        #expect(changes.last?.rule == "translit:cyrillic->loc:acronym")
        #expect(changes.first?.rule == "translit:cyrillic->loc:scheme")
    }

    @Test func aSchemeRuleICUCannotCompileIsALocatedRuleFileError() throws {
        let directory = Scratch.root.appendingPathComponent("emend-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("translit"), withIntermediateDirectories: true)
        let rules = "# broken on purpose\n::NFC;\nа > a;\nб > > b;\n"
        try rules.write(to: directory.appendingPathComponent("translit/loc.txt"), atomically: true, encoding: .utf8)
        do {
            _ = try Transliterator(configuration: .init(to: .loc, rulesDirectory: directory.path))
            Issue.record("broken rules compiled")
        } catch let error as RuleFileError {
            #expect(error.location?.line == 4)
            #expect(error.file.hasSuffix("translit/loc.txt"))
            #expect(error.description.contains("error: ICU cannot compile this transform rule (U_"))
        }
    }

    @Test func aMalformedLexiconLineIsLocated() throws {
        #expect(throws: RuleFileError.self) { try HeadwordLexicon(text: "ЦК\tacronym\nEzhov\tacronym\n", file: "x.txt") }
        do {
            _ = try HeadwordLexicon(text: "ЦК\tacronym\nТроцкий\tpoplar=Trotsky\n", file: "x.txt")
        } catch let error as RuleFileError {
            #expect(error.description.hasPrefix("x.txt:2:9: error: unknown scheme 'poplar' (did you mean 'popular'?)"))
        }
        let lexicon = try HeadwordLexicon(text: "# comment\nТроцкий\tpopular=Trotsky\tall=Trotsky\nЦГАОР\tacronym\n", file: "x.txt")
        #expect(lexicon.entry("ЦГАОР")?.isAcronym == true)
        #expect(lexicon.entry("Троцкий")?.pinned == ["popular": "Trotsky", "all": "Trotsky"])
    }
}

@Suite struct WordScannerTests {
    private func words(_ text: String, _ scanner: WordScanner) -> [String] {
        let bytes = Array(text.utf8)
        return scanner.words(in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func findsCyrillicWordsWithCombiningMarks() {
        let scanner = WordScanner(script: .cyrillic)
        #expect(words("Ежов, Бельски\u{438}\u{306} (ЦК) Yezhov 1937", scanner) == ["Ежов", "Бельски\u{438}\u{306}", "ЦК"])
    }

    @Test func findsLatinWordsWithSignsInside() {
        let loc = WordScanner(script: .latin, trailingApostrophe: true)
        #expect(words("Bel'skii, ob\"edinenie; Gogol' and 'quoted' t͡sar", loc)
                == ["Bel'skii", "ob\"edinenie", "Gogol'", "and", "quoted", "t͡sar"])
        let plain = WordScanner(script: .latin)
        #expect(words("Belʹskiy t·s Ežov × 3", plain) == ["Belʹskiy", "t·s", "Ežov"])
    }
}
