@testable import Emend
import Foundation
import Testing

/// A furniture pattern that opens with a group of literal words is not
/// searched in a line that opens with none of them (`FurnitureRules.openingWords`,
/// `Pattern.mayMatch`): no line the pattern matches is ever passed by, on the
/// gold pages' lines, on made-up lines (capitals, letters beyond ASCII that
/// fold to ASCII ones, lines shorter than a word) and for made-up patterns;
/// and the built-in rules answer as their patterns searched on every line do.
@Suite struct FurnitureOpeningTests {
    /// The built-in patterns (rules/page-structure/furniture.yaml).
    static let continuation = #"(document|table|appendix|chart|figure|map|exhibit)\s+[0-9ivxlc]+[a-z]?\s*[\(\[]?(continued|cont\.|contd\.?|cont'd)[\)\]]?\.?"#
    static let heading = #"(document|table|chapter|part|appendix|figure|map|exhibit|section|no\.)\s+[0-9ivxlc]+[a-z]?\.?"#

    static let madeUpPatterns = [
        continuation, heading, #"(Psalm|Kelvin|stra)\s+\d+"#, #"(no\.|n o)\s*\d+"#, #"(a|)\d+"#, #"(ab|abc)(d|e)?"#,
        #"(doc)?ument"#, #"(doc|x)*ument"#, #"(a|b)|c"#, #"(a)|(b)"#, #"(sect)ion|chapter"#, #"([a-z]+) \d+"#,
    ]

    static func regex(_ pattern: String) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [.caseInsensitive])
    }

    static func searched(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func madeUpLines() -> [String] {
        var draw = PieceDraw(seed: 7)
        let pieces = ["Document", "DOCUMENT", "document", "Doc", "Table", "no.", "No. ", "No", "n o", "Section", "ſection", "Kelvin",
                      "\u{212A}elvin", "ſtra", "STRASSE", "Straße", "Psalm", "Chapter", " ", "  ", "\t", "12", "iv", "3a", "(continued)",
                      "cont.", "Cont'd", "contd", "—", "abc", "ab", "d", "e", "x", "ument", "é", "Ежов", ".", "1937"]
        var lines: [String] = []
        for _ in 0..<6_000 {
            var line = ""
            for _ in 0..<draw.next(6) { line += pieces[draw.next(pieces.count)] }
            lines.append(line)
        }
        // Lines shaped like the patterns: an opening word, a number, perhaps "continued".
        let openings = ["Document", "TABLE", "chapter", "Part", "Party", "appendix", "Figure", "map", "Exhibit", "section", "No.", "no",
                        "Psalm", "ſection", "\u{212A}elvin", "stra", "n o", "ab", "abc", "Docs", "x"]
        for _ in 0..<3_000 {
            let line = openings[draw.next(openings.count)] + [" ", "  ", "\t", "", ". "][draw.next(5)]
                + ["12", "iv", "3a", "xx", "7", "d", "e"][draw.next(7)] + ["", ".", " (continued)", " cont.", " contd", "x", " 3"][draw.next(7)]
            lines.append(line)
        }
        return lines + ["", "D", "Documen", "Document", "Document 3", "no. 4", "No.12", "n o 4", "ſection 5", "\u{212A}elvin 3",
                        "stra 1", "STRA 2", "a12", "12", "abd", "abce", "ument", "docdocument", "c", "b", "chapter", "section"]
    }

    static func texts() throws -> [String] {
        let gold = try GoldPage.allRawLines().map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        return gold + madeUpLines()
    }

    @Test func readsTheOpeningWordsOfLiteralGroupsAlone() {
        #expect(FurnitureRules.openingWords(of: Self.heading)
                == ["document", "table", "chapter", "part", "appendix", "figure", "map", "exhibit", "section", "no."].map { Array($0.utf8) })
        #expect(FurnitureRules.openingWords(of: Self.continuation)?.count == 7)
        #expect(FurnitureRules.openingWords(of: #"(Psalm|n o)\s+\d+"#) == [Array("psalm".utf8), Array("n o".utf8)])
        #expect(FurnitureRules.openingWords(of: #"(a|)\d+"#) == [Array("a".utf8), []])
        for pattern in [#"(doc)?ument"#, #"(doc|x)*ument"#, #"(a|b)+"#, #"(a){2}"#, #"(a|b)|c"#, #"(a)|(b)"#, #"(sect)ion|chapter"#,
                        #"([a-z]+) \d+"#, #"(a\d)"#, #"(a(b))"#, #"(?i)(a)"#, #"(?:a|b)c"#, #"(ab?)"#, #"(a.b)"#, #"(a)\Q|\E"#,
                        #"(a))|((b"#, #"doc(a|b)"#, #"(é)"#, #"(a"#, "", #"[a](b)"#] {
            #expect(FurnitureRules.openingWords(of: pattern) == nil, "\(pattern)")
        }
        // A `|` inside a class or a later group, or escaped, is no alternative of the whole.
        for pattern in [#"(a)[|]"#, #"(a)(b|c)"#, #"(a)\|"#, #"(a)[[|]x]"#] {
            #expect(FurnitureRules.openingWords(of: pattern) == [Array("a".utf8)], "\(pattern)")
        }
    }

    @Test func passesByNoLineAPatternMatches() throws {
        let texts = try Self.texts()
        var passedBy = 0, matched = 0
        for source in Self.madeUpPatterns {
            let regex = try Self.regex(source)
            let pattern = FurnitureRules.Pattern(lazyRegex: LazyRegex(compiled: regex), rule: "test", openings: FurnitureRules.openingWords(of: source))
            for text in texts {
                let found = Self.searched(regex, text)
                if found { matched += 1 }
                if !pattern.mayMatch(text) {
                    passedBy += 1
                    #expect(!found, "\(source) \(text)")
                }
            }
        }
        #expect(matched > 500 && passedBy > 10_000)
    }

    @Test func builtInRulesAnswerAsTheirPatternsDo() throws {
        let rules = try FurnitureRules(library: RuleLibrary(directory: nil))
        let continuation = try Self.regex(Self.continuation), heading = try Self.regex(Self.heading)
        var headings = 0
        for text in try Self.texts() {
            #expect(rules.isContinuationHeader(text) == Self.searched(continuation, text), "\(text)")
            #expect(rules.isHeading(text) == Self.searched(heading, text), "\(text)")
            if rules.isHeading(text) { headings += 1 }
        }
        #expect(headings > 50)
    }
}

