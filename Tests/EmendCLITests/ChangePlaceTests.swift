import Foundation
import Testing

/// One place for a change everywhere: `run --report`, `run --explain`, `check`
/// and the HTML report give the input line and the column in characters, in
/// input order, and never print an invisible character raw.
@Suite struct ChangePlaceTests {
    /// Five pages, each with a running head and a folio, where one line gets
    /// three stages' changes: the dehyphenation join pulls "ple " up from it, a
    /// rule-file garble repair follows on it, and a zero-width space (and, on
    /// the first page, a soft hyphen) goes from the next line.
    static let pageLines = [
        "The plenum of the Central Committee met in the spring and heard the report on the",
        "work of the organs; the speakers demanded vigilance against the enemies of the peo-",
        "ple and Comrade Yezhov of the VKP(h) spoke at length in reply.",
        "Nothing\u{200B} else was said that day about the matter before the plenum closed.",
    ]

    static func input() -> String {
        var text = ""
        for page in 1...5 {
            text += "Repression and Legality \(100 + page)\n\n"
            for (index, line) in pageLines.enumerated() {
                text += page == 1 && index == 0 ? line.replacingOccurrences(of: "spring", with: "spr\u{AD}ing") : line
                text += "\n"
            }
            text += "\n\(100 + page)\n\u{0C}"
        }
        return text
    }

    /// The 1-based line and column (in characters) where `needle` first
    /// stands in the input on or after line `from`: found by reading the input.
    static func place(of needle: String, in text: String, from: Int = 1) -> (line: Int, column: Int)? {
        for (index, line) in text.components(separatedBy: "\n").enumerated() where index + 1 >= from {
            if let range = line.range(of: needle) {
                return (index + 1, line.unicodeScalars[..<range.lowerBound].count + 1)
            }
        }
        return nil
    }

    static func scratchFile(_ text: String) throws -> (directory: URL, file: URL) {
        let directory = try ReviewCLITests.scratch()
        let file = directory.appendingPathComponent("pages.txt")
        try Data(text.utf8).write(to: file)
        return (directory, file)
    }

