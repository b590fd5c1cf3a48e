@testable import Emend
import Testing

/// An edge line is read the same whatever spaces, tabs, form feeds and
/// carriage returns part its tokens, and a line is read without its form
/// feeds whether they are dropped in a copy or passed by.
@Suite struct EdgeLineReadTests {
    @Test func tokensArePartedByEveryKindOfSpace() throws {
        for text in ["12 MY LIFE AS AN AUTHOR", "12\tMY  LIFE\tAS AN\r AUTHOR", "  12 \u{0C}MY LIFE AS AN AUTHOR \r", "12 | My Life as an Author"] {
            let edge = try #require(EdgeLine.read(Array(text.utf8)), "\(text)")
            #expect(edge.folio == 12 && edge.key == Array("mylifeasanauthor".utf8) && edge.titleWords == 5, "\(text)")
        }
        let folio = try #require(EdgeLine.read(Array("— 34 —".utf8)))
        #expect(folio.folio == 34 && folio.isLoneFolio)
        let glued = try #require(EdgeLine.read(Array("Title19".utf8)))
        #expect(glued.folio == 19 && glued.key == Array("title".utf8))
        #expect(EdgeLine.read(Array("  \t \u{0C} ".utf8)) == nil)
    }

    @Test func formFeedsAreLeftOutAlike() {
        for text in ["\u{0C}Title 19", "Title\u{0C} 19", "\u{0C}\u{0C}", "xiv", "Xv \u{0C}", "12 MY LIFE AS AN AUTHOR",
                     String(repeating: "a", count: 99) + "\u{0C}\u{0C}", String(repeating: "a", count: 101)] {
            let bytes = Array(text.utf8)
            #expect(EdgeLine.read(bytes, without: { $0 == 0x0C }) == EdgeLine.read(bytes.lazy.filter { $0 != 0x0C }), "\(text)")
        }
        // 99 letters and two form feeds: under the bound once they are left out.
        #expect(EdgeLine.read(Array((String(repeating: "a", count: 99) + "\u{0C}\u{0C}").utf8), without: { $0 == 0x0C }) != nil)
    }
}

/// A running head's words are cut as `split(separator: " ")` cuts them,
/// whether the text is ASCII (cut on its bytes) or not.
@Suite struct RunningHeadWordsTests {
    @Test func wordsAreCutAsSplitCutsThem() {
        for text in ["128 Closing Ranks", "  Repression  andLegality 109 ", "", " ", "a", "Stalin\u{2019}s Terror 12",
                     "x \u{0301}y 3", "Ежов  и Берия 45", "tab\tinside 7", "\r\n 9"] {
            #expect(FurnitureRules.words(of: text) == text.split(separator: " ").map(String.init), "\(text)")
        }
        #expect(FurnitureRules.words(of: "  Repression  andLegality 109 ") == ["Repression", "andLegality", "109"])
    }

    /// A date's words are parted by spaces, commas and periods, as the
    /// characters' split parts them (a comma or period a combining mark
    /// follows is none), whether the text is ASCII or not.
    @Test func dateWordsAreCutAsSplitCutsThem() {
        let texts = ["September 14", "1 September 1937", "January 29, 1939.", "...", ", . ,", "", "a", "14.IX.1937",
                     "Sept.,14", "сентября 1937 г.", "1 сентября, 1937", "x,\u{0301}y. 3", "a .\u{0301} b", "\r\n 9,", "tab\tinside, 7",
                     "Stalin\u{2019}s Terror, 12.", "  May  1 ,2 . "]
        for text in texts {
            let expected = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }).map(String.init)
            #expect(FurnitureRules.words(of: text, partedBy: " ,.") == expected, "\(text)")
        }
        #expect(FurnitureRules.words(of: "January 29, 1939.", partedBy: " ,.") == ["January", "29", "1939"])
    }

    /// A date is told by a month's name first or last, or second after a number, as before.
    @Test func datesAreTold() throws {
        let rules = try FurnitureRules(library: RuleLibrary(directory: nil))
        for date in ["September 14", "1 September 1937", "January 29, 1939.", "14 MAY, 1937", "Monday, 3 June"] {
            #expect(rules.isDate(date), "\(date)")
        }
        for text in ["Document 37", "The Storm of 1937", "", "12", "Mayakovsky 12"] {
            #expect(!rules.isDate(text), "\(text)")
        }
    }
}
