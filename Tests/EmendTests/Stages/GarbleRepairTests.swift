import Emend
import Foundation
import Testing

@Suite struct GarbleRepairTests {
    private func run(_ text: String) throws -> String { try GarbleRepair().apply(to: text) }

    /// Lines of the 1999 scan and what the stage makes of them.
    @Test(arguments: [
        ("193 5,1936, and 1937. Others inMoscow, and those", "1935,1936, and 1937. Others in Moscow, and those"),
        ("brought a purgingof the purgers. But the", "brought a purging of the purgers. But the"),
        ("At the beginning of the 193os, an ultraleftist", "At the beginning of the 1930s, an ultraleftist"),
        ("the purges of I938 and l936 began", "the purges of 1938 and 1936 began"),
        // A stray space before a comma goes where the text closes its commas up (here, on the line).
        ("9. See RTsKhIDNI, f. 17, op. 3 ,  d. 961,l. 16, 18, 20, 22.", "9. See RTsKhIDNI, f. 17, op. 3,  d. 961, l. 16, 18, 20, 22."),
        ("Speech \"ConcemingComradeYenukidze\" to theCCplenum", "Speech \"Concerning Comrade Yenukidze\" to theCCplenum"),
        // Typographic quotes around a word are punctuation, as ASCII ones are.
        ("Speech “ConcemingComradeYenukidze” and ‘tbe state’", "Speech “Concerning Comrade Yenukidze” and ‘the state’"),
        // A possessive splits as its word does; a name's own capitals (MacArthur's, JavaScript's) stay.
        ("\"on the basis of ComradeYezhov's report. LikeYezhov's men", "\"on the basis of Comrade Yezhov's report. Like Yezhov's men"),
        ("McDonald's and MacArthur's men and JavaScript's", "McDonald's and MacArthur's men and JavaScript's"),
        // A function word run into an acronym the document writes splits; other small letters before capitals
        // (miRNA, mtDNA) and an acronym the document does not write (QXZW) stay.
        ("regional boards of theNKVD are placed at the disposal of the NKVD; the NKVD",
         "regional boards of the NKVD are placed at the disposal of the NKVD; the NKVD"),
        ("the miRNA and mtDNA of the RNA and DNA; the RNA and DNA, and theQXZW",
         "the miRNA and mtDNA of the RNA and DNA; the RNA and DNA, and theQXZW"),
        // After an acronym, a function word the document writes apart from it splits; a content word stays.
        ("of the USSRand the OGPUfor the region; the USSR and the OGPU for the USSR",
         "of the USSR and the OGPU for the region; the USSR and the OGPU for the USSR"),
        ("the IGpair, the IG pair and the IG; the XIth and XIIth", "the IGpair, the IG pair and the IG; the XIth and XIIth"),
        ("the secretary of the VKPb) and the VKP(h) CC", "the secretary of the VKP(b) and the VKP(b) CC"),
        ("it is,thehighest form of struggle", "it is, the highest form of struggle"),
        ("people to he shot without trial", "people to be shot without trial"),
        ("W e know that a n d the 1g34 congress", "We know that and the 1934 congress"),
        ("he wanted t o see Sta lin in person", "he wanted to see Stalin in person"),
        ("commanded by tyrants. . . . Afterwards", "commanded by tyrants. . . . Afterwards"),
    ])
    func repairsWhatIsCertain(raw: String, expected: String) throws {
        #expect(try run(raw + "\n") == expected + "\n")
    }

    @Test func unicodeDebrisGoesAndMeantCharactersStay() throws {
        let text = "The o\u{FB03}cial M\u{43E}scow, soft\u{AD}hyphen zero\u{200B}width no\u{A0}break 10\u{A0}000 “quotes” — Belʹskij, Ежов\n"
        let (output, changes) = try GarbleRepair().applyReportingChanges(to: text)
        #expect(output == "The official Moscow, softhyphen zerowidth no break 10\u{A0}000 “quotes” — Belʹskij, Ежов\n")
        #expect(Set(changes.map(\.rule)) == ["garbles:ligature", "garbles:mixed-script", "garbles:invisible", "garbles:no-break-space"])
    }

    @Test func aFootnoteReferenceGetsItsDigitsBackWhenTheFootnoteIsNear() throws {
        let text = "an unde-\ntected criminal and wrecker.\"l3 The following month\nand the party.zo said\n\n13. Pravda, 1931.\n"
        let (output, changes) = try GarbleRepair().applyReportingChanges(to: text)
        #expect(output == "an unde-\ntected criminal and wrecker.\"13 The following month\nand the party.zo said\n\n13. Pravda, 1931.\n")
        #expect(changes.map(\.rule) == ["garbles:footnote-reference"])
        // No footnote 13 near: the reference stays as it is.
        #expect(try run("criminal and wrecker.\"l3 The following\n") == "criminal and wrecker.\"l3 The following\n")
    }

