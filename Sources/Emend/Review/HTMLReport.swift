import Foundation

/// Renders an `AuditedText` as one self-contained HTML page (no script, no
/// network): the changes grouped by stage and rule with counts, each shown
/// side by side, the input line and the output line, the changed text marked.
public enum HTMLReport {
    /// - Parameter stageOrder: the pipeline's stage names: sections follow it
    ///   (stages it does not name come after, in the order they first change something).
    public static func render(_ text: AuditedText, title: String, stageOrder: [String] = [], examplesPerRule: Int = 200) -> String {
        struct Group { var stage: String; var rule: String; var source: String?; var records: [Int] = [] }
        var groups: [Group] = []
        var groupIndex: [String: Int] = [:]
        for (index, record) in text.records.enumerated() {
            let key = record.stage + "\u{0}" + record.rule
            if groupIndex[key] == nil {
                groupIndex[key] = groups.count
                groups.append(Group(stage: record.stage, rule: record.rule))
            }
            groups[groupIndex[key]!].records.append(index)
        }
        // Stages in pipeline order, rules by count within a stage.
        var position = Dictionary(stageOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: min)
        for group in groups where position[group.stage] == nil { position[group.stage] = position.count }
        groups.sort { (position[$0.stage]!, -$0.records.count, $0.rule) < (position[$1.stage]!, -$1.records.count, $1.rule) }

        let changedBytes = text.records.reduce(0) { $0 + $1.beforeBytes.count }
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Changes to \(escape(title))</title>
            <style>\(style)</style></head><body>
            <header><h1>Changes to <code>\(escape(title))</code></h1>
            <p>\(text.records.count) changes; \(changedBytes) of \(text.input.count) input bytes replaced. \
            Each row shows the input line and the output line; <del>removed</del> and <ins>added</ins> text is marked, \
            a space as <span class="ws">␣</span>, a line break as <span class="ws">↵</span>.</p></header>
            <nav><table class="summary"><thead><tr><th>Stage</th><th>Rule</th><th class="n">Changes</th></tr></thead><tbody>

            """
        for (number, group) in groups.enumerated() {
            html += "<tr><td>\(escape(group.stage))</td><td><a href=\"#rule-\(number)\">\(escape(group.rule))</a></td>"
                + "<td class=\"n\">\(group.records.count)</td></tr>\n"
        }
        html += "</tbody></table></nav>\n"
        for (number, group) in groups.enumerated() {
            html += "<section id=\"rule-\(number)\"><h2>\(escape(group.stage)) · <code>\(escape(group.rule))</code> "
                + "<span class=\"count\">\(group.records.count)</span></h2>\n"
                + "<table class=\"side\"><thead><tr><th>Line</th><th>Input</th><th>Output</th></tr></thead><tbody>\n"
            for index in group.records.prefix(examplesPerRule) {
                let record = text.records[index]
                let old = marked(text.input, span: record.offset..<(record.offset + record.beforeBytes.count), tag: "del", text: text)
                let new = marked(text.output, span: text.outputOffsets[index]..<(text.outputOffsets[index] + record.afterBytes.count),
                                 tag: "ins", text: text)
                html += "<tr><td class=\"loc\">\(record.line):\(record.column)</td><td class=\"old\">\(old)</td><td class=\"new\">\(new)</td></tr>\n"
            }
            html += "</tbody></table>\n"
            if group.records.count > examplesPerRule {
                html += "<p class=\"more\">… and \(group.records.count - examplesPerRule) more: <code>emend run --explain</code> lists every one.</p>\n"
            }
            html += "</section>\n"
        }
        return html + "</body></html>\n"
    }

    /// The lines around `span` in `bytes`, escaped, with the span wrapped in `tag`.
    private static func marked(_ bytes: [UInt8], span: Range<Int>, tag: String, text: AuditedText) -> String {
        let start = text.lineStart(before: span.lowerBound, in: bytes)
        var end = span.upperBound
        // The rest of the line the span ends in (none when it ends with its line).
        if span.isEmpty || bytes[span.upperBound - 1] != 0x0A {
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        }
        let before = String(decoding: bytes[start..<span.lowerBound], as: UTF8.self)
        let inside = String(decoding: bytes[span], as: UTF8.self)
        let after = String(decoding: bytes[span.upperBound..<end], as: UTF8.self)
        let visible = escape(inside).replacingOccurrences(of: " ", with: "<span class=\"ws\">␣</span>")
            .replacingOccurrences(of: "\n", with: "<span class=\"ws\">↵</span>\n")
        return escape(before) + "<\(tag)>\(visible)</\(tag)>" + escape(after)
    }

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\r": break
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    private static let style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1400px;padding:1rem 2rem;color:#222;background:#fff}
        h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
        code{font-family:ui-monospace,monospace}
        .count{background:#eef;border-radius:1em;padding:0 .6em;font-size:.9rem;font-weight:normal}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:.25rem .5rem;vertical-align:top;text-align:left}
        table.summary{width:auto}td.n,th.n{text-align:right}
        table.side td.old,table.side td.new{font-family:ui-monospace,monospace;font-size:.9rem;white-space:pre-wrap;width:47%}
        td.loc{color:#666;font-size:.85rem;white-space:nowrap}
        del{background:#fdd;color:#900;text-decoration:line-through}ins{background:#dfd;color:#060;text-decoration:none}
        .ws{color:#999}.more{color:#666}
        """
}
