import Emend
import Foundation
import Testing

/// The examples of the documentation (README "In Swift" and the articles of
/// Sources/Emend/Emend.docc), run as written, with the results they state.
@Suite struct DocumentationExampleTests {
    @Test func oneStageAlone() throws {
        #expect(try WhitespaceNormalizer().apply(to: "op. 2 ,  d. 577 \n") == "op. 2 , d. 577\n")
        #expect(try Dehyphenator().apply(to: "the offi-\ncial report\n") == "the official\nreport\n")
    }

    @Test func transliterationWithCheckedNames() throws {
        let loc = try Transliterator(configuration: .init(from: .cyrillic, to: .loc))
        #expect(try loc.apply(to: "Ежов\n") == "Ezhov\n")
        let prose = try Transliterator(configuration: .init(from: .popular, to: .scholarly))
        #expect(try prose.apply(to: "Yezhov met the press\n") == "Ežov met the press\n")
    }

    @Test func streamingLineByLine() throws {
        var filter = LineFilter(UnicodeNormalizer())
        var out: [String] = []
        for line in ["\u{0438}\u{0306}", "plain"] { out += try filter.push(line) }
        out += try filter.finish()
        #expect(out == ["й", "plain"])
    }

    @Test func everyChangeAccountedFor() throws {
        let input = "ComradeYenukidze wrote in 193 5.\n"
        let pipeline = try PipelineLoader().loadDefault().makePipeline()
        let (text, changes) = try pipeline.applyReportingChanges(to: input)
        #expect(text != input && !changes.isEmpty)
        #expect(changes.allSatisfy { !$0.stage.isEmpty && !$0.rule.isEmpty })
    }
}
