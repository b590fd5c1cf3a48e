import Emend
import Foundation
import Testing

/// Surnames read by the surname list (`lexicon/russian-surnames.txt`,
/// natasha) where no other list or rule reads them, and the world's names left.
@Suite struct SurnameListConversionTests {
    /// A transliterator with the hand lexicon (names.txt) held out, as on a book it was not made from.
    private func heldOut(from: Script, to: Script) throws -> (Transliterator, () -> Void) {
        let rules = Scratch.root.appendingPathComponent("held-out-surnames-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: rules.appendingPathComponent("lexicon"), withIntermediateDirectories: true)
        try "# emptied\n".write(to: rules.appendingPathComponent("lexicon/names.txt"), atomically: true, encoding: .utf8)
        let stage = try Transliterator(configuration: .init(from: from, to: to, rulesDirectory: rules.path))
        return (stage, { try? FileManager.default.removeItem(at: rules) })
    }

    /// Surnames whose soft sign popular drops (and an edition dropped from
    /// loc) get it back, in title case, in capitals and before a possessive;
    /// loc's -ian and kh spellings are read as the list has them.
    @Test(arguments: [
        (Script.popular, Script.loc,
         "Commissar Chubar met Lebed and Krol; Zaidel's report reached CHUBAR. Olberg and Ashrafyan signed.",
         "Commissar Chubar' met Lebed' and Krol'; Zaidel's report reached CHUBAR'. Ol'berg and Ashrafian signed."),
        (Script.loc, Script.scholarly,
         "Chubar's deputy, Lebed and Krol; Sagoian and Bliakhman wrote to Zaidel.",
         "Čubarʹ's deputy, Lebedʹ and Krolʹ; Sagojan and Bljaxman wrote to Zajdelʹ."),
        (Script.loc, Script.popular,
         "Sagoian, Khandzhian and Poliachenko; Zaidel.",
         "Sagoyan, Khandzhyan and Polyachenko; Zaydel."),
    ])
    func surnamesTheListHasAreRead(from: Script, to: Script, text: String, expected: String) throws {
        let (stage, cleanUp) = try heldOut(from: from, to: to)
        defer { cleanUp() }
        let (output, changes) = try stage.applyReportingChanges(to: text + "\n")
        #expect(output == expected + "\n")
        #expect(changes.contains { $0.rule.hasSuffix(":surname-list") })
    }

    /// English prose full of the world's surnames, first names and places
    /// stays in every direction: the list has many of them (Нобель,
    /// Гольдберг, Мальта, Рейнольдс, Смит, Моер), but the English list
    /// guards its own words, and the others are spelled as Russian names
    /// in no scheme's way (Moyer, Greiner, Chapin, Grishman, Pereira, Rayner).
    @Test func theWorldsNamesStay() throws {
        let text = """
            Nobel and Goldberg sailed from Bristol to Malta with Reynolds, Smith and Jordan; Queen Victoria wrote. \
            Moyer, Greiner, Chapin, Grishman, Pereira and Rayner cited Maister; Kassel, Palma and Gdansk. \
            NOBEL, GOLDBERG, MALTA, MOYER.

            """
        for (from, to) in [(Script.popular, Script.loc), (.loc, .popular), (.loc, .scholarly), (.popular, .scholarly)] {
            let (stage, cleanUp) = try heldOut(from: from, to: to)
            defer { cleanUp() }
            #expect(try stage.apply(to: text) == text, "\(from) -> \(to)")
        }
    }
}
