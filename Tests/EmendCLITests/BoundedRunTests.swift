import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Hostile rule files and input that once made emend run for ever, or for
/// minutes: each run here has a time limit, and is stopped when it passes it.
@Suite struct BoundedRunTests {
    struct Run {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var seconds: Double
        var finished: Bool
    }

    /// Runs emend on `input`, stopping it (SIGKILL) after `limit` seconds.
    static func emend(_ arguments: [String], input: [UInt8], limit: Double) throws -> Run {
        let scratch = try BadInputTests.scratch(["in": input, "out": [], "err": []])
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLITests.root
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: "\(scratch)/in"))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(scratch)/out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(scratch)/err"))
        let started = Date()
        try process.run()
        while process.isRunning && Date().timeIntervalSince(started) < limit { usleep(20_000) }
        let finished = !process.isRunning
        if !finished { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: Array(try Data(contentsOf: URL(fileURLWithPath: "\(scratch)/out"))),
                   stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: "\(scratch)/err")), as: UTF8.self),
                   seconds: Date().timeIntervalSince(started), finished: finished)
    }

    /// A pipeline whose garbles stage reads `rules` (the text of a garbles rule file).
    static func garblesPipeline(_ rules: String) throws -> String {
        let dir = try BadInputTests.scratch([
            "x.yaml": Array("stages:\n  - garbles: {rules-file: g.yaml}\n".utf8),
            "g.yaml": Array(rules.utf8),
        ])
        return "\(dir)/x.yaml"
    }

    @Test func aReplacementThatHoldsItsFindEnds() throws {
        let pipeline = try Self.garblesPipeline("replacements:\n  - {find: 'Mr', replace: 'Mr.'}\n  - {find: 'a', replace: 'aa'}\n")
        let result = try Self.emend(["run", "--pipeline", pipeline], input: Array("Mr Smith saw Mr Jones.\n".utf8), limit: 30)
        #expect(result.finished)
        #expect(result.status == 0)
        #expect(String(decoding: result.stdout, as: UTF8.self) == "Mr. Smith saaw Mr. Jones.\n")
    }

    /// Each rule added once recomputed the byte-pair features of every rule
    /// before it: 300,000 replacements took over two minutes to load, 200,000 a minute (release).
    @Test func manyReplacementsLoadInLinearTime() throws {
        var rules = "replacements:\n"
        for index in 0..<200_000 { rules += "  - {find: 'q\(index)z', replace: 'x'}\n" }
        let pipeline = try Self.garblesPipeline(rules)
        let result = try Self.emend(["run", "--pipeline", pipeline], input: Array("a q199999z b\n".utf8), limit: 45)
        #expect(result.finished)
        #expect(result.status == 0 && String(decoding: result.stdout, as: UTF8.self) == "a x b\n")
    }

    /// Repairs that change a line's length moved the rest of the line at each
    /// one (a replacement shifted its bytes, a join removed its tokens in
    /// place): a 1 MiB line of split years took 7 s in the release build, this
    /// 4 MiB one about a minute. Linear now: a few seconds in a debug build.
    @Test func aLongLineOfRepairsTakesLinearTime() throws {
        let count = (1 << 22) / 13
        let input = Array((String(repeating: "193 5, VKPb) ", count: count) + "\n").utf8)
        let result = try Self.emend(["run", "--stages", "garbles", "--max-line-bytes", "\(1 << 22)"], input: input, limit: 40)
        #expect(result.finished)
        #expect(result.status == 0)
        #expect(result.stdout == Array((String(repeating: "1935, VKP(b) ", count: count) + "\n").utf8))
    }

    /// A furniture pattern with no nested repetition can still backtrack for
    /// minutes on one line: it is stopped, named, and the run ends with the
    /// rule-file exit code, as for a garbles phrase.
    @Test func aFurniturePatternThatRunsTooLongIsStoppedAndNamed() throws {
        let dir = try BadInputTests.scratch([
            "x.yaml": Array("stages:\n  - page-structure: {furniture: f.yaml}\n".utf8),
            "f.yaml": Array(("running-heads:\n  - \"" + String(repeating: "[a-z ]*", count: 9) + "x\"\n").utf8),
        ])
        let head = "Aaaaaaaaaaaaa " + Array(repeating: "aaaaaaaaaaaaa", count: 6).joined(separator: " ") + " 12"
        let input = Array("Some text here.\n\n\(head)\n\nMore text.\n".utf8)
        let result = try Self.emend(["run", "--pipeline", "\(dir)/x.yaml"], input: input, limit: 30)
        #expect(result.finished)
        #expect(result.status == 78)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "\(dir)/f.yaml:2: error: the pattern of this page-structure rule ran for more than 0.5 s on input line 3 and was stopped; it backtracks too much: make it more specific\n")
    }

    /// Each alias names the two before it, twice, as mapping keys: 25 short
    /// lines that stand for 2^25 nodes, every key hashed whole when composed.
    @Test func aliasesThatExpandWithoutBoundAreRefused() throws {
        var lines = ["a0: &a0 [x, y]"]
        for index in 1..<25 { lines.append("a\(index): &a\(index) {*a\(index - 1) : 1, [*a\(index - 1)] : 2}") }
        let dir = try BadInputTests.scratch(["x.yaml": Array((lines.joined(separator: "\n") + "\nstages: [whitespace]\n").utf8)])
        let result = try Self.emend(["run", "--pipeline", "\(dir)/x.yaml"], input: Array("a  b\n".utf8), limit: 30)
        #expect(result.finished)
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("\(dir)/x.yaml:18:32: error: not a rule file: its aliases expand to more than 1000000 nodes\n"))
        // A few aliases are still YAML like any other.
        let small = try BadInputTests.scratch(["x.yaml": Array("stages: [&s whitespace, *s]\n".utf8)])
        #expect(try Self.emend(["run", "--pipeline", "\(small)/x.yaml"], input: Array("a  b\n".utf8), limit: 30).stdout == Array("a b\n".utf8))
    }

    /// Nine files, each including the one below it ten times: the bottom one
    /// was loaded a billion times. Each file is now loaded once, its stages
    /// coming in at its first include.
    @Test func aFileIncludedManyTimesIsLoadedOnce() throws {
        var files = ["f0.yaml": Array("stages: [whitespace]\n".utf8)]
        for level in 1...9 {
            files["f\(level).yaml"] = Array(("include: [" + Array(repeating: "f\(level - 1).yaml", count: 10).joined(separator: ", ") + "]\n").utf8)
        }
        let dir = try BadInputTests.scratch(files)
        let result = try Self.emend(["run", "--pipeline", "\(dir)/f9.yaml"], input: Array("a  b\n".utf8), limit: 30)
        #expect(result.finished)
        #expect(result.status == 0 && result.stdout == Array("a b\n".utf8))
    }
}

