import Emend
import Foundation

/// The hand-checked gold pages in Tests/EmendTests/Gold: each raw page, the
/// text an editor wants, and the list of every edit (see its README).
struct GoldPage {
    struct Edit {
        var rawLine: Int
        var kind: String
        var before: String
        var after: String
    }

    var name: String
    var raw: String
    var gold: String
    var edits: [Edit]
    var rawLines: [String] { raw.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// Every raw line of every gold page, as bytes (blank lines kept).
    static func allRawLines() throws -> [[UInt8]] {
        try all().flatMap { Array($0.raw.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) }
    }

    static func all() throws -> [GoldPage] {
        let directory = Fixtures.url("Tests/EmendTests/Gold")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".raw.txt") }.map { String($0.dropLast(".raw.txt".count)) }.sorted()
        return try names.map { name in
            let edits = try String(contentsOf: directory.appendingPathComponent("\(name).edits.tsv"), encoding: .utf8)
                .split(separator: "\n").dropFirst().compactMap { row -> Edit? in
                    let fields = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                    guard fields.count >= 4, let line = Int(fields[0]) else { return nil }
                    return Edit(rawLine: line, kind: fields[1], before: fields[2], after: fields[3])
                }
            return GoldPage(
                name: name,
                raw: try String(contentsOf: directory.appendingPathComponent("\(name).raw.txt"), encoding: .utf8),
                gold: try String(contentsOf: directory.appendingPathComponent("\(name).gold.txt"), encoding: .utf8),
                edits: edits)
        }
    }
}

/// How page-structure did on the gold pages.
struct PageStructureScore: CustomStringConvertible {
    var removedRight = 0, removedWrong = 0, missed = 0
    var breaksRight = 0, breaksWrong = 0
    var wrongLines: [String] = []
    var wrongBreaks: [String] = []

    var description: String {
        "lines removed right \(removedRight), wrong \(removedWrong), missed \(missed); page breaks right \(breaksRight), wrong \(breaksWrong)"
    }

    static func measure(_ stage: some TextStage, on pages: [GoldPage]) throws -> PageStructureScore {
        var score = PageStructureScore()
        for page in pages {
            let (_, changes) = try stage.applyReportingChanges(to: page.raw)
            let lines = page.rawLines
            let removed = Set(changes.filter { $0.kind == .removedLine }.map(\.line))
            let removedText = removed.filter { !lines[$0 - 1].trimmingCharacters(in: .whitespaces).isEmpty }
            let goldRemoved = Set(page.edits.filter { $0.kind.hasPrefix("removed-") }.map(\.rawLine))
            score.removedRight += removedText.intersection(goldRemoved).count
            score.removedWrong += removedText.subtracting(goldRemoved).count
            score.missed += goldRemoved.subtracting(removedText).count
            score.wrongLines += removedText.subtracting(goldRemoved).map { "\(page.name):\($0): \(lines[$0 - 1])" }
            // Each page break: does one blank line stay (gold "[1 blank line]") or none?
            for edit in page.edits where edit.kind == "page-break" {
                var end = edit.rawLine
                while end <= lines.count, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty || goldRemoved.contains(end) { end += 1 }
                let blanks = (edit.rawLine..<end).filter { lines[$0 - 1].trimmingCharacters(in: .whitespaces).isEmpty }
                let kept = blanks.filter { !removed.contains($0) }.count
                let wanted = edit.after.isEmpty ? 0 : 1
                if kept == wanted { score.breaksRight += 1 } else {
                    score.breaksWrong += 1
                    score.wrongBreaks.append("\(page.name):\(edit.rawLine): kept \(kept) blank lines, the editor \(wanted)")
                }
            }
        }
        return score
    }
}

/// How dehyphenate did on the gold pages, after page-structure (as in the default pipeline).
struct DehyphenationScore: CustomStringConvertible {
    var joinsRight = 0, joinsWrong = 0, joinsLeft = 0
    var compoundsRight = 0, compoundsWrong = 0, compoundsLeft = 0
    var dashesRight = 0, dashesWrong = 0
    var mistakes: [String] = []
    /// Places the editor decided and the stage left for review.
    var left: [String] = []

