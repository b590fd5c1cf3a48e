import Emend
import Foundation
import Testing

@Suite struct PipelineLoaderTests {
    /// Writes rule files into a fresh directory and returns its path.
    private func directory(_ files: [String: String]) throws -> String {
        let path = Scratch.root.appendingPathComponent("emend-rules-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files {
            let file = (path as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        return path
    }

    private func loadError(_ files: [String: String], main: String = "x.yaml") throws -> String {
        let dir = try directory(files)
        do {
            _ = try PipelineLoader().load(path: "\(dir)/\(main)")
            Issue.record("loaded without error")
            return ""
        } catch let error as RuleFileError {
            return error.description.replacingOccurrences(of: dir + "/", with: "")
        }
    }

    @Test func loadsStagesWithOptionsInOrder() throws {
        let dir = try directory(["x.yaml": """
            version: 1
            stages:
              - normalize: {form: nfkc}
              - whitespace:
                  leading: true
                  runs: false
            """])
        let declaration = try PipelineLoader().load(path: "\(dir)/x.yaml")
        #expect(declaration.stages.map(\.name) == ["normalize", "whitespace"])
        #expect(declaration.stages[0].options.string("form") == "nfkc")
        #expect(declaration.stages[1].options.bool("leading") == true)
        #expect(declaration.stages[1].options.bool("trailing") == true)  // default
        #expect(declaration.stages[1].location.line == 4)
        let pipeline = try declaration.makePipeline()
        #expect(try pipeline.apply(to: "   the ﬁrst  page \n") == "the first  page\n")
    }

    @Test func includesResolveRelativeToTheIncludingFileAndComeFirst() throws {
        let dir = try directory([
            "x.yaml": "include: [common/base.yaml]\nstages: [whitespace]\n",
            "common/base.yaml": "include: [../shared/first.yaml]\nstages:\n  - normalize\n",
            "shared/first.yaml": "stages: [dehyphenate]\n",
        ])
        let declaration = try PipelineLoader().load(path: "\(dir)/x.yaml")
        #expect(declaration.stages.map(\.name) == ["dehyphenate", "normalize", "whitespace"])
    }

    /// A pipeline from elsewhere cannot make emend read (or quote) any file outside
    /// its own directory: not by an include, not by a stage option, not through a link.
    @Test(arguments: [
        ("include: [/etc/passwd]\nstages: []\n",
         "x.yaml:1:11: error: include names '/etc/passwd', an absolute path; a pipeline names files by paths relative to its own directory"),
        ("include:\n  - ../outside.yaml\nstages: []\n",
         "x.yaml:2:5: error: include names '../outside.yaml', outside the pipeline's directory; a pipeline names only files under its own directory"),
        ("include: [sub/../../outside.yaml]\nstages: []\n",
         "x.yaml:1:11: error: include names 'sub/../../outside.yaml', outside the pipeline's directory; a pipeline names only files under its own directory"),
        ("include: [link/outside.yaml]\nstages: []\n",
         "x.yaml:1:11: error: include names 'link/outside.yaml', outside the pipeline's directory; a pipeline names only files under its own directory"),
        ("stages:\n  - garbles: {vocab: /etc/passwd}\n",
         "x.yaml:2:22: error: option 'vocab' names '/etc/passwd', an absolute path; a pipeline names files by paths relative to its own directory"),
        ("stages:\n  - page-structure: {furniture: ../outside.yaml}\n",
         "x.yaml:2:33: error: option 'furniture' names '../outside.yaml', outside the pipeline's directory; a pipeline names only files under its own directory"),
        ("stages:\n  - transliterate: {rules: ..}\n",
         "x.yaml:2:28: error: option 'rules' names '..', outside the pipeline's directory; a pipeline names only files under its own directory"),
        // `deep` links to a folder outside: `deep/..` is that folder's parent, as the system resolves it.
        ("include: [deep/../outside.yaml]\nstages: []\n",
         "x.yaml:1:11: error: include names 'deep/../outside.yaml', outside the pipeline's directory; a pipeline names only files under its own directory"),
        ("stages:\n  - garbles: {vocab: deep/../outside.yaml}\n",
         "x.yaml:2:22: error: option 'vocab' names 'deep/../outside.yaml', outside the pipeline's directory; a pipeline names only files under its own directory"),
        ("include: [\"x.yaml\\0../outside.yaml\"]\nstages: []\n",
         "x.yaml:1:11: error: include names \"x.yaml\\0../outside.yaml\", a path with a control character; a pipeline names files by plain relative paths"),
        ("stages:\n  - garbles: {rules-file: \"../outside.yaml\\0g.yaml\"}\n",
         "x.yaml:2:27: error: option 'rules-file' names \"../outside.yaml\\0g.yaml\", a path with a control character; a pipeline names files by plain relative paths"),
    ])
    func filesOutsideThePipelinesDirectoryAreRefused(text: String, expectedFirstLine: String) throws {
        let outer = try directory(["outside.yaml": "stages: [whitespace]\n"])
        let dir = (outer as NSString).appendingPathComponent("book")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try text.write(toFile: "\(dir)/x.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/link", withDestinationPath: outer)
        try FileManager.default.createDirectory(atPath: "\(outer)/deep", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/deep", withDestinationPath: "\(outer)/deep")
        do {
            _ = try PipelineLoader().load(path: "\(dir)/x.yaml")
            Issue.record("loaded without error")
        } catch let error as RuleFileError {
            let message = error.description.replacingOccurrences(of: dir + "/", with: "")
            #expect(message.split(separator: "\n").first.map(String.init) == expectedFirstLine)
        }
    }

    @Test func optionFilesResolveRelativeToThePipelineFile() throws {
        let dir = try directory([
            "book/x.yaml": "stages:\n  - dehyphenate: {vocab: words/book.vocab}\n",
            "book/words/book.vocab": "lawlessness\t3\n",
        ])
        let declaration = try PipelineLoader().load(path: "\(dir)/book/x.yaml")
        #expect(declaration.stages[0].options.path("vocab") == "\(dir)/book/words/book.vocab")
        #expect(try declaration.makePipeline().apply(to: "law-\nlessness\n") == "lawlessness\n")
    }

    @Test func unknownOptionIsLocatedWithSuggestion() throws {
        let message = try loadError(["x.yaml": "stages:\n  - normalize\n  - whitespace: {trailng: true}\n"])
        #expect(message == """
            x.yaml:3:18: error: unknown option 'trailng' for stage 'whitespace'; expected one of 'trailing', 'runs', 'leading'
              - whitespace: {trailng: true}
                             ^
            note: did you mean 'trailing'?
            """)
    }

    @Test func unknownStageListsTheValidOnes() throws {
        let message = try loadError(["x.yaml": "stages:\n  - whitespac\n"])
        #expect(message == """
            x.yaml:2:5: error: unknown stage 'whitespac'; expected one of \(StageRegistry.names.map { "'\($0)'" }.joined(separator: ", "))
              - whitespac
                ^
            note: did you mean 'whitespace'?
            """)
    }

    @Test(arguments: [
        ("stages:\n  - whitespace: {runs: 3}\n",
         "x.yaml:2:24: error: option 'runs' of stage 'whitespace': expected true or false, found '3'"),
        ("stages:\n  - normalize: {form: nfx}\n",
         "x.yaml:2:23: error: option 'form' of stage 'normalize': 'nfx' is not a valid value; expected one of 'nfc', 'nfd', 'nfkc', 'nfkd'"),
        ("stages: whitespace\n",
         "x.yaml:1:9: error: expected a list of stages for 'stages', found the scalar 'whitespace'"),
        ("stages:\n  - {normalize: {}, whitespace: {}}\n",
         "x.yaml:2:5: error: expected a stage name or a one-key map from a stage name to its options, found a mapping"),
        ("stage: [whitespace]\n",
         "x.yaml:1:1: error: unknown key 'stage'; expected one of 'version', 'include', 'stages'"),
        ("version: 2\nstages: []\n",
         "x.yaml:1:10: error: unsupported version '2'; this emend reads version 1"),
        ("- whitespace\n",
         "x.yaml:1:1: error: expected a mapping with a 'stages:' list at the top level, found a list"),
        ("version: 1\n",
         "x.yaml:1:1: error: missing 'stages:' list"),
        ("", "x.yaml: error: empty rule file; expected a mapping with a 'stages:' list"),
        ("# only a comment\n", "x.yaml: error: empty rule file; expected a mapping with a 'stages:' list"),
        ("stages: [whitespace\n", "x.yaml:2:1: error: not valid YAML: did not find expected ',' or ']'"),
    ])
    func eachMistakeHasItsOwnLocatedMessage(text: String, expectedFirstLine: String) throws {
        let message = try loadError(["x.yaml": text])
        #expect(message.split(separator: "\n").first.map(String.init) == expectedFirstLine)
    }

    @Test func missingFilesAndIncludeCyclesAreNamed() throws {
        #expect(try loadError([:], main: "none.yaml") == "none.yaml: error: no such rule file 'none.yaml'")
        let missing = try loadError(["x.yaml": "include: [gone.yaml]\nstages: []\n"])
        #expect(missing.split(separator: "\n").first == "x.yaml:1:11: error: no such rule file 'gone.yaml'")
        let cycle = try loadError(["x.yaml": "include: [y.yaml]\nstages: []\n", "y.yaml": "include:\n  - x.yaml\nstages: []\n"])
        #expect(cycle == """
            y.yaml:2:5: error: include cycle: x.yaml -> y.yaml -> x.yaml
              - x.yaml
                ^
            """)
    }
}
