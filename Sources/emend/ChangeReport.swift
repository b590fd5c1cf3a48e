import Emend

/// How `--report` writes a change: one line, located like a compiler message.
///
///     scan.txt:5074:1: page-structure:running-head: removed: Repression andLegality 109
///     scan.txt:5076:62: dehyphenate:join:lexicon: law- | lessness -> lawlessness
enum ChangeReport {
    static func line(_ change: Change, file: String) -> String {
        let place = "\(file):\(change.line):\(change.column): \(change.rule)"
        switch change.kind {
        case .removedLine: return "\(place): removed: \(change.before)"
        case .moved: return "\(place): moved: \(change.before)"
        case .edited, .joined: return "\(place): \(change.before) -> \(change.after)"
        }
    }
}
