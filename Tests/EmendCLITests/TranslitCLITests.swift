import Foundation
import Testing

/// `emend translit` and `emend schemes`, end to end.
@Suite struct TranslitCLITests {
    private func emend(_ arguments: [String], _ input: String = "") throws -> CLITests.Result {
        try CLITests.emend(arguments, input: Array(input.utf8))
    }

    @Test func schemesListsTheSixSchemes() throws {
        let result = try emend(["schemes"])
        #expect(result.status == 0)
        let names = result.text.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(names == ["alalc", "loc", "scholarly", "iso9", "bgn", "popular"])
    }

    @Test func convertsCyrillicFromStandardInput() throws {
        let input = "Нарком внутренних дел Н. И. Ежов; РЦХИДНИ, ф. 17.\r\n"
        let loc = try emend(["translit", "--to", "loc"], input)
        #expect(loc.status == 0)
        #expect(loc.text == "Narkom vnutrennikh del N. I. Ezhov; RTsKhIDNI, f. 17.\r\n")
        #expect(try emend(["translit", "--to", "popular"], input).text == "Narkom vnutrennikh del N. I. Yezhov; RTsKhIDNI, f. 17.\r\n")
    }

    /// From Cyrillic (the default), English prose goes through unchanged and one
    /// note says why and which --from reads romanized text; text with a Cyrillic
    /// letter, an empty input and a Latin --from get no note.
    @Test func textWithNoCyrillicLetterGetsOneNoteNamingTheSchemes() throws {
        let prose = try CLITests.sample("preface.txt")
        for arguments in [["translit", "--to", "loc"], ["translit", "--from", "cyrillic", "--to", "popular"]] {
            let result = try CLITests.emend(arguments, input: prose)
            #expect(result.status == 0)
            #expect(result.stdout == prose)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(result.stderr.hasPrefix("emend: note: the input has no Cyrillic letter"))
            let schemes = try emend(["schemes"]).text.split(separator: "\n").compactMap { $0.split(separator: " ").first }
            #expect(result.stderr.contains("--from " + schemes.joined(separator: "|")))
        }
        // A line that opens with a character beyond ASCII has its Latin letters seen too.
        let quoted = try emend(["translit", "--to", "loc"], "« The party »\n")
        #expect(quoted.text == "« The party »\n" && quoted.stderr.hasPrefix("emend: note: the input has no Cyrillic letter"))
        for (arguments, input) in [(["translit", "--to", "loc"], "The Narkom, Ежов, signed.\n"), (["translit", "--to", "loc"], ""),
                                   (["translit", "--to", "loc"], "1937, 00447.\n"),
                                   (["translit", "--from", "popular", "--to", "loc"], "The party met.\n")] {
            let result = try emend(arguments, input)
            #expect(result.status == 0 && result.stderr.isEmpty, "\(arguments) \(input)")
        }
    }

    @Test func reportListsEachDistinctWordOnce() throws {
        let result = try emend(["translit", "--to", "loc", "--report"], "Ежов и Ежов, ЦК\n")
        #expect(result.text == "Ezhov i Ezhov, TsK\n")
        let rows = result.stderr.split(separator: "\n").map(String.init)
        #expect(rows.first == "count\tword\tbecame\twhy")
        #expect(rows.contains("2\tЕжов\tEzhov\tscheme"))
        #expect(rows.contains("1\tЦК\tTsK\tacronym"))
        #expect(rows.last == "emend: 3 distinct words converted, 0 to review")
    }

    /// A word converted in one place and left in another (here a part of a
    /// hyphenated name whose other part no scheme converts: Bonch of
    /// Bonch-Bruevich, so neither changes) has a row for each outcome, not
    /// every count under the first one.
    @Test func reportListsEachOutcomeOfAWordOnItsOwnRow() throws {
        let result = try emend(["translit", "--from", "loc", "--to", "scholarly", "--report"], "Of Bonch-Tumanian and Tumanian said.\n")
        #expect(result.text == "Of Bonch-Tumanian and Tumanjan said.\n")
        let rows = result.stderr.split(separator: "\n").map(String.init)
        #expect(rows.contains("1\tTumanian\tTumanian\tunconfirmed"))
        #expect(rows.contains("1\tTumanian\tTumanjan\tsurname-list"))
        #expect(rows.last == "emend: 1 distinct words converted, 1 to review")
    }

