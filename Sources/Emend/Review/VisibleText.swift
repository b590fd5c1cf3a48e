/// How the reports print the text of a change so that nothing in it is unseen:
/// an invisible or control character (U+200B, a soft hyphen U+00AD, a BOM
/// U+FEFF, a tab U+0009, a no-break space U+00A0) is written `U+XXXX`, never raw.
///
/// It changes only what a report shows; the text itself, the output and the
/// audit's JSON values (which escape such characters as `\uXXXX`) stay exact.
public enum VisibleText {
    /// True for a character a reader cannot see or tell from a plain space:
    /// controls (a line break aside), format characters and other default-ignorable
    /// ones, spaces other than U+0020, line and paragraph separators, private-use
    /// and unassigned code points.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value < 0x20 && scalar != "\n" || scalar.value == 0x7F }
        if scalar.properties.isDefaultIgnorableCodePoint { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate:
            return true
        default:
            return false
        }
    }

    /// `U+200B`: the code point in at least four hex digits.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` with each invisible character written `U+XXXX` and each line
    /// break (LF) written `lineBreak`.
    public static func escaped(_ text: String, lineBreak: String = "↵") -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                result += lineBreak
            } else if isInvisible(scalar) {
                result += codePoint(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Bytes that may not be valid UTF-8, written as `escaped` writes text,
    /// with each byte of an ill-formed sequence written `\xFF` (where a
    /// decoder would put U+FFFD, which would hide what the input had).
    public static func escaped(bytes: some Collection<UInt8>, lineBreak: String = "↵") -> String {
        var result = ""
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var pending = Array(bytes)[...]
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                result += escaped(String(Unicode.UTF8.decode(encoded)), lineBreak: lineBreak)
                pending = pending.dropFirst(encoded.count)
            case .error(let length):
                for byte in pending.prefix(length) { result += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2) }
                pending = pending.dropFirst(length)
            case .emptyInput:
                return result
            }
        }
    }

    /// True when `before` and `after` differ only in spaces, tabs and line breaks
    /// (a trailing space removed, a run of spaces made one).
    public static func differsOnlyInWhitespace(_ before: [UInt8], _ after: [UInt8]) -> Bool {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        return before.filter { !isBlank($0) } == after.filter { !isBlank($0) }
    }
}
