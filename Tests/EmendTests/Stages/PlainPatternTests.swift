@testable import Emend
import Foundation
import Testing

/// A furniture pattern read as plain parts (`PlainPattern`) answers as its
/// regular expression, `^(?:pattern)$` searched case-insensitively, does: on
/// the gold pages' lines, on made-up lines (each printable ASCII byte and tab
/// between letters and digits, capitals, lines shaped like the patterns), for
/// the built-in patterns and made-up ones of every part it reads; it reads no
/// pattern with a part it does not know, and leaves a line with a byte that is
/// no printable ASCII or tab to the regular expression.
@Suite struct PlainPatternTests {
    static let patterns = FurnitureOpeningTests.madeUpPatterns + [
        #"[a-c]+x?"#, #"\d\d?[\.\-]"#, #"(?:ab|a)b*c"#, #"((a|b)c)+d?"#, #"a\s*b\s+c"#, #"[\(\[]?x[\)\]]?"#, #"(|a)(b|)"#,
        #"x[A-F0-9]+"#, #"[\ ]?a#b'c"#, #"(a*)*b"#, #"page \d+ of \d+"#, #"(chapter|part) [ivxlc]+\.?"#, "", #"()"#, #"\.\*\+\?"#,
        #"[\s\d]+"#, #"a|b|"#, #"(document|table)\s+[0-9]+[a-z]?\s*(cont\.|contd\.?|cont'd)"#,
    ]

    static func asciiLines() -> [String] {
        var lines: [String] = []
        for byte in UInt8(0x20)...UInt8(0x7E) {
            let mark = String(UnicodeScalar(byte))
            for around in [("", ""), ("a", "1"), ("Document", "3"), ("x", "x"), ("ab", "c"), ("page 3", "4"), ("table 3 ", "cont.")] {
                lines.append(around.0 + mark + around.1)
            }
        }
        return lines + ["Document\t12", "a \tb  c", "ABCX", "abcx", "AB", "X0f", "xg", "#", "a#b'c", " a#B'C", "ab\u{0B}c", "Document 3\r", "a\u{0}"]
    }

    @Test func answersAsTheRegularExpressionDoes() throws {
        let texts = try FurnitureOpeningTests.texts() + Self.asciiLines()
        var answered = 0, matched = 0, left = 0
        for source in Self.patterns {
            let plain = try #require(PlainPattern(source), "\(source)")
            let regex = try FurnitureOpeningTests.regex(source)
            for text in texts {
                let printable = text.utf8.allSatisfy { ($0 >= 0x20 && $0 <= 0x7E) || $0 == 0x09 }
                guard let found = plain.matches(text) else {
                    #expect(!printable, "\(source) \(text)")
                    left += 1
                    continue
                }
                #expect(printable, "\(source) \(text)")
                #expect(found == FurnitureOpeningTests.searched(regex, text), "\(source) \(text)")
                answered += 1
                if found { matched += 1 }
            }
        }
        #expect(answered > 100_000 && matched > 1_000 && left > 100)
    }

    @Test func readsNoPatternWithPartsItDoesNotKnow() {
        for pattern in [".", "a.b", "a{2}", "a+?", "a*+", "a??", "a**", "[^a]", #"\w"#, #"\b"#, "^a", "a$", "[a-", "(a", "a)", "[[a]]",
                        "é", "[é]", "[]a]", "(?i)a", "(?=a)", #"\Qa\E"#, #"\1"#, "[a-]", "[-a]", "[z-a]", "[a&&b]", "*a", "a|*", "]", "}",
                        "\t", #"\p{L}"#, "[:alpha:]", #"[\w]"#, #"\é"#, "[ ]", "[a b]", "[$]", "[.]"] {
            #expect(PlainPattern(pattern) == nil, "\(pattern)")
        }
    }

    @Test func readsTheBuiltInPatterns() throws {
        #expect(PlainPattern(FurnitureOpeningTests.continuation) != nil)
        #expect(PlainPattern(FurnitureOpeningTests.heading) != nil)
        let heading = try #require(PlainPattern(FurnitureOpeningTests.heading))
        #expect(heading.matches("Document 37") == true && heading.matches("DOCUMENT IV.") == true && heading.matches("No.\t4a") == true)
        #expect(heading.matches("Document") == false && heading.matches("Documents 3") == false && heading.matches("document 3 x") == false)
        #expect(heading.matches("Document 3é") == nil && heading.matches("\u{212A}elvin") == nil)
    }
}
