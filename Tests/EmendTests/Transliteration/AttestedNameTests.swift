import Emend
import Foundation
import Testing

/// Capitalised Russian-looking words no list, rule or model confirms, read by
/// how often Russian and English text write them (`lexicon/russian-frequencies.txt`,
/// `english-frequencies.txt`, wordfreq): the world's names and short or
/// garbled words stay.
@Suite struct AttestedNameTests {
    /// Surnames of the held-out documents that only the frequencies confirm
    /// (Чуев, Эйхе, Межлаук, Уншлихт), converted in the sentences of a
    /// report, in capitals and before a possessive, with the reason `attested`.
    @Test(arguments: [
        (Script.loc, Script.popular,
         "Chuev reported to Eikhe; CHUEV signed.",
         "Chuyev reported to Eykhe; CHUYEV signed."),
        (Script.loc, Script.scholarly,
         "Mezhlauk and Unshlikht; Mezhlauk's deputy read Chuev's letter.",
         "Mežlauk and Unšlixt; Mežlauk's deputy read Čuev's letter."),
    ])
    func namesRussianTextWritesAreRead(from: Script, to: Script, text: String, expected: String) throws {
        let (stage, cleanUp) = try heldOut(from: from, to: to)
        defer { cleanUp() }
        let (output, changes) = try stage.applyReportingChanges(to: text + "\n")
        #expect(output == expected + "\n")
        #expect(changes.contains { $0.rule.hasSuffix(":attested") })
    }

    /// Words the frequencies would read wrongly stay in every direction:
    /// names English text writes too (Narayan, Burkhard, Kardashian,
    /// Yamamoto: Russian text has Нараян, Бурхард...), names spelled as the
    /// world's names are (Staley, Kobayashi), words of four letters (Tien
    /// Shan: тиен; New Yark, an OCR slip: ярк), and a reading with a soft
    /// sign the source does not write (Krokhmal: Крохмаль).
    @Test func wordsTheFrequenciesDoNotSettleStay() throws {
        let text = """
            Narayan, Burkhard, Burkhart, Kardashian and Yamamoto met Staley, Kobayashi and Morey \
            in the Tien Shan; New Yark, 1973. Krokhmal and Yakir stayed.

            """
        for (from, to) in [(Script.popular, Script.loc), (.loc, .popular), (.loc, .scholarly), (.popular, .scholarly)] {
            let (stage, cleanUp) = try heldOut(from: from, to: to)
            defer { cleanUp() }
            let (output, changes) = try stage.applyReportingChanges(to: text)
            #expect(!changes.contains { $0.rule.hasSuffix(":attested") }, "\(from) -> \(to): \(output)")
        }
    }

    /// Readings that are all surnames, patronymics or places of the name list
    /// are settled by the one Russian text uses ten times as often: Михайлович
    /// over Михаилович, Моисеевич over Мойсеевич, Альперович over Алперович
    /// (a sign popular does not write).
    @Test func nameReadingsRussianTextUsesFarMoreAreSettled() throws {
        let text = "Ivan Mikhailovich met Isaak Moiseevich.\n"
        #expect(try convertHeldOut(text, from: .loc, to: .popular) == "Ivan Mikhaylovich met Isaak Moiseyevich.\n")
        #expect(try convertHeldOut(text, from: .loc, to: .scholarly) == "Ivan Mixajlovič met Isaak Moiseevič.\n")
        #expect(try convertHeldOut("Alperovich wrote.\n", from: .popular, to: .loc) == "Al'perovich wrote.\n")
    }

    /// Frequency never settles first names, which are the world's too (Albina,
    /// Tatyana, Malvina: Альбина over Албина would give an English Albina a
    /// sign), nor a reading that is a common word's form (Voinov:
    /// воинов, the genitive of воин, beside the surname Войнов).
    @Test func firstNamesAndWordFormsAreNotSettledByFrequency() throws {
        let text = "Albina, Tatyana and Malvina met Voinov.\n"
        for (from, to) in [(Script.popular, Script.loc), (.loc, .popular), (.loc, .scholarly), (.popular, .scholarly)] {
            #expect(try convertHeldOut(text, from: from, to: to) == text, "\(from) -> \(to)")
        }
    }

    /// A rules folder's own frequency list is read instead of the default:
    /// one that lacks Чуев leaves Chuev as it is.
    @Test func aRulesFoldersFrequencyListIsRead() throws {
        let rules = Scratch.root.appendingPathComponent("frequencies-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: rules.appendingPathComponent("lexicon"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: rules) }
        try "# emptied\n".write(to: rules.appendingPathComponent("lexicon/names.txt"), atomically: true, encoding: .utf8)
        let text = "Chuev wrote to Unshlikht.\n"
        let full = try Transliterator(configuration: .init(from: .loc, to: .scholarly, rulesDirectory: rules.path))
        #expect(try full.apply(to: text) == "Čuev wrote to Unšlixt.\n")
        try "# a test list\nуншлихт\t20\nчуевы\t30\n".write(to: rules.appendingPathComponent("lexicon/russian-frequencies.txt"),
                                                         atomically: true, encoding: .utf8)
        let own = try Transliterator(configuration: .init(from: .loc, to: .scholarly, rulesDirectory: rules.path))
        #expect(try own.apply(to: text) == "Chuev wrote to Unšlixt.\n")
    }

    /// A missing frequency list is an error naming the file and the script that makes it.
    @Test func aMissingFrequencyListNamesItsScript() {
        for error in [RussianWordList.missingFrequencies(), RussianWordList.missingEnglishFrequencies()] {
            let text = String(describing: error)
            #expect(text.contains("frequencies.txt") && text.contains("scripts/build-russian-frequencies.py"), "\(text)")
        }
    }

    /// The value a frequency list gives a word, and none for a word it lacks.
    @Test func aListGivesZipfTimesTen() throws {
        let file = Scratch.root.appendingPathComponent("zipf-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try "# header\nчуев\t25\nчуэв\t\nя\t74\n".write(to: file, atomically: true, encoding: .utf8)
        let list = try RussianWordList(path: file.path)
        #expect(list.zipfTimesTen(of: "чуев") == 25)
        #expect(list.zipfTimesTen(of: "я") == 74)
        #expect(list.zipfTimesTen(of: "чуэв") == nil)
        #expect(list.zipfTimesTen(of: "семякин") == nil)
    }
}