    @Test func unknownSchemeIsAUsageErrorListingTheValidOnes() throws {
        let result = try emend(["translit", "--to", "lco"], "Ежов\n")
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("emend: error: unknown scheme 'lco' for --to (did you mean 'loc'?); expected one of cyrillic, alalc, loc, scholarly, iso9, bgn, popular"))
    }

    @Test func aLatinSourceIsEnglishProseUnlessWholeText() throws {
        let names = CLITests.root.appendingPathComponent("Tests/EmendTests/Fixtures/names-sample.txt").path
        let prose = try emend(["translit", "--from", "popular", "--to", "loc", "--lexicon", names], "Yezhov met the Media\n")
        #expect(prose.status == 0)
        #expect(prose.text == "Ezhov met the Media\n")
        let converted = try emend(["translit", "--from", "scholarly", "--to", "loc", "--whole-text"], "Ežov i Frinovskij\n")
        #expect(converted.text == "Ezhov i Frinovskii\n")
    }

    /// A copy of emend away from the source tree finds no Russian word list:
    /// what needs it stops with the file's name and how to make it, and
    /// nothing is written; what does not need it runs.
    @Test func aMissingRussianWordListStopsWithExitCode78() throws {
        let directory = Scratch.root.appendingPathComponent("emend-cli-words-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("emend")
        try FileManager.default.copyItem(at: CLITests.binary, to: copy)
        for arguments in [["--from", "loc", "--to", "popular"], ["--from", "popular", "--to", "scholarly"],
                          ["--from", "bgn", "--to", "cyrillic", "--whole-text"]] {
            let result = try CLITests.emend(["translit"] + arguments, input: Array("Ezhov's men\n".utf8), executable: copy)
            #expect(result.status == 78, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("rules/lexicon/russian-words.txt: error: the Russian word list is missing"))
            #expect(result.stderr.contains("scripts/build-russian-lexicon.py") && result.stderr.contains("--words"))
        }
        let fromCyrillic = try CLITests.emend(["translit", "--to", "loc"], input: Array("Ежов\n".utf8), executable: copy)
        #expect(fromCyrillic.status == 0 && fromCyrillic.text == "Ezhov\n")
        let words = CLITests.root.appendingPathComponent("Tests/EmendTests/Fixtures/russian-words-sample.txt").path
        let names = CLITests.root.appendingPathComponent("Tests/EmendTests/Fixtures/russian-names-sample.txt").path
        // English prose needs the name list too: without it, the same stop, naming that file and its script.
        let noNames = try CLITests.emend(["translit", "--from", "loc", "--to", "popular", "--words", words],
                                         input: Array("Ezhov's men\n".utf8), executable: copy)
        #expect(noNames.status == 78 && noNames.stdout.isEmpty)
        #expect(noNames.stderr.hasPrefix("rules/lexicon/russian-names.txt: error: the Russian name list is missing"))
        #expect(noNames.stderr.contains("scripts/build-russian-names.py") && noNames.stderr.contains("--names"))
        let named = try CLITests.emend(["translit", "--from", "loc", "--to", "popular", "--words", words, "--names", names],
                                       input: Array("Ezhov's men\n".utf8), executable: copy)
        #expect(named.status == 0 && named.text == "Yezhov's men\n")
        // A word only the surname list reads needs it: the same stop, naming that file and its script.
        let noSurnames = try CLITests.emend(["translit", "--from", "popular", "--to", "loc", "--words", words, "--names", names],
                                            input: Array("Commissar Zhuravel spoke\n".utf8), executable: copy)
        #expect(noSurnames.status == 78 && noSurnames.stdout.isEmpty)
        #expect(noSurnames.stderr.hasPrefix("rules/lexicon/russian-surnames.txt: error: the surname list is missing"))
        #expect(noSurnames.stderr.contains("scripts/build-russian-surnames.py"))
        // A name only the word frequencies could read (Chuevsky: the sample lists lack Чуевский) needs them: the same stop.
        let noFrequencies = try CLITests.emend(["translit", "--from", "loc", "--to", "scholarly", "--words", words, "--names", names],
                                               input: Array("Commissar Chuevsky spoke\n".utf8), executable: copy)
        #expect(noFrequencies.status == 78 && noFrequencies.stdout.isEmpty)
        #expect(noFrequencies.stderr.hasPrefix("rules/lexicon/russian-frequencies.txt: error: the Russian word frequencies are missing"))
        #expect(noFrequencies.stderr.contains("scripts/build-russian-frequencies.py"))
        // A name the list could never read (spelled as the world's names are: Moyer, Greiner) does not need it.
        let worldsNames = try CLITests.emend(["translit", "--from", "popular", "--to", "loc", "--words", words, "--names", names],
                                             input: Array("Commissar Moyer met Greiner\n".utf8), executable: copy)
        #expect(worldsNames.status == 0 && worldsNames.text == "Commissar Moyer met Greiner\n", "\(worldsNames.stderr)")
        // A whole Russian text of a lossy scheme needs only the word list.
        let whole = try CLITests.emend(["translit", "--from", "loc", "--to", "popular", "--whole-text", "--words", words],
                                       input: Array("Ezhov\n".utf8), executable: copy)
        #expect(whole.status == 0 && whole.text == "Yezhov\n")
    }

    @Test func aBrokenSchemeRuleFileIsExitCode78() throws {
        let directory = Scratch.root.appendingPathComponent("emend-cli-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("translit"), withIntermediateDirectories: true)
        try "::NFC;\nа > a;\nб > > b;\n".write(to: directory.appendingPathComponent("translit/loc.txt"), atomically: true, encoding: .utf8)
        let result = try emend(["translit", "--to", "loc", "--rules", directory.path], "Ежов\n")
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("\(directory.path)/translit/loc.txt:3:"))
        #expect(result.stdout.isEmpty)
    }
}
