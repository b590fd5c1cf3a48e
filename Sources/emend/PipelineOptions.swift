import ArgumentParser
import Emend
import Foundation

/// Which pipeline a command runs: the built-in default, a rule file, or a
/// list of stages; stage options set on the command line; and the shared rule
/// folders a pipeline file may also read. Shared by `run`, `diff` and `check`.
struct PipelineOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run the pipeline in this rule file instead of the built-in default.", valueName: "file"),
            completion: .file(extensions: ["yaml", "yml"]))
    var pipeline: String?

    @Option(help: ArgumentHelp("Run only these stages, comma-separated, with their default options.", valueName: "a,b"),
            completion: .list(StageRegistry.names))
    var stages: String?

    @Option(name: [.customLong("set"), .customLong("stage-option")], parsing: .singleValue,
            help: ArgumentHelp("Set an option of a stage of the pipeline, as a pipeline file would (repeatable; `emend stages` lists them). A path is relative to the current directory.",
                               valueName: "stage.option=value"))
    var settings: [String] = []

    @Option(name: .customLong("rules-dir"), parsing: .singleValue,
            help: ArgumentHelp("A folder outside the --pipeline file's directory whose rule files the pipeline may also name (repeatable).",
                               valueName: "dir"))
    var rulesDirectories: [String] = []

    func validate() throws {
        if pipeline != nil && stages != nil {
            throw ValidationError("--pipeline and --stages cannot be used together")
        }
        if let stages {
            for name in stageNames(stages) where StageRegistry.descriptor(named: name) == nil {
                let hint = closestMatch(to: name, in: StageRegistry.names).map { " (did you mean '\($0)'?)" } ?? ""
                throw ValidationError("unknown stage '\(name)'\(hint); expected one of \(StageRegistry.names.map { "'\($0)'" }.joined(separator: ", "))")
            }
            if stageNames(stages).isEmpty { throw ValidationError("--stages needs at least one stage name") }
        }
        if !rulesDirectories.isEmpty && pipeline == nil {
            throw ValidationError("--rules-dir names folders a --pipeline file may read; give it with --pipeline")
        }
        _ = try parsedSettings()
    }

    private func stageNames(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The `--set` options, each checked as a pipeline file checks it.
    private func parsedSettings() throws -> [StageOptionSetting] {
        var parsed: [StageOptionSetting] = []
        for text in settings {
            do {
                parsed.append(try StageOptionSetting(parsing: text))
            } catch {
                throw Self.usageError(error, setting: text)
            }
        }
        return parsed
    }

    /// `--set whitespace.runs=3: option 'runs' of stage 'whitespace': …; did you mean …?`
    private static func usageError(_ problem: OptionProblem, setting: String) -> ValidationError {
        ValidationError(([ "--set \(setting): \(problem.message)"] + problem.notes).joined(separator: "; "))
    }

    /// The pipeline to run, and where each of its stages is declared
    /// (`rules/pipelines/default.yaml:16`; none for `--stages`).
    func makePipeline() throws -> (pipeline: Pipeline, stageSources: [String: String]) {
        var declaration: PipelineDeclaration
        if let stages {
            declaration = PipelineDeclaration(stages: stageNames(stages).map { name in
                PipelineDeclaration.StageEntry(name: name, options: StageOptions(specs: StageRegistry.descriptor(named: name)!.options),
                                               location: SourceLocation(file: "", line: 0, column: 0))
            })
        } else {
            let loader = PipelineLoader()
            for directory in rulesDirectories {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
                    throw InputFileError(path: directory, code: ENOENT)
                }
                guard isDirectory.boolValue else { throw InputFileError(path: directory, code: ENOTDIR) }
            }
            declaration = try pipeline.map { try loader.load(path: $0, sharedDirectories: rulesDirectories) } ?? loader.loadDefault()
        }
        for setting in try parsedSettings() {
            do {
                try declaration.apply(setting)
            } catch {
                throw Self.usageError(error, setting: setting.text)
            }
        }
        if stages != nil {
            return (Pipeline(stages: try declaration.stages.map { entry in
                do {
                    return try StageRegistry.descriptor(named: entry.name)!.makeStage(options: entry.options)
                } catch let error as RuleFileError {
                    throw error
                } catch {
                    throw ValidationError("stage '\(entry.name)' cannot run with \(settings.isEmpty ? "its default options" : "these options"): \(error)")
                }
            }), [:])
        }
        let sources = Dictionary(declaration.stages.map { ($0.name, "\($0.location.file):\($0.location.line)") },
                                 uniquingKeysWith: { first, _ in first })
        return (try declaration.makePipeline(), sources)
    }
}