/// The built-in rules remember the last line each list of patterns was
/// searched in: asked again and again, in any order, about lines that repeat,
/// they answer as the patterns searched each time do; rules given more
/// patterns after a line was asked answer with those patterns too.
@Suite struct FurnitureLastSearchTests {
    @Test func answersRepeatedLinesAsThePatternsDo() throws {
        let rules = try FurnitureRules(library: RuleLibrary(directory: nil))
        let continuation = try FurnitureOpeningTests.regex(FurnitureOpeningTests.continuation)
        let heading = try FurnitureOpeningTests.regex(FurnitureOpeningTests.heading)
        let texts = ["Document 37", "Document 37", "Table 4 (continued)", "Document 38", "Document 37", "The text 5", "", "no. 4", "no. 4"]
        var draw = PieceDraw(seed: 5)
        var headings = 0
        for _ in 0..<2_000 {
            let text = texts[draw.next(texts.count)]
            let copy = rules
            #expect(copy.isHeading(text) == FurnitureOpeningTests.searched(heading, text), "\(text)")
            #expect(rules.isContinuationHeader(text) == FurnitureOpeningTests.searched(continuation, text), "\(text)")
            if rules.isHeading(text) { headings += 1 }
        }
        #expect(headings > 500)
    }

    @Test func answersWithPatternsAddedLater() throws {
        var rules = try FurnitureRules(library: RuleLibrary(directory: nil))
        let before = rules
        #expect(!rules.isHeading("Psalm 23") && !rules.isContinuationHeader("Psalm 23 cont"))
        try rules.add(text: "headings:\n  - 'psalm\\s+[0-9]+'\ncontinuation-headers:\n  - 'psalm\\s+[0-9]+ cont'\n", file: "test.yaml")
        #expect(rules.isHeading("Psalm 23") && rules.isContinuationHeader("Psalm 23 cont"))
        #expect(!before.isHeading("Psalm 23") && !before.isContinuationHeader("Psalm 23 cont"))
    }
}
