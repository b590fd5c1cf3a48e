import Foundation
import Testing

/// The pipeline from the command line: `--set STAGE.OPTION=VALUE`,
/// `--rules-dir DIR`, the example book pipeline, and the README's commands.
@Suite struct PipelineCLITests {
    static func emend(_ arguments: [String], _ input: [UInt8] = []) throws -> CLITests.Result {
        try CLITests.emend(arguments, input: input)
    }

    static func scratch(_ files: [String: String]) throws -> String {
        try BadInputTests.scratch(files.mapValues { Array($0.utf8) })
    }

    // MARK: --set

    @Test func aSettingChangesTheDefaultPipelinesStage() throws {
        let input = Array("  the   party \n".utf8)
        let plain = try Self.emend([], input)
        let set = try Self.emend(["--set", "whitespace.runs=false"], input)
        let long = try Self.emend(["run", "--stage-option", "whitespace.runs=false"], input)
        #expect(plain.text == "the party\n")
        #expect(set.status == 0 && set.stderr == "")
        #expect(set.text == "the   party\n")       // runs kept; the default's `leading: true` still applies
        #expect(long.stdout == set.stdout)
    }

    /// A path on the command line is the user's own: relative to the current
    /// directory, and not confined to the pipeline file's directory.
    @Test func aPathOnTheCommandLineIsRelativeToTheCurrentDirectoryAndNotConfined() throws {
        let scan = "samples/my-book/scan.txt"
        let rules = "samples/my-book/my-book-garbles.yaml"
        let plain = try Self.emend(["run", scan])
        #expect(plain.text.contains("Yezbov"))
        let set = try Self.emend(["run", "--set", "garbles.rules-file=\(rules)", scan])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.text == plain.text.replacingOccurrences(of: "Yezbov", with: "Yezhov").replacingOccurrences(of: "NKYD", with: "NKVD"))
        // With a pipeline file elsewhere, whose own files could never name the repository's.
        let dir = try Self.scratch(["book/x.yaml": "include: default\n"])
        let withFile = try Self.emend(["run", "--pipeline", "\(dir)/book/x.yaml", "--set", "garbles.rules-file=\(rules)", scan])
        #expect(withFile.status == 0, "\(withFile.stderr)")
        #expect(withFile.stdout == set.stdout)
    }

    @Test func aSettingAppliesToNamedStagesToo() throws {
        let result = try Self.emend(["run", "--stages", "transliterate", "--set", "transliterate.to=popular"], Array("Ежов\n".utf8))
        #expect(result.status == 0 && result.text == "Yezhov\n")
    }

    @Test(arguments: [
        (["--set", "whitespac.runs=false"],
         "emend: error: --set whitespac.runs=false: unknown stage 'whitespac'; expected one of 'normalize', 'page-structure', 'dehyphenate', 'garbles', 'whitespace', 'transliterate'; did you mean 'whitespace'?\n"),
        (["--set", "garbles.rules-fle=book.yaml"],
         "emend: error: --set garbles.rules-fle=book.yaml: unknown option 'rules-fle' for stage 'garbles'; expected one of 'rules-file', 'vocab', 'max-word', 'rules', 'look-ahead'; did you mean 'rules-file'?\n"),
        (["--set", "whitespace.runs=3"],
         "emend: error: --set whitespace.runs=3: option 'runs' of stage 'whitespace': expected true or false, found '3'\n"),
        (["--set", "normalize.form=nfx"],
         "emend: error: --set normalize.form=nfx: option 'form' of stage 'normalize': 'nfx' is not a valid value; expected one of 'nfc', 'nfd', 'nfkc', 'nfkd'; did you mean 'nfc'?\n"),
        (["--set", "whitespace"],
         "emend: error: --set whitespace: expected STAGE.OPTION=VALUE, such as garbles.rules-file=book.yaml\n"),
        (["--set", "transliterate.to=loc"],
         "emend: error: --set transliterate.to=loc: stage 'transliterate' is not in the pipeline, which runs 'normalize', 'page-structure', 'dehyphenate', 'garbles', 'whitespace'; add it to a pipeline file (emend run --pipeline FILE), or name it with --stages\n"),
        (["--rules-dir", "samples"],
         "emend: error: --rules-dir names folders a --pipeline file may read; give it with --pipeline\n"),
    ] as [([String], String)])
    func aBadSettingIsAUsageError(arguments: [String], message: String) throws {
        let result = try Self.emend(arguments, Array("text\n".utf8))
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(message), "stderr was: \(result.stderr)")
    }

    /// The same mistake in a pipeline file and on the command line: the same words.
    @Test func aBadValueReadsAsInAPipelineFile() throws {
        let dir = try Self.scratch(["x.yaml": "stages:\n  - dehyphenate: {window: many}\n"])
        let file = try Self.emend(["run", "--pipeline", "\(dir)/x.yaml"], Array("x\n".utf8))
        let line = try Self.emend(["run", "--set", "dehyphenate.window=many"], Array("x\n".utf8))
        #expect(file.status == 78 && line.status == 64)
        let fromFile = try #require(file.stderr.split(separator: "\n").first?.split(separator: " error: ", maxSplits: 1).last)
        #expect(line.stderr.hasPrefix("emend: error: --set dehyphenate.window=many: \(fromFile)\n"))
    }

    // MARK: --rules-dir

    /// volume-1's pipeline names `../shared-rules/x.yaml`: refused without
    /// `--rules-dir`, read with it; a link inside the shared folder that leads
    /// out of it is refused either way.
    @Test func aSharedRulesFolderIsReadOnlyWhenNamed() throws {
        let series = try Self.scratch([
            "volume-1/x.yaml": "include: [../shared-rules/x.yaml]\nstages:\n  - whitespace: {leading: true}\n",
            "shared-rules/x.yaml": "include: default\nstages:\n  - garbles: {rules-file: names.yaml}\n",
            "shared-rules/names.yaml": "replacements:\n  - {find: Yezbov, replace: Yezhov}\n",
            "volume-2/x.yaml": "include: [../shared-rules/escape/secret.yaml]\n",
            "private/secret.yaml": "stages: [normalize]\n",
        ])
        try FileManager.default.createSymbolicLink(atPath: "\(series)/shared-rules/escape", withDestinationPath: "\(series)/private")
        let input = Array("  Yezbov  wrote \n".utf8)

        let refused = try Self.emend(["run", "--pipeline", "\(series)/volume-1/x.yaml"], input)
        #expect(refused.status == 78)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr == """
            \(series)/volume-1/x.yaml:1:11: error: include names '../shared-rules/x.yaml', outside the pipeline's directory; a pipeline names only files under its own directory
            include: [../shared-rules/x.yaml]
                      ^
            note: a folder of rule files shared by several pipelines is allowed only from the command line: --rules-dir DIR

            """)

        let allowed = try Self.emend(["run", "--pipeline", "\(series)/volume-1/x.yaml", "--rules-dir", "\(series)/shared-rules"], input)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.text == "Yezhov wrote\n")

        let escape = try Self.emend(["run", "--pipeline", "\(series)/volume-2/x.yaml", "--rules-dir", "\(series)/shared-rules"], input)
        #expect(escape.status == 78)
        #expect(escape.stderr.hasPrefix("\(series)/volume-2/x.yaml:1:11: error: include names '../shared-rules/escape/secret.yaml', outside the pipeline's directory and the shared rule folders"))
    }

    @Test func aMissingRulesFolderIsNoInput() throws {
        let dir = try Self.scratch(["x.yaml": "include: default\n", "file.txt": "x"])
        let missing = try Self.emend(["run", "--pipeline", "\(dir)/x.yaml", "--rules-dir", "\(dir)/none"], Array("x\n".utf8))
        #expect(missing.status == 66)
        #expect(missing.stderr == "emend: error: cannot open '\(dir)/none': No such file or directory\n")
        let file = try Self.emend(["run", "--pipeline", "\(dir)/x.yaml", "--rules-dir", "\(dir)/file.txt"], Array("x\n".utf8))
        #expect(file.status == 66)
        #expect(file.stderr == "emend: error: cannot open '\(dir)/file.txt': Not a directory\n")
    }

    // MARK: the example and the README

    /// The example book pipeline: the default pipeline plus the book's own
    /// garble rules, and nothing else changed.
    @Test func theExampleBookPipelineIsTheDefaultPlusTheBooksRules() throws {
        let scan = "samples/my-book/scan.txt"
        let plain = try Self.emend(["run", scan])
        let book = try Self.emend(["run", "--pipeline", "samples/my-book/my-book.yaml", scan])
        #expect(book.status == 0 && book.stderr == "")
        #expect(plain.text.contains("Yezbov") && plain.text.contains("NKYD"))
        #expect(!book.text.contains("Yezbov") && !book.text.contains("NKYD"))
        #expect(book.text == plain.text.replacingOccurrences(of: "Yezbov", with: "Yezhov").replacingOccurrences(of: "NKYD", with: "NKVD"))
        #expect(book.text != String(decoding: try CLITests.sample("my-book/scan.txt"), as: UTF8.self)
            .replacingOccurrences(of: "Yezbov", with: "Yezhov").replacingOccurrences(of: "NKYD", with: "NKVD"))  // the default's stages ran too
        let report = try Self.emend(["run", "--report", "--pipeline", "samples/my-book/my-book.yaml", scan])
        #expect(report.stderr.contains("samples/my-book/my-book-garbles.yaml:6"))
    }

    /// Every command of the READMEs that chooses or changes a pipeline runs as
    /// written from the repository's top directory.
    @Test func everyPipelineCommandOfTheReadmesRuns() throws {
        var commands: [String] = []
        for readme in ["README.md", "rules/README.md"] {
            let text = String(decoding: try Data(contentsOf: CLITests.root.appendingPathComponent(readme)), as: UTF8.self)
            var inShell = false
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("```") { inShell = line == "```sh"; continue }
                var candidates: [Substring] = []
                if inShell {
                    candidates = [line]
                } else {
                    candidates = line.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
                }
                for candidate in candidates {
                    let command = candidate.split(separator: "#", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                    guard command.hasPrefix("emend "),
                          ["--pipeline", "--stages", "--set", "--stage-option", "--rules-dir"].contains(where: command.contains) else { continue }
                    commands.append(command)
                }
            }
        }
        #expect(commands.count >= 4)
        for command in Set(commands) {
            let words = command.split(separator: " ").map(String.init).dropFirst()
            let result = try Self.emend(Array(words))
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
    }
    /// A rules folder inside the pipeline's folder whose files are links out of
    /// it: the stage that would read one stops, naming the link, and never
    /// quotes the file it leads to (exit 78); the same folder without the link works.
    @Test func aRulesFolderCannotLinkOutOfItself() throws {
        let dir = try Self.scratch([
            "outside/secret.txt": "root:x:0:0:a secret line\n",
            "book/p.yaml": "stages:\n  - transliterate: {from: cyrillic, to: loc, rules: myrules}\n",
            "book/g.yaml": "stages:\n  - garbles: {rules: myrules}\n",
            "book/myrules/README": "the book's own rules\n",
        ])
        try FileManager.default.createDirectory(atPath: "\(dir)/book/myrules/lexicon", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(dir)/book/myrules/garbles", withIntermediateDirectories: true)
        let fine = try Self.emend(["run", "--pipeline", "\(dir)/book/p.yaml"], Array("Ежов\n".utf8))
        #expect(fine.status == 0 && fine.text == "Ezhov\n", "\(fine.stderr)")
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/book/myrules/lexicon/names.txt", withDestinationPath: "\(dir)/outside/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/book/myrules/garbles/default.yaml", withDestinationPath: "../../../outside/secret.txt")
        for pipeline in ["p.yaml", "g.yaml"] {
            let result = try Self.emend(["run", "--pipeline", "\(dir)/book/\(pipeline)"], Array("Ежов\n".utf8))
            #expect(result.status == 78, "\(pipeline): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("a link out of the rules folder"), "\(result.stderr)")
            #expect(!result.stderr.contains("secret"), "\(result.stderr)")
        }
    }
}