    @Test func archiveCitationsGetTheirSpaceBack() throws {
        #expect(try run("RTsKhIDNI, f. 17, op. 3, d. 961,l. 16; d. 5,ll. 3-4; the 1,000 men\n")
                == "RTsKhIDNI, f. 17, op. 3, d. 961, l. 16; d. 5, ll. 3-4; the 1,000 men\n")
    }

    @Test func aVocabularyOfTheBookMakesItsWordsKnown() throws {
        let file = Scratch.root.appendingPathComponent("emend-vocab-\(UUID().uuidString).vocab")
        try "stalin\t1060\nistochnik\t2\n".write(to: file, atomically: true, encoding: .utf8)
        let stage = try GarbleRepair(configuration: .init(vocabulary: file.path))
        #expect(try stage.apply(to: "Stolin and Irtochnik\n") == "Stalin and Istochnik\n")
        #expect(throws: RuleFileError.self) { try GarbleRepair(configuration: .init(vocabulary: "/no/such.vocab")) }
    }

    /// The document's own words count: "Stalin" seen twice makes "Stolin" a confusion.
    @Test func theDocumentsWordsDecideAVowelConfusion() throws {
        let text = "Stalin and Stalin's men.\nIrtochnik, 1996, no. 4, 137-44; Stolin, Cambridge\n"
        #expect(try run(text) == "Stalin and Stalin's men.\nIstochnik, 1996, no. 4, 137-44; Stalin, Cambridge\n")
        #expect(try run("Irtochnik; Stolin, Cambridge\n") == "Istochnik; Stolin, Cambridge\n")
    }

    /// Real words the word list lacks, transliterations, abbreviations, names
    /// and garbled runs are all left as they are.
    @Test(arguments: [
        "the antiparty group and their waverings and the procuracy",
        "Istorii, chast' t, Moscow, 1971; Reabilitatsiia: kak eto bylo",
        "Com. Yezhov and Com. Molotov; Gabor T. Rittersporn",
        "K q o v ,  G. G. (1898-1967); d. 9 ~ 5 . 1 .  9 .",
        "see http://example.org/OCRlike and write to someone@example.org",
        "the bureaucratism of the oppositionists and the unmaskings",
    ])
    func leavesWhatIsNotCertain(text: String) throws {
        #expect(try run(text + "\n") == text + "\n")
    }

    /// Measured on the 20 gold pages, after page structure and hyphenation.
    @Test func goldPages() throws {
        let before = Pipeline(stages: [UnicodeNormalizer(), try PageStructure(), try Dehyphenator(),
                                       WhitespaceNormalizer(configuration: .init(leading: true))])
        let after = Pipeline(stages: [UnicodeNormalizer(), try PageStructure(), try Dehyphenator(), try GarbleRepair(),
                                      WhitespaceNormalizer(configuration: .init(leading: true))])
        let score = try WordScore.measure(before: before, after: after, on: GoldPage.all())
        print("garbles on the gold pages: \(score)")
        #expect(score.broken == 0, "\(score.brokenWords)")
        // The stage must take away at least a fifth of the errors left before it.
        #expect(score.editsAfter * 5 <= score.editsBefore * 4, "\(score)")
        #expect(Double(score.editsAfter) / Double(score.goldWords) < 0.024)
    }

    @Test func runningTwiceGivesTheSameTextAsOnce() throws {
        for page in try GoldPage.all() {
            let once = try run(page.raw)
            #expect(try run(once) == once, "\(page.name)")
        }
    }

    @Test(arguments: FullSuite.pick([1, 3, 7], quick: [3]))
    func sameOutputWhateverTheBlockSize(pieceSize: Int) throws {
        for page in try GoldPage.all().prefix(8) {
            let whole = try Fixtures.run(GarbleRepair(), Array(page.raw.utf8)).bytes
            #expect(try Fixtures.run(GarbleRepair(), Array(page.raw.utf8), pieceSize: pieceSize).bytes == whole)
        }
    }

    @Test func aLongRunOfLettersIsLeftInBoundedTime() throws {
        let garbage = String(repeating: "thepartyandthestate", count: 500)  // 9,500 letters, no space
        #expect(try run(garbage + "\n") == garbage + "\n")
    }

    @Test func everyRepairNamesItsRule() throws {
        let (_, changes) = try GarbleRepair().applyReportingChanges(to: "the VKP(h) and Stolin in 193os\n")
        #expect(changes.map(\.rule).contains { $0.hasPrefix("rules/garbles/default.yaml:") })
        #expect(changes.map(\.rule).contains("garbles:year"))
        #expect(changes.allSatisfy { $0.line == 1 && $0.column >= 1 })
    }

    @Test func aPatternThatCouldRunAwayIsARuleFileError() throws {
        let file = Scratch.root.appendingPathComponent("emend-garbles-\(UUID().uuidString).yaml")
        try "phrases:\n  - {find: '(a+)+b', replace: 'x'}\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: RuleFileError.self) { try GarbleRepair(configuration: .init(rulesFile: file.path)) }
        try "confusions:\n  - [rn]\n".write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try GarbleRepair(configuration: .init(rulesFile: file.path))
            Issue.record("a malformed pair was accepted")
        } catch let error as RuleFileError {
            #expect(error.description.hasPrefix("\(file.path):2:5: error: expected a pair [read, meant], such as [rn, m]"))
        }
    }
}
