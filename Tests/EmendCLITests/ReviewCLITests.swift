import Foundation
import Testing

/// `emend run --explain` and `emend diff`: the editor's view of every change.
@Suite struct ReviewCLITests {
    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emend-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static let page = "Tests/EmendTests/Gold/09.raw.txt"

    /// Applies a unified diff to `file` with patch(1); its exit status.
    static func patch(_ file: URL, with diff: [UInt8], in directory: URL) throws -> Int32 {
        let diffFile = directory.appendingPathComponent(file.lastPathComponent + ".diff")
        try Data(diff).write(to: diffFile)
        let patch = Process()
        patch.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        patch.arguments = ["patch", "-s", file.path, diffFile.path]
        try patch.run()
        patch.waitUntilExit()
        return patch.terminationStatus
    }

    @Test func explainWritesOneJSONObjectPerChangeWithItsRuleAndPlace() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let audit = directory.appendingPathComponent("changes.jsonl")
        let result = try CLITests.emend(["run", "--explain", audit.path, Self.page])
        #expect(result.status == 0)
        let lines = try String(contentsOf: audit, encoding: .utf8).split(separator: "\n")
        let records = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.count > 30)
        for record in records {
            #expect(record["file"] as? String == Self.page)
            #expect((record["line"] as? Int ?? 0) > 0 && (record["column"] as? Int ?? 0) > 0 && record["offset"] is Int)
            #expect(record["rule"] as? String != "unattributed" && record["before"] is String && record["after"] is String)
        }
        // A built-in rule names the pipeline line that turns its stage on.
        let join = try #require(records.first { ($0["rule"] as? String)?.hasPrefix("dehyphenate:join") == true })
        #expect(join["kind"] as? String == "joined" && join["source"] as? String == "rules/pipelines/default.yaml:11")
    }

    @Test func theUnifiedDiffAppliesWithPatchToGiveTheOutput() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let diff = try CLITests.emend(["diff", Self.page])
        #expect(diff.status == 0 && diff.text.hasPrefix("--- \(Self.page)\n+++ "))
        #expect(!diff.text.contains("\u{1B}["))  // no colour in a pipe
        let copy = directory.appendingPathComponent("page.txt")
        try FileManager.default.copyItem(at: CLITests.root.appendingPathComponent(Self.page), to: copy)
        try #require(try Self.patch(copy, with: diff.stdout, in: directory) == 0, "patch is needed (Debian package patch)")
        let output = try CLITests.emend([Self.page])
        #expect(Array(try Data(contentsOf: copy)) == output.stdout)
        // Bytes that are not UTF-8 are written as they are, so the diff still applies.
        let broken = directory.appendingPathComponent("broken.txt")
        try Data([0x61, 0x62, 0x63, 0x20, 0xFF, 0x20, 0x64, 0x65, 0x66, 0x20, 0x20, 0x67, 0x0A]).write(to: broken)
        let brokenDiff = try CLITests.emend(["diff", broken.path])
        #expect(brokenDiff.stderr == "emend: warning: \(broken.path): replaced 1 invalid UTF-8 sequence with U+FFFD; first at byte offset 4 (line 1, column 5)\n")
        #expect(try Self.patch(broken, with: brokenDiff.stdout, in: directory) == 0)
        let coloured = try CLITests.emend(["diff", "--color", "always", Self.page])
        #expect(coloured.text.contains("\u{1B}[31m-") && coloured.text.contains("\u{1B}[32m+"))
    }

    @Test func theHTMLReportStandsAloneAndGroupsChangesByRule() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("report.html")
        let result = try CLITests.emend(["diff", "--html", Self.page, "-o", report.path])
        #expect(result.status == 0 && result.stdout.isEmpty)
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        #expect(html.contains("<code>dehyphenate:join:lexicon</code>") && html.contains("<del>") && html.contains("<ins>"))
        // The summary's counts add up to the number of changes rows.
        let rows = html.components(separatedBy: "<td class=\"loc\">").count - 1
        let counts = html.components(separatedBy: "<td class=\"n\">").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(counts.reduce(0, +) == rows && rows > 30)
    }

    /// The report in a real browser: headless Chromium parses it (the rows it
    /// finds are the report's) and draws it without the network.
    @Test func aHeadlessBrowserRendersTheReport() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("report.html")
        #expect(try CLITests.emend(["diff", "--html", Self.page, "-o", report.path]).status == 0)
        func chromium(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(directory.path)/profile"] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, output)
        }
        let dom = try chromium(["--dump-dom", report.absoluteString])
        try #require(dom.status == 0, "chromium is needed (Debian package chromium)")
        let html = try String(contentsOf: report, encoding: .utf8)
        let rows = html.components(separatedBy: "<td class=\"loc\">").count - 1
        #expect(dom.stdout.components(separatedBy: "<td class=\"loc\">").count - 1 == rows && rows > 30)
        #expect(dom.stdout.contains("<title>Changes to \(Self.page)</title>"))
        let screenshot = directory.appendingPathComponent("report.png")
        #expect(try chromium(["--window-size=1300,1500", "--screenshot=\(screenshot.path)", report.absoluteString]).status == 0)
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000)
    }
}