    @Test func reportAndExplainGiveTheSameInputPlacesInInputOrder() throws {
        let text = Self.input()
        let (directory, file) = try Self.scratchFile(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        let audit = directory.appendingPathComponent("changes.jsonl")
        let run = try CLITests.emend(["run", "--report", "--explain", audit.path, file.path])
        #expect(run.status == 0)
        let reported = run.stderr.split(separator: "\n").map(String.init)
        let records = try String(contentsOf: audit, encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        try #require(reported.count == records.count && records.count >= 20)
        // Line by line, the same place and rule.
        for (line, record) in zip(reported, records) {
            let place = "\(file.path):\(record["line"] as! Int):\(record["column"] as! Int): \(record["rule"] as! String)"
            #expect(line.hasPrefix(place), "\(line) is not at \(place)")
        }
        // Input order: offsets rise.
        let offsets = records.map { $0["offset"] as! Int }
        #expect(offsets == offsets.sorted() && Set(offsets).count == offsets.count)

        // Where each change of the first page is, read from the input itself.
        func line(containing needle: String) throws -> String {
            try #require(reported.first { $0.contains(needle) }, "no report line with \(needle)")
        }
        let head = try #require(Self.place(of: "Repression and Legality 101", in: text))
        let join = try #require(Self.place(of: "peo-", in: text))
        let garble = try #require(Self.place(of: "VKP(h)", in: text))
        let invisible = try #require(Self.place(of: "\u{200B}", in: text))
        #expect(try line(containing: "running-head: removed: \"Repression and Legality 101\"")
            .hasPrefix("\(file.path):\(head.line):\(head.column): "))
        #expect(try line(containing: "\"peo-↵ple \" -> \"people↵\"").hasPrefix("\(file.path):\(join.line):\(join.column): dehyphenate:join"))
        // The repair is placed in the input line, not in the line the join made.
        #expect(try line(containing: "\"VKP(h)\" -> \"VKP(b)\"").hasPrefix("\(file.path):\(garble.line):\(garble.column): rules/garbles/"))
        #expect(try line(containing: "\"U+200B\" -> \"\"").hasPrefix("\(file.path):\(invisible.line):\(invisible.column): garbles:"))
        // The soft hyphen is shown by its code point; no invisible character is printed raw.
        #expect(reported.contains { $0.contains("U+00AD") })
        #expect(reported.contains { $0.contains("removed: \"U+000CRepression and Legality 102\"") })
        #expect(!run.stderr.unicodeScalars.contains { $0 == "\u{200B}" || $0 == "\u{AD}" || $0 == "\u{0C}" })
        // The same order as the page: head, join, repair, invisible character.
        let order = ["Legality 101", "peo-", "VKP(h)", "U+200B", "\"101\""].map { needle in reported.firstIndex { $0.contains(needle) } ?? -1 }
        #expect(order == order.sorted() && !order.contains(-1))
        // The audit's JSON escapes invisible characters too, and gives them back exactly.
        let raw = try String(contentsOf: audit, encoding: .utf8)
        #expect(raw.contains("\"before\":\"\\u200b\"") && !raw.unicodeScalars.contains { $0 == "\u{200B}" || $0 == "\u{AD}" })
        #expect(records.contains { $0["before"] as? String == "\u{200B}" })
    }

    @Test func checkPlacesItemsInTheInputAsTheReportDoes() throws {
        // A running head above and a join before the doubtful word move it in the cleaned text.
        var text = Self.input()
        text = text.replacingOccurrences(of: "ple and Comrade Yezhov", with: "ple and Comrade Kurilava")
        let (directory, file) = try Self.scratchFile(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLITests.emend(["check", "--json", file.path])
        #expect(result.status == 0)
        let root = try JSONSerialization.jsonObject(with: Data(result.stdout)) as! [String: Any]
        let items = (root["files"] as! [[String: Any]])[0]["items"] as! [[String: Any]]
        let garble = try #require(items.first { $0["text"] as? String == "Kurilava" })
        let place = try #require(Self.place(of: "Kurilava", in: text))
        #expect(garble["line"] as? Int == place.line && garble["column"] as? Int == place.column)
        let table = try CLITests.emend(["check", file.path])
        #expect(table.text.contains("line:column") && table.text.contains("\(place.line):\(place.column)  Kurilava"))
    }

    @Test func theHTMLReportPlacesChangesAsTheReportDoesAndShowsTheRuleItself() throws {
        let text = Self.input()
        let (directory, file) = try Self.scratchFile(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLITests.emend(["run", "--report", file.path])
        let places = run.stderr.split(separator: "\n").map { line in
            line.dropFirst(file.path.count + 1).split(separator: ":").prefix(2).joined(separator: ":")
        }
        let report = directory.appendingPathComponent("report.html")
        #expect(try CLITests.emend(["diff", "--html", file.path, "-o", report.path]).status == 0)
        let html = try String(contentsOf: report, encoding: .utf8)
        let (rules, rows) = try ReviewCLITests.reportData(html)
        #expect(rows.map { "\($0[1]):\($0[2])" } == places && places.count >= 20)
        // The repair's rule is shown with its own line of the rule file.
        let rule = try #require(rules.first { ($0["rule"] as? String)?.hasPrefix("rules/garbles/") == true }?["rule"] as? String)
        let parts = rule.split(separator: ":")
        let ruleLine = try String(contentsOf: CLITests.root.appendingPathComponent(String(parts[0])), encoding: .utf8)
            .components(separatedBy: "\n")[Int(parts[1])! - 1].trimmingCharacters(in: .whitespaces)
        #expect(ruleLine.contains("VKP(h)"))
        #expect(html.contains("<code>\(ruleLine.replacingOccurrences(of: "\"", with: "&quot;"))</code>"))
        // Invisible characters are code points in the page's data, never raw.
        #expect(rows.contains { $0[4] as? String == "U+200B" } && !html.unicodeScalars.contains { $0 == "\u{200B}" || $0 == "\u{AD}" })
    }
}
