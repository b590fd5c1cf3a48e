import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Nothing the user had is lost: an output file is replaced only by a run that
/// succeeded, and a file is never rewritten into something it was not.
@Suite struct OutputSafetyTests {
    static let precious = Array("the text of another day\n".utf8)

    static func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map(Array.init)
    }

    @Test func aFailedRunLeavesTheOutputFileAsItWas() throws {
        let dir = try BadInputTests.scratch(["keep.txt": Self.precious, "bad.txt": [0x61, 0xFF, 0x0A], "good.txt": Array("op. 2 \n".utf8)])
        // The input is missing: nothing was read, so nothing is written.
        let missing = try CLITests.emend(["run", "\(dir)/missing.txt", "-o", "\(dir)/keep.txt"])
        #expect(missing.status == 66)
        #expect(Self.contents("\(dir)/keep.txt") == Self.precious)
        // --strict stops at invalid UTF-8, after the first file was cleaned.
        let strict = try CLITests.emend(["run", "--strict", "\(dir)/good.txt", "\(dir)/bad.txt", "-o", "\(dir)/keep.txt"])
        #expect(strict.status == 65)
        #expect(Self.contents("\(dir)/keep.txt") == Self.precious)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["bad.txt", "good.txt", "keep.txt"])
        // A run that succeeds replaces it; a device is written as it is.
        let done = try CLITests.emend(["run", "\(dir)/good.txt", "-o", "\(dir)/keep.txt"])
        #expect(done.status == 0 && Self.contents("\(dir)/keep.txt") == Array("op. 2\n".utf8))
        #expect(try CLITests.emend(["run", "\(dir)/good.txt", "-o", "/dev/null"]).status == 0)
    }

    /// Listings and help go through the C library's buffer, written at exit:
    /// a full disk there is a write error too, for every command.
    @Test(arguments: [["stages"], ["schemes"], ["--help"], ["--version"], ["run", "--help"], []])
    func aFullDiskOnStandardOutputIsAWriteError(arguments: [String]) throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try CLITests.emend(arguments, input: Array("op. 2 \n".utf8), stdout: full)
        #expect(result.status == 74)
        #expect(result.stderr.hasSuffix("No space left on device\n"))
    }

    /// A FIFO (or a device) given to --in-place was read and replaced by a
    /// regular file; a FIFO with no writer hung. Run with a time limit.
    @Test func inPlaceLeavesAFIFOAndADeviceAsTheyAre() throws {
        let dir = try BadInputTests.scratch()
        #expect(mkfifo("\(dir)/fifo.txt", 0o644) == 0)
        var names = ["fifo.txt"]
        if getuid() == 0, mknod("\(dir)/null.txt", S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 { names.append("null.txt") }
        for name in names {
            let process = Process()
            process.executableURL = CLITests.binary
            process.arguments = ["run", "--in-place", "--no-backup", "\(dir)/\(name)"]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            #expect(process.terminationStatus == 66, "\(name)")
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(message == "emend: error: '\(dir)/\(name)' is not a regular file (a device, a FIFO or a socket); --in-place rewrites only regular files\n")
            var info = stat()
            #expect(lstat("\(dir)/\(name)", &info) == 0 && (info.st_mode & S_IFMT) == (name == "fifo.txt" ? S_IFIFO : S_IFCHR))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == names.sorted())
    }

    @Test(.enabled(if: getuid() == 0, "only root gives a file away"))
    func inPlaceKeepsTheOwner() throws {
        let dir = try BadInputTests.scratch(["a.txt": Array("op. 2 \n".utf8)])
        #expect(chown("\(dir)/a.txt", 4321, 4322) == 0)
        #expect(try CLITests.emend(["run", "--in-place", "\(dir)/a.txt"]).status == 0)
        var info = stat()
        #expect(stat("\(dir)/a.txt", &info) == 0 && info.st_uid == 4321 && info.st_gid == 4322)
        #expect(Self.contents("\(dir)/a.txt") == Array("op. 2\n".utf8))
    }

    /// A windows-1251 book read as UTF-8 is all invalid sequences: rewritten in
    /// place, every Cyrillic word became U+FFFD and only the backup (if any) kept it.
    @Test func inPlaceLeavesAFileThatIsNotUTF8AsItWas() throws {
        let windows1251: [UInt8] = [0xCD, 0xE0, 0xF0, 0xEA, 0xEE, 0xEC, 0x20, 0xC5, 0xE6, 0xEE, 0xE2, 0x0A]
        let dir = try BadInputTests.scratch(["book.txt": windows1251])
        let refused = try CLITests.emend(["run", "--in-place", "--no-backup", "\(dir)/book.txt"])
        #expect(refused.status == 65)
        #expect(refused.stderr == "emend: error: \(dir)/book.txt: left as it was: it is not UTF-8 (10 invalid sequences, the first at byte offset 0, line 1, column 1), and rewriting it would replace them with U+FFFD; it reads as windows-1251: rerun with --from-encoding windows-1251, or pass --allow-replacement\n")
        #expect(Self.contents("\(dir)/book.txt") == windows1251)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["book.txt"])
        let named = try CLITests.emend(["run", "--in-place", "--no-backup", "--from-encoding", "windows-1251", "\(dir)/book.txt"])
        #expect(named.status == 0 && Self.contents("\(dir)/book.txt") == Array("Нарком Ежов\n".utf8))
        #expect(FileManager.default.createFile(atPath: "\(dir)/book.txt", contents: Data(windows1251)))
        let allowed = try CLITests.emend(["run", "--in-place", "--no-backup", "--allow-replacement", "\(dir)/book.txt"])
        let replaced = try CLITests.emend(["run"], input: windows1251).stdout
        #expect(replaced.count > windows1251.count)
        #expect(allowed.status == 0 && Self.contents("\(dir)/book.txt") == replaced)
    }

    @Test func anExplainFileThatIsAlsoANewOutputFileIsRefused() throws {
        let dir = try BadInputTests.scratch(["in.txt": Array("op. 2 \n".utf8)])
        for (explain, output) in [("\(dir)/out", "\(dir)/out"), ("\(dir)/out", "\(dir)/./out")] {
            let result = try CLITests.emend(["run", "\(dir)/in.txt", "--explain", explain, "-o", output])
            #expect(result.status == 64)
            #expect(result.stderr == "emend: error: the --explain file '\(explain)' is also an input or the output; write it to another file\n")
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/out"))
        }
    }
}
