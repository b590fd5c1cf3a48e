import Foundation
import Testing

/// What a user typing emend by hand meets: a mistyped subcommand, one form for
/// every error, help that says a default once, NO_COLOR, and a directory
/// named without --in-place or --output-dir.
@Suite struct CommandLineHabitsTests {
    typealias Result = CLITests.Result

    static func scratch() throws -> URL {
        let directory = Scratch.root.appendingPathComponent("emend-habits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    // MARK: A mistyped subcommand

    @Test(arguments: [
        (["trnaslit"], "translit"),
        (["trnaslit", "--to", "loc"], "translit"),
        (["stagse"], "stages"),
        (["rnu", "--stages", "whitespace"], "run"),
        (["varaints", "a.txt"], "variants"),
    ] as [([String], String)])
    func aMistypedSubcommandIsNamedWithTheOneMeant(arguments: [String], meant: String) throws {
        let result = try CLITests.emend(arguments, input: Array("text\n".utf8))
        #expect(result.status == 64)
        #expect(result.stderr == "emend: error: unknown command '\(arguments[0])'; did you mean '\(meant)'?\n")
        #expect(result.stdout.isEmpty)
    }

    /// A file of that name is read, and a name that is a path, or far from every
    /// subcommand, is still a file that does not exist.
    @Test func aFileOfSuchANameIsStillReadAsAFile() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("the text  \n".utf8).write(to: directory.appendingPathComponent("trnaslit"))
        let file = try CLITests.emend(["trnaslit"], directory: directory)
        #expect(file.status == 0 && file.text == "the text\n" && file.stderr.isEmpty)
        for name in ["trnaslit.txt", "./stagse", "chapter"] {
            let missing = try CLITests.emend([name], directory: directory)
            #expect(missing.status == 66, "\(name)")
            #expect(missing.stderr == "emend: error: cannot open '\(name)': No such file or directory\n")
        }
    }

    // MARK: One form for every error

    @Test(arguments: [
        ["--bogus"],
        ["translit"],
        ["run", "--jobs", "many", "x.txt"],
        ["run", "--in-place", "--jobs", "0", "x.txt"],
        ["diff", "--context", "-1", "samples/preface.txt"],
        ["--from-encoding", "klingon"],
        ["translit", "--to", "lco"],
        ["variants", "--to", "lco", "samples/preface.txt"],
    ])
    func everyUsageErrorStartsLikeEmendsOwnAndIsExitCode64(arguments: [String]) throws {
        let result = try CLITests.emend(arguments, input: Array("text\n".utf8))
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("emend: error: "), "stderr was: \(result.stderr)")
        #expect(!result.stderr.contains("Error:"), "stderr was: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// An unknown option gets a guess only when one is close: the parser's
    /// own guess for `--bogus` was `--jobs`.
    @Test(arguments: [
        ("--bogus", nil),
        ("--lok-ahead", "--look-ahead"),
        ("--piepline", "--pipeline"),
    ] as [(String, String?)])
    func anUnknownOptionIsGuessedOnlyWhenAGuessIsClose(option: String, guess: String?) throws {
        let result = try CLITests.emend([option], input: Array("text\n".utf8))
        #expect(result.status == 64)
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first == "emend: error: unknown option '\(option)'" + (guess.map { ". Did you mean '\($0)'?" } ?? ""))
    }

    /// Help and the version are no errors: standard output, exit code 0.
    @Test func helpAndVersionStillGoToStandardOutput() throws {
        for arguments in [["--help"], ["help", "run"], ["run", "--help"], ["--version"]] {
            let result = try CLITests.emend(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(!result.stdout.isEmpty && result.stderr.isEmpty, "\(arguments)")
        }
    }

    // MARK: Help

    /// Each option's entry in every command's help names its default at most once.
    @Test(arguments: ["run", "diff", "check", "variants", "translit", "learn"])
    func helpNamesEachDefaultOnce(command: String) throws {
        let help = try CLITests.emend([command, "--help"]).text
        // An entry begins with an indented option or argument; its wrapped lines are indented further.
        var entries: [String] = []
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  ") && !line.hasPrefix("   ") || entries.isEmpty { entries.append(String(line)) } else { entries[entries.count - 1] += " " + line }
        }
        for entry in entries {
            let defaults = entry.components(separatedBy: "(default").count - 1
            #expect(defaults <= 1, "\(entry)")
        }
        if command == "run" {
            let jobs = try #require(entries.first { $0.contains("--jobs") })
            #expect(jobs.contains("the number of cores") && jobs.components(separatedBy: "(default").count == 2)
        }
    }

    // MARK: NO_COLOR

    /// Runs `emend diff` on a terminal (script(1)) with NO_COLOR as given
    /// (nil: not set) and tells whether the diff came out coloured.
    static func diffIsColoured(noColor: String?) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["script", "-qec", "'\(CLITests.binary.path)' diff samples/preface.txt", "/dev/null"]
        process.currentDirectoryURL = CLITests.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = noColor
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let seen = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "script(1) is needed (Debian package bsdutils)")
        #expect(seen.contains("+++ samples/preface.txt (emend)"))
        return seen.contains("\u{1B}[31m-")
    }

    /// no-color.org: only a NO_COLOR that is set and not empty turns colour off.
    @Test func onlyANonEmptyNoColorTurnsColourOff() throws {
        #expect(try Self.diffIsColoured(noColor: nil))
        #expect(try Self.diffIsColoured(noColor: ""))
        #expect(try !Self.diffIsColoured(noColor: "1"))
    }

    // MARK: A directory

    /// Without --in-place or --output-dir a directory has no output of its own:
    /// a usage error that names both, before anything is written.
    @Test func aDirectoryWithoutABatchOptionIsAUsageErrorNamingThem() throws {
        for arguments in [["run", "samples"], ["samples"], ["run", "samples/preface.txt", "samples"]] {
            let result = try CLITests.emend(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.hasPrefix("emend: error: 'samples' is a directory; "))
            #expect(result.stderr.contains("--output-dir") && result.stderr.contains("--in-place"))
            #expect(result.stdout.isEmpty)
        }
        // With --output-dir the same directory is cleaned file by file.
        let out = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: out) }
        let batch = try CLITests.emend(["run", "--output-dir", out.path, "samples"])
        #expect(batch.status == 0)
        let single = try CLITests.emend(["run", "samples/preface.txt"])
        #expect(Array(try Data(contentsOf: out.appendingPathComponent("preface.txt"))) == single.stdout)
    }
}
