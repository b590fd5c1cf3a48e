@testable import Emend
import Foundation
import Testing

/// Furniture taken on the evidence of the document's own pages where its
/// shape alone would not do, on real tesseract output (`Fixtures/pages`, see
/// its README): front matter's roman folios, a foot folio OCR misread, a
/// foot head shaped like a note, a head below a scrap OCR made of nothing.
@Suite struct PageFurnitureEvidenceTests {
    static func run(_ text: String) throws -> (output: String, removed: [String]) {
        var source = MemorySource(Array(text.utf8))
        var stage = try PageStructure()
        stage.use(try surveyDocument(&source))
        let (output, changes) = try stage.applyReportingChanges(to: text)
        let removed = changes.filter { $0.kind == .removedLine && !["page-structure:page-break", "page-structure:blank-inside-word"].contains($0.rule) }
            .map { $0.before.filter { $0 != "\u{0C}" }.trimmingCharacters(in: .whitespaces) }
        return (output, removed)
    }

    static func fixture(_ name: String) throws -> String {
        try Fixtures.text("Tests/EmendTests/Fixtures/pages/\(name).ocr.txt")
    }

    /// OCR that sets no blank line between a page's edge and its text
    /// (tesseract's `--psm 6`, a form feed glued to each page's first line):
    /// the book's heads and feet that carry their page's folio go; a page's
    /// last line of text ending in another number, and every line of text, stay.
    @Test func headsAndFeetThatTouchTheTextGoWithTheirPagesFolio() throws {
        let body = (0..<18).map { "line \($0) of the page, in which the text goes on as it does in a book" }
        var pages: [[String]] = []
        for page in 0..<8 {
            let folio = 31 + page
            let head = page % 2 == 0 ? "\(folio) Stalin and the NKVD" : "Resolution of the Plenum on the NKVD \(folio)"
            var lines = [head] + body
            // Lines of text that end in their page's number stay.
            if page == 5 { lines[lines.count - 1] = "and the count of the men arrested that month was 36." }
            if page == 6 { lines[lines.count - 1] = "of the Guard 37" }
            pages.append(lines)
        }
        let text = pages.map { $0.joined(separator: "\n") }.joined(separator: "\n\u{0C}") + "\n"
        let (output, removed) = try Self.run(text)
        #expect(removed.count == 8)
        #expect(removed.allSatisfy { $0.contains("NKVD") })
        #expect(output.contains("the men arrested that month was 36.\n") && output.contains("of the Guard 37\n"))
        #expect(output.components(separatedBy: "in which the text goes on").count - 1 == 8 * 18 - 2)
        // Feet: the same pages with each title at the foot.
        let feet = pages.map { ($0.dropFirst() + [$0[0]]).joined(separator: "\n") }.joined(separator: "\n\u{0C}") + "\n"
        let (footOutput, footRemoved) = try Self.run(feet)
        #expect(footRemoved.count == 8)
        #expect(footOutput.components(separatedBy: "in which the text goes on").count - 1 == 8 * 18 - 2)
        // Heads without a folio over the text, the folio alone at the foot under it.
        let bare = (0..<8).map { page in
            ([page % 2 == 0 ? "STALIN AND THE NKVD" : "RESOLUTION OF THE PLENUM"] + body + ["\(31 + page)"]).joined(separator: "\n")
        }.joined(separator: "\n\u{0C}") + "\n"
        let (bareOutput, bareRemoved) = try Self.run(bare)
        #expect(bareRemoved.filter { $0.contains("NKVD") || $0.contains("PLENUM") }.count >= 6)
        #expect(bareRemoved.filter { Int($0) != nil }.count == 8)
        #expect(bareOutput.components(separatedBy: "in which the text goes on").count - 1 == 8 * 18)
    }

    @Test func readsRomanFoliosOfFrontMatter() throws {
        let cases: [(String, Int?, String)] = [
            ("SEMANTICS AND INFERENCE xiii", 13, "semanticsandinference"),
            ("SEMANTICS AND INFERENCE Xv", 15, "semanticsandinference"),
            ("xii ~ STUDIES IN LANGUAGE TECHNOLOGY", 12, "studiesinlanguagetechnology"),
            ("xiv", 14, ""),
            // Capitals are a chapter's number; "ill", "xiiii" are no roman numbers as printed.
            ("CHAPTER XI", nil, "chapterxi"),
            ("IV", nil, "iv"),
            ("Taken ill", nil, "takenill"),
            ("Notes xiiii", nil, "notesxiiii"),
        ]
        for (text, roman, key) in cases {
            let edge = try #require(EdgeLine.read(Array(text.utf8)), "\(text)")
            #expect(edge.romanFolio == roman, "\(text)")
            #expect(edge.folio == nil, "\(text)")
            #expect(String(decoding: edge.key, as: UTF8.self) == key, "\(text)")
        }
    }

