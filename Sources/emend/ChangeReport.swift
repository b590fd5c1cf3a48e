import Emend

/// How `--report` writes a change: one line, located like a compiler message,
/// from the same audit record `--explain` writes, so both give the same place:
/// the 1-based input line and the 1-based input column in Unicode characters.
/// Records come in input order.
///
///     scan.txt:205:75: dehyphenate:join:lexicon: "devi- ↵ance, " -> "deviance,↵"
///     scan.txt:5074:1: page-structure:running-head: removed: "Repression andLegality 109 "
///     pages.txt:6:8: garbles:invisible: "U+200B" -> ""
///
/// Texts are quoted; a line break is written `↵`, and an invisible or control
/// character (a tab too) `U+XXXX` (`VisibleText`); the ill-formed bytes of
/// input that was not UTF-8 `\xFF`. Never changes the record.
enum ChangeReport {
    static func line(_ record: AuditRecord, file: String) -> String {
        var place = "\(file):\(record.line):\(record.column): \(record.rule)"
        if !record.alsoRules.isEmpty { place += " (also \(record.alsoRules.joined(separator: ", ")))" }
        switch record.kind {
        case .removedLine:
            // The line's own break goes with it; it is not shown.
            var bytes = record.beforeBytes[...]
            if bytes.last == 0x0A { bytes.removeLast(); if bytes.last == 0x0D { bytes.removeLast() } }
            return "\(place): removed: \(quoted(String(decoding: bytes, as: UTF8.self)))"
        case .moved:
            return "\(place): moved: \(quoted(record.before))"
        case .invalidUTF8:
            // The ill-formed bytes as `\xFF`, beside the U+FFFD that replaced them.
            return "\(place): \"\(VisibleText.escaped(bytes: record.beforeBytes))\" -> \(quoted(record.after))"
        case .edited, .joined:
            return "\(place): \(quoted(record.before)) -> \(quoted(record.after))"
        }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + VisibleText.escaped(text) + "\""
    }
}
