import Yams

/// A place in a rule file: 1-based line and column (columns count Unicode scalars,
/// as the YAML parser does).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// An error in a rule file, rendered like a compiler's:
///
///     rules/pipelines/x.yaml:4:5: error: unknown stage 'whitespac'; expected one of 'normalize', 'whitespace'
///       - whitespac
///         ^
///     note: did you mean 'whitespace'?
public struct RuleFileError: Error, Equatable, CustomStringConvertible {
    /// Where it is; nil when the file itself is the problem (missing, unreadable).
    public var location: SourceLocation?
    /// The file, when there is no location inside it.
    public var file: String
    public var message: String
    public var notes: [String]
    /// The offending source line, shown with a caret under the column.
    public var sourceLine: String?

    public init(file: String, location: SourceLocation? = nil, message: String, notes: [String] = [], sourceLine: String? = nil) {
        self.file = file
        self.location = location
        self.message = message
        self.notes = notes
        self.sourceLine = sourceLine
    }

    public var description: String {
        var text = "\(location?.description ?? file): error: \(message)"
        if let sourceLine, let location {
            text += "\n" + sourceLine
            let prefix = sourceLine.unicodeScalars.prefix(max(0, location.column - 1))
                .map { $0 == "\t" ? "\t" : " " }.joined()
            text += "\n" + prefix + "^"
        }
        for note in notes { text += "\nnote: \(note)" }
        return text
    }
}

extension RuleFileError {
    /// An error at a YAML node of `file`, quoting its line (`lines` is the file's text, split).
    static func at(_ node: Node?, in file: String, lines: [String], _ message: String) -> RuleFileError {
        let mark = node?.mark
        return RuleFileError(file: file, location: mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) },
                             message: message, sourceLine: mark.flatMap { $0.line <= lines.count ? lines[$0.line - 1] : nil })
    }
}

/// Suggests the closest of `candidates` to a misspelled `word`, when one is close.
package func closestMatch(to word: String, in candidates: [String]) -> String? {
    let limit = max(1, word.count / 3)
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(word, candidate)
        if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
}

/// Edit distance over Unicode scalars, counting a swap of two neighbours as one
/// edit (optimal string alignment): "lco" is one edit from "loc".
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
            }
        }
    }
    return table[a.count][b.count]
}

/// Formats a list of names for messages: 'a', 'b', 'c'.
func quotedList(_ names: [String]) -> String {
    names.map { "'\($0)'" }.joined(separator: ", ")
}
