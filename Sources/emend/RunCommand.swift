import ArgumentParser
import Emend

#if canImport(Glibc)
import Glibc
#endif

/// `emend run`: runs a pipeline over files or standard input.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline over text (the default command).",
        discussion: """
            With no file, reads standard input; '-' also names standard input. Each file runs \
            through a fresh pipeline and the results are written one after another. \
            Invalid UTF-8 is replaced with U+FFFD and counted on standard error (or stops the \
            run with exit code 65 under --strict). Line endings (LF, CRLF) and a leading byte \
            order mark pass through.
            """
    )

    @Argument(help: "Input files (default: standard input).")
    var files: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: ArgumentHelp("Run the pipeline in this rule file instead of the built-in default.", valueName: "file"))
    var pipeline: String?

    @Option(help: ArgumentHelp("Run only these stages, comma-separated, with their default options.", valueName: "a,b"))
    var stages: String?

    @Flag(help: "Stop with exit code 65 at the first invalid UTF-8 instead of replacing it.")
    var strict = false

    @Option(help: ArgumentHelp("Cut lines longer than this many bytes into segments (nothing is lost; no newline is added).", valueName: "bytes"))
    var maxLineBytes: Int = 1 << 20

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
        if maxLineBytes < 64 { throw ValidationError("--max-line-bytes must be at least 64") }
    }

    private func stageNames(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        do {
            try runPipeline()
        } catch {
            throw report(error)
        }
    }

    private func makePipeline() throws -> Pipeline {
        if let stages {
            return Pipeline(stages: try stageNames(stages).map { try StageRegistry.descriptor(named: $0)!.makeStage() })
        }
        let loader = PipelineLoader()
        let declaration = try pipeline.map { try loader.load(path: $0) } ?? loader.loadDefault()
        return try declaration.makePipeline()
    }

    private func runPipeline() throws {
        // Build once up front so a rule-file error stops before any output is made.
        let template = try makePipeline()
        var sink = try openOutput()
        defer { if sink.descriptor > 2 { close(sink.descriptor) } }
        let settings = StreamSettings(maximumLineBytes: maxLineBytes, strictUTF8: strict)
        let inputs = files.isEmpty ? ["-"] : files
        for path in inputs {
            var source = try openInput(path)
            defer { if source.descriptor > 2 { close(source.descriptor) } }
            var pipeline = template
            let summary: StreamSummary
            do {
                summary = try runStream(&pipeline, from: &source, to: &sink, settings: settings)
            } catch let invalid as InvalidUTF8 {
                printError("emend: error: \(displayName(path)):\(invalid.line):\(invalid.column): \(invalid)")
                throw ExitCode(ExitStatus.dataError)
            }
            if let invalid = summary.invalidUTF8 {
                let plural = invalid.count == 1 ? "sequence" : "sequences"
                printError("emend: warning: \(displayName(path)): replaced \(invalid.count) invalid UTF-8 \(plural) with U+FFFD; first at byte offset \(invalid.offset) (line \(invalid.line), column \(invalid.column))")
            }
        }
    }

    private func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    private func openInput(_ path: String) throws -> FileDescriptorSource {
        if path == "-" { return FileDescriptorSource(descriptor: 0, path: "<stdin>") }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputFileError(path: path, code: errno) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw InputFileError(path: path, code: EISDIR)
        }
        return FileDescriptorSource(descriptor: descriptor, path: path)
    }

    private func openOutput() throws -> FileDescriptorSink {
        guard let output, output != "-" else { return FileDescriptorSink(descriptor: 1) }
        let descriptor = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw InputFileError(path: output, code: errno, isOutput: true) }
        return FileDescriptorSink(descriptor: descriptor)
    }
}
