import ArgumentParser
import Emend

/// `emend run`: runs a pipeline over files or standard input.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline over text (the default command).",
        discussion: """
            With no file, reads standard input. Each file runs through a fresh pipeline and the \
            results are written one after another. A directory is cleaned with --output-dir or \
            --in-place (each .txt file below it to its own output); without them it is a usage error. Invalid UTF-8 is replaced with U+FFFD and \
            counted on standard error (or stops the run with exit code 65 under --strict); input \
            that reads as windows-1251 or KOI8-R is named, with the --from-encoding to rerun with. Line \
            endings (LF, CRLF) and a leading byte order mark pass through.
            """
    )

    @OptionGroup var io: InputOutputOptions

    @OptionGroup var pipelineOptions: PipelineOptions

    @OptionGroup var batch: BatchOptions

    @Flag(help: "List every change on standard error in input order, one a line: FILE:LINE:COLUMN: RULE: \"before\" -> \"after\" (input line and column in characters, as --explain; invisible characters as U+XXXX).")
    var report = false

    @Option(help: ArgumentHelp("Write every change as JSON Lines to this file, in input order: input line, column (1-based, in characters) and byte offset (in the UTF-8 text read: with --from-encoding, the decoded text), stage, rule, exact text before and after (removed lines whole). With the output it gives back the input byte for byte.", valueName: "file"))
    var explain: String?

    func validate() throws {
        if batch.isBatch && io.output != nil { throw ValidationError("-o/--output names one output; with --in-place or --output-dir each file has its own") }
        if batch.isBatch && io.files.isEmpty { throw ValidationError("--in-place and --output-dir need files or directories to run over") }
        // One output for a whole directory would run its books together, and leave out
        // its files that are not .txt unsaid: each file's own output is asked for instead.
        if !batch.isBatch, let directory = io.files.first(where: { $0 != "-" && isDirectory($0) }) {
            throw ValidationError("'\(directory)' is a directory; to clean each .txt file below it, add --output-dir DIR (each output under its own name) or --in-place (each file rewritten, the old text kept as FILE.orig)")
        }
    }

    func run() throws {
        var explainWriter: ExplainWriter?
        do {
            // Built before any output, so a rule-file error stops with nothing written.
            let (pipeline, sources) = try pipelineOptions.makePipeline()
            let files = batch.isBatch ? try batch.expand(io.files) : []
            if let explain, explain != "-" {
                // Opening the audit file empties it: it must be neither an input nor the output.
                let inputs = batch.isBatch ? files.map(\.path) : io.files
                for path in inputs + [io.output].compactMap({ $0 }) where path != "-" && isSameTarget(path, explain) {
                    throw ValidationError("the --explain file '\(explain)' is also an input or the output; write it to another file")
                }
            }
            explainWriter = try explain.map { try ExplainWriter(path: $0, stageSources: sources) }
            // --report and --explain both write the audit's records: one place, input order.
            let onChange: (@Sendable (Change, String) throws -> Void)? = nil
            var onAudit: (@Sendable (AuditRecord, String) throws -> Void)?
            if report || explainWriter != nil {
                let writer = explainWriter, report = report
                onAudit = { record, file in
                    if report { printError(ChangeReport.line(record, file: file)) }
                    try writer?.write(record, file: file)
                }
            }
            if batch.isBatch {
                let options = pipelineOptions
                try BatchRun(options: batch, settings: io.settings, encoding: io.encoding, lookAhead: io.lookAhead,
                             makePipeline: { try options.makePipeline().pipeline },
                             onChange: onChange, onAudit: onAudit).run(files)
            } else {
                try io.run(pipeline, onChange: onChange, onAudit: onAudit)
            }
            try explainWriter?.flush()
        } catch {
            // The records of what was written stay, also when a later file fails.
            try? explainWriter?.flush()
            throw reportFailure(error)
        }
    }
}
