import Foundation

/// Renders an `AuditedText` as one self-contained HTML page for review (no
/// network: no external script, font or style sheet). The table of stages and
/// rules, with counts and each rule's own text, is plain HTML; every change is
/// JSON embedded in the page, shown in input order by a small script that pages
/// through them (none is left out), filters them by stage and rule, hides the
/// changes of spacing only, and searches the changed text. The URL fragment
/// holds the view (`#hide=whitespace,stage:page-structure&q=Yezhov&page=2`).
///
/// Places are the input's: 1-based line, 1-based column in Unicode characters,
/// as `emend run --report` and `--explain` give them. Invisible characters are
/// shown as `U+XXXX` (`VisibleText`). All text from the input is escaped; the
/// script builds the rows as text nodes, never as markup.
package enum HTMLReport {
    /// - Parameters:
    ///   - stageOrder: the pipeline's stage names: the table follows it (stages
    ///     it does not name come after, in the order they first change something).
    ///   - stageSources: where the pipeline turns each stage on (`rules/pipelines/default.yaml:11`),
    ///     shown for built-in rules.
    ///   - rowsPerPage: changes shown at once; the others are a page away.
    ///   - ruleText: the text of a rule-file rule, by the name the audit gives it.
    public static func render(_ text: AuditedText, title: String, stageOrder: [String] = [],
                              stageSources: [String: String] = [:], rowsPerPage: Int = 200,
                              ruleText: (String) -> String? = RuleText.line(of:)) -> String {
        // Groups of one stage and rule: stages in pipeline order, rules by count within a stage.
        struct Group { var stage: String; var rule: String; var count = 0; var whitespace = 0 }
        var groups: [Group] = []
        var groupIndex: [String: Int] = [:]
        var recordGroup: [Int] = []
        let whitespaceOnly = text.records.map { VisibleText.differsOnlyInWhitespace($0.beforeBytes, $0.afterBytes) }
        for (index, record) in text.records.enumerated() {
            let key = record.stage + "\u{0}" + record.rule
            if groupIndex[key] == nil {
                groupIndex[key] = groups.count
                groups.append(Group(stage: record.stage, rule: record.rule))
            }
            let group = groupIndex[key]!
            groups[group].count += 1
            if whitespaceOnly[index] { groups[group].whitespace += 1 }
            recordGroup.append(group)
        }
        var position = Dictionary(stageOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: min)
        for group in groups where position[group.stage] == nil { position[group.stage] = position.count }
        let order = groups.indices.sorted {
            (position[groups[$0].stage]!, -groups[$0].count, groups[$0].rule) < (position[groups[$1].stage]!, -groups[$1].count, groups[$1].rule)
        }
        var number = Array(repeating: 0, count: groups.count)  // group index → place in `order`
        for (place, group) in order.enumerated() { number[group] = place }
        var stages: [(name: String, count: Int)] = []
        for group in order.map({ groups[$0] }) {
            if stages.last?.name == group.stage { stages[stages.count - 1].count += group.count } else { stages.append((group.stage, group.count)) }
        }

        let changedBytes = text.records.reduce(0) { $0 + $1.beforeBytes.count }
        let whitespaceCount = whitespaceOnly.count(where: { $0 })
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Changes to \(escape(title))</title>
            <style>\(style)</style></head><body>
            <header><h1>Changes to <code>\(escape(title))</code></h1>
            <p>\(text.records.count) changes; \(changedBytes) of \(text.input.count) input bytes replaced; \
            \(whitespaceCount) of the changes are of spacing only. Places are input line:column, the column \
            counted in characters. In each row <del>removed</del> and <ins>added</ins> text is marked between \
            a few words of context, a space in it as <span class="ws">␣</span>, a line break as \
            <span class="ws">↵</span>, an invisible character as its code point (<span class="cp">U+200B</span>).</p></header>
            <noscript><p class="more">The rows need JavaScript; <code>emend run --report</code> lists every change.</p></noscript>
            <nav><div class="filters"><label><input type="checkbox" id="hide-whitespace"> Hide changes of spacing only \
            (\(whitespaceCount))</label> <label>Search the changed text <input type="search" id="search" \
            placeholder="Yezhov"></label> <button type="button" id="show-all">Show every rule</button></div>
            <div class="filters">Stages:
            """
        for stage in stages {
            html += " <label><input type=\"checkbox\" class=\"stage\" checked data-stage=\"\(escape(stage.name))\"> "
                + "\(escape(stage.name)) (\(stage.count))</label>"
        }
        html += """
            </div>
            <div class="rules"><table class="summary"><thead><tr><th>Show</th><th>Stage</th><th>Rule</th><th>What the rule says</th>\
            <th class="n">Changes</th></tr></thead><tbody>

            """
        for (place, index) in order.enumerated() {
            let group = groups[index]
            let said: String
            if let line = ruleText(group.rule) {
                said = "<code>\(escape(VisibleText.escaped(line)))</code>"
            } else if let source = stageSources[group.stage] {
                said = "built into the stage, turned on at <code>\(escape(source))</code>"
            } else {
                said = "built into the stage"
            }
            html += "<tr><td><input type=\"checkbox\" class=\"rule\" checked data-rule=\"\(place)\"></td>"
                + "<td>\(escape(group.stage))</td><td><a href=\"#\" class=\"only\" data-rule=\"\(place)\" title=\"Show only this rule\">"
                + "<code>\(escape(group.rule))</code></a></td><td class=\"said\">\(said)</td>"
                + "<td class=\"n\">\(group.count)</td></tr>\n"
        }
        html += """
            </tbody></table></div></nav>
            <p id="status" class="status"></p><div class="pager" id="pager"></div>
            <table class="side"><thead><tr><th>Line:col</th><th>Stage · rule</th><th>Input</th><th>Output</th></tr></thead>
            <tbody id="rows"></tbody></table>
            <div class="pager" id="pager-bottom"></div>

            """

        // The data: rules in table order, then one array a change, in input order:
        // [rule, line, column, spacing only (0/1), before, after, input context before,
        //  input context after, output context before, output context after, other rules].
        var json = "{\"pageSize\":\(max(1, rowsPerPage)),\"rules\":["
        json += order.map { index in
            "{\"stage\":\(JSON.quote(groups[index].stage)),\"rule\":\(JSON.quote(groups[index].rule))}"
        }.joined(separator: ",")
        json += "],\"rows\":[\n"
        for (index, record) in text.records.enumerated() {
            let inputSpan = record.offset..<(record.offset + record.beforeBytes.count)
            let outputStart = text.outputOffsets[index]
            let outputSpan = outputStart..<(outputStart + record.afterBytes.count)
            let fields = [
                show(record.beforeBytes[...]), show(record.afterBytes[...]),
                show(text.input[contextBefore(text.input, inputSpan.lowerBound)..<inputSpan.lowerBound]),
                show(text.input[inputSpan.upperBound..<contextAfter(text.input, inputSpan.upperBound)]),
                show(text.output[contextBefore(text.output, outputSpan.lowerBound)..<outputSpan.lowerBound]),
                show(text.output[outputSpan.upperBound..<contextAfter(text.output, outputSpan.upperBound)]),
                record.alsoRules.joined(separator: ", "),
            ]
            json += (index == 0 ? "" : ",\n") + "[\(number[recordGroup[index]]),\(record.line),\(record.column),"
                + "\(whitespaceOnly[index] ? 1 : 0),\(fields.map(JSON.quote).joined(separator: ","))]"
        }
        json += "]}"
        html += "<script type=\"application/json\" id=\"data\">\(scriptSafe(json))</script>\n"
        html += "<script>\(script)</script>\n"
        return html + "</body></html>\n"
    }

    /// Bytes as text to show: invisible characters as `U+XXXX`, line breaks kept.
    private static func show(_ bytes: ArraySlice<UInt8>) -> String {
        VisibleText.escaped(String(decoding: bytes, as: UTF8.self), lineBreak: "\n")
    }

    /// How far context reaches on either side of a change, in bytes, before it is cut to whole words.
    static let contextBytes = 40

    /// Where the context before `end` starts: a few whole words back, across one line break at most.
    static func contextBefore(_ bytes: [UInt8], _ end: Int) -> Int {
        var start = end, breaks = 0
        while start > 0, end - start < contextBytes {
            if bytes[start - 1] == 0x0A {
                if breaks == 1 { break }
                breaks += 1
            }
            start -= 1
        }
        let cutShort = start > 0 && bytes[start - 1] != 0x0A
        while start < end, UTF8Scan.isContinuation(bytes[start]) { start += 1 }
        if cutShort, let space = bytes[start..<end].firstIndex(where: { $0 == 0x20 || $0 == 0x0A }) {
            start = space + 1  // not half a word
        }
        return start
    }

    /// Where the context after `start` ends: a few whole words on, across one line break at most.
    static func contextAfter(_ bytes: [UInt8], _ start: Int) -> Int {
        var end = start, breaks = 0
        while end < bytes.count, end - start < contextBytes {
            if bytes[end] == 0x0A {
                if breaks == 1 { break }
                breaks += 1
            }
            end += 1
        }
        let cutShort = end < bytes.count && bytes[end] != 0x0A
        while end < bytes.count, end > start, UTF8Scan.isContinuation(bytes[end]) { end -= 1 }
        if cutShort, let space = bytes[start..<end].lastIndex(where: { $0 == 0x20 || $0 == 0x0A }) {
            end = space  // not half a word
        }
        return end
    }

    /// JSON that cannot end or open markup inside a script element: `<`, `>`
    /// and `&` (found only inside strings) written as JSON escapes.
    static func scriptSafe(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
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
            case "'": result += "&#39;"
            case "\r": break
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    private static let style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1500px;padding:1rem 2rem;color:#222;background:#fff}
        h1{font-size:1.5rem}code{font-family:ui-monospace,monospace}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:.25rem .5rem;vertical-align:top;text-align:left}
        div.rules{max-height:40vh;overflow:auto;margin:.5rem 0 1rem;border:1px solid #ddd}
        table.summary{font-size:.9rem}table.summary th{position:sticky;top:0;background:#f6f6f6}
        td.n,th.n{text-align:right}td.said{font-size:.85rem;color:#444;word-break:break-word}
        table.summary tr.off{color:#aaa}.filters{margin:.4rem 0}.filters label{margin-right:1rem;white-space:nowrap}
        table.side td.old,table.side td.new{font-family:ui-monospace,monospace;font-size:.9rem;white-space:pre-wrap;width:38%;word-break:break-word}
        td.loc{color:#666;font-size:.85rem;white-space:nowrap}td.rule{font-size:.8rem;color:#444;word-break:break-all}
        .ctx{color:#777}del{background:#fdd;color:#900;text-decoration:line-through}ins{background:#dfd;color:#060;text-decoration:none}
        .ws{color:#999}.cp{background:#ffe7a8;color:#630;border-radius:3px;font-size:.8em}.more{color:#666}
        .status{font-weight:bold}.pager button{margin-right:.3rem}
        """

    /// The page's script: reads the data, the filters and the URL fragment,
    /// and draws one page of rows with DOM text nodes.
    private static let script = #"""
        (function () {
          "use strict";
          var data = JSON.parse(document.getElementById("data").textContent);
          var rules = data.rules, rows = data.rows, pageSize = data.pageSize;
          var state = { whitespace: false, stages: {}, rules: {}, query: "", page: 1 };
          var $ = function (id) { return document.getElementById(id); };
          var stageBoxes = document.querySelectorAll("input.stage"), ruleBoxes = document.querySelectorAll("input.rule");

          function readFragment() {
            state = { whitespace: false, stages: {}, rules: {}, query: "", page: 1 };
            location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
              var cut = pair.indexOf("="); if (cut < 0) return;
              var key = pair.slice(0, cut), value = pair.slice(cut + 1);
              function decoded(text) { try { return decodeURIComponent(text); } catch (e) { return text; } }
              if (key === "q") state.query = decoded(value);
              else if (key === "page") state.page = Math.max(1, parseInt(value, 10) || 1);
              else if (key === "hide") value.split(",").map(decoded).forEach(function (item) {
                if (item === "whitespace") state.whitespace = true;
                else if (item.indexOf("stage:") === 0) state.stages[item.slice(6)] = true;
                else if (item.indexOf("rule:") === 0) state.rules[item.slice(5)] = true;
              });
            });
          }
          function writeFragment() {
            var hide = [];
            if (state.whitespace) hide.push("whitespace");
            Object.keys(state.stages).forEach(function (s) { hide.push("stage:" + s); });
            Object.keys(state.rules).forEach(function (r) { hide.push("rule:" + r); });
            var parts = [];
            if (hide.length) parts.push("hide=" + hide.map(encodeURIComponent).join(","));
            if (state.query) parts.push("q=" + encodeURIComponent(state.query));
            if (state.page > 1) parts.push("page=" + state.page);
            try { history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search); } catch (e) {}
          }
          function hidden(rule) { return state.stages[rule.stage] || state.rules[rule.rule]; }
          function shown(row) {
            if (state.whitespace && row[3]) return false;
            if (hidden(rules[row[0]])) return false;
            if (state.query) {
              var q = state.query.toLowerCase();
              return row[4].toLowerCase().indexOf(q) >= 0 || row[5].toLowerCase().indexOf(q) >= 0;
            }
            return true;
          }
          // Text with spaces (in a change) and line breaks shown, and code points marked.
          function marked(parent, text, changed) {
            var pieces = text.split(/(\n| |U\+[0-9A-F]{4,6})/);
            for (var i = 0; i < pieces.length; i++) {
              var piece = pieces[i];
              if (piece === "") continue;
              var span = null;
              if (piece === "\n") { span = document.createElement("span"); span.className = "ws"; span.textContent = "\u21b5"; }
              else if (piece === " " && changed) { span = document.createElement("span"); span.className = "ws"; span.textContent = "\u2423"; }
              else if (/^U\+[0-9A-F]{4,6}$/.test(piece)) { span = document.createElement("span"); span.className = "cp"; span.textContent = piece; }
              parent.appendChild(span || document.createTextNode(piece));
            }
          }
          function side(className, before, change, after, tag) {
            var cell = document.createElement("td"); cell.className = className;
            var left = document.createElement("span"); left.className = "ctx"; marked(left, before, false); cell.appendChild(left);
            var middle = document.createElement(tag); marked(middle, change, true); cell.appendChild(middle);
            var right = document.createElement("span"); right.className = "ctx"; marked(right, after, false); cell.appendChild(right);
            return cell;
          }
          function pager(element, page, pages) {
            element.textContent = "";
            if (pages <= 1) return;
            [["First", 1], ["Previous", page - 1], ["Next", page + 1], ["Last", pages]].forEach(function (b) {
              var button = document.createElement("button"); button.type = "button"; button.textContent = b[0];
              button.disabled = b[1] < 1 || b[1] > pages || b[1] === page;
              button.addEventListener("click", function () { state.page = b[1]; update(); window.scrollTo(0, $("status").offsetTop); });
              element.appendChild(button);
            });
            element.appendChild(document.createTextNode(" page " + page + " of " + pages));
          }
          function draw() {
            var matching = [];
            for (var i = 0; i < rows.length; i++) if (shown(rows[i])) matching.push(rows[i]);
            var pages = Math.max(1, Math.ceil(matching.length / pageSize));
            if (state.page > pages) state.page = pages;
            var first = (state.page - 1) * pageSize, page = matching.slice(first, first + pageSize);
            var body = $("rows"), fresh = document.createElement("tbody"); fresh.id = "rows";
            page.forEach(function (row) {
              var rule = rules[row[0]], tr = document.createElement("tr");
              var loc = document.createElement("td"); loc.className = "loc"; loc.textContent = row[1] + ":" + row[2]; tr.appendChild(loc);
              var name = document.createElement("td"); name.className = "rule";
              name.textContent = rule.stage + " \u00b7 " + rule.rule + (row[10] ? " (also " + row[10] + ")" : ""); tr.appendChild(name);
              tr.appendChild(side("old", row[6], row[4], row[7], "del"));
              tr.appendChild(side("new", row[8], row[5], row[9], "ins"));
              fresh.appendChild(tr);
            });
            body.parentNode.replaceChild(fresh, body);
            var status = $("status");
            status.setAttribute("data-matching", String(matching.length));
            status.textContent = matching.length === 0 ? "No change matches (" + rows.length + " in all)."
              : "Showing " + (first + 1) + "\u2013" + (first + page.length) + " of " + matching.length + " matching changes (" + rows.length + " in all).";
            pager($("pager"), state.page, pages); pager($("pager-bottom"), state.page, pages);
          }
          function syncControls() {
            $("hide-whitespace").checked = state.whitespace;
            if ($("search").value !== state.query) $("search").value = state.query;
            stageBoxes.forEach(function (box) { box.checked = !state.stages[box.getAttribute("data-stage")]; });
            ruleBoxes.forEach(function (box) {
              var rule = rules[+box.getAttribute("data-rule")];
              box.checked = !hidden(rule); box.disabled = !!state.stages[rule.stage];
              box.closest("tr").className = hidden(rule) ? "off" : "";
            });
          }
          function update() { syncControls(); draw(); writeFragment(); }

          $("hide-whitespace").addEventListener("change", function (e) { state.whitespace = e.target.checked; state.page = 1; update(); });
          $("search").addEventListener("input", function (e) { state.query = e.target.value; state.page = 1; update(); });
          $("show-all").addEventListener("click", function () { state.stages = {}; state.rules = {}; state.page = 1; update(); });
          stageBoxes.forEach(function (box) { box.addEventListener("change", function () {
            var stage = box.getAttribute("data-stage");
            if (box.checked) delete state.stages[stage]; else state.stages[stage] = true;
            state.page = 1; update();
          }); });
          ruleBoxes.forEach(function (box) { box.addEventListener("change", function () {
            var rule = rules[+box.getAttribute("data-rule")].rule;
            if (box.checked) delete state.rules[rule]; else state.rules[rule] = true;
            state.page = 1; update();
          }); });
          document.querySelectorAll("a.only").forEach(function (link) { link.addEventListener("click", function (e) {
            e.preventDefault();
            var only = rules[+link.getAttribute("data-rule")];
            state.stages = {}; state.rules = {};
            rules.forEach(function (rule) { if (rule.rule !== only.rule) state.rules[rule.rule] = true; });
            state.page = 1; update();
          }); });
          window.addEventListener("hashchange", function () { readFragment(); syncControls(); draw(); });
          readFragment(); syncControls(); draw();
        })();
        """#
}
