import Emend
import Foundation
import Testing

/// `include: default` and how a file's own stages change the stages it includes.
@Suite struct PipelineIncludeDefaultTests {
    private func directory(_ files: [String: String]) throws -> String {
        let path = Scratch.root.appendingPathComponent("emend-include-\(UUID().uuidString)").path
        for (name, text) in files {
            let file = (path as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        return path
    }

    private func load(_ text: String, extra: [String: String] = [:]) throws -> PipelineDeclaration {
        let dir = try directory(extra.merging(["x.yaml": text]) { $1 })
        return try PipelineLoader().load(path: "\(dir)/x.yaml")
    }

    private func loadError(_ text: String) throws -> String {
        let dir = try directory(["x.yaml": text])
        do {
            _ = try PipelineLoader().load(path: "\(dir)/x.yaml")
            Issue.record("loaded without error")
            return ""
        } catch let error as RuleFileError {
            return error.description.replacingOccurrences(of: dir + "/", with: "")
        }
    }

    private func summary(_ declaration: PipelineDeclaration) -> [String] {
        declaration.stages.map { entry in
            entry.name + entry.options.values.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        }
    }

    /// Two files that both include the default: the second include adds no
    /// stages, and the change the inner file makes still lands on the stage
    /// the default runs (it was added as a second stage at the end, after the
    /// first had already done what the book's file turned off).
    @Test func aChangeInAFileIncludedBesideTheDefaultLandsOnTheDefaultsStage() throws {
        let keep = "include: default\nstages:\n  - whitespace: {leading: false}\n"
        let top = try load("include: [default, keep.yaml]\nstages: []\n", extra: ["keep.yaml": keep])
        let alone = try load(keep)
        #expect(summary(top) == summary(alone))
        #expect(top.stages.filter { $0.name == "whitespace" }.count == 1)
        let text = "   an indented verse line\n"
        #expect(try top.makePipeline().apply(to: text) == alone.makePipeline().apply(to: text))
        // Two includes of the default, the second removing a stage: removed, not refused.
        let removing = try load("include: [b.yaml, c.yaml]\n", extra: [
            "b.yaml": "include: default\n",
            "c.yaml": "include: default\nstages:\n  - page-structure: false\n",
        ])
        #expect(!removing.stages.contains { $0.name == "page-structure" })
        #expect(removing.stages.count == (try PipelineLoader().loadDefault()).stages.count - 1)
    }

    @Test func includeDefaultIsTheBuiltInDefaultPipelineInBothSpellings() throws {
        let builtIn = try PipelineLoader().loadDefault()
        #expect(builtIn.stages.count >= 5)
        for text in ["include: default\n", "include: [default]\n", "include:\n  - default\nstages: []\n"] {
            let declaration = try load(text)
            #expect(summary(declaration) == summary(builtIn), "\(text)")
            #expect(declaration.stages.map(\.location.file) == builtIn.stages.map(\.location.file))
        }
        // Run on a real page: the same text as the default pipeline gives.
        let page = try Fixtures.text("samples/preface.txt")
        #expect(try load("include: default\n").makePipeline().apply(to: page) == (try builtIn.makePipeline().apply(to: page)))
    }

    @Test func aStageTheIncludesRunIsChangedWhereItRunsNotAddedAgain() throws {
        let declaration = try load("""
            include: default
            stages:
              - garbles: {rules-file: book.yaml}
              - whitespace: {runs: false}
            """, extra: ["book.yaml": "replacements:\n  - {find: Yezbov, replace: Yezhov}\n"])
        let names = declaration.stages.map(\.name)
        #expect(names == (try PipelineLoader().loadDefault()).stages.map(\.name))
        let garbles = try #require(declaration.stages.first { $0.name == "garbles" })
        #expect(garbles.options.path("rules-file")?.hasSuffix("/book.yaml") == true)
        #expect(garbles.location.file.hasSuffix("x.yaml") && garbles.location.line == 3)
        let whitespace = try #require(declaration.stages.last)
        #expect(whitespace.options.bool("runs") == false)       // set here
        #expect(whitespace.options.bool("leading") == true)     // the default pipeline's, kept
        let output = try declaration.makePipeline().apply(to: "  Yezbov  and   Yagoda \n")
        #expect(output == "Yezhov  and   Yagoda\n")
    }

    /// Options merge one by one, over every level of includes: the nearest file wins.
    @Test func optionsMergeOptionByOptionTheIncludingFileWinning() throws {
        let declaration = try load("""
            include: [common.yaml]
            stages:
              - dehyphenate: {window: 300}
            """, extra: ["common.yaml": "include: default\nstages:\n  - dehyphenate: {reflow: paragraphs, window: 100}\n"])
        let dehyphenate = try #require(declaration.stages.first { $0.name == "dehyphenate" })
        #expect(dehyphenate.options.integer("window") == 300)
        #expect(dehyphenate.options.string("reflow") == "paragraphs")
        #expect(declaration.stages.filter { $0.name == "dehyphenate" }.count == 1)
    }

    @Test func aStageIsRemovedWithFalseAndNewStagesComeAfterTheIncludedOnes() throws {
        let declaration = try load("""
            include: default
            stages:
              - page-structure: false
              - transliterate: {from: cyrillic, to: popular}
            """)
        #expect(declaration.stages.map(\.name) == ["normalize", "dehyphenate", "garbles", "whitespace", "transliterate"])
        #expect(try declaration.makePipeline().apply(to: "Ежов \n") == "Yezhov\n")
    }

    /// A stage removed and named again runs at the end, with only the options named there.
    @Test func aStageRemovedAndNamedAgainRunsLastWithItsOwnOptions() throws {
        let declaration = try load("include: default\nstages:\n  - whitespace: false\n  - transliterate\n  - whitespace: {runs: false}\n")
        #expect(declaration.stages.suffix(2).map(\.name) == ["transliterate", "whitespace"])
        #expect(declaration.stages.last?.options.bool("leading") == false)
    }

    @Test(arguments: [
        ("include: defualt\n",
         "x.yaml:1:10: error: no built-in pipeline 'defualt'; expected one of 'default'",
         "note: did you mean 'default'?"),
        ("stages:\n  - page-structure: false\n",
         "x.yaml:2:5: error: stage 'page-structure' is set to false, but no included pipeline runs it; false removes an included stage", nil),
        ("include: default\nstages:\n  - transliterate: false\n",
         "x.yaml:3:5: error: stage 'transliterate' is set to false, but no included pipeline runs it; false removes an included stage", nil),
        ("include: default\nstages:\n  - garbles: true\n",
         "x.yaml:3:14: error: expected a map of options for stage 'garbles', or false to remove an included stage, found the scalar 'true'", nil),
        ("include: {default: 1}\n",
         "x.yaml:1:10: error: expected a list of rule files for 'include', found a mapping", nil),
    ] as [(String, String, String?)])
    func mistakesAreLocated(text: String, firstLine: String, note: String?) throws {
        let message = try loadError(text)
        #expect(message.split(separator: "\n").first.map(String.init) == firstLine)
        if let note { #expect(message.contains(note), "\(message)") }
    }

    /// A file literally named `default` is still reachable, as `./default`.
    @Test func aFileNamedLikeABuiltInPipelineIsIncludedByItsPath() throws {
        let declaration = try load("include: [./default]\n", extra: ["default": "stages: [whitespace]\n"])
        #expect(declaration.stages.map(\.name) == ["whitespace"])
    }

    @Test func theDefaultIncludedTwiceRunsOnce() throws {
        let declaration = try load("include: [default, also.yaml]\n", extra: ["also.yaml": "include: default\nstages: [transliterate]\n"])
        #expect(declaration.stages.map(\.name) == ["normalize", "page-structure", "dehyphenate", "garbles", "whitespace", "transliterate"])
    }
}
