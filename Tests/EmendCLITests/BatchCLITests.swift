import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `emend run --in-place`, `--output-dir` and `--jobs`: many files, each
/// rewritten safely.
@Suite struct BatchCLITests {
    static let pages = (1...6).map { String(format: "Tests/EmendTests/Gold/%02d.raw.txt", $0) }

    /// A scratch directory holding copies of the gold pages as a.txt, b.txt, … and sub/f.txt.
    static func copies() throws -> (directory: URL, files: [URL]) {
        let directory = Scratch.root.appendingPathComponent("emend-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        var files: [URL] = []
        for (index, page) in pages.enumerated() {
            let name = index == pages.count - 1 ? "sub/f.txt" : "\(Character(UnicodeScalar(97 + index)!)).txt"
            let url = directory.appendingPathComponent(name)
            try FileManager.default.copyItem(at: CLITests.root.appendingPathComponent(page), to: url)
            files.append(url)
        }
        return (directory, files)
    }

    static func leftovers(in directory: URL) -> [String] {
        (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []).filter { $0.contains(".emend-") }
    }

    @Test func inPlaceRewritesEachFileKeepsABackupAndItsPermissions() throws {
        let (directory, files) = try Self.copies()
        defer { try? FileManager.default.removeItem(at: directory) }
        chmod(files[0].path, 0o640)
        let originals = try files.map { try Data(contentsOf: $0) }
        let result = try CLITests.emend(["run", "--in-place", "--jobs", "2", directory.path])
        #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty)  // no progress line: stderr is no terminal
        for (file, original) in zip(files, originals) {
            let expected = try CLITests.emend(["run"], input: Array(original))
            #expect(Array(try Data(contentsOf: file)) == expected.stdout)
            #expect(try Data(contentsOf: URL(fileURLWithPath: file.path + ".orig")) == original)
        }
        var info = stat()
        stat(files[0].path, &info)
        #expect(info.st_mode & 0o777 == 0o640)
        #expect(Self.leftovers(in: directory).isEmpty)
        // Run again without backups: the .orig files of the first run stay as they were.
        let second = try CLITests.emend(["run", "--in-place", "--no-backup", files[0].path])
        let backup = try Data(contentsOf: URL(fileURLWithPath: files[0].path + ".orig"))
        #expect(second.status == 0 && backup == originals[0])
    }

    /// A second --in-place run keeps FILE.orig (the text before emend ever ran)
    /// and puts what it replaces in FILE.orig.~1~, a third in FILE.orig.~2~.
    @Test func aLaterInPlaceRunNeverOverwritesABackupButNumbersItsOwn() throws {
        let (directory, files) = try Self.copies()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = files[0].path
        let original = try Data(contentsOf: files[0])
        func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
        #expect(try CLITests.emend(["run", "--in-place", file]).status == 0)
        let first = try #require(contents(file))
        #expect(first != original)
        // Edited by hand between the runs, so each run has a different text to keep.
        try (first + Data("An added line,   with spaces.  \n".utf8)).write(to: files[0])
        let edited = try #require(contents(file))
        let second = try CLITests.emend(["run", "--in-place", file])
        #expect(second.status == 0 && second.stderr.isEmpty)
        #expect(contents(file + ".orig") == original)
        #expect(contents(file + ".orig.~1~") == edited)
        let cleaned = try #require(contents(file))
        // A run that changes nothing leaves the file and its backups as they are.
        #expect(try CLITests.emend(["run", "--in-place", file]).status == 0)
        #expect(contents(file) == cleaned && !FileManager.default.fileExists(atPath: file + ".orig.~2~"))
        // Edited again: the next backup takes the next number.
        try (cleaned + Data("Another   line. \n".utf8)).write(to: files[0])
        let again = try #require(contents(file))
        #expect(try CLITests.emend(["run", "--in-place", file]).status == 0)
        #expect(contents(file + ".orig") == original && contents(file + ".orig.~1~") == edited)
        #expect(contents(file + ".orig.~2~") == again)
        // The first free number: a gap is filled, nothing is overwritten.
        try FileManager.default.removeItem(atPath: file + ".orig.~1~")
        try (try #require(contents(file)) + Data("A third   line. \n".utf8)).write(to: files[0])
        let third = try #require(contents(file))
        #expect(try CLITests.emend(["run", "--in-place", "--backup-suffix", ".orig", file]).status == 0)
        #expect(contents(file + ".orig.~1~") == third && contents(file + ".orig.~2~") == again)
        #expect(!FileManager.default.fileExists(atPath: file + ".orig.~3~"))
    }

    @Test func outputDirectoryKeepsPathsAndOneJobEqualsTwo() throws {
        let (directory, files) = try Self.copies()
        defer { try? FileManager.default.removeItem(at: directory) }
        var outputs: [[Data]] = []
        for jobs in ["1", "2"] {
            let out = directory.appendingPathComponent("out\(jobs)")
            let result = try CLITests.emend(["run", "--output-dir", out.path, "--jobs", jobs, directory.path])
            #expect(result.status == 0)
            outputs.append(try ["a.txt", "b.txt", "e.txt", "sub/f.txt"].map { try Data(contentsOf: out.appendingPathComponent($0)) })
        }
        #expect(outputs[0] == outputs[1])
        let direct = try CLITests.emend([files[0].path])
        #expect(Array(outputs[0][0]) == direct.stdout)
    }

    @Test func aFileThatFailsIsReportedAndTheOthersGoOn() throws {
        let (directory, files) = try Self.copies()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing.txt").path
        let result = try CLITests.emend(["run", "--in-place", files[0].path, missing])
        #expect(result.status == 66 && result.stderr.contains("missing.txt"))
        let both = try CLITests.emend(["run", "--in-place", "-o", "x", files[0].path])
        #expect(both.status == 64)
    }

    /// A 64 KiB tmpfs: the rewritten file does not fit beside the original.
    static let canMountTmpfs: Bool = {
        let point = Scratch.root.appendingPathComponent("emend-tmpfs-probe-\(getpid())")
        try? FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)
        defer { umount(point.path); try? FileManager.default.removeItem(at: point) }
        return mount("tmpfs", point.path, "tmpfs", 0, "size=64k") == 0
    }()

    @Test(.enabled(if: canMountTmpfs, "mounting a tmpfs needs root"))
    func aFullDiskLeavesTheFileAsItWasAndNoTemporaryFile() throws {
        let point = Scratch.root.appendingPathComponent("emend-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)
        try #require(mount("tmpfs", point.path, "tmpfs", 0, "size=64k") == 0)
        defer { umount(point.path); try? FileManager.default.removeItem(at: point) }
        var text = Data()
        while text.count < 40_000 {
            for page in Self.pages { text += try Data(contentsOf: CLITests.root.appendingPathComponent(page)) }
        }
        let file = point.appendingPathComponent("book.txt")
        try text.prefix(40_000).write(to: file)
        let result = try CLITests.emend(["run", "--in-place", file.path])
        #expect(result.status == 74 && result.stderr.contains("No space left on device"))
        #expect(try Data(contentsOf: file) == text.prefix(40_000))
        #expect(Self.leftovers(in: point).isEmpty)
    }

    @Test func anInterruptLeavesTheFileAsItWasAndNoTemporaryFile() throws {
        let directory = Scratch.root.appendingPathComponent("emend-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var page = Data()
        for name in Self.pages { page += try Data(contentsOf: CLITests.root.appendingPathComponent(name)) }
        var text = Data()
        while text.count < 40_000_000 { text += page }
        let file = directory.appendingPathComponent("big.txt")
        try text.write(to: file)
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["run", "--in-place", file.path]
        try process.run()
        // Wait until the temporary file exists and holds some output, then interrupt.
        let deadline = Date().addingTimeInterval(60)
        func partialSize() -> Int {
            guard let name = Self.leftovers(in: directory).first else { return 0 }
            var info = stat()
            return stat(directory.appendingPathComponent(name).path, &info) == 0 ? Int(info.st_size) : 0
        }
        while Date() < deadline && partialSize() == 0 { usleep(10_000) }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        #expect(try Data(contentsOf: file) == text)
        #expect(Self.leftovers(in: directory).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".orig"))
    }

    @Test func aProgressLineIsDrawnOnlyOnATerminal() throws {
        let (directory, _) = try Self.copies()
        defer { try? FileManager.default.removeItem(at: directory) }
        // script(1) gives the command a terminal.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["script", "-qec", "'\(CLITests.binary.path)' run --in-place --jobs 2 '\(directory.path)'", "/dev/null"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let seen = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "script(1) is needed (Debian package bsdutils)")
        #expect(seen.contains("6/6 files") && seen.contains("MB/s") && seen.contains("left"))
    }

    /// Found by review: each of these once lost text or wrote over an output.
    @Test func theSameFileTwiceKeepsItsOriginalAsTheBackup() throws {
        let (directory, files) = try Self.copies()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try Data(contentsOf: files[0])
        let twice = try CLITests.emend(["run", "--in-place", "--jobs", "2", files[0].path, directory.path + "/./a.txt", directory.path])
        #expect(twice.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: files[0].path + ".orig")) == original)
        let expected = try CLITests.emend(["run"], input: Array(original))
        #expect(Array(try Data(contentsOf: files[0])) == expected.stdout)
    }

    @Test func anExplainFileThatIsAnInputIsRefused() throws {
        let (directory, files) = try Self.copies()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try Data(contentsOf: files[0])
        for arguments in [["run", "--explain", files[0].path, files[0].path], ["run", "--in-place", "--explain", files[0].path, files[0].path]] {
            let result = try CLITests.emend(arguments)
            #expect(result.status == 64 && result.stderr.contains("is also an input or the output"))
            #expect(try Data(contentsOf: files[0]) == original)
        }
    }

    @Test func twoInputsOfOneNameCannotShareAnOutputAndAMissingOneStopsNoOther() throws {
        let (directory, files) = try Self.copies()
        defer { try? FileManager.default.removeItem(at: directory) }
        let other = directory.appendingPathComponent("sub/a.txt")
        try FileManager.default.copyItem(at: files[0], to: other)
        let out = directory.appendingPathComponent("out")
        let clash = try CLITests.emend(["run", "--output-dir", out.path, files[0].path, other.path])
        #expect(clash.status == 64 && clash.stderr.contains("would both be written to 'a.txt'"))
        let missing = try CLITests.emend(["run", "--output-dir", out.path, directory.appendingPathComponent("none.txt").path, files[1].path])
        #expect(missing.status == 66 && FileManager.default.fileExists(atPath: out.appendingPathComponent("b.txt").path))
        // A new output file gets the permissions -o would give it, not mkstemp's 0600.
        let single = directory.appendingPathComponent("single.txt")
        #expect(try CLITests.emend(["run", "-o", single.path, files[1].path]).status == 0)
        var batchInfo = stat(), singleInfo = stat()
        stat(out.appendingPathComponent("b.txt").path, &batchInfo)
        stat(single.path, &singleInfo)
        #expect(batchInfo.st_mode & 0o777 == singleInfo.st_mode & 0o777)
    }

    /// A link into another directory (or filesystem) stays a link: the file it
    /// names is rewritten, its backup and temporary file beside it. The backup
    /// was once linked beside the link, which fails (exit 73) when the file is
    /// on another filesystem.
    @Test func inPlaceOnALinkRewritesTheFileItNamesWithTheBackupBesideIt() throws {
        let (directory, files) = try Self.copies()
        defer { try? FileManager.default.removeItem(at: directory) }
        let elsewhere = directory.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let link = elsewhere.appendingPathComponent("link.txt")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: files[0].path)
        let original = try Data(contentsOf: files[0])
        let result = try CLITests.emend(["run", "--in-place", link.path])
        #expect(result.status == 0 && result.stderr == "")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == files[0].path)
        #expect(Array(try Data(contentsOf: files[0])) == (try CLITests.emend(["run"], input: Array(original))).stdout)
        #expect(try Data(contentsOf: URL(fileURLWithPath: files[0].path + ".orig")) == original)
        #expect(!FileManager.default.fileExists(atPath: link.path + ".orig"))
        #expect(Self.leftovers(in: directory).isEmpty)
    }

    /// A link to a file also in the batch once made no output and no message
    /// (the file ran once, under its own name): with --output-dir each name
    /// gets its output; two inputs whose outputs are one file are refused.
    @Test func outputDirWritesAnOutputForEachNameOfAFileAndRefusesTwoInputsForOneOutput() throws {
        let (directory, files) = try Self.copies()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link.txt").path, withDestinationPath: "a.txt")
        let out = directory.deletingLastPathComponent().appendingPathComponent("out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLITests.emend(["run", "--output-dir", out.path, directory.path])
        #expect(result.status == 0 && result.stderr == "")
        let expected = try CLITests.emend(["run", files[0].path]).stdout
        #expect(Array(try Data(contentsOf: out.appendingPathComponent("a.txt"))) == expected)
        #expect(Array(try Data(contentsOf: out.appendingPathComponent("link.txt"))) == expected)
        // out/alias is out itself: a file named directly and alias/b.txt below a
        // directory would both be out/b.txt.
        let other = directory.deletingLastPathComponent().appendingPathComponent("other-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: other) }
        try FileManager.default.createDirectory(at: other.appendingPathComponent("alias"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: files[2], to: other.appendingPathComponent("alias/b.txt"))
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("alias").path, withDestinationPath: ".")
        let before = try Data(contentsOf: out.appendingPathComponent("b.txt"))
        let clash = try CLITests.emend(["run", "--output-dir", out.path, files[1].path, other.path])
        #expect(clash.status == 64)
        #expect(clash.stderr.contains("'\(files[1].path)' and '\(other.path)/alias/b.txt' would both be written"))
        #expect(try Data(contentsOf: out.appendingPathComponent("b.txt")) == before)
    }
}
