import Foundation
import Testing

/// `emend run --explain` and `emend diff`: the editor's view of every change.
@Suite struct ReviewCLITests {
    static func scratch() throws -> URL {
        let directory = Scratch.root.appendingPathComponent("emend-review-\(UUID().uuidString)")
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

    /// The data the report's script draws: its rules and its rows.
    static func reportData(_ html: String) throws -> (rules: [[String: Any]], rows: [[Any]]) {
        let open = "<script type=\"application/json\" id=\"data\">"
        let start = try #require(html.range(of: open)).upperBound
        let end = try #require(html.range(of: "</script>", range: start..<html.endIndex)).lowerBound
        let root = try JSONSerialization.jsonObject(with: Data(html[start..<end].utf8)) as! [String: Any]
        return (root["rules"] as! [[String: Any]], root["rows"] as! [[Any]])
    }

    /// The audit of a run over `file` (`run --explain`), one dictionary a change.
    static func explain(_ file: String, in directory: URL) throws -> [[String: Any]] {
        let audit = directory.appendingPathComponent("changes-\(UUID().uuidString).jsonl")
        #expect(try CLITests.emend(["run", "--explain", audit.path, file]).status == 0)
        return try String(contentsOf: audit, encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    /// Spaces, tabs and line breaks aside, the same text.
    static func spacingOnly(_ record: [String: Any]) -> Bool {
        func letters(_ key: String) -> String { (record[key] as! String).filter { !" \t\n\r".contains($0) } }
        return letters("before") == letters("after")
    }

    @Test func theHTMLReportStandsAloneAndHoldsEveryChangeWhereTheAuditPlacesIt() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("report.html")
        // Fewer rows a page than changes: every change is still in the page.
        let result = try CLITests.emend(["diff", "--html", "--rows-per-page", "10", Self.page, "-o", report.path])
        #expect(result.status == 0 && result.stdout.isEmpty)
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        // Nothing from the network: no address, no external script, style sheet or font.
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src=") && !html.contains("<link"))
        let (rules, rows) = try Self.reportData(html)
        let records = try Self.explain(Self.page, in: directory)
        #expect(rows.count == records.count && rows.count > 30)
        // Each row where the audit places it, in input order, with its rule and text.
        for (row, record) in zip(rows, records) {
            let rule = rules[row[0] as! Int]
            #expect(row[1] as? Int == record["line"] as? Int && row[2] as? Int == record["column"] as? Int)
            #expect(rule["rule"] as? String == record["rule"] as? String && rule["stage"] as? String == record["stage"] as? String)
            #expect(row[4] as? String == record["before"] as? String && row[5] as? String == record["after"] as? String)
            #expect((row[3] as? Int == 1) == Self.spacingOnly(record))
        }
        // The table's counts add up to the changes.
        let counts = html.components(separatedBy: "<td class=\"n\">").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(counts.reduce(0, +) == records.count && counts.count == rules.count)
        // Context: the words before and after each change come from the input.
        let input = try String(contentsOf: CLITests.root.appendingPathComponent(Self.page), encoding: .utf8)
        for row in rows where !(row[6] as! String).isEmpty && !(row[4] as! String).isEmpty {
            #expect(input.contains((row[6] as! String) + (row[4] as! String) + (row[7] as! String)))
        }
    }

    /// Runs headless Chromium with `arguments`; its exit status and standard output.
    static func chromium(_ arguments: [String], profile: URL) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)/profile"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// The rows the page's script drew: each row's place and changed text.
    static func drawnRows(_ dom: String) -> [(place: String, changed: String)] {
        dom.components(separatedBy: "<td class=\"loc\">").dropFirst().map { row in
            let place = String(row.prefix { $0 != "<" })
            let changed = ["<del>", "<ins>"].map { tag in
                row.components(separatedBy: tag).dropFirst().first.map { String($0.prefix { $0 != "<" }) } ?? ""
            }
            return (place, changed.joined(separator: "\u{0}"))
        }
    }

    static func matching(_ dom: String) -> Int? {
        guard let range = dom.range(of: "data-matching=\"") else { return nil }
        return Int(dom[range.upperBound...].prefix { $0.isNumber })
    }

    /// The report in a real browser: headless Chromium runs the page's script,
    /// which draws the rows, and filters and searches them as the URL fragment says.
    @Test func aHeadlessBrowserFiltersAndSearchesTheReport() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("report.html")
        #expect(try CLITests.emend(["diff", "--html", "--rows-per-page", "8", Self.page, "-o", report.path]).status == 0)
        let records = try Self.explain(Self.page, in: directory)
        let dom = try Self.chromium(["--dump-dom", report.absoluteString], profile: directory)
        try #require(dom.status == 0, "chromium is needed (Debian package chromium)")
        #expect(dom.stdout.contains("<title>Changes to \(Self.page)</title>"))
        // Every change matches; the first page of them is drawn, in input order.
        #expect(Self.matching(dom.stdout) == records.count)
        let first = Self.drawnRows(dom.stdout)
        #expect(first.map(\.place) == records.prefix(8).map { "\($0["line"]!):\($0["column"]!)" })
        // The third page.
        let third = try Self.chromium(["--dump-dom", report.absoluteString + "#page=3"], profile: directory)
        #expect(Self.drawnRows(third.stdout).map(\.place) == records.dropFirst(16).prefix(8).map { "\($0["line"]!):\($0["column"]!)" })
        // Changes of spacing hidden, and a search over the changed text.
        let substantive = records.filter { !Self.spacingOnly($0) }
        let hidden = try Self.chromium(["--dump-dom", report.absoluteString + "#hide=whitespace"], profile: directory)
        #expect(Self.matching(hidden.stdout) == substantive.count && substantive.count < records.count && substantive.count > 3)
        let searched = try Self.chromium(["--dump-dom", report.absoluteString + "#hide=whitespace&q=-"], profile: directory)
        let hyphenated = substantive.filter { ($0["before"] as! String).contains("-") || ($0["after"] as! String).contains("-") }
        #expect(Self.matching(searched.stdout) == hyphenated.count && hyphenated.count > 2)
        #expect(Self.drawnRows(searched.stdout).allSatisfy { $0.changed.contains("-") })
        // One stage hidden, by its checkbox's name in the fragment.
        let noJoins = try Self.chromium(["--dump-dom", report.absoluteString + "#hide=stage:dehyphenate"], profile: directory)
        #expect(Self.matching(noJoins.stdout) == records.filter { $0["stage"] as? String != "dehyphenate" }.count)
        #expect(noJoins.stdout.contains("data-stage=\"dehyphenate\">") && !Self.drawnRows(noJoins.stdout).isEmpty)
        let screenshot = directory.appendingPathComponent("report.png")
        #expect(try Self.chromium(["--window-size=1300,1500", "--screenshot=\(screenshot.path)", report.absoluteString],
                                  profile: directory).status == 0)
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000)
    }

    /// Markup in the input stays text: in the page's data and in what the browser draws.
    @Test func markupInTheInputIsNeverMarkupInTheReport() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let hostile = """
            The <b>plan</b> was  </script><img src=x onerror="document.title='injected'"> carried out  
            in full, &amp; then <script>document.title='injected'</script>  revised\u{200B} again.  

            """
        let input = directory.appendingPathComponent("hostile.txt")
        try Data(hostile.utf8).write(to: input)
        let report = directory.appendingPathComponent("report.html")
        #expect(try CLITests.emend(["diff", "--html", input.path, "-o", report.path]).status == 0)
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(!html.contains("<img") && !html.contains("<b>") && html.components(separatedBy: "<script").count == 3)
        let (_, rows) = try Self.reportData(html)
        #expect(rows.count >= 3 && rows.contains { ($0[6] as! String).contains("</script><img") || ($0[7] as! String).contains("</script><img") })
        let dom = try Self.chromium(["--dump-dom", report.absoluteString], profile: directory)
        try #require(dom.status == 0, "chromium is needed (Debian package chromium)")
        #expect(Self.matching(dom.stdout) == rows.count)
        #expect(!dom.stdout.contains("<img") && !dom.stdout.contains("<b>") && !dom.stdout.contains("injected</title>"))
        #expect(dom.stdout.contains("&lt;/script&gt;&lt;img src=x") || dom.stdout.contains("&lt;script&gt;document.title"))
        #expect(dom.stdout.contains("<span class=\"cp\">U+200B</span>"))
        // An invisible character is found by its code point, as it is shown.
        let invisible = try Self.chromium(["--dump-dom", report.absoluteString + "#q=U+200B"], profile: directory)
        #expect(Self.matching(invisible.stdout) == 1 && invisible.stdout.contains("<del><span class=\"cp\">U+200B</span></del>"))
    }
}
