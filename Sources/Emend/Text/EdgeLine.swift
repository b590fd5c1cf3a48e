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
        // The line's tokens are kept as ranges of it in room on the stack, not in arrays
        // of their own: a line of n bytes holds at most n / 2 + 1 runs between spaces.
        let room = line.count / 2 + 1
        return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: 2 * room) { ranges in
            read(line, rawRoom: UnsafeMutableBufferPointer(rebasing: ranges[..<room]),
                 tokenRoom: UnsafeMutableBufferPointer(rebasing: ranges[room...]))
        }
    }

    /// `read` of `line`, its tokens written into `rawRoom` and `tokenRoom` (room for `line.count / 2 + 1` each).
    private static func read(_ line: [UInt8], rawRoom: UnsafeMutableBufferPointer<Range<Int>>,
                             tokenRoom tokens: UnsafeMutableBufferPointer<Range<Int>>) -> EdgeLine? {
        // The runs of bytes between spaces, tabs, form feeds and carriage returns,
        // as ranges of the line (no slice, and so no reference, held per token).
        var rawCount = 0
        var index = 0
        while index < line.count {
            while index < line.count, isSpace(line[index]) { index += 1 }
            let start = index
            while index < line.count, !isSpace(line[index]) { index += 1 }
            if index > start {
                rawRoom[rawCount] = start..<index
                rawCount += 1
            }
        }
        guard rawCount <= 2 * maximumWords + 2 else { return nil }
        let rawTokens = UnsafeBufferPointer(rebasing: rawRoom[..<rawCount])
        let isSeparator = { (range: Range<Int>) in Self.isSeparator(line[range]) }
        // The tokens that are no separator: `tokens[first..<end]`, a folio or roman numeral at either end taken off below.
        var first = 0
        var end = 0
        for token in rawTokens where !isSeparator(token) {
            tokens[end] = token
            end += 1
        }
        guard end > 0, end <= maximumWords + 1 else { return nil }
        var folio: Int?
        var exact = false
        var folioText = ""
        var mayBeAReference = false
        if let (number, isExact, printed) = folioToken(line[tokens[end - 1]]) {
            (folio, exact, folioText) = (number, isExact, printed)
            end -= 1
            if let at = rawTokens.lastIndex(where: { !isSeparator($0) }), at > 0 {
                mayBeAReference = line[rawTokens[at - 1].upperBound - 1] == UInt8(ascii: ",")
            }
        } else if let (number, isExact, printed) = folioToken(line[tokens[first]]) {
            (folio, exact, folioText) = (number, isExact, printed)
            first += 1
            if let at = rawTokens.firstIndex(where: { !isSeparator($0) }), at + 1 < rawTokens.count {
                mayBeAReference = !isSeparator(rawTokens[at + 1])
            }
        } else if let (number, rest) = gluedFolio(line[tokens[end - 1]], atEnd: true) {
            (folio, exact, folioText) = (number, true, String(number))
            tokens[end - 1] = rest.startIndex..<rest.endIndex
        } else if let (number, rest) = gluedFolio(line[tokens[first]], atEnd: false) {
            (folio, exact, folioText) = (number, true, String(number))
            tokens[first] = rest.startIndex..<rest.endIndex
        }
        var roman: Int?
        if folio == nil, let number = romanToken(line[tokens[end - 1]]) {
            roman = number
            end -= 1
        } else if folio == nil, let number = romanToken(line[tokens[first]]) {
            roman = number
            first += 1
        }
        // The title's words: the tokens left that are no separator, moved down in place.
        var words = first
        for at in first..<end where !isSeparator(tokens[at]) {
            tokens[words] = tokens[at]
            words += 1
        }
        guard words - first <= maximumWords else { return nil }
        let key = line.withUnsafeBufferPointer { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: line.count) { joined -> [UInt8] in
                var count = 0
                for token in tokens[first..<words] {
                    for at in token {
                        joined[count] = bytes[at]
                        count += 1
                    }
                }
                var key: [UInt8] = []
                appendKey(of: UnsafeBufferPointer(rebasing: joined[..<count]), to: &key)
                return key
            }
        }
        guard folio != nil || roman != nil || !key.isEmpty else { return nil }
        return EdgeLine(folio: folio, folioIsExact: exact, folioText: folioText, key: key, titleWords: words - first,
                        folioMayBeAReference: mayBeAReference, romanFolio: roman)
    }

    /// `read` of `bytes` less the bytes `dropped` picks (form feeds): of the
    /// line itself when it has none, of a copy without them otherwise.
    public static func read(_ bytes: [UInt8], without dropped: (UInt8) -> Bool) -> EdgeLine? {
        bytes.contains(where: dropped) ? read(bytes.filter { !dropped($0) }) : read(bytes)
    }

    /// A space, tab, form feed or carriage return: what parts the tokens of an edge line.
    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0C || byte == 0x0D }

    /// A whole line's letters and digits, lower-cased (nothing taken for a folio).
    public static func key(of bytes: [UInt8]) -> [UInt8] {
        var key: [UInt8] = []
        appendKey(of: bytes, to: &key)
        return key
    }

    /// Appends `key(of: bytes)` to `key`, without an array of its own for an ASCII line.
    public static func appendKey(of bytes: [UInt8], to key: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { appendKey(of: $0, to: &key) }
    }

    /// `appendKey` of bytes in place (also a title's words joined on the stack).
    private static func appendKey(of bytes: UnsafeBufferPointer<UInt8>, to key: inout [UInt8]) {
        let written: Int? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { out in
            guard let count = asciiKey(bytes, into: out) else { return nil }
            key.append(contentsOf: UnsafeBufferPointer(rebasing: out[..<count]))
            return count
        }
        if written == nil { key += slowKey(Array(bytes)) }
    }

    /// The key of an ASCII line written into `out` (room for the line), and its
    /// length; nil, `out` unused, when a byte is beyond ASCII.
    private static func asciiKey(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        asciiKeyBytes.withUnsafeBufferPointer { table in
            var count = 0
            for byte in bytes {
                let mapped = table[Int(byte)]
                if mapped == 0 { continue }
                if mapped == 0xFF { return nil }
                out[count] = mapped
                count += 1
            }
            return count
        }
    }

    /// The key of a line with bytes beyond ASCII.
    private static func slowKey(_ bytes: [UInt8]) -> [UInt8] {
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
            // A scalar's lower-case mapping is what `String.lowercased()` writes for it.
            for scalar in String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars where scalar.properties.isAlphabetic {
                key.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        return key
    }

    /// For each byte: its lower-case form for an ASCII letter or digit, 0 for
    /// another ASCII byte (left out of a key), 0xFF beyond ASCII.
    private static let asciiKeyBytes: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        let byte = UInt8(byte)
        if byte >= 0x80 { return 0xFF }
        return isASCIILetterOrDigit(byte) ? byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0) : 0
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

    /// A folio of one to four digits, perhaps misread ("l6"), perhaps between
    /// dashes or brackets ("-34-", "[12]"), with at least one real digit: its
    /// number, whether it was printed as plain digits, and the token as
    /// printed without those marks (`trimFolio`).
    static func folioToken(_ token: ArraySlice<UInt8>) -> (number: Int, exact: Bool, printed: String)? {
        // A folio holds a real digit: a token without one (most are words) is passed by before any String work.
        guard token.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let trimmed = trimFolio(String(decoding: token, as: UTF8.self))
        // One to four characters, each an ASCII digit or a letter OCR reads for one:
        // each such character is one ASCII byte, and a byte beyond ASCII is none.
        let utf8 = trimmed.utf8
        guard (1...4).contains(utf8.count) else { return nil }
        var number = 0
        var exact = true, hasDigit = false
        for byte in utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                number = number * 10 + Int(byte - 0x30)
                hasDigit = true
            } else if let digit = misreadDigit(byte) {
                number = number * 10 + digit
                exact = false
            } else {
                return nil
            }
        }
        // A year ("1937") is a date, never a page number.
        guard hasDigit, number > 0, !(1700...2099).contains(number) else { return nil }
        return (number, exact, trimmed)
    }

    /// The digit OCR reads as the ASCII letter or mark `byte` (l, I, |, i, ! for 1;
    /// O, o for 0; S for 5; B for 8; Z for 2); nil for any other byte.
    static func misreadDigit(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "l"), UInt8(ascii: "I"), UInt8(ascii: "|"), UInt8(ascii: "i"), UInt8(ascii: "!"): return 1
        case UInt8(ascii: "O"), UInt8(ascii: "o"): return 0
        case UInt8(ascii: "S"): return 5
        case UInt8(ascii: "B"): return 8
        case UInt8(ascii: "Z"): return 2
        default: return nil
        }
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

    /// The bytes of `a` that `b` lacks, or of `b` that `a` lacks, whichever
    /// are more, each byte counted as often as it stands: no edit changes
    /// either count by more than one, so two keys are at least this many edits apart.
    static func bytesApart(_ a: [UInt8], _ b: [UInt8]) -> Int {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { tally -> Int in
            tally.initialize(repeating: 0)
            for byte in a { tally[Int(byte)] += 1 }
            for byte in b { tally[Int(byte)] -= 1 }
            var more = 0, fewer = 0
            for byte in a where tally[Int(byte)] > 0 { more += Int(tally[Int(byte)]); tally[Int(byte)] = 0 }
            for byte in b where tally[Int(byte)] < 0 { fewer -= Int(tally[Int(byte)]); tally[Int(byte)] = 0 }
            return max(more, fewer)
        }
    }

    /// Edits (insertions, deletions, substitutions) between two keys, or nil
    /// when there are more than `limit`: banded, so comparing with a learned
    /// head costs little.
    public static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        // Keys of other titles mostly hold other letters: more than `limit` of them, and no table is filled.
        if limit >= 2 && bytesApart(a, b) > limit { return nil }
        let big = limit + 1
        let width = b.count + 1
        // The two rows in one temporary allocation (on the stack for a short key), not two arrays per call.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { rows -> Int? in
            var previous = rows.baseAddress!, current = previous + width
            for j in 0..<width { previous[j] = j; current[j] = big }
            return a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b -> Int? in
                    for i in 1...a.count {
                        let low = max(1, i - limit), high = min(b.count, i + limit)
                        current[0] = i <= limit ? i : big
                        if low > 1 { current[low - 1] = big }
                        var rowBest = current[0]
                        let byte = a[i - 1]
                        for j in low...high {
                            let substitution = previous[j - 1] + (byte == b[j - 1] ? 0 : 1)
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
        }
    }
}
