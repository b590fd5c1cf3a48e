import ArgumentParser
import Dispatch
import Emend
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where each file's output goes when files are not written one after another
/// to standard output: over the file itself, or into a directory.
struct BatchOptions: ParsableArguments {
    @Flag(help: "Rewrite each input file with its output (through a temporary file and an atomic rename), keeping the old text as FILE.orig; when FILE.orig exists it stays, and the old text goes to FILE.orig.~1~, FILE.orig.~2~ … (the first free number). A link stays a link: the file it names is rewritten, its backup beside it.")
    var inPlace = false

    @Flag(help: "With --in-place, keep no backup.")
    var noBackup = false

    @Option(help: ArgumentHelp("With --in-place, the backup is the file name plus this (then .~1~, .~2~ … when taken).", valueName: "suffix"))
    var backupSuffix = ".orig"

    @Flag(help: "With --in-place, rewrite a file that is not UTF-8 even so, its invalid sequences replaced with U+FFFD (without it, such a file is left as it was: name its encoding with --from-encoding).")
    var allowReplacement = false

    @Option(help: ArgumentHelp("Write each file's output to this directory, under the file's own name (a directory's files keep their paths below it).", valueName: "dir"))
    var outputDir: String?

    // Optional, so that the help names its default once, in words (a number would be this machine's).
    @Option(help: ArgumentHelp("Files run at once with --in-place or --output-dir (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    var isBatch: Bool { inPlace || outputDir != nil }

    /// The files run at once: `--jobs`, or the number of cores.
    var jobCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        if inPlace && outputDir != nil { throw ValidationError("--in-place and --output-dir cannot be used together") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if noBackup && !inPlace { throw ValidationError("--no-backup goes with --in-place") }
        if allowReplacement && !inPlace { throw ValidationError("--allow-replacement goes with --in-place") }
        if backupSuffix.isEmpty || backupSuffix.contains("/") { throw ValidationError("--backup-suffix must be a non-empty name ending") }
    }
}

/// One input of a batch: its path, and its path below the directory named on
/// the command line (its own name for a file named directly).
struct BatchFile: Sendable {
    var path: String
    var relativePath: String
    var size: Int
}

extension BatchOptions {
    /// The files named, with each directory replaced by the `.txt` files below
    /// it (hidden files and backups skipped), in a stable order.
    /// A file named twice (or also through its directory) runs once: with
    /// --in-place a file and a link to it too (it is rewritten once); with
    /// --output-dir each name of the file gets its own output. A name that does
    /// not exist stays in the list, to fail and be reported in its turn. Two
    /// inputs whose outputs would be one file are refused before anything runs.
    func expand(_ arguments: [String]) throws -> [BatchFile] {
        var files: [BatchFile] = []
        var seen = Set<String>()
        func add(_ path: String, relativePath: String) {
            var info = stat()
            let exists = stat(path, &info) == 0
            if exists {
                let file = "\(info.st_dev):\(info.st_ino)"
                guard seen.insert(outputDir == nil ? file : file + "/" + relativePath).inserted else { return }
            }
            files.append(BatchFile(path: path, relativePath: relativePath, size: exists ? Int(info.st_size) : 0))
        }
        let manager = FileManager.default
        for argument in arguments {
            if argument == "-" { throw ValidationError("standard input cannot be rewritten: name files with --in-place or --output-dir") }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue else {
                add(argument, relativePath: (argument as NSString).lastPathComponent)
                continue
            }
            let names = (manager.enumerator(atPath: argument)?.allObjects as? [String] ?? []).sorted()
            for name in names where name.hasSuffix(".txt") && !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                let path = (argument as NSString).appendingPathComponent(name)
                var isSubdirectory: ObjCBool = false
                if manager.fileExists(atPath: path, isDirectory: &isSubdirectory), !isSubdirectory.boolValue {
                    add(path, relativePath: name)
                }
            }
        }
        if let outputDir {
            // Two inputs with one name, or whose outputs are one file through a
            // link in the output directory, would write one output file twice.
            var taken: [String: String] = [:]
            for file in files {
                let target = Self.resolvedTarget((outputDir as NSString).appendingPathComponent(file.relativePath))
                if let other = taken.updateValue(file.path, forKey: target) {
                    throw ValidationError("'\(other)' and '\(file.path)' would both be written to '\(file.relativePath)' in --output-dir; run them separately")
                }
            }
        }
        return files
    }
}

extension BatchOptions {
    /// The file `path` names once its links are followed: the deepest existing
    /// directory above it resolved (`realpath`), the rest of the path as given,
    /// and the file itself followed when it is a link.
    static func resolvedTarget(_ path: String) -> String {
        if let real = realpath(path, nil) { defer { free(real) }; return String(cString: real) }
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        guard !directory.isEmpty, directory != path else { return path }
        return (resolvedTarget(directory) as NSString).appendingPathComponent(name)
    }
}

/// Runs a pipeline over many files on several threads, each file to its own
/// output, with a progress line on standard error when it is a terminal.
/// A file that fails is reported and left as it was; the others go on, and
/// the run ends with the first failure's exit code.
struct BatchRun {
    let options: BatchOptions
    let settings: StreamSettings
    let encoding: EncodingOptions
    /// Decide from a look-ahead window instead of a survey of each whole file first.
    var lookAhead = false
    /// Builds the pipeline; each thread builds its own (stages keep caches).
    let makePipeline: @Sendable () throws -> Pipeline
    var onChange: (@Sendable (Change, String) throws -> Void)?
    var onAudit: (@Sendable (AuditRecord, String) throws -> Void)?

