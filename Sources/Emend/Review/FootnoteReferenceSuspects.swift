/// Footnote references that OCR may have read as punctuation: a page prints
/// `grammar.²` and its foot `2. Hudson, 1974.`; tesseract reads the raised
/// number as a mark glued to the word (`grammar.’`, `synonyms.!`,
/// `restriction’`). Found in the input, page by page, for a proofreader to
/// look at; nothing is changed.
///
/// A mark is a suspect when all of these hold:
/// - it ends a word: a closing quote (’ ” ' "), an opening one (‘), or an
///   exclamation mark after a period, comma, colon or semicolon (`synonyms.!`);
/// - it is no plausible punctuation where it stands: for a quotation mark, no
///   quote opens before it in its paragraph, the paragraph began on this page
///   (a quotation may open on the page before), and an apostrophe after a
///   plural's s (`workers’`) is a possessive;
/// - the page ends in a block of footnotes (`FootnoteShape`, after a blank
///   line, numbered one after another), and a number of that block that no
///   reference in digits on the page takes fits in the order of the page's
///   references.
///
/// Why a list and not a repair: on the development pages, the closing quotes
/// that pass these tests are as often real quotation marks as references (a
/// quotation whose opening line OCR set apart by a blank line, a quote nested
/// in another), so the evidence of the page does not make a repair certain.
package enum FootnoteReferenceSuspects {
    package struct Suspect: Sendable, Equatable {
        /// The input byte offset where the word starts, and its 1-based input line.
        package var offset: Int
        package var line: Int
        /// The word with its mark (`grammar.’`).
        package var text: String
        /// The footnote numbers it may stand for, in order.
        package var numbers: [Int]
    }

    /// One input line: its bytes (form feeds out), where they start in the input, its number.
    private struct PageLine {
        var bytes: ArraySlice<UInt8>
        var offset: Int
        var number: Int
        var isBlank: Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0C } }
    }

    /// The suspects of a whole input, in input order.
    package static func find(in input: [UInt8]) -> [Suspect] {
        pages(of: input).flatMap(suspects(onPage:))
    }

    /// The input's pages: cut at form feeds or page separator lines when the
    /// input has two or more of them, otherwise at runs of two or more blank lines.
    private static func pages(of input: [UInt8]) -> [[PageLine]] {
        var lines: [PageLine] = []
        var start = 0, number = 1
        while start < input.count {
            let end = input[start...].firstIndex(of: 0x0A) ?? input.count
            lines.append(PageLine(bytes: input[start..<end], offset: start, number: number))
            start = end + 1
            number += 1
        }
        let marks = lines.filter { $0.bytes.contains(0x0C) || PageSurvey.isProofreadersSeparator($0.bytes) }.count
        var pages: [[PageLine]] = [[]]
        var blanks = 0
        for line in lines {
            if marks >= 2 {
                if PageSurvey.isProofreadersSeparator(line.bytes) { pages.append([]); continue }
                if line.bytes.contains(0x0C) { pages.append([]) }
            } else if line.isBlank {
                blanks += 1
                if blanks == 2 { pages.append([]) }
            } else {
                blanks = 0
            }
            pages[pages.count - 1].append(line)
        }
        return pages
    }

    private static func suspects(onPage page: [PageLine]) -> [Suspect] {
        guard let (blockStart, notes) = footnoteBlock(page) else { return [] }
        let body = page[..<blockStart]
        // The page's references in digits and its suspect marks, in reading order.
        var events: [(reference: Int?, suspect: Suspect?)] = []
        var paragraphOnPage = false, quoteOpened = false
        for line in body {
            if line.isBlank { paragraphOnPage = true; quoteOpened = false; continue }
            for token in tokens(line.bytes) {
                if opensQuote(token) {
                    quoteOpened = true
                } else if let number = digitReference(token), notes.contains(number) {
                    events.append((number, nil))
                } else if let (text, isQuote) = suspectMark(token), !isQuote || (paragraphOnPage && !quoteOpened) {
                    events.append((nil, Suspect(offset: line.offset + (token.startIndex - line.bytes.startIndex),
                                                line: line.number, text: text, numbers: [])))
                }
            }
        }
        let taken = Set(events.compactMap(\.reference))
        var result: [Suspect] = []
        for (index, event) in events.enumerated() {
            guard var suspect = event.suspect else { continue }
            let before = events[..<index].compactMap(\.reference).max() ?? Int.min
            let after = events[(index + 1)...].compactMap(\.reference).min() ?? Int.max
            suspect.numbers = notes.filter { !taken.contains($0) && $0 > before && $0 < after }
            if !suspect.numbers.isEmpty { result.append(suspect) }
        }
        return result
    }

    /// The footnotes at the page's foot: the first line of the block and the
    /// numbers, which rise by one. A footnote starts after a blank line or
    /// right after another footnote's line; the block's first one after a blank line.
    private static func footnoteBlock(_ page: [PageLine]) -> (start: Int, numbers: [Int])? {
        var starts: [(index: Int, number: Int)] = []
        for index in page.indices.dropFirst() {
            guard let number = FootnoteShape.number(Array(page[index].bytes.filter { $0 != 0x0C })) else { continue }
            if page[index - 1].isBlank || starts.last?.index == index - 1 { starts.append((index, number)) }
        }
        for first in starts.indices where page[starts[first].index - 1].isBlank {
            let numbers = starts[first...].map(\.number)
            if zip(numbers, numbers.dropFirst()).allSatisfy({ $1 == $0 + 1 }) { return (starts[first].index, numbers) }
        }
        return nil
    }

    /// The space-separated tokens of a line.
    private static func tokens(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0C || $0 == 0x0D })
    }

    /// A reference in digits glued to a word's end (`grammar.2`, `Nigel1`,
    /// `"accused."36`): one to three digits after a letter or closing punctuation.
    private static func digitReference(_ token: ArraySlice<UInt8>) -> Int? {
        let digits = token.reversed().prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        guard digits >= 1, digits <= 3, token.count > digits else { return nil }
        let head = token.dropLast(digits)
        let glue = head.last!
        let closingQuote = head.reversed().starts(with: "’".utf8.reversed()) || head.reversed().starts(with: "”".utf8.reversed())
        guard DocumentVocabulary.isLetter(glue) || ".,;:\"')]".utf8.contains(glue) || closingQuote,
              head.contains(where: DocumentVocabulary.isLetter) else { return nil }
        return Int(String(decoding: token.suffix(digits), as: UTF8.self))
    }

    /// A word of two letters or more, maybe a period, comma, colon or
    /// semicolon, and a mark that may be a raised number: the token, when it
    /// is one, and whether its mark is a quotation mark.
    private static func suspectMark(_ token: ArraySlice<UInt8>) -> (String, isQuote: Bool)? {
        // Most tokens end in a letter: ! ' " or the last byte of ‘ ’ ” first.
        guard let end = token.last, end == UInt8(ascii: "!") || end == UInt8(ascii: "'") || end == UInt8(ascii: "\"")
                || end == 0x98 || end == 0x99 || end == 0x9D else { return nil }
        let text = String(decoding: token, as: UTF8.self)
        var scalars = Array(text.unicodeScalars)
        guard let mark = scalars.popLast() else { return nil }
        var punctuation: Unicode.Scalar?
        if let last = scalars.last, ".,;:".unicodeScalars.contains(last) { punctuation = scalars.popLast() }
        // The word: letters, with hyphens between them.
        let word = scalars.drop { !$0.properties.isAlphabetic && $0 != "'" && $0 != "’" }
        guard word.count >= 2, word.allSatisfy({ $0.properties.isAlphabetic || $0 == "-" || $0 == "'" || $0 == "’" }),
              word.last!.properties.isAlphabetic, word.count == scalars.count || !scalars[scalars.count - word.count - 1].properties.isAlphabetic
        else { return nil }
        switch mark {
        case "!":
            guard punctuation != nil else { return nil }  // "Alas!" is an exclamation
        case "’", "'":
            // "workers’": a plural's possessive.
            if punctuation == nil, word.last == "s" || word.last == "S" { return nil }
        case "”", "\"", "‘":
            break
        default:
            return nil
        }
        return (text, mark != "!")
    }

    /// True when a token opens a quotation: it starts with a quotation mark
    /// (after a bracket or dash) and a letter or digit follows.
    private static func opensQuote(_ token: ArraySlice<UInt8>) -> Bool {
        // Most tokens start with a letter.
        guard let first = token.first, first >= 0x80 || !DocumentVocabulary.isLetter(first) else { return false }
        let scalars = String(decoding: token, as: UTF8.self).unicodeScalars.drop { "([—-".unicodeScalars.contains($0) }
        guard let first = scalars.first, "“‘\"'«`„".unicodeScalars.contains(first) else { return false }
        return scalars.dropFirst().contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}