    var description: String {
        "joins right \(joinsRight), wrong \(joinsWrong), left for review \(joinsLeft); "
            + "compounds kept right \(compoundsRight), wrong \(compoundsWrong), left \(compoundsLeft); "
            + "dashes left right \(dashesRight), wrong \(dashesWrong)"
    }

    static func measure(_ stage: some TextStage, on pages: [GoldPage]) throws -> DehyphenationScore {
        var score = DehyphenationScore()
        for page in pages {
            let (_, changes) = try stage.applyReportingChanges(to: page.raw)
            var decisions: [Int: String] = [:]
            for change in changes where change.rule.hasPrefix("dehyphenate:") && change.rule != "dehyphenate:emptied" {
                decisions[change.line] = String(change.rule.split(separator: ":")[1])
            }
            for edit in page.edits {
                let ours = decisions[edit.rawLine] ?? "leave"
                let place = "\(page.name):\(edit.rawLine): \(edit.before)"
                switch edit.kind {
                case "hyphen-join":
                    if ours == "join" { score.joinsRight += 1 } else if ours == "leave" { score.joinsLeft += 1; score.left.append(place) } else {
                        score.joinsWrong += 1; score.mistakes.append("\(place): \(ours), the editor joined")
                    }
                case "compound-kept":
                    if ours == "compound" { score.compoundsRight += 1 } else if ours == "leave" { score.compoundsLeft += 1; score.left.append(place) } else {
                        score.compoundsWrong += 1; score.mistakes.append("\(place): \(ours), the editor kept the compound")
                    }
                case "dash-kept":
                    if ours == "leave" { score.dashesRight += 1 } else {
                        score.dashesWrong += 1; score.mistakes.append("\(place): \(ours), the editor left the dash")
                    }
                default: break
                }
            }
        }
        return score
    }
}

/// Word error rate against the gold pages, and the words a stage broke or repaired.
struct WordScore: CustomStringConvertible {
    var goldWords = 0, editsBefore = 0, editsAfter = 0, broken = 0, repaired = 0
    var brokenWords: [String] = []
    var description: String {
        String(format: "WER %.2f%% -> %.2f%%; right words made wrong %d, wrong words made right %d",
               Double(editsBefore) / Double(goldWords) * 100, Double(editsAfter) / Double(goldWords) * 100, broken, repaired)
    }

    static func tokens(_ text: String) -> [Substring] { text.split(whereSeparator: { $0 == " " || $0 == "\n" }) }

    static func distance(_ a: [Substring], _ b: [Substring]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Indices of `gold` that a longest common subsequence with `text` matches.
    static func matched(_ text: [Substring], _ gold: [Substring]) -> Set<Int> {
        let n = text.count, m = gold.count
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = text[i] == gold[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var i = 0, j = 0, result = Set<Int>()
        while i < n && j < m {
            if text[i] == gold[j] { result.insert(j); i += 1; j += 1 } else if table[i + 1][j] >= table[i][j + 1] { i += 1 } else { j += 1 }
        }
        return result
    }

    /// Scores `after` against `before` on every gold page.
    static func measure(before: some TextStage, after: some TextStage, on pages: [GoldPage]) throws -> WordScore {
        var score = WordScore()
        for page in pages {
            let gold = tokens(page.gold)
            let first = tokens(try before.apply(to: page.raw)), second = tokens(try after.apply(to: page.raw))
            score.goldWords += gold.count
            score.editsBefore += distance(first, gold)
            score.editsAfter += distance(second, gold)
            let matchedBefore = matched(first, gold), matchedAfter = matched(second, gold)
            score.broken += matchedBefore.subtracting(matchedAfter).count
            score.brokenWords += matchedBefore.subtracting(matchedAfter).map { "\(page.name): \(gold[$0])" }
            score.repaired += matchedAfter.subtracting(matchedBefore).count
        }
        return score
    }
}
