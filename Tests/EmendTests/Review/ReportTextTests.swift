@testable import Emend
import Foundation
import Testing

/// What every report shares: how a change's text is shown, where a place in the
/// output comes from in the input, and a rule's own line.
@Suite struct ReportTextTests {
    @Test func invisibleCharactersAreShownByTheirCodePoints() {
        #expect(VisibleText.escaped("a\u{200B}b\tc\u{AD}d\u{FEFF}e\u{A0}f\u{2028}g\n")
            == "aU+200BbU+0009cU+00ADdU+FEFFeU+00A0fU+2028g↵")
        #expect(VisibleText.escaped("\u{E0001}\u{7F}\u{0C}") == "U+E0001U+007FU+000C")
        // Letters, accents, dashes and spaces stay as they are.
        for visible in ["Ежов", "é", "e\u{301}", "—", "a b", "“quoted”", "½"] {
            #expect(VisibleText.escaped(visible) == visible)
        }
        #expect(VisibleText.differsOnlyInWhitespace(Array("of  the \n".utf8), Array("of the\n".utf8)))
        #expect(!VisibleText.differsOnlyInWhitespace(Array("offi- \ncial ".utf8), Array("official\n".utf8)))
        #expect(!VisibleText.differsOnlyInWhitespace(Array("a\u{200B}b".utf8), Array("ab".utf8)))
    }

    @Test func jsonEscapesInvisibleCharactersAndGivesThemBack() throws {
        let text = "x\u{200B}\u{AD}\u{FEFF}\u{E0001}\t\u{1F600}Ежов"
        let quoted = JSON.quote(text)
        #expect(quoted == "\"x\\u200b\\u00ad\\ufeff\\udb40\\udc01\\t\u{1F600}Ежов\"")
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as! [String]
        #expect(parsed == [text])
    }

    /// Every record is placed by `AuditedText` where the audit trail placed it,
    /// and every output byte outside the records reads back to the same input byte.
    @Test func outputPlacesReadBackToTheInputAsTheAuditPlacesThem() throws {
        let pipeline = try PipelineLoader().loadDefault().makePipeline()
        var input = Array("\u{FEFF}Ежов spoke\u{200B} at  length of the peo-\nple and  the  VKP(b1 in 193 5.\n\n".utf8)
        input += try GoldPage.all().prefix(4).flatMap { Array($0.raw.utf8) }
        let text = try AuditedText(running: pipeline.surveyed(input), over: input)
        try #require(text.records.count > 40)
        for record in text.records {
            let place = text.place(ofInput: record.offset)
            #expect(place.line == record.line && place.column == record.column, "record \(record.rule) at \(record.line):\(record.column), not \(place)")
        }
        var changed = Set<Int>()
        for (index, record) in text.records.enumerated() {
            changed.formUnion(text.outputOffsets[index]..<(text.outputOffsets[index] + record.afterBytes.count))
            if !record.afterBytes.isEmpty { #expect(text.inputOffset(ofOutput: text.outputOffsets[index]) == record.offset) }
        }
        for offset in text.output.indices where !changed.contains(offset) {
            let back = text.inputOffset(ofOutput: offset)
            #expect(text.input[back] == text.output[offset])
            if text.input[back] != text.output[offset] { break }
        }
        #expect(text.inputLineRange(2).map { String(decoding: text.input[$0], as: UTF8.self) } == "ple and  the  VKP(b1 in 193 5.")
    }

    @Test func aRuleFileRuleIsShownByItsOwnLine() throws {
        let file = try #require(EmbeddedRules.files["garbles/default.yaml"])
        let lines = file.components(separatedBy: "\n")
        let number = try #require(lines.firstIndex { $0.contains("VKP(h)") }) + 1
        #expect(RuleText.line(of: "rules/garbles/default.yaml:\(number)") == lines[number - 1].trimmingCharacters(in: .whitespaces))
        #expect(RuleText.line(of: "garbles:run-together") == nil && RuleText.line(of: "whitespace") == nil)
        #expect(RuleText.line(of: "rules/garbles/default.yaml:999999") == nil)
    }

    @Test func contextIsAFewWholeWordsOnEitherSide() {
        let bytes = Array("first line ends here\nthe quick brown fox jumps over the lazy dog and then some more words follow\n".utf8)
        let change = bytes.firstIndex(of: UInt8(ascii: "j"))!
        let before = String(decoding: bytes[HTMLReport.contextBefore(bytes, change)..<change], as: UTF8.self)
        #expect(before == "line ends here\nthe quick brown fox ")
        let after = String(decoding: bytes[change..<HTMLReport.contextAfter(bytes, change)], as: UTF8.self)
        #expect(after == "jumps over the lazy dog and then some")
        #expect(HTMLReport.scriptSafe("\"</script><img>&\"") == "\"\\u003c/script\\u003e\\u003cimg\\u003e\\u0026\"")
    }
}
