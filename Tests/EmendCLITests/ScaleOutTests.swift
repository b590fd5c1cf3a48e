import Foundation
import Testing

/// The README's scale-out forms, run locally: GNU parallel handing files to
/// emend gives what emend gives on each file alone.
@Suite struct ScaleOutTests {
    /// GNU parallel (Debian: parallel), when it is installed.
    static let parallel: String? = ["/usr/bin/parallel", "/usr/local/bin/parallel"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Raw scan pages of the repository, and emend's output for each, run alone.
    static func pagesAndOutputs() throws -> [(path: String, output: [UInt8])] {
        let samples = ["preface.txt", "footnotes-and-running-head.txt", "document-page-break.txt"].map { "samples/" + $0 }
        let gold = ["01", "07", "13"].map { "Tests/EmendTests/Gold/\($0).raw.txt" }
        return try (samples + gold).map { relative in
            let path = CLITests.root.appendingPathComponent(relative).path
            let alone = try CLITests.emend([path])
            #expect(alone.status == 0)
            return (path, alone.stdout)
        }
    }

    /// Runs GNU parallel with `arguments`; standard output as bytes.
    static func runParallel(_ arguments: [String]) throws -> (status: Int32, stdout: [UInt8]) {
        let output = Scratch.root.appendingPathComponent("emend-parallel-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(parallel))
        process.arguments = ["--will-cite"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, Array(try Data(contentsOf: output)))
    }

    static func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @Test(.enabled(if: parallel != nil, "skipped: GNU parallel is not installed (Debian: apt-get install parallel)"))
    func parallelKeepingOrderGivesTheOutputsOfEachFileInTurn() throws {
        let pages = try Self.pagesAndOutputs()
        let result = try Self.runParallel(["-j", "2", "-k", CLITests.binary.path, ":::"] + pages.map(\.path))
        #expect(result.status == 0)
        #expect(result.stdout == pages.flatMap(\.output))
    }

    @Test(.enabled(if: parallel != nil, "skipped: GNU parallel is not installed (Debian: apt-get install parallel)"))
    func parallelWritingOneOutputPerFileGivesEachFilesOutput() throws {
        let pages = try Self.pagesAndOutputs()
        let directory = Scratch.root.appendingPathComponent("emend-parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The README's form: one job per file, each output beside the others under its own name.
        let command = "\(Self.shellQuoted(CLITests.binary.path)) {} -o \(Self.shellQuoted(directory.path))/{/}"
        let result = try Self.runParallel(["-j", "2", command, ":::"] + pages.map(\.path))
        #expect(result.status == 0)
        for page in pages {
            let written = try Data(contentsOf: directory.appendingPathComponent((page.path as NSString).lastPathComponent))
            #expect(Array(written) == page.output, "\(page.path)")
        }
    }
}
