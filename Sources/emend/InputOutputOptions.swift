import ArgumentParser
import Emend

#if canImport(Glibc)
import Glibc
#endif

/// The input files, output file and UTF-8 handling shared by the commands
/// that filter text.
struct InputOutputOptions: ParsableArguments {
    @Argument(help: "Input files (default: standard input; '-' names it too).")
    var files: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Stop with exit code 65 at the first invalid UTF-8 (or bytes invalid in --from-encoding) instead of replacing it.")
    var strict = false

    @OptionGroup var encoding: EncodingOptions

    @Option(help: ArgumentHelp("Cut lines longer than this many bytes into segments (nothing is lost; no newline is added).", valueName: "bytes"))
    var maxLineBytes: Int = 1 << 20

    init() {}

    /// Options for reading `files` with the defaults (for commands that only read).
    init(files: [String]) {
        self.files = files
    }

    func validate() throws {
        if maxLineBytes < 64 { throw ValidationError("--max-line-bytes must be at least 64") }
    }

    /// Runs a fresh copy of `pipeline` over each input in turn, writing one output.
    /// Invalid UTF-8 is reported per file; under --strict it stops with exit code 65.
    func run(_ pipeline: Pipeline, onChange: ((Change, String) throws -> Void)? = nil,
             onAudit: ((AuditRecord, String) throws -> Void)? = nil) throws {
        try refuseOutputThatIsAnInput()
        var sink = try openOutput()
        defer { if sink.descriptor > 2 { close(sink.descriptor) } }
        for path in files.isEmpty ? ["-"] : files {
            let file = try openInput(path)
            defer { if file.descriptor > 2 { close(file.descriptor) } }
            var source = try encoding.decoding(file, strict: strict)
            var stage = pipeline
            let summary: StreamSummary
            do {
                let name = displayName(path)
                summary = try runStream(&stage, from: &source, to: &sink, settings: settings,
                                        onChange: onChange.map { handler in { try handler($0, name) } },
                                        onAudit: onAudit.map { handler in { try handler($0, name) } })
            } catch let invalid as InvalidUTF8 {
                printError("emend: error: \(displayName(path)):\(invalid.line):\(invalid.column): \(invalid)")
                throw ExitCode(ExitStatus.dataError)
            } catch {
                throw EncodingOptions.reported(error, in: displayName(path))
            }
            EncodingOptions.warnAboutReplacements(in: source, name: displayName(path))
            if let invalid = summary.invalidUTF8 { printError(Self.warning(invalid, file: displayName(path))) }
        }
    }

    /// The stream settings these options ask for.
    var settings: StreamSettings { StreamSettings(maximumLineBytes: maxLineBytes, strictUTF8: strict) }

    /// The warning for invalid UTF-8 replaced in a file.
    static func warning(_ invalid: InvalidUTF8, file: String) -> String {
        let plural = invalid.count == 1 ? "sequence" : "sequences"
        return "emend: warning: \(file): replaced \(invalid.count) invalid UTF-8 \(plural) with U+FFFD; first at byte offset \(invalid.offset) (line \(invalid.line), column \(invalid.column))"
    }

    private func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// Writing over an input would empty it before it is read: refused (use a new file).
    private func refuseOutputThatIsAnInput() throws {
        guard let output, output != "-" else { return }
        var outputInfo = stat()
        guard stat(output, &outputInfo) == 0 else { return }
        for path in files where path != "-" {
            var inputInfo = stat()
            if stat(path, &inputInfo) == 0, inputInfo.st_dev == outputInfo.st_dev, inputInfo.st_ino == outputInfo.st_ino {
                throw ValidationError("the output file '\(output)' is also an input; write to another file")
            }
        }
    }

    func openInput(_ path: String) throws -> FileDescriptorSource {
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

/// True when both paths name one existing file (links and `./` included).
func isSameFile(_ a: String, _ b: String) -> Bool {
    var first = stat(), second = stat()
    return stat(a, &first) == 0 && stat(b, &second) == 0 && first.st_dev == second.st_dev && first.st_ino == second.st_ino
}
