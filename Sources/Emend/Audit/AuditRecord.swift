/// One change in the audit trail, located in the input.
///
/// `before` is the exact input text the change replaced (for a removed line,
/// the whole line with its line ending) and `after` the exact output text that
/// replaced it. Records come in input order and never overlap, so the output
/// with every record's `after` put back to its `before` is the input, byte for byte.
public struct AuditRecord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Text inside a line was replaced.
        case edited
        /// A line break was taken out (hyphenation repair, paragraph reflow).
        case joined
        /// Whole input lines were taken out.
        case removedLine = "removed-line"
        /// Text that is not at its input place (a footnote moved to its paragraph's end).
        case moved
        /// Bytes that were not UTF-8 became U+FFFD.
        case invalidUTF8 = "invalid-utf8"
    }

    public var kind: Kind
    /// 1-based input line where `before` starts.
    public var line: Int
    /// 1-based column of that place, in Unicode characters.
    public var column: Int
    /// 0-based byte offset of that place in the input.
    public var offset: Int
    public var stage: String
    /// The rule that fired: a rule file location or a built-in rule name.
    public var rule: String
    /// Other rules whose changes this span also holds (a later stage that
    /// changed the text again, say), as `stage rule`.
    public var alsoRules: [String]
    /// The input bytes replaced (not always UTF-8: see `kind == .invalidUTF8`).
    public var beforeBytes: [UInt8]
    /// The output bytes that replaced them.
    public var afterBytes: [UInt8]

    public var before: String { String(decoding: beforeBytes, as: UTF8.self) }
    public var after: String { String(decoding: afterBytes, as: UTF8.self) }
}

extension AuditRecord {
    /// The record as one line of JSON (no newline), with `file` first when given.
    /// `before` is written as text; input bytes that are not UTF-8 are written
    /// as U+FFFD there and exactly, as hex, in `before_hex`.
    public func jsonLine(file: String?, source: String?) -> String {
        var json = "{"
        if let file { json += "\"file\":\(JSON.quote(file)),"}
        json += "\"line\":\(line),\"column\":\(column),\"offset\":\(offset),"
        json += "\"kind\":\"\(kind.rawValue)\",\"stage\":\(JSON.quote(stage)),\"rule\":\(JSON.quote(rule)),"
        if let source { json += "\"source\":\(JSON.quote(source)),"}
        if !alsoRules.isEmpty { json += "\"also\":[\(alsoRules.map(JSON.quote).joined(separator: ","))]," }
        json += "\"before\":\(JSON.quote(before)),\"after\":\(JSON.quote(after))"
        if UTF8Scan.repair(beforeBytes) != nil {
            json += ",\"before_hex\":\"\(beforeBytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined())\""
        }
        return json + "}"
    }
}

/// JSON string quoting (RFC 8259): quotes, backslashes, control characters and
/// invisible characters (`VisibleText.isInvisible`) escaped.
package enum JSON {
    public static func quote(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where VisibleText.isInvisible(scalar):
                // Controls, and invisible characters too (U+200B, U+00AD, U+FEFF):
                // a reader of the file sees them; a JSON parser gives them back exact.
                if scalar.value > 0xFFFF {
                    for unit in String(scalar).utf16 { result += "\\u" + String(unit, radix: 16).leftPadded(to: 4) }
                } else {
                    result += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                }
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
