import Foundation

/// The text of the rule a change names: for a rule-file rule
/// (`rules/garbles/default.yaml:51`) that line of the file, from the rule files
/// compiled into emend (`EmbeddedRules`) or, for a book's own file, from disk.
/// Reads only; a built-in rule (`garbles:run-together`) has no line.
public enum RuleText {
    /// The rule's line, trimmed; nil for a built-in rule or a file that cannot be read.
    public static func line(of rule: String) -> String? {
        guard let colon = rule.lastIndex(of: ":"), let number = Int(rule[rule.index(after: colon)...]), number >= 1 else { return nil }
        let path = String(rule[..<colon])
        let text: String
        if path.hasPrefix("rules/"), let embedded = EmbeddedRules.files[String(path.dropFirst("rules/".count))] {
            text = embedded
        } else if let data = FileManager.default.contents(atPath: path) {
            text = String(decoding: data, as: UTF8.self)
        } else {
            return nil
        }
        var current = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == number { return line.trimmingCharacters(in: .whitespaces) }
            current += 1
        }
        return nil
    }
}
