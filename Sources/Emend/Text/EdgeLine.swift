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
public struct EdgeLine: Equatable, Sendable {
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

    /// True when the line holds a folio and nothing else of substance.
    public var isLoneFolio: Bool { folio != nil && key.isEmpty }

    /// The longest line read (bytes) and the most words a title may hold:
    /// furniture is short.
    public static let maximumBytes = 100
    public static let maximumWords = 12

    /// Reads `bytes` (one line, without its line break), or nil when it is
    /// too long to be furniture or holds no letter and no folio.
    public static func read<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> EdgeLine? {
        guard bytes.count <= maximumBytes else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{0C}" || $0 == "\r" }).map(String.init)
        tokens.removeAll(where: isSeparator)
        guard !tokens.isEmpty, tokens.count <= maximumWords + 1 else { return nil }
        var folio: Int?
        var exact = false
        var folioText = ""
        if let (number, isExact) = folioToken(tokens[tokens.count - 1]) {
            (folio, exact, folioText) = (number, isExact, trimFolio(tokens.removeLast()))
        } else if let (number, isExact) = folioToken(tokens[0]) {
            (folio, exact, folioText) = (number, isExact, trimFolio(tokens.removeFirst()))
        } else if let (number, rest) = gluedFolio(tokens[tokens.count - 1], atEnd: true) {
            (folio, exact, folioText) = (number, true, String(number))
            tokens[tokens.count - 1] = rest
        } else if let (number, rest) = gluedFolio(tokens[0], atEnd: false) {
            (folio, exact, folioText) = (number, true, String(number))
            tokens[0] = rest
        }
        tokens.removeAll(where: isSeparator)
        guard tokens.count <= maximumWords else { return nil }
        var key: [UInt8] = []
        for scalar in tokens.joined().unicodeScalars where scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            key.append(contentsOf: String(scalar).lowercased().utf8)
        }
        guard folio != nil || !key.isEmpty else { return nil }
        return EdgeLine(folio: folio, folioIsExact: exact, folioText: folioText, key: key, titleWords: tokens.count)
    }

    /// True when the folio as printed is `expected`, or `expected` with one
    /// digit lost, added or misread ("17" or "B34" on the page that should be
    /// 117 or 134): OCR's damage to a number it cannot check. Numbers of one
    /// digit must match exactly.
    public func folioMatches(_ expected: Int) -> Bool {
        guard folio != nil else { return false }
        if folio == expected { return true }
        let want = Array(String(expected).utf8), have = Array(folioText.utf8)
        guard want.count >= 2, have.count >= 2 else { return false }
        return EdgeLine.distance(want, have, limit: 1) != nil
    }

    private static func trimFolio(_ token: String) -> String {
        token.trimmingCharacters(in: .init(charactersIn: folioPunctuation))
    }

    static let folioPunctuation = "-–—()[]{}.,:;·•*\"'’‘“”"

    /// A token of punctuation only ("|", "·", "—", "*"): it separates a folio from a title.
    static func isSeparator(_ token: String) -> Bool {
        !token.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "|" }
            || token == "|"
    }

    /// Letters OCR reads for digits, and the digits they stand for.
    static let misreadDigits: [Character: Character] = [
        "l": "1", "I": "1", "|": "1", "i": "1", "!": "1", "O": "0", "o": "0", "S": "5", "B": "8", "Z": "2",
    ]

    /// A folio of one to four digits, perhaps misread ("l6"), perhaps between
    /// dashes or brackets ("-34-", "[12]"), with at least one real digit.
    static func folioToken(_ token: String) -> (Int, Bool)? {
        let trimmed = token.trimmingCharacters(in: .init(charactersIn: folioPunctuation))
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
        guard trimmed.contains(where: { $0.isASCII && $0.isNumber }), let number = Int(digits), number > 0 else { return nil }
        return (number, exact)
    }

    /// A folio glued to the first or last word of the title ("12Title",
    /// "Title19"): the digits and what is left of the word.
    static func gluedFolio(_ token: String, atEnd: Bool) -> (Int, String)? {
        let characters = Array(token)
        let isDigit = { (character: Character) in character.isASCII && character.isNumber }
        let digitCount = atEnd ? characters.reversed().prefix(while: isDigit).count : characters.prefix(while: isDigit).count
        guard (1...4).contains(digitCount), digitCount < characters.count else { return nil }
        let digits = atEnd ? characters.suffix(digitCount) : characters.prefix(digitCount)
        let rest = atEnd ? characters.dropLast(digitCount) : characters.dropFirst(digitCount)
        // The title's side must be a word of letters, glued straight to the digits.
        let neighbour = atEnd ? rest.last! : rest.first!
        guard neighbour.isLetter, rest.filter(\.isLetter).count >= 2, let number = Int(String(digits)), number > 0 else { return nil }
        return (number, String(rest))
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
