import ArgumentParser
import Emend
import Foundation

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

    @Flag(help: ArgumentHelp("Decide from the lines read so far and a window ahead (the look-ahead option of garbles and page-structure) instead of counting the whole input first; for pipes that must not wait. Standard input is otherwise kept in a temporary file until it ends."))
    var lookAhead = false

    @Option(help: ArgumentHelp("With two cores, run the stages that decide from the counts of the whole input (dehyphenate, garbles and the normalizers after page-structure) on parts of about this many bytes side by side; 0 runs them on one thread. The output is the same either way.", valueName: "bytes"))
    var chunkBytes: Int = 1 << 18

    init() {}

    /// Options for reading `files` with the defaults (for commands that only read).
    init(files: [String]) {
        self.files = files
    }

    func validate() throws {
        if maxLineBytes < 64 { throw ValidationError("--max-line-bytes must be at least 64") }
        if chunkBytes < 0 { throw ValidationError("--chunk-bytes must be 0 or more") }
    }

    /// Runs a fresh copy of `pipeline` over each input in turn, writing one output.
    /// Invalid UTF-8 is reported per file; under --strict it stops with exit code 65.
    func run(_ pipeline: Pipeline, onChange: ((Change, String) throws -> Void)? = nil,
             onAudit: ((AuditRecord, String) throws -> Void)? = nil) throws {
        try refuseOutputThatIsAnInput()
        let output = try OutputFile(output)
        var sink = output.sink
        for path in files.isEmpty ? ["-"] : files {
            var stage = pipeline
            let file = try openSurveyed(path, for: &stage)
            defer { if file.descriptor > 2 { close(file.descriptor) } }
            let sample = InputSample()
            var source = try encoding.decoding(SampledSource(base: file, sample: sample), strict: strict)
            let summary: StreamSummary
            do {
                let name = displayName(path)
                summary = try runStream(&stage, from: &source, to: &sink, settings: settings,
                                        onChange: onChange.map { handler in { try handler($0, name) } },
                                        onAudit: onAudit.map { handler in { try handler($0, name) } })
            } catch let invalid as InvalidUTF8 {
                printError(Self.error(invalid, file: displayName(path), readsAs: LegacyEncodingGuess.encoding(of: sample)))
                throw ExitCode(ExitStatus.dataError)
            } catch {
                throw EncodingOptions.reported(error, in: displayName(path))
            }
            EncodingOptions.warnAboutReplacements(in: source, name: displayName(path))
            if let invalid = summary.invalidUTF8 {
                printError(Self.warning(invalid, file: displayName(path), readsAs: LegacyEncodingGuess.encoding(of: sample)))
            }
        }
        try output.commit()
    }

    /// The stream settings these options ask for.
    var settings: StreamSettings { StreamSettings(maximumLineBytes: maxLineBytes, strictUTF8: strict, chunkBytes: chunkBytes) }

    /// The warning for invalid UTF-8 replaced in a file; when the file reads as
    /// a legacy encoding (`LegacyEncodingGuess`), it names it and the option to rerun with.
    static func warning(_ invalid: InvalidUTF8, file: String, readsAs encoding: String? = nil) -> String {
        let plural = invalid.count == 1 ? "sequence" : "sequences"
        guard let encoding else {
            return "emend: warning: \(file): replaced \(invalid.count) invalid UTF-8 \(plural) with U+FFFD; first at byte offset \(invalid.offset) (line \(invalid.line), column \(invalid.column))"
        }
        return "emend: warning: \(file): the input is not UTF-8; it reads as \(encoding): rerun with --from-encoding \(encoding) "
            + "(replaced \(invalid.count) invalid UTF-8 \(plural) with U+FFFD; first at byte offset \(invalid.offset), line \(invalid.line), column \(invalid.column))"
    }

    /// The error for invalid UTF-8 under --strict, naming the legacy encoding the file reads as, if any.
    static func error(_ invalid: InvalidUTF8, file: String, readsAs encoding: String?) -> String {
        "emend: error: \(file):\(invalid.line):\(invalid.column): \(invalid)"
            + (encoding.map { "; the input is not UTF-8: it reads as \($0): rerun with --from-encoding \($0)" } ?? "")
    }

    private func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// Writing over an input would empty it before it is read: refused (use a new file).
    private func refuseOutputThatIsAnInput() throws {
        guard let output, output != "-" else { return }
        for path in files where path != "-" && isSameFile(path, output) {
            throw ValidationError("the output file '\(output)' is also an input; write to another file")
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

    /// Opens `path` for a run of `pipeline`, after counting the whole input for
    /// the stages that decide from the document's own counts (a first pass over
    /// the file; standard input that is not a file is first copied to an
    /// unlinked temporary file, which goes when emend exits however it exits).
    /// With --look-ahead, or when no stage uses counts, the input is read once.
    func openSurveyed(_ path: String, for pipeline: inout Pipeline) throws -> FileDescriptorSource {
        let file = try openInput(path)
        guard pipeline.usesSurvey && !lookAhead else { return file }
        do {
            let seekable = try Self.seekable(file)
            var info = stat()
            if encoding.fromEncoding == nil, fstat(seekable.descriptor, &info) == 0 {
                // UTF-8 (or UTF-16, which the run refuses): counted from the file, on both cores when large.
                pipeline.use(try surveyFile(descriptor: seekable.descriptor, path: seekable.path, size: Int(info.st_size),
                                            maximumLineBytes: maxLineBytes, parts: pipeline.surveyParts))
            } else {
                var counting = try encoding.decoding(seekable, strict: false)
                pipeline.use(try surveyDocument(&counting, maximumLineBytes: maxLineBytes, parts: pipeline.surveyParts))
            }
            guard lseek(seekable.descriptor, 0, SEEK_SET) == 0 else { throw IOError.read(path: seekable.path, errno: errno) }
            return seekable
        } catch {
            if file.descriptor > 2 { close(file.descriptor) }
            throw EncodingOptions.reported(error, in: displayName(path))
        }
    }

    /// `file` itself when it can be read twice; otherwise (a pipe, a terminal)
    /// its bytes copied to a temporary file that has no name once opened.
    private static func seekable(_ file: FileDescriptorSource) throws -> FileDescriptorSource {
        var info = stat()
        if fstat(file.descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, lseek(file.descriptor, 0, SEEK_CUR) >= 0 {
            return file
        }
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/emend-input-XXXXXX".utf8CString)
        let spool = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard spool >= 0 else { throw InputFileError(path: directory, code: errno, isOutput: true) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var source = file
        var sink = FileDescriptorSink(descriptor: spool)
        var buffer = [UInt8](repeating: 0, count: 1 << 18)
        do {
            while true {
                let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if count == 0 { break }
                try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            }
        } catch {
            close(spool)
            throw error
        }
        if file.descriptor > 2 { close(file.descriptor) }
        guard lseek(spool, 0, SEEK_SET) == 0 else { close(spool); throw IOError.read(path: file.path, errno: errno) }
        return FileDescriptorSource(descriptor: spool, path: file.path)
    }
}

/// Creates (or empties) `path` for writing; standard output when it is nil or "-".
func createOutputFile(_ path: String?) throws -> FileDescriptorSink {
    guard let path, path != "-" else { return FileDescriptorSink(descriptor: 1) }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw InputFileError(path: path, code: errno, isOutput: true) }
    return FileDescriptorSink(descriptor: descriptor)
}


/// True when both paths name one existing file (links and `./` included).
func isSameFile(_ a: String, _ b: String) -> Bool {
    var first = stat(), second = stat()
    return stat(a, &first) == 0 && stat(b, &second) == 0 && first.st_dev == second.st_dev && first.st_ino == second.st_ino
}

/// True when both paths name one file, existing or to be created (the same
/// name in the same directory, links resolved).
func isSameTarget(_ a: String, _ b: String) -> Bool {
    if isSameFile(a, b) { return true }
    func target(_ path: String) -> String? {
        let name = (path as NSString).lastPathComponent
        guard name != "." && name != ".." else { return nil }
        let directory = (path as NSString).deletingLastPathComponent
        guard let real = realpath(directory.isEmpty ? "." : directory, nil) else { return nil }
        defer { free(real) }
        return (String(cString: real) as NSString).appendingPathComponent(name)
    }
    guard let first = target(a), let second = target(b) else { return false }
    return first == second
}

/// Reads a whole file (or standard input for "-") as UTF-8, converting from
/// `encoding` when it names one; UTF-16 that is not named is refused.
func readWhole(_ path: String, encoding: EncodingOptions = EncodingOptions()) throws -> [UInt8] {
    let file = try InputOutputOptions(files: [path]).openInput(path)
    defer { if file.descriptor > 2 { close(file.descriptor) } }
    var source = try encoding.decoding(file, strict: false)
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count: Int
        do {
            count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        } catch {
            throw EncodingOptions.reported(error, in: path == "-" ? "<stdin>" : path)
        }
        if count == 0 {
            let name = path == "-" ? "<stdin>" : path
            EncodingOptions.warnAboutReplacements(in: source, name: name)
            // Counted and located as `run` does; the commands that read whole
            // files account for the bytes themselves (as U+FFFD).
            if let invalid = InvalidUTF8.first(in: bytes) {
                printError(InputOutputOptions.warning(invalid, file: name, readsAs: LegacyEncodingGuess.encoding(of: .of(bytes))))
            }
            return bytes
        }
        bytes += buffer[..<count]
    }
}

/// Writes bytes to a new file, or standard output when `path` is nil or "-".
func writeWhole(_ bytes: [UInt8], to path: String?) throws {
    var sink = try createOutputFile(path)
    defer { if sink.descriptor > 2 { close(sink.descriptor) } }
    try bytes.withUnsafeBytes { try sink.write($0) }
}

/// True when `path` names a directory (links followed).
func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}