/// Memory on a line with no end: the audit of `--explain` once held the whole
/// line and compared it at once (about 30 bytes a byte of input: 480 MB for
/// 16 MB, 1.7 GB for 64 MB in the release build); it compares a segment at a
/// time now, and the stages hold their windows by bytes too.
@Suite struct LongLineMemoryTests {
    /// Runs emend with `input` as its standard input and its standard output
    /// thrown away; returns its exit status, standard error and peak resident
    /// memory in KB, read from `wait4` for this child alone (other tests' runs
    /// at the same time do not count).
    static func peakMemory(_ arguments: [String], input: String) throws -> (status: Int32, stderr: String, kilobytes: Int) {
        let error = input + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, error, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // GNU time forks emend from its own small process: a child spawned from
        // this (large, multi-threaded) test process shares its memory until
        // exec, and its peak would count the test process's own.
        let measured = input + ".time"
        let argv = (["/usr/bin/time", "-f", "%M", "-o", measured, CLITests.binary.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/time", &actions, nil, argv, environ)
        try #require(spawned == 0, "/usr/bin/time (Debian: time) is needed to measure a run's peak memory")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let report = (try? String(contentsOfFile: measured, encoding: .utf8)) ?? ""
        let kilobytes = try #require(report.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                                     "no peak in \(report.debugDescription)")
        return (exit, (try? String(contentsOfFile: error, encoding: .utf8)) ?? "", kilobytes)
    }

    /// 16 MB on one line, a doubled space every ten thousand words: the debug
    /// build's peak stays far under 200 MB (the old code took 420 MB with the
    /// whitespace stage alone, 450 MB with the whole pipeline), and the audit
    /// has a record for each doubled space.
    @Test func explainOnALineOfSixteenMegabytesStaysSmall() throws {
        let dir = try BadInputTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let words = ["the", "archive", "of", "the", "party", "and", "the", "plenum", "in", "Moscow"]
        var text: [UInt8] = []
        text.reserveCapacity(16_100_000)
        var doubled = 0
        var index = 0
        while text.count < 16_000_000 {
            text += words[index % words.count].utf8
            text.append(0x20)
            if index % 10_000 == 5_000 { text.append(0x20); doubled += 1 }
            index += 1
        }
        text += Array("end".utf8)
        let input = "\(dir)/line.txt"
        try Data(text).write(to: URL(fileURLWithPath: input))
        // The whole pipeline in the full suite; the audit alone (the whitespace stage) in the quick one.
        let stages = FullSuite.pick([String](), quick: ["--stages", "whitespace"])
        let run = try Self.peakMemory(["run", "--explain", "\(dir)/audit.jsonl"] + stages, input: input)
        #expect(run.status == 0 && run.stderr == "")
        #expect(run.kilobytes < 200_000, "peak \(run.kilobytes) KB")
        let records = try String(contentsOfFile: "\(dir)/audit.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(records.count == doubled)
        #expect(records.allSatisfy { $0.contains("\"stage\":\"whitespace\"") && $0.contains("\"before\":\" \",\"after\":\"\"") })
    }
}
