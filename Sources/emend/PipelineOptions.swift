import ArgumentParser
import Emend

/// Which pipeline a command runs: the built-in default, a rule file, or a
/// list of stages. Shared by `run`, `diff` and `check`.
struct PipelineOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run the pipeline in this rule file instead of the built-in default.", valueName: "file"),
            completion: .file(extensions: ["yaml", "yml"]))
    var pipeline: String?

    @Option(help: ArgumentHelp("Run only these stages, comma-separated, with their default options.", valueName: "a,b"),
            completion: .list(StageRegistry.names))
    var stages: String?

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

    /// The pipeline to run, and where each of its stages is declared
    /// (`rules/pipelines/default.yaml:16`; none for `--stages`).
    func makePipeline() throws -> (pipeline: Pipeline, stageSources: [String: String]) {
        if let stages {
            return (Pipeline(stages: try stageNames(stages).map { name in
                do {
                    return try StageRegistry.descriptor(named: name)!.makeStage()
                } catch let error as RuleFileError {
                    throw error
                } catch {
                    throw ValidationError("stage '\(name)' cannot run with its default options: \(error)")
                }
            }), [:])
        }
        let loader = PipelineLoader()
        let declaration = try pipeline.map { try loader.load(path: $0) } ?? loader.loadDefault()
        let sources = Dictionary(declaration.stages.map { ($0.name, "\($0.location.file):\($0.location.line)") },
                                 uniquingKeysWith: { first, _ in first })
        return (try declaration.makePipeline(), sources)
    }
}
