import Emend

#if canImport(Glibc)
import Glibc
#endif

/// A new version of a file, written to a temporary file beside it and renamed
/// over it by `commit`: anyone reading the file sees the old text or the whole
/// new one, never part of it. A failed write (a full disk), an error or an
/// interrupt (SIGINT, SIGTERM, SIGHUP) removes the temporary file and leaves
/// the original as it was.
final class AtomicFile {
    let target: String
    let temporaryPath: String
    private(set) var sink: FileDescriptorSink
    private var slot: Int?
    private var isOpen = true

    /// The process's umask, read once (reading it means setting it).
    private static let creationMask: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()

    /// Creates the temporary file in `target`'s directory, with `target`'s permissions.
    init(replacing target: String) throws {
        self.target = target
        let directory = target.contains("/") ? String(target[..<target.lastIndex(of: "/")!]) : "."
        let name = target.split(separator: "/").last.map(String.init) ?? target
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).emend-XXXXXX".utf8CString)
        TemporaryFiles.installHandlers()
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw InputFileError(path: target, code: errno, isOutput: true) }
        temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The target's owner (when run as root) and permissions, or those a new file gets (mkstemp's are 0600).
        var info = stat()
        if stat(target, &info) == 0 {
            _ = fchown(descriptor, info.st_uid, info.st_gid)  // as anyone but root, only what is already theirs
            fchmod(descriptor, info.st_mode & 0o7777)
        } else {
            fchmod(descriptor, 0o666 & ~Self.creationMask)
        }
        sink = FileDescriptorSink(descriptor: descriptor)
        slot = TemporaryFiles.register(temporaryPath)
    }

    /// Makes the new text durable, keeps the old file as a backup when `backup`
    /// is given, and renames the new text over the target. The backup is
    /// `backup` itself when nothing has that name, else the first free one of
    /// `backup.~1~`, `backup.~2~` … (as `cp --backup=numbered` numbers them):
    /// an existing backup is never replaced. Returns the backup's name.
    @discardableResult
    func commit(backup: String?) throws -> String? {
        guard fsync(sink.descriptor) == 0 else { throw IOError.write(errno: errno) }
        closeOnce()
        let kept = try backup.map { try Self.linkAsNewBackup(target, named: $0) }
        guard rename(temporaryPath, target) == 0 else { throw InputFileError(path: target, code: errno, isOutput: true) }
        release()
        return kept
    }

    /// True when what was written so far is byte for byte the target's
    /// content: rewriting it would change nothing (read in blocks; memory stays flat).
    func matchesTarget() -> Bool {
        let written = open(temporaryPath, O_RDONLY), current = open(target, O_RDONLY)
        defer {
            if written >= 0 { close(written) }
            if current >= 0 { close(current) }
        }
        guard written >= 0, current >= 0 else { return false }
        let size = 1 << 20
        var a = [UInt8](repeating: 0, count: size), b = [UInt8](repeating: 0, count: size)
        while true {
            let countA = Self.readFully(written, into: &a), countB = Self.readFully(current, into: &b)
            guard countA >= 0, countA == countB, a[..<countA] == b[..<countB] else { return false }
            if countA == 0 { return true }
        }
    }

    /// Reads until `buffer` is full or the file ends; the bytes read, or -1 on an error.
    private static func readFully(_ descriptor: Int32, into buffer: inout [UInt8]) -> Int {
        var filled = 0
        while filled < buffer.count {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if got < 0 { if errno == EINTR { continue }; return -1 }
            if got == 0 { break }
            filled += got
        }
        return filled
    }

    /// Links `target` under `name`, or the first of `name.~1~`, `name.~2~` …
    /// that does not exist yet (`link` never replaces a file, so two runs at
    /// once cannot take one name); returns the name used.
    static func linkAsNewBackup(_ target: String, named name: String) throws -> String {
        var number = 0
        while true {
            let candidate = number == 0 ? name : "\(name).~\(number)~"
            if link(target, candidate) == 0 { return candidate }
            guard errno == EEXIST else { throw InputFileError(path: candidate, code: errno, isOutput: true) }
            number += 1
        }
    }

    /// Removes the temporary file; the target is untouched.
    func discard() {
        closeOnce()
        unlink(temporaryPath)
        release()
    }

    /// Closed once only: a descriptor closed twice may by then be another file's.
    private func closeOnce() {
        if isOpen { close(sink.descriptor) }
        isOpen = false
    }

    private func release() {
        if let slot { TemporaryFiles.unregister(slot) }
        slot = nil
    }

    deinit { if slot != nil { discard() } }
}

/// The temporary files being written, so an interrupt can remove them. Paths
/// live in C memory the signal handler reads without locks or allocation.
enum TemporaryFiles {
    static let capacity = 256
    nonisolated(unsafe) private static let paths: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()
    nonisolated(unsafe) private static var lock = pthread_mutex_t()
    nonisolated(unsafe) private static var installed = false

    /// Installs the handlers; called on the main thread before any file is
    /// written, so the threads it starts inherit the unblocked signals.
    static func installHandlers() {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        guard !installed else { return }
        installed = true
        _ = paths
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            // A signal the caller ignores (nohup, a shell's background job) stays ignored.
            var current = sigaction()
            sigaction(signal, nil, &current)
            let ignored = unsafeBitCast(SIG_IGN, to: Int.self)
            if let handler = current.__sigaction_handler.sa_handler, unsafeBitCast(handler, to: Int.self) == ignored { continue }
            sigaddset(&unblock, signal)
            Glibc.signal(signal) { received in
                for index in 0..<TemporaryFiles.capacity {
                    if let path = TemporaryFiles.paths[index] { unlink(path) }
                }
                Glibc.signal(received, SIG_DFL)
                raise(received)
            }
        }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    static func register(_ path: String) -> Int? {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        for index in 0..<capacity where paths[index] == nil {
            paths[index] = strdup(path)
            return index
        }
        return nil  // more files at once than slots: an interrupt leaves this one behind
    }

    static func unregister(_ index: Int) {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        let path = paths[index]
        paths[index] = nil
        free(path)
    }
}

/// Where a command's one output goes: standard output for nil or "-"; a
/// regular file, or a new one, through an `AtomicFile` renamed over it by
/// `commit` (a run that fails, a missing input or invalid UTF-8 under --strict,
/// leaves the file as it was); anything else (/dev/null, a FIFO) written as it is.
final class OutputFile {
    let sink: FileDescriptorSink
    private let atomic: AtomicFile?

    init(_ path: String?) throws {
        var info = stat()
        guard let path, path != "-" else {
            sink = FileDescriptorSink(descriptor: 1)
            atomic = nil
            return
        }
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            let descriptor = open(path, O_WRONLY | O_TRUNC)
            guard descriptor >= 0 else { throw InputFileError(path: path, code: errno, isOutput: true) }
            sink = FileDescriptorSink(descriptor: descriptor)
            atomic = nil
            return
        }
        // A link stays a link: the file it names is replaced.
        let file = try AtomicFile(replacing: resolvingLinks(path))
        sink = file.sink
        atomic = file
    }

    /// Renames the new text over the file (no backup).
    func commit() throws { try atomic?.commit(backup: nil) }

    deinit {
        // An uncommitted `atomic` removes its temporary file itself.
        if atomic == nil && sink.descriptor > 2 { close(sink.descriptor) }
    }
}

/// `path` with every link resolved, or as it is when it does not exist.
func resolvingLinks(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
}