    func run(_ files: [BatchFile]) throws {
        TemporaryFiles.installHandlers()
        let state = BatchState(files: files, showsProgress: isatty(2) == 1)
        let workers = min(options.jobCount, max(1, files.count))
        let settings = settings
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var pipeline: Pipeline
            do { pipeline = try makePipeline() } catch { state.fail(error, file: nil); return }
            while let file = state.next() {
                do {
                    // A stage thread pays off on a file of several blocks, alone on the
                    // cores; beside other files, or for a page, it only adds hand-overs.
                    var fileSettings = settings
                    if workers > 1 || file.size < 4 * settings.blockSize { fileSettings.usesStageThread = false }
                    try process(file, with: pipeline, settings: fileSettings)
                    state.done(file)
                } catch {
                    state.fail(error, file: file)
                }
            }
        }
        state.finishProgress()
        if let status = state.firstFailure { throw ExitCode(status) }
    }

    private func process(_ file: BatchFile, with pipeline: Pipeline, settings: StreamSettings) throws {
        let target: String
        if let directory = options.outputDir {
            target = (directory as NSString).appendingPathComponent(file.relativePath)
            try Self.makeDirectories((target as NSString).deletingLastPathComponent)
            if isSameFile(target, file.path) {
                throw ValidationError("the output file '\(target)' is also an input; write to another directory")
            }
        } else {
            // A link stays a link: the file it names is rewritten.
            target = resolvingLinks(file.path)
            // A device or a FIFO would become a regular file holding what was read from it.
            var info = stat()
            if stat(target, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
                throw RefusedFile(description: "'\(file.path)' is not a regular file (a device, a FIFO or a socket); --in-place rewrites only regular files",
                                  exitStatus: ExitStatus.noInput)
            }
        }
        var stage = pipeline
        var io = InputOutputOptions(files: [file.path])
        io.encoding = encoding
        io.lookAhead = lookAhead
        io.maxLineBytes = settings.maximumLineBytes
        let input = try io.openSurveyed(file.path, for: &stage)
        defer { close(input.descriptor) }
        let output = try AtomicFile(replacing: target)
        let sample = InputSample()
        do {
            var source = try encoding.decoding(SampledSource(base: input, sample: sample), strict: settings.strictUTF8)
            var sink = output.sink
            let summary = try runStream(&stage, from: &source, to: &sink, settings: settings,
                                        onChange: onChange.map { handler in { try handler($0, file.path) } },
                                        onAudit: onAudit.map { handler in { try handler($0, file.path) } })
            if options.inPlace, !options.allowReplacement, encoding.fromEncoding == nil, let invalid = summary.invalidUTF8 {
                // The file would lose its bytes for U+FFFD: a windows-1251 book, say.
                let plural = invalid.count == 1 ? "sequence" : "sequences"
                let rerun = LegacyEncodingGuess.encoding(of: sample).map { "it reads as \($0): rerun with --from-encoding \($0)" }
                    ?? "name its encoding with --from-encoding"
                throw RefusedFile(description: "\(file.path): left as it was: it is not UTF-8 (\(invalid.count) invalid \(plural), the first at byte offset \(invalid.offset), line \(invalid.line), column \(invalid.column)), and rewriting it would replace them with U+FFFD; \(rerun), or pass --allow-replacement",
                                  exitStatus: ExitStatus.dataError)
            }
            // A file the run leaves as it is stays untouched: no rewrite, no new backup.
            if options.inPlace && output.matchesTarget() {
                output.discard()
            } else {
                // Beside the file rewritten (a link's target, not the link): the temporary
                // file, the backup's hard link and the rename then stay in one directory,
                // so on one filesystem (a rename or link across two fails with EXDEV).
                let backup = options.inPlace && !options.noBackup ? target + options.backupSuffix : nil
                try output.commit(backup: backup)
            }
            EncodingOptions.warnAboutReplacements(in: source, name: file.path)
            if let invalid = summary.invalidUTF8 {
                printError(InputOutputOptions.warning(invalid, file: file.path, readsAs: LegacyEncodingGuess.encoding(of: sample)))
            }
        } catch let invalid as InvalidUTF8 {
            output.discard()
            printError(InputOutputOptions.error(invalid, file: file.path, readsAs: LegacyEncodingGuess.encoding(of: sample)))
            throw ExitCode(ExitStatus.dataError)
        } catch {
            output.discard()
            throw EncodingOptions.reported(error, in: file.path)
        }
    }

