import Emend
import Foundation
import Testing

/// A capitalised word of English prose is read as a Russian name only by a
/// name's nominative or a word the scheme reads as written: a case form of a
/// name alone (тоней, полей) or a common word with a sign the source did not
/// write (раскинь) is no evidence, so the world's names stay.
@Suite struct NameCaseFormTests {
    /// English and other names whose only readings are a name's case form
    /// (Poley, Toney, Galvin, Gaye, Raye, Oley, Levoy) or a common word with
    /// an added sign (Raskin, Okin, Podvin, Selvy, Kelty) stay in every direction.
    @Test func theWorldsNamesStay() throws {
        let text = """
            Poley, Toney and Raskin met Okin, Galvin, Gaye and Raye; Oley, Levoy, Podvin, Selvy and Kelty wrote. \
            POLEY and RASKIN signed.

            """
        for (from, to) in [(Script.popular, Script.loc), (.loc, .popular), (.loc, .scholarly), (.popular, .scholarly)] {
            let (stage, cleanUp) = try heldOut(from: from, to: to)
            defer { cleanUp() }
            #expect(try stage.apply(to: text) == text, "\(from) -> \(to)")
        }
    }

    /// Russian names a nominative confirms, or the scheme's own reading with
    /// its sign (Podolsky: подольский), still convert.
    @Test(arguments: [
        (Script.popular, Script.loc, "Kondratev and Podolsky met Sokolnikov.", "Kondrat'ev and Podol'skii met Sokol'nikov."),
        (Script.popular, Script.scholarly, "Kondratev and Podolsky met Sokolnikov.", "Kondratʹev and Podolʹskij met Sokolʹnikov."),
        (Script.loc, Script.scholarly, "Tukhachevskii and Kondrat'ev met Sokol'nikov.", "Tuxačevskij and Kondratʹev met Sokolʹnikov."),
    ])
    func russianNamesConvert(from: Script, to: Script, text: String, expected: String) throws {
        let (stage, cleanUp) = try heldOut(from: from, to: to)
        defer { cleanUp() }
        #expect(try stage.apply(to: text + "\n") == expected + "\n")
    }
}
