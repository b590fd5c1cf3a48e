/// A short line read the way page furniture is printed: a page number (folio)
/// at either end of the line or alone, and a title.
///
/// Reads OCR's versions of a folio: digits misread as letters ("l6" 16, "2I"
/// 21, "|44" 144, "1O3" 103, with at least one real digit), a folio glued to
/// the title ("12Title", "Title19"), separators around it ("34 | Title",
/// "Title · 85", "— 34 —"). The title is kept as a key of its letters and
/// digits only, lower-cased ("MY LIFE AS AN AUTHOR" and "My Life as an Author" share one),
/// so the heads of one book can be counted across its pages whatever OCR made
/// of their spacing, case and punctuation. Reads; never changes text.
package struct EdgeLine: Equatable, Sendable {
    /// The page number at one end of the line, or the line's only content.
    public var folio: Int?
    /// True when the folio was printed as plain digits (not read back from letters).
    public var folioIsExact: Bool
    /// The folio as OCR printed it, without the dashes or brackets around it ("l6", "134").
    public var folioText: String = ""
    /// The title's letters and digits (a year in a title), lower-cased,
    /// without the folio, spaces or punctuation (UTF-8).
    public var key: [UInt8]
    /// Words in the title.
    public var titleWords: Int
    /// True when the number may be a reference, not a folio: it opens the
    /// line before a word with a space alone, as a footnote's does ("14
    /// Ibid."), or ends it after a comma, as an index entry's page does
    /// ("Beria, L. P., 17"); unlike "Title 85", "144 | Title" or "12Title".
    public var folioMayBeAReference = false
    /// A folio in lower-case roman numerals ("xiv", OCR's "Xv") at one end of
    /// the line or alone, as front matter prints them; kept apart from
    /// `folio` (it counts in no arabic sequence) and out of the key.
    public var romanFolio: Int?

    /// True when the line holds a folio and nothing else of substance.
    public var isLoneFolio: Bool { folio != nil && key.isEmpty }

    /// The longest line read (bytes) and the most words a title may hold:
    /// furniture is short.
    public static let maximumBytes = 100
    public static let maximumWords = 12
    /// The most bytes of a short line at a page's foot: a folio, or what OCR made of one ("— 34 —", "= 135").
    public static let shortEdgeBytes = 12

    /// Reads `bytes` (one line, without its line break), or nil when it is
    /// too long to be furniture or holds no letter and no folio.
    public static func read<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> EdgeLine? {
        guard bytes.count <= maximumBytes else { return nil }
        let line = Array(bytes)
        // The runs of bytes between spaces, tabs, form feeds and carriage returns.
        var rawTokens: [ArraySlice<UInt8>] = []
        rawTokens.reserveCapacity(line.count / 2 + 1)
        var index = 0
        while index < line.count {
            while index < line.count, isSpace(line[index]) { index += 1 }
            let start = index
            while index < line.count, !isSpace(line[index]) { index += 1 }
            if index > start { rawTokens.append(line[start..<index]) }
        }
        guard rawTokens.count <= 2 * maximumWords + 2 else { return nil }
        // Kept in an array of room for all (a filter grows its array step by step).
        var tokens: [ArraySlice<UInt8>] = []
        tokens.reserveCapacity(rawTokens.count)
        for token in rawTokens where !isSeparator(token) { tokens.append(token) }
        guard !tokens.isEmpty, tokens.count <= maximumWords + 1 else { return nil }
        var folio: Int?
        var exact = false
        var folioText = ""
        var mayBeAReference = false
        // A token is made a String for `folioToken` only when it holds a digit, as a folio must.
        if let last = digitToken(tokens[tokens.count - 1]), let (number, isExact) = folioToken(last) {
            (folio, exact, folioText) = (number, isExact, trimFolio(last))
            tokens.removeLast()
            if let at = rawTokens.lastIndex(where: { !isSeparator($0) }), at > 0 {
                mayBeAReference = rawTokens[at - 1].last == UInt8(ascii: ",")
            }
        } else if let first = digitToken(tokens[0]), let (number, isExact) = folioToken(first) {
            (folio, exact, folioText) = (number, isExact, trimFolio(first))
            tokens.removeFirst()
            if let at = rawTokens.firstIndex(where: { !isSeparator($0) }), at + 1 < rawTokens.count {
                mayBeAReference = !isSeparator(rawTokens[at + 1])
            }
        } else if let (number, rest) = gluedFolio(tokens[tokens.count - 1], atEnd: true) {
            (folio, exact, folioText) = (number, true, String(number))
            tokens[tokens.count - 1] = rest
        } else if let (number, rest) = gluedFolio(tokens[0], atEnd: false) {
            (folio, exact, folioText) = (number, true, String(number))
            tokens[0] = rest
        }
        var roman: Int?
        if folio == nil, let number = romanToken(tokens[tokens.count - 1]) {
            roman = number
            tokens.removeLast()
        } else if folio == nil, let number = romanToken(tokens[0]) {
            roman = number
            tokens.removeFirst()
        }
        tokens.removeAll(where: isSeparator)
        guard tokens.count <= maximumWords else { return nil }
        var joined: [UInt8] = []
        joined.reserveCapacity(line.count)
        for token in tokens { joined.append(contentsOf: token) }
        let key = Self.key(of: joined)
        guard folio != nil || roman != nil || !key.isEmpty else { return nil }
        return EdgeLine(folio: folio, folioIsExact: exact, folioText: folioText, key: key, titleWords: tokens.count,
                        folioMayBeAReference: mayBeAReference, romanFolio: roman)
    }

    /// `read` of `bytes` less the bytes `dropped` picks (form feeds): of the
    /// line itself when it has none, of a copy without them otherwise.
    public static func read(_ bytes: [UInt8], without dropped: (UInt8) -> Bool) -> EdgeLine? {
        bytes.contains(where: dropped) ? read(bytes.filter { !dropped($0) }) : read(bytes)
    }

    /// The token as a String when it holds an ASCII digit; nil otherwise
    /// (`folioToken` is nil for such a token).
    @inline(__always)
    private static func digitToken(_ token: ArraySlice<UInt8>) -> String? {
        token.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) ? String(decoding: token, as: UTF8.self) : nil
    }

    /// A space, tab, form feed or carriage return: what parts the tokens of an edge line.
    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0C || byte == 0x0D }

    /// A whole line's letters and digits, lower-cased (nothing taken for a folio).
    public static func key(of bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 >= 0x80 }) else {
            // One pass, written straight into an array the size of the line.
            return [UInt8](unsafeUninitializedCapacity: bytes.count) { key, count in
                count = 0
                for byte in bytes where isASCIILetterOrDigit(byte) {
                    key[count] = byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0)
                    count += 1
                }
            }
        }
        // ASCII bytes as above; each run of bytes beyond ASCII (no ASCII byte
        // is part of a longer UTF-8 sequence) read as scalars: the letters among them, lower-cased.
        var key: [UInt8] = []
        key.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if isASCIILetterOrDigit(byte) { key.append(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0)) }
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, bytes[index] >= 0x80 { index += 1 }
            for scalar in String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars where scalar.properties.isAlphabetic {
                key.append(contentsOf: String(scalar).lowercased().utf8)
            }
        }
        return key
    }

    static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// True when the folio as printed is `expected`, or `expected` with one
    /// digit lost or one added ("17" or "135" on the page that should be 117
    /// or 13), or with letters OCR reads for digits ("l6", "B34" for 134):
    /// OCR's damage to a number it cannot check. A digit read for another
    /// ("14" where 12 is due) is another number: a table's, an index's.
    /// Numbers of one digit must match exactly, unless `allowingOneDigitLeft`
    /// (beside a learned head's title, "2 My Life as an Author" on page 12).
    public func folioMatches(_ expected: Int, allowingOneDigitLeft: Bool = false) -> Bool {
        guard let folio else { return false }
        if folio == expected { return true }
        let want = Array(String(expected).utf8), have = Array(folioText.utf8)
        guard want.count >= 2, have.count >= (allowingOneDigitLeft ? 1 : 2) else { return false }
        if have.count == want.count {
            // Same length: every difference must be a letter in place of a digit.
            return zip(have, want).allSatisfy { $0 == $1 || !($0 >= 0x30 && $0 <= 0x39) }
        }
        guard abs(have.count - want.count) == 1, have.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let (long, short) = have.count > want.count ? (have, want) : (want, have)
        return (0..<long.count).contains { cut in Array(long[..<cut] + long[(cut + 1)...]) == short }
    }

    /// The token without the dashes, brackets and marks printed around a folio ("— 34 —", "[12]").
    static func trimFolio(_ token: String) -> String {
        let scalars = token.unicodeScalars
        guard let first = scalars.firstIndex(where: { !folioPunctuation.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !folioPunctuation.contains($0) })!
        return String(scalars[first...last])
    }

    static let folioPunctuation = Set("-–—()[]{}.,:;·•*\"'’‘“”".unicodeScalars)

    /// A token of punctuation only ("|" itself, "·", "—", "*"): it separates a folio from a title.
    static func isSeparator(_ token: ArraySlice<UInt8>) -> Bool {
        if token.count == 1 && token.first == UInt8(ascii: "|") { return true }
        if token.contains(where: { isASCIILetterOrDigit($0) || $0 == UInt8(ascii: "|") }) { return false }
        guard token.contains(where: { $0 >= 0x80 }) else { return true }
        return !String(decoding: token, as: UTF8.self).unicodeScalars.contains {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }
    }

    /// Letters OCR reads for digits, and the digits they stand for.
    static let misreadDigits: [Character: Character] = [
        "l": "1", "I": "1", "|": "1", "i": "1", "!": "1", "O": "0", "o": "0", "S": "5", "B": "8", "Z": "2",
    ]

    /// A folio of one to four digits, perhaps misread ("l6"), perhaps between
    /// dashes or brackets ("-34-", "[12]"), with at least one real digit.
    static func folioToken(_ token: String) -> (Int, Bool)? {
        // A folio holds a real digit: a token without one (most are words) is passed by before any String work.
        guard token.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let trimmed = trimFolio(token)
        guard (1...4).contains(trimmed.count) else { return nil }
        var digits = ""
        var exact = true
        for character in trimmed {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if let digit = misreadDigits[character] {
                digits.append(digit)
                exact = false
            } else {
                return nil
            }
        }
        // A year ("1937") is a date, never a page number.
        guard trimmed.contains(where: { $0.isASCII && $0.isNumber }), let number = Int(digits), number > 0,
              !(1700...2099).contains(number) else { return nil }
        return (number, exact)
    }

    /// A folio in lower-case roman numerals of i, v, x and l (1 to 89, front
    /// matter's), written as a number is ("xiv", not "xiiii"); OCR may read
    /// its first letter as a capital ("Xv"). Capitals ("IV", "XI") are a
    /// chapter's or a list's number, never taken.
    static func romanToken(_ token: ArraySlice<UInt8>) -> Int? {
        // Its letters and digits are all i, v, x and l (the punctuation trimmed holds none):
        // any other passes the token by before any String work.
        guard token.contains(where: isRomanLetter),
              !token.contains(where: { isASCIILetterOrDigit($0) && !isRomanLetter($0) }) else { return nil }
        let trimmed = Array(trimFolio(String(decoding: token, as: UTF8.self)).utf8)
        guard (1...7).contains(trimmed.count) else { return nil }
        let lower = trimmed.enumerated().map { $0.offset == 0 && trimmed.count > 1 ? $0.element | 0x20 : $0.element }
        let values: [UInt8: Int] = [UInt8(ascii: "i"): 1, UInt8(ascii: "v"): 5, UInt8(ascii: "x"): 10, UInt8(ascii: "l"): 50]
        var number = 0
        for (at, byte) in lower.enumerated() {
            guard let value = values[byte] else { return nil }
            let next = at + 1 < lower.count ? values[lower[at + 1]] ?? 0 : 0
            number += value < next ? -value : value
        }
        guard (1...89).contains(number), roman(number).elementsEqual(lower) else { return nil }
        return number
    }

    /// i, v, x or l, small or capital.
    private static func isRomanLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower == UInt8(ascii: "i") || lower == UInt8(ascii: "v") || lower == UInt8(ascii: "x") || lower == UInt8(ascii: "l")
    }

    /// `number` (1 to 89) in lower-case roman numerals.
    static func roman(_ number: Int) -> [UInt8] {
        var rest = number, out = ""
        for (value, letters) in [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
            while rest >= value { out += letters; rest -= value }
        }
        return Array(out.utf8)
    }

    /// A folio glued to the first or last word of the title ("12Title",
    /// "Title19"): the digits and what is left of the word.
    static func gluedFolio(_ token: ArraySlice<UInt8>, atEnd: Bool) -> (Int, ArraySlice<UInt8>)? {
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        let digitCount = atEnd ? token.reversed().prefix(while: isDigit).count : token.prefix(while: isDigit).count
        guard (1...4).contains(digitCount), digitCount < token.count else { return nil }
        let digits = atEnd ? token.suffix(digitCount) : token.prefix(digitCount)
        let rest = atEnd ? token.dropLast(digitCount) : token.dropFirst(digitCount)
        // The title's side must be a word of letters (two or more), glued straight to the digits.
        let neighbour = atEnd ? rest.last! : rest.first!
        let isLetter = DocumentVocabulary.isLetter
        guard isLetter(neighbour), rest.filter(isLetter).count >= 2,
              let number = Int(String(decoding: digits, as: UTF8.self)), number > 0, !(1700...2099).contains(number) else { return nil }
        return (number, rest)
    }

    /// Edits (insertions, deletions, substitutions) between two keys, or nil
    /// when there are more than `limit`: banded, so comparing with a learned
    /// head costs little.
    public static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        let big = limit + 1
        var previous = [Int](0...b.count)
        var current = [Int](repeating: big, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit), high = min(b.count, i + limit)
            current[0] = i <= limit ? i : big
            if low > 1 { current[low - 1] = big }
            var rowBest = current[0]
            for j in low...high {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                let value = min(substitution, previous[j] + 1, current[j - 1] + 1)
                current[j] = min(value, big)
                rowBest = min(rowBest, current[j])
            }
            if high < b.count { current[high + 1] = big }
            guard rowBest <= limit else { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
