import Emend
import Foundation
import Testing

/// Soviet acronyms no list has, spelled in the source scheme's letters with
/// a two-letter spelling of one Russian letter in capital and small
/// (VTsSPS, AKhU), read letter by letter; English acronyms, small capitals
/// of English words and the plurals of acronyms stay.
@Suite struct SchemeAcronymTests {
    /// Each acronym goes to the target's letters, as the whole-text
    /// conversion of its Cyrillic spelling writes it; the hand lexicon is held
    /// out, so no list knows them.
    @Test(arguments: [
        (Script.loc, Script.scholarly,
         "The VTsSPS wrote to the AKhU, the KhOZU and TsUSTRAKh.",
         "The VCSPS wrote to the AXU, the XOZU and CUSTRAX."),
        (Script.popular, Script.iso9,
         "The VTsSPS and the KhOZU.",
         "The VCSPS and the HOZU."),
    ])
    func acronymsInTheSchemesLettersAreRead(from: Script, to: Script, text: String, expected: String) throws {
        let (stage, cleanUp) = try heldOut(from: from, to: to)
        defer { cleanUp() }
        let (output, changes) = try stage.applyReportingChanges(to: text + "\n")
        #expect(output == expected + "\n")
        #expect(changes.contains { $0.rule.hasSuffix(":acronym") })
    }

    /// Mixed-case words that are not a scheme's acronym: small letters that
    /// are no Russian letter's second half (PhD, DoD, NaCl, McCain), plurals
    /// of English acronyms (DTs, MEMTs, LSTMs), words of the English list in
    /// small capitals as OCR reads them (ChAGALL, AShLEY, ChIEF), acronyms in
    /// capitals alone (NKVD, CSU), which may be English.
    @Test func otherMixedCaseWordsStay() throws {
        let text = """
            The PhD, the DoD, NaCl and McCain; the DTs, MEMTs and LSTMs; ChAGALL, AShLEY, ChIEF and ShE; \
            the NKVD, the CSU, the GlavPU.

            """
        for (from, to) in [(Script.loc, Script.scholarly), (.popular, .scholarly), (.loc, .iso9)] {
            let (stage, cleanUp) = try heldOut(from: from, to: to)
            defer { cleanUp() }
            #expect(try stage.apply(to: text) == text, "\(from) -> \(to)")
        }
    }
}
