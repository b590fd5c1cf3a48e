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

    /// The three rule files of the article on writing one, as written: they
    /// load, and the book's replacement and phrase rule apply.
    @Test func theRuleFilesOfTheArticleLoadAndApply() throws {
        let directory = Scratch.root.appendingPathComponent("emend-article-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            "pipeline.yaml": """
                version: 1
                include: default
                stages:
                  - garbles: {rules-file: book-garbles.yaml}
                  - page-structure: {furniture: furniture.yaml}
                """,
            "book-garbles.yaml": """
                version: 1
                replacements:
                  - {find: "Yezbov", replace: "Yezhov"}
                  - {find: "NKYD", replace: "NKVD"}
                phrases:
                  - {when: " he able", find: "(to|would|not) he able", replace: "$1 be able"}
                """,
            "furniture.yaml": #"""
                version: 1
                running-heads:
                  - 'the road to terror'
                headings:
                  - 'protocol\s+no\.\s*[0-9]+'
                """#,
        ]
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let pipeline = try PipelineLoader().load(path: directory.appendingPathComponent("pipeline.yaml").path).makePipeline()
        #expect(pipeline.stageNames == StageName.allCases.filter { $0 != .transliterate }.map(\.rawValue))
        let text = try pipeline.apply(to: "Yezbov of the NKYD was not he able to come.\n")
        #expect(text == "Yezhov of the NKVD was not be able to come.\n")
    }
}
