/// The shape of a footnote's first line: a number of one to three digits, a
/// period, a space ("38. RTsKhIDNI, f. 17"), also as OCR spaces it out ("4 5 .  XVII").
enum FootnoteShape {
    /// The footnote's number, when the line starts like a footnote.
    static func number(_ bytes: [UInt8]) -> Int? {
        guard isFootnoteStart(bytes) else { return nil }
        let digits = bytes.prefix { $0 != UInt8(ascii: ".") }.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    /// Most lines open with a letter: they are passed at once, without a call.
    @inline(__always)
    static func isFootnoteStart(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, first == 0x20 || first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") else {
            return false
        }
        return readsFootnoteStart(bytes)
    }

    /// `isFootnoteStart` for a line that opens with a space or a digit.
    static func readsFootnoteStart(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        var digits = 0
        while index < bytes.count {
            if bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
                digits += 1
                index += 1
            } else if bytes[index] == 0x20 && digits > 0 && digits < 3 && index + 1 < bytes.count
                        && bytes[index + 1] >= UInt8(ascii: "0") && bytes[index + 1] <= UInt8(ascii: "9") {
                index += 1
            } else {
                break
            }
        }
        guard digits >= 1 && digits <= 3 else { return false }
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        return index + 1 < bytes.count && bytes[index] == UInt8(ascii: ".") && bytes[index + 1] == 0x20
    }
}