    /// sc-alternate: recto heads `SEMANTICS AND INFERENCE xi` go with the
    /// versos' `x STUDIES IN LANGUAGE TECHNOLOGY`; the chapter's title stays.
    @Test func romanFoliosBesideALearnedHeadGo() throws {
        let (output, removed) = try Self.run(try Self.fixture("sc-alternate"))
        #expect(removed.contains("SEMANTICS AND INFERENCE xiii"))
        #expect(removed.contains("SEMANTICS AND INFERENCE Xv"))
        #expect(output.hasPrefix("Chapter 3. Semantics and\nInference\n"))
        #expect(output.contains("Chapter 4. Annotation and"))
    }

    /// foot-center, twelve pages: the foot prints `— N —` alone on every page;
    /// OCR read three of them right, and on a chapter's opening page `19` for 12.
    @Test func aMisreadFolioGoesWhereTheBookPrintsItsFolioAlone() throws {
        let (output, removed) = try Self.run(try Self.fixture("foot-center-misread-folio"))
        #expect(removed.contains("19"))
        #expect(output.contains("pany and so long he played and passed the time, that\ncleane hee had forgotten"))
        // A number of another length there is no folio of that page ("2" for 11): it stays.
        #expect(!removed.contains("2"))
    }

    /// The first seven of those pages hold one foot folio read right: too
    /// little evidence, so `19` stays.
    @Test func aMisreadFolioStaysWithoutTheEvidenceOfTheBooksFeet() throws {
        let (output, removed) = try Self.run(try Self.fixture("foot-center"))
        #expect(!removed.contains("19"))
        #expect(output.contains("\n19\n"))
    }

    /// A lone number at the page foot of a book with folios at its feet, but
    /// among figures, or of the wrong length, stays.
    @Test func aLoneNumberAtTheFootStaysAmongFiguresOrOfAnotherLength() throws {
        var pages: [String] = []
        for page in 11...18 { pages.append("The text of page \(page) goes on here at some length, as a book's does.\n\n\(page)") }
        pages[3] = "The text of page 14 ends a table:\n\n1,250\n\n19"
        pages[5] = "The text of page 16 ends here.\n\n7"
        let (output, removed) = try Self.run(pages.joined(separator: "\n\u{0C}") + "\n")
        #expect(removed.count == 6)
        #expect(output.contains("1,250\n\n19"))
        #expect(output.contains("ends here.\n\n7"))
    }

    /// foot-run: `10. Papers on Language and Learning` at a verso's foot reads
    /// like a note, but its title is the book's foot and its number the page's.
    @Test func aFootShapedLikeANoteGoesWithItsPagesFolio() throws {
        let (output, removed) = try Self.run(try Self.fixture("foot-run"))
        #expect(removed.contains("10. Papers on Language and Learning"))
        #expect(removed.contains("14 . Papers on Language and Learning"))
        #expect(!output.contains("Papers on Language"))
    }

    /// A note at the foot that repeats the foot's title with a number not
    /// its page's stays.
    @Test func aNoteWithTheFootsTitleAndAnotherNumberStays() throws {
        var pages: [String] = []
        for page in 10...17 {
            let foot = page % 2 == 0 ? "\(page) Papers on Language and Learning" : "Rules and Statistics \(page)"
            pages.append("The text of page \(page) goes on here at some length, as a book's does.\n\n\(foot)")
        }
        pages[2] = "The text of page 12 goes on here.\n\n3. Papers on Language and Learning, the series.\n\n12 Papers on Language and Learning"
        let (output, removed) = try Self.run(pages.joined(separator: "\n\u{0C}") + "\n")
        #expect(output.contains("3. Papers on Language and Learning, the series."))
        #expect(removed.count == 8)
    }

    /// real3: OCR made `See` of a speck above the head `TRANSLATION AND THE
    /// LEXICON`; the head goes, the scrap stays (it is no furniture printed).
    @Test func aLearnedHeadBelowAScrapGoes() throws {
        let (output, removed) = try Self.run(try Self.fixture("real3-scrap-above-head"))
        #expect(removed.filter { $0.hasSuffix("TRANSLATION AND THE LEXICON") }.count == 3)
        #expect(output.contains("See\n"))
    }

    /// Below a line of text (not a scrap), a title at the page's top stays.
    @Test func aTitleBelowALineOfTextStays() throws {
        var pages: [String] = []
        for page in 1...6 { pages.append("THE RIVER CROSSING\n\nit rained on the \(page)th day of the march, and the army waited by the river.\n\n\(page)") }
        pages[3] = "Book Two\n\nTHE RIVER CROSSING\n\nIt rained on the 4th day of the march, and the army waited by the river.\n\n4"
        let (output, _) = try Self.run(pages.joined(separator: "\n\u{0C}") + "\n")
        #expect(output.contains("Book Two\n\nTHE RIVER CROSSING\n"))
    }

    /// short-chapters: each recto head (`OVERVIEW 125`) names a chapter of two
    /// pages, its title printed once at the top of the opening page over a
    /// paragraph that starts in lower case (`old-fashioned housemaid ...`):
    /// the head goes, beside its folio; the title, seen on two pages only, stays.
    @Test func aChaptersTitleStaysWhereItsHeadStandsOnFewPages() throws {
        let (output, removed) = try Self.run(try Self.fixture("short-chapters"))
        #expect(removed.contains("OVERVIEW 125"))
        #expect(output.contains("Overview\n\nold-fashioned housemaid"))
    }
}
