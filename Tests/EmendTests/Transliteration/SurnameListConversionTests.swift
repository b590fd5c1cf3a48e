import Emend
import Foundation
import Testing

/// Surnames read by the surname list (`lexicon/russian-surnames.txt`,
/// natasha) where no other list or rule reads them, and the world's names left.
@Suite struct SurnameListConversionTests {
    /// Surnames spelled as the world's names are not (kh, zh, -ian, -enko,
    /// -chuk) are read as the list has them, in title case, in capitals and
    /// before a possessive; a soft sign the source dropped is not guessed.
    @Test(arguments: [
        (Script.popular, Script.loc,
         "Ashrafyan met Romanchuk; Ashrafyan's report reached ASHRAFYAN. Chubar signed.",
         "Ashrafian met Romanchuk; Ashrafian's report reached ASHRAFIAN. Chubar signed."),
        (Script.loc, Script.scholarly,
         "Sagoian's deputy and Bliakhman wrote to Romanchuk.",
         "Sagojan's deputy and Bljaxman wrote to Romančuk."),
        (Script.loc, Script.popular,
         "Sagoian, Khandzhian and Poliachenko.",
         "Sagoyan, Khandzhyan and Polyachenko."),
    ])
    func surnamesTheListHasAreRead(from: Script, to: Script, text: String, expected: String) throws {
        let (stage, cleanUp) = try heldOut(from: from, to: to)
        defer { cleanUp() }
        let (output, changes) = try stage.applyReportingChanges(to: text + "\n")
        #expect(output == expected + "\n")
        #expect(changes.contains { $0.rule.hasSuffix(":surname-list") })
    }

    /// A name at a line's end before a hyphen is read by the surname list
    /// only where the document writes it whole elsewhere (a dash after a name
    /// broken off: "And of Khandzhian-"); the first piece of a word broken at
    /// the line's end, which the document never writes whole, stays.
    @Test func aNameBeforeALineEndHyphenIsReadWhereTheDocumentWritesItWhole() throws {
        let (stage, cleanUp) = try heldOut(from: .loc, to: .popular)
        defer { cleanUp() }
        let text = "Mikoyan: And of Khandzhian-\nStalin: And of Khandzhian and Skrypnik.\n"
        #expect(try applySurveyed(stage, to: text)
                == "Mikoyan: And of Khandzhyan-\nStalin: And of Khandzhyan and Skrypnik.\n")
        let broken = "Mikoyan: And of Khandzhian-\nstan and Skrypnik.\n"
        #expect(try applySurveyed(stage, to: broken) == broken)
    }

    /// English prose full of the world's surnames, first names and places
    /// stays in every direction: the list has many of them (Нобель,
    /// Гольдберг, Мальта, Рейнольдс, Смит, Моер, and with a sign added
    /// Энгель, Фогель, Бастьян), but the English list guards its own words,
    /// and the others are spelled as Russian names in no scheme's way
    /// (Moyer, Greiner, Chapin, Grishman, Pereira, Rayner, Engel, Bastian).
    @Test func theWorldsNamesStay() throws {
        let text = """
            Nobel and Goldberg sailed from Bristol to Malta with Reynolds, Smith and Jordan; Queen Victoria wrote. \
            Moyer, Greiner, Chapin, Grishman, Pereira and Rayner cited Maister; Kassel, Palma and Gdansk. \
            Engel, Fogel, Kimmel, Shen, Lukas, Pauls, Bastian, Kilian, Paustian, Tian and Nian met Valdes. \
            NOBEL, GOLDBERG, MALTA, MOYER, ENGEL.

            """
        for (from, to) in [(Script.popular, Script.loc), (.loc, .popular), (.loc, .scholarly), (.popular, .scholarly)] {
            let (stage, cleanUp) = try heldOut(from: from, to: to)
            defer { cleanUp() }
            #expect(try stage.apply(to: text) == text, "\(from) -> \(to)")
        }
    }
}
