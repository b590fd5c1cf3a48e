import ArgumentParser
import Emend

/// `emend run`: runs a pipeline over files or standard input.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline over text (the default command).",
        discussion: """
            With no file, reads standard input. Each file runs through a fresh pipeline and the \
            results are written one after another. Invalid UTF-8 is replaced with U+FFFD and \
            counted on standard error (or stops the run with exit code 65 under --strict). Line \
            endings (LF, CRLF) and a leading byte order mark pass through.
            """
    )

    @OptionGroup var io: InputOutputOptions

    @Option(help: ArgumentHelp("Run the pipeline in this rule file instead of the built-in default.", valueName: "file"))
    var pipeline: String?

    @Option(help: ArgumentHelp("Run only these stages, comma-separated, with their default options.", valueName: "a,b"))
    var stages: String?

    @Flag(help: "List every change on standard error, one a line: FILE:LINE:COLUMN: RULE: before -> after.")
    var report = false

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
    }

    private func stageNames(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        do {
            // Built before any output, so a rule-file error stops with nothing written.
            try io.run(try makePipeline(), onChange: report ? { change, file in printError(ChangeReport.line(change, file: file)) } : nil)
        } catch {
            throw reportFailure(error)
        }
    }

    private func makePipeline() throws -> Pipeline {
        if let stages {
            return Pipeline(stages: try stageNames(stages).map { name in
                do {
                    return try StageRegistry.descriptor(named: name)!.makeStage()
                } catch let error as RuleFileError {
                    throw error
                } catch {
                    throw ValidationError("stage '\(name)' cannot run with its default options: \(error)")
                }
            })
        }
        let loader = PipelineLoader()
        let declaration = try pipeline.map { try loader.load(path: $0) } ?? loader.loadDefault()
        return try declaration.makePipeline()
    }
}