    /// `mkdir -p`, with POSIX errors (exit code 73 when a directory cannot be made).
    private static func makeDirectories(_ path: String) throws {
        guard !path.isEmpty else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw InputFileError(path: path, code: ENOTDIR, isOutput: true)
        }
        try makeDirectories((path as NSString).deletingLastPathComponent)
        if mkdir(path, 0o777) != 0 && errno != EEXIST { throw InputFileError(path: path, code: errno, isOutput: true) }
    }
}

/// What the threads of a batch share: the next file, failures and progress.
private final class BatchState: @unchecked Sendable {
    private let lock = NSLock()
    private let files: [BatchFile]
    private var nextIndex = 0
    private var finished = 0
    private var bytesDone = 0
    private let totalBytes: Int
    private let started = DispatchTime.now()
    private var lastDrawn: UInt64 = 0
    private let showsProgress: Bool
    private(set) var firstFailure: Int32?

    init(files: [BatchFile], showsProgress: Bool) {
        self.files = files
        self.showsProgress = showsProgress
        self.totalBytes = files.reduce(0) { $0 + $1.size }
    }

    func next() -> BatchFile? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < files.count else { return nil }
        nextIndex += 1
        return files[nextIndex - 1]
    }

    func done(_ file: BatchFile) {
        lock.lock(); defer { lock.unlock() }
        finished += 1
        bytesDone += file.size
        drawProgress(force: false)
    }

    func fail(_ error: Error, file: BatchFile?) {
        let status = reportFailure(error).rawValue
        lock.lock(); defer { lock.unlock() }
        if let file { finished += 1; bytesDone += file.size }
        if firstFailure == nil && status != 0 { firstFailure = status }
        drawProgress(force: false)
    }

    /// "12/340 files  3.4 MB/s  0:42 left", redrawn at most ten times a second.
    private func drawProgress(force: Bool) {
        guard showsProgress else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard force || now - lastDrawn > 100_000_000 else { return }
        lastDrawn = now
        let seconds = Double(now - started.uptimeNanoseconds) / 1e9
        let rate = seconds > 0 ? Double(bytesDone) / seconds : 0
        let left = rate > 0 ? Int(Double(totalBytes - bytesDone) / rate) : 0
        let line = String(format: "\r\u{1B}[K%d/%d files  %.1f MB/s  %d:%02d left", finished, files.count, rate / 1e6, left / 60, left % 60)
        var sink = FileDescriptorSink(descriptor: 2)
        try? Array(line.utf8).withUnsafeBytes { try sink.write($0) }
    }

    func finishProgress() {
        guard showsProgress else { return }
        lock.lock(); defer { lock.unlock() }
        drawProgress(force: true)
        var sink = FileDescriptorSink(descriptor: 2)
        try? Array("\n".utf8).withUnsafeBytes { try sink.write($0) }
    }
}
