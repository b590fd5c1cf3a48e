import Foundation
import Testing

/// End-to-end tests of the built `emend` binary: stdout, stderr and exit code.
@Suite struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `emend` binary built next to the test bundle.
    static let binary: URL = {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("emend")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/emend")
    }()

    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs emend (`executable`, or the one built) with `arguments` and `input` on standard
    /// input, in `directory` (the package root by default). Standard streams go through
    /// temporary files, so nothing can fill a pipe and block.
    static func emend(_ arguments: [String], input: [UInt8] = [], stdout: FileHandle? = nil,
                      executable: URL? = nil, directory: URL? = nil) throws -> Result {
        let scratch = Scratch.root.appendingPathComponent("emend-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("in"), outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        try Data(input).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? root
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try stdout ?? FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: Array(try Data(contentsOf: outURL)),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent("samples/\(name)")))
    }

    @Test func standardInputToStandardOutputMatchesRunOnAFile() throws {
        let input = try Self.sample("preface.txt")
        let piped = try Self.emend([], input: input)
        #expect(piped.status == 0)
        #expect(piped.stderr == "")
        #expect(!piped.stdout.isEmpty)
        #expect(!piped.text.contains(" \n"))  // trailing spaces are gone
        let named = try Self.emend(["run", "samples/preface.txt"])
        #expect(named.stdout == piped.stdout)
        let twice = try Self.emend(["run", "samples/preface.txt", "-"], input: input)
        #expect(twice.stdout == piped.stdout + piped.stdout)
    }

    /// Standard input from a pipe is kept in a temporary file and surveyed
    /// whole, as a named file is: the same output. `--look-ahead` reads it once.
    @Test func aPipedInputIsSurveyedWhole() throws {
        let input = try Self.sample("preface.txt")
        let process = Process()
        process.executableURL = Self.binary
        process.currentDirectoryURL = Self.root
        let inPipe = Pipe(), outPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        inPipe.fileHandleForWriting.write(Data(input))
        try inPipe.fileHandleForWriting.close()
        let output = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let named = try Self.emend(["run", "samples/preface.txt"])
        #expect(Array(output) == named.stdout)
        let lookAhead = try Self.emend(["run", "--look-ahead", "samples/preface.txt"])
        #expect(lookAhead.status == 0 && lookAhead.stderr == "" && !lookAhead.stdout.isEmpty)
    }

    @Test func writesToAnOutputFile() throws {
        let path = Scratch.root.appendingPathComponent("emend-out-\(UUID().uuidString).txt").path
        let result = try Self.emend(["run", "samples/preface.txt", "-o", path])
        #expect(result.status == 0)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == (try Self.emend(["samples/preface.txt"]).stdout))
    }

    @Test func stagesListsEveryStageWithItsOptions() throws {
        let result = try Self.emend(["stages"])
        #expect(result.status == 0)
        #expect(result.text.contains("normalize"))
        #expect(result.text.contains("whitespace"))
        #expect(result.text.contains("    leading: true or false (default: false)"))
    }

    @Test func schemesExists() throws {
        #expect(try Self.emend(["schemes"]).status == 0)
    }

    @Test(arguments: [
        (["--bogus"], Int32(64), "emend: error: unknown option '--bogus'"),
        (["--stages", "whitespac"], 64, "emend: error: unknown stage 'whitespac' (did you mean 'whitespace'?)"),
        (["no-such-file.txt"], 66, "emend: error: cannot open 'no-such-file.txt': No such file or directory"),
        (["samples"], 64, "emend: error: 'samples' is a directory; to clean each .txt file below it, add --output-dir DIR"),
        (["--pipeline", "no-such.yaml"], 78, "no-such.yaml: error: no such rule file 'no-such.yaml'"),
        (["run", "-o", "/no-such-dir/out.txt"], 73, "emend: error: cannot create '/no-such-dir/out.txt': No such file or directory"),
    ] as [([String], Int32, String)])
    func badArgumentsHaveDistinctExitCodesAndClearMessages(arguments: [String], status: Int32, message: String) throws {
        let result = try Self.emend(arguments, input: Array("text\n".utf8))
        #expect(result.status == status)
        #expect(result.stderr.hasPrefix(message), "stderr was: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func invalidUTF8IsReplacedAndReportedOrRefusedUnderStrict() throws {
        let input: [UInt8] = Array("Ezhov \n".utf8) + [0x45, 0xC5, 0x0A] + Array("ok\n".utf8)
        let lenient = try Self.emend([], input: input)
        #expect(lenient.status == 0)
        #expect(lenient.text == "Ezhov\nE\u{FFFD}\nok\n")
        #expect(lenient.stderr == "emend: warning: <stdin>: replaced 1 invalid UTF-8 sequence with U+FFFD; first at byte offset 8 (line 2, column 2)\n")
        // --report shows the bytes the input had, not the replacement character twice.
        let reported = try Self.emend(["--report"], input: input)
        #expect(reported.stderr.contains("<stdin>:2:1: input:invalid-utf8: \"E\\xC5\" -> \"E\u{FFFD}\"\n"),
                "stderr was: \(reported.stderr)")
        let strict = try Self.emend(["--strict"], input: input)
        #expect(strict.status == 65)
        #expect(strict.stderr == "emend: error: <stdin>:2:2: invalid UTF-8 at byte offset 8 (line 2, column 2)\n")
    }

    @Test func aFullDiskIsAWriteError() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try Self.emend(["samples/preface.txt"], stdout: full)
        #expect(result.status == 74)
        #expect(result.stderr == "emend: error: cannot write output: No space left on device\n")
    }

    @Test func aBrokenRuleFileIsExitCode78WithALocatedMessage() throws {
        let path = Scratch.root.appendingPathComponent("emend-\(UUID().uuidString).yaml").path
        try "stages:\n  - whitespace: {windw: 3}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Self.emend(["run", "--pipeline", path], input: Array("x\n".utf8))
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("\(path):2:18: error: unknown option 'windw' for stage 'whitespace'"))
    }

    /// A 50 MB file with no newline (6 MB in the quick suite, still six
    /// segments of the 1 MiB line limit): cut into bounded segments and written
    /// back whole (it is clean text, so the default pipeline changes nothing).
    @Test func aLineOfManyMegabytesIsProcessedAndNothingIsLost() throws {
        let unit = Array("the party and the state were one; ".utf8)
        let size = FullSuite.pick(50_000_000, quick: 6_000_000)
        var text: [UInt8] = []
        text.reserveCapacity(size + unit.count)
        while text.count < size { text += unit }
        text.removeLast()  // no trailing space
        let input = Scratch.root.appendingPathComponent("emend-50mb-\(UUID().uuidString).txt")
        let output = input.appendingPathExtension("out")
        defer { try? FileManager.default.removeItem(at: input); try? FileManager.default.removeItem(at: output) }
        try Data(text).write(to: input)
        let result = try Self.emend(["run", input.path, "-o", output.path])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(try Data(contentsOf: output) == Data(text))
    }

    @Test func learnCountsTheBooksWordsForTheVocabOption() throws {
        let result = try Self.emend(["learn", "samples/preface.txt", "samples/document-page-break.txt"])
        #expect(result.status == 0)
        let rows = result.text.split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(rows.allSatisfy { $0.count == 2 && Int($0[1]) ?? 0 >= 2 && $0[0].count >= 4 })
        #expect(rows.contains { $0[0] == "party" })
        let counts = rows.compactMap { Int($0[1]) }
        #expect(counts == counts.sorted(by: >))
    }

    @Test func anOutputFileThatIsAlsoAnInputIsRefused() throws {
        let path = Scratch.root.appendingPathComponent("emend-same-\(UUID().uuidString).txt").path
        try "the offi- \ncial text\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Self.emend(["run", path, "-o", path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("is also an input"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the offi- \ncial text\n")
    }

    @Test func aReaderThatStopsEarlyGetsNoErrorMessage() throws {
        // `emend big.txt | head -c 100`: the reader closes the pipe after a little output.
        var big: [UInt8] = []
        let page = try Self.sample("preface.txt")
        while big.count < 8 << 20 { big += page }
        let bigURL = Scratch.root.appendingPathComponent("emend-big-\(UUID().uuidString).txt")
        try Data(big).write(to: bigURL)
        defer { try? FileManager.default.removeItem(at: bigURL) }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = [bigURL.path]
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        _ = outPipe.fileHandleForReading.readData(ofLength: 100)
        try outPipe.fileHandleForReading.close()
        let errors = errPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(errors.isEmpty, "stderr: \(String(decoding: errors, as: UTF8.self))")
        // Killed by SIGPIPE like cat, or exited 0 after EPIPE: both are quiet.
        #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 0)
    }
}
