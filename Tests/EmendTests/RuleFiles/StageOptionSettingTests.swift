import Emend
import Foundation
import Testing

/// `STAGE.OPTION=VALUE` from the command line is read as a pipeline file reads
/// the same option: same values, same messages.
@Suite struct StageOptionSettingTests {
    private func yamlError(_ stage: String, _ option: String, _ value: String) throws -> String {
        do {
            _ = try PipelineLoader().load(yaml: "stages:\n  - \(stage): {\(option): \(value)}\n", name: "x.yaml")
            Issue.record("loaded without error")
            return ""
        } catch let error as RuleFileError {
            let lines = error.description.split(separator: "\n").map(String.init)
            let first = lines[0].replacingOccurrences(of: #"^x\.yaml:\d+:\d+: error: "#, with: "", options: .regularExpression)
            return ([first] + lines.filter { $0.hasPrefix("note: ") }.map { String($0.dropFirst(6)) }).joined(separator: " | ")
        }
    }

    private func settingError(_ text: String) -> String {
        do {
            _ = try StageOptionSetting(parsing: text)
            Issue.record("\(text) read without error")
            return ""
        } catch {
            return ([error.message] + error.notes).joined(separator: " | ")
        }
    }

    @Test(arguments: [
        ("whitespace", "runs", "3"),
        ("whitespace", "runs", "maybe"),
        ("whitespace", "trailng", "true"),
        ("whitespac", "runs", "true"),
        ("normalize", "form", "nfx"),
        ("dehyphenate", "window", "many"),
        ("dehyphenate", "window", "1"),
        ("page-structure", "footnotes", "dropp"),
    ])
    func aBadSettingHasThePipelineFilesMessage(stage: String, option: String, value: String) throws {
        let fromFile = try yamlError(stage, option, value)
        #expect(!fromFile.isEmpty)
        #expect(settingError("\(stage).\(option)=\(value)") == fromFile)
    }

    @Test func valuesReadAsInAPipelineFile() throws {
        let cases: [(String, OptionValue)] = [
            ("whitespace.leading=true", .bool(true)),
            ("whitespace.runs=no", .bool(false)),
            ("dehyphenate.window=300", .integer(300)),
            ("normalize.form=nfkc", .string("nfkc")),
            ("garbles.rules-file=../books/a b.yaml", .string("../books/a b.yaml")),  // as given: not resolved, not confined
            ("garbles.vocab=", .string("")),
        ]
        for (text, value) in cases {
            let setting = try StageOptionSetting(parsing: text)
            #expect(setting.value == value, "\(text)")
            // A value that is no path reads the same in a pipeline file.
            guard case .string = value, setting.option != "form" else {
                let raw = String(text.split(separator: "=", maxSplits: 1)[1])
                let file = try PipelineLoader().load(yaml: "stages:\n  - \(setting.stage): {\(setting.option): \(raw)}\n", name: "x.yaml")
                #expect(file.stages[0].options.value(setting.option) == value, "\(text)")
                continue
            }
        }
    }

    @Test func aSettingChangesEveryStageOfItsNameOverTheFile() throws {
        var declaration = try PipelineLoader().loadDefault()
        try declaration.apply(StageOptionSetting(parsing: "whitespace.runs=false"))
        let whitespace = try #require(declaration.stages.last)
        #expect(whitespace.options.bool("runs") == false)
        #expect(whitespace.options.bool("leading") == true)  // the file's, kept
        #expect(try declaration.makePipeline().apply(to: "  a  b \n") == "a  b\n")
    }

    @Test func aStageThePipelineDoesNotRunIsAProblemNotAnAddition() throws {
        var declaration = try PipelineLoader().loadDefault()
        do {
            try declaration.apply(StageOptionSetting(parsing: "transliterate.to=popular"))
            Issue.record("applied")
        } catch {
            #expect(error.message == "stage 'transliterate' is not in the pipeline, which runs 'normalize', 'page-structure', 'dehyphenate', 'garbles', 'whitespace'")
        }
        #expect(declaration.stages.count == 5)
    }

    @Test(arguments: ["whitespace", "whitespace.runs", "whitespace=true", "=x", ".runs=true"])
    func aMalformedSettingSaysTheForm(text: String) {
        let message = settingError(text)
        #expect(message.hasPrefix("expected STAGE.OPTION=VALUE") || message.hasPrefix("unknown stage ''"), "\(message)")
    }
}
