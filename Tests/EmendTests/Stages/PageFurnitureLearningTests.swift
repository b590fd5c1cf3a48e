@testable import Emend
import Foundation
import Testing

/// Running heads, feet and folios learned from what a document's page edges
/// repeat, on real tesseract output of typeset pages in three layouts
/// (`Fixtures/pages`, see its README): heads at the top with the folio at
/// the outer edge, running feet `144 | Title`, centred capitals heads with a
/// centred folio at the foot.
@Suite struct PageFurnitureLearningTests {
    /// The lines page-structure removes as furniture from one fixture, run
    /// with a survey of the whole excerpt (as `emend FILE` runs) or alone.
    static func removedFurniture(_ layout: String, surveyed: Bool, from file: String? = nil) throws -> (removed: [String], furniture: [String]) {
        let text = try Fixtures.text("Tests/EmendTests/Fixtures/pages/\(file ?? layout).ocr.txt")
        let furniture = try Fixtures.text("Tests/EmendTests/Fixtures/pages/\(layout).furniture.txt")
            .split(separator: "\n").map(String.init)
        var stage = try PageStructure()
        if surveyed {
            var source = MemorySource(Array(text.utf8))
            stage.use(try surveyDocument(&source))
        }
        let (_, changes) = try stage.applyReportingChanges(to: text)
        let removed = changes.filter { $0.kind == .removedLine && !["page-structure:page-break", "page-structure:blank-inside-word"].contains($0.rule) }
            .map { $0.before.filter { $0 != "\u{0C}" }.trimmingCharacters(in: .whitespaces) }
        return (removed, furniture)
    }

    static let layouts = ["real", "real2", "real3", "top-glued", "foot-center", "head-rule", "feet-both",
                          "sc-alternate", "corner-folio", "foot-run", "short-chapters", "foot-center-misread-folio", "real3-scrap-above-head"]

    @Test(arguments: layouts)
    func everyHeadFootAndFolioGoesAndNoLineOfText(layout: String) throws {
        let (removed, furniture) = try Self.removedFurniture(layout, surveyed: true)
        // In feet-both the first head of the chapter, "* Resolution of the Central Committee
        // Plenum, March 3", has no folio and stands over a new paragraph, like a chapter's
        // title printed like its head; it goes because the page before printed the title
        // with more ("Document 1. Resolution of the ...").
        #expect(removed.sorted() == furniture.sorted())
    }

    /// Alone (a library call, a pipe run with --look-ahead) the stage learns
    /// from the pages it has seen: it may miss the first heads, never removes text.
    @Test(arguments: layouts)
    func aloneItRemovesOnlyFurniture(layout: String) throws {
        let (removed, furniture) = try Self.removedFurniture(layout, surveyed: false)
        #expect(Set(removed).isSubset(of: Set(furniture)), "\(Set(removed).subtracting(furniture))")
        #expect(removed.count * 2 >= furniture.count)
    }

    @Test func aLearnedHeadJoinsTheParagraphItInterrupted() throws {
        let text = try Fixtures.text("Tests/EmendTests/Fixtures/pages/real3.ocr.txt")
        var source = MemorySource(Array(text.utf8))
        var stage = try PageStructure()
        stage.use(try surveyDocument(&source))
        let output = try stage.apply(to: text)
        // Page 102 ends "... he was scared to find", page 103 goes on "that one whom he had thought".
        #expect(output.contains("he was scared to find\nthat one whom he had thought dead"))
        #expect(!output.contains("\u{0C}"))
    }

    @Test func readsTheShapesFurnitureIsPrintedIn() throws {
        let cases: [(String, Int?, String)] = [
            ("34 | Title of the Book", 34, "titleofthebook"),
            ("Hospitalities-Farnham, etc | 145", 145, "hospitalitiesfarnhametc"),
            ("|44 | My Life as an Author", 144, "mylifeasanauthor"),
            ("l6", 16, ""),
            ("— 34 —", 34, ""),
            ("12Title of It", 12, "titleofit"),
            ("Dr. Smith vs. the Board19", 19, "drsmithvstheboard"),
            ("MY LIFE AS AN AUTHOR", nil, "mylifeasanauthor"),
            ("Infancy and Schooldays B", nil, "infancyandschooldaysb"),
        ]
        for (text, folio, key) in cases {
            let edge = try #require(EdgeLine.read(Array(text.utf8)), "\(text)")
            #expect(edge.folio == folio, "\(text)")
            #expect(String(decoding: edge.key, as: UTF8.self) == key, "\(text)")
        }
        #expect(EdgeLine.read(Array(String(repeating: "word ", count: 30).utf8)) == nil)
        #expect(EdgeLine.read(Array("II".utf8))?.folio == nil)  // no real digit: a roman numeral, not a misread folio
    }

    @Test func aFolioMatchesItsPageDespiteOneDigitOfDamage() {
        #expect(EdgeLine.read(Array("17".utf8))!.folioMatches(117))
        #expect(EdgeLine.read(Array("B34".utf8))!.folioMatches(134))
        #expect(!EdgeLine.read(Array("17".utf8))!.folioMatches(142))
        #expect(!EdgeLine.read(Array("7".utf8))!.folioMatches(8))
        #expect(!EdgeLine.read(Array("1937".utf8))!.folioMatches(193))
    }

    @Test func keyDistanceIsBanded() {
        let a = Array("mylifeasanauthor".utf8)
        #expect(EdgeLine.distance(a, Array("mylireasanauthor".utf8), limit: 2) == 1)
        #expect(EdgeLine.distance(a, Array("mylifeasanauthorx".utf8), limit: 2) == 1)
        #expect(EdgeLine.distance(a, Array("proverbialphilosophy".utf8), limit: 2) == nil)
    }

    /// Pages cut anywhere and counted in two halves give the survey of the whole.
    @Test func aSurveyInTwoHalvesLearnsWhatTheWholeLearns() throws {
        let text = Array(try Fixtures.text("Tests/EmendTests/Fixtures/pages/real2.ocr.txt").utf8)
        var whole = PageSurvey()
        var first = PageSurvey(), second = PageSurvey()
        let lines = text.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        for (index, line) in lines.enumerated() {
            line.withUnsafeBufferPointer { whole.add(line: $0) }
            if index < lines.count / 2 {
                line.withUnsafeBufferPointer { first.add(line: $0) }
            } else {
                line.withUnsafeBufferPointer { second.add(line: $0) }
            }
        }
        whole.finish(); first.finish(); second.finish()
        first.merge(second)
        #expect(whole.folioOffset != nil)
        #expect(first.folioOffset == whole.folioOffset)
        #expect(first.learnedHeads() == whole.learnedHeads())
        #expect(first.separators == whole.separators)
    }

    /// The same pages with each form feed replaced by a blank line (as a
    /// pipeline that joins the OCR of single pages writes them): a run of two
    /// blank lines ends a page, and the heads its edges repeat are learned.
    @Test func pagesSeparatedByBlankLinesAlone() throws {
        let (removed, furniture) = try Self.removedFurniture("top-glued", surveyed: true, from: "top-glued-unmarked")
        #expect(removed.sorted() == furniture.sorted())
    }

    /// A document without page marks is left to the shape rules: a title
    /// repeated at the top of blocks is not taken for a head.
    @Test func withoutPageMarksRepeatedLinesStay() throws {
        let block = "SECRET\n\nThe report of the commission was read and approved by all.\n\n"
        let text = String(repeating: block, count: 5)
        var source = MemorySource(Array(text.utf8))
        var stage = try PageStructure()
        stage.use(try surveyDocument(&source))
        #expect(try stage.apply(to: text) == text)
    }

    /// Pages of a book (form feeds between them): a head with its folio on
    /// every page but the chapter's opening, where the same title stands
    /// alone as the chapter's title, and a footnote of the same shape at the
    /// foot of every page.
    static func book(pages: Int) -> String {
        var text = ""
        for page in 0..<pages {
            if page > 0 { text += "\u{0C}" }
            text += page == 0 ? "The Storm\n\nIt began in the spring of that year, when the rains came.\n"
                              : "The Storm \(20 + page)\n\nthe river rose, and the village waited for the boats to come.\n"
            text += "More lines of text go on here, as lines of a page do.\n\n"
            text += "\(page + 1). RGASPI, f. 17, op. 3, d. \(900 + page), l. 16.\n"
        }
        return text
    }

    @Test func aChapterTitleLikeItsHeadAndTheFootnotesStay() throws {
        let text = Self.book(pages: 8)
        var source = MemorySource(Array(text.utf8))
        var stage = try PageStructure()
        stage.use(try surveyDocument(&source))
        let (output, changes) = try stage.applyReportingChanges(to: text)
        let removed = changes.filter { $0.kind == .removedLine && !$0.before.isEmpty }.map(\.before)
        #expect(removed.count == 7, "\(removed)")
        #expect(removed.allSatisfy { $0.hasPrefix("\u{0C}The Storm ") })
        #expect(output.hasPrefix("The Storm\n\nIt began"))
        #expect(output.components(separatedBy: "RGASPI").count == 9)
    }

    /// The same pages with blank lines for form feeds: the footnotes, alike
    /// but for their numbers at every page's foot, are no running foot.
    @Test func footnotesAtEveryPageFootStayWhenBlankLinesMarkThePages() throws {
        let text = Self.book(pages: 8).replacingOccurrences(of: "\u{0C}", with: "\n\n")
        var source = MemorySource(Array(text.utf8))
        var stage = try PageStructure()
        stage.use(try surveyDocument(&source))
        let output = try stage.apply(to: text)
        #expect(output.components(separatedBy: "RGASPI").count == 9)
        #expect(output.hasPrefix("The Storm\n\nIt began"))
    }

    /// Tesseract sets a blank line inside a paragraph where it cuts a block,
    /// also between a word's halves: the blank goes so they can be joined,
    /// unless the line after is a footnote whose number OCR read as letters.
    @Test func aBlankLineBetweenAWordsHalvesGoes() throws {
        let text = "now judge it conducted solely with a view to the propri-\n\netor's pocket, without reference\n"
        #expect(try PageStructure().apply(to: text) == "now judge it conducted solely with a view to the propri-\netor's pocket, without reference\n")
        let footnote = "the rightists had been afraid of provoking a civil war. Ac-\n\ng. See Cohen, Bukharin.\n"
        #expect(try PageStructure().apply(to: footnote) == footnote)
        let paragraphs = "The end of one paragraph.\n\nthe start of the next, in lower case.\n"
        #expect(try PageStructure().apply(to: paragraphs) == paragraphs)
        // Also where OCR read the break's hyphen again at the second half's start
        // (tesseract on a heavily degraded page of the 1858 "Frier Rush").
        let repeated = "cup of Wine, that the Priour and he might drinke to-\n\n- gether. And when they had drunke\n"
        #expect(try PageStructure().apply(to: repeated) == "cup of Wine, that the Priour and he might drinke to-\n- gether. And when they had drunke\n")
        let dash = "He was about to say that the whole affair was a put-\n\n- no, he could not say it.\n"
        #expect(try PageStructure().apply(to: dash) == dash)
    }

    /// Distributed Proofreaders' texts mark each page with a separator line;
    /// the separators go, and the heads the pages repeat with them.
    @Test func proofreadersPageSeparatorsMarkThePages() throws {
        var text = ""
        for page in 1...6 {
            text += "-----File: \(String(format: "%03d", page)).png---\\proofer1\\proofer2\\\\\n"
            text += "THE HISTORY OF THE TOWN\n\n"
            text += page == 1 ? "It was founded in the year of the flood, by men of the river.\n"
                              : "and the walls were raised again, higher than before, by the\n"
            text += "people of the place, who paid for it with their own labour\n"
        }
        var source = MemorySource(Array(text.utf8))
        var stage = try PageStructure()
        stage.use(try surveyDocument(&source))
        let (output, changes) = try stage.applyReportingChanges(to: text)
        #expect(!output.contains("-----File:"))
        #expect(changes.filter { $0.rule == "page-structure:page-separator" }.count == 6)
        // The first stays: it may be the document's own title, above a new paragraph.
        #expect(output.components(separatedBy: "THE HISTORY OF THE TOWN").count == 2)
        #expect(output.hasPrefix("THE HISTORY OF THE TOWN\n"))
        #expect(output.contains("their own labour\nand the walls were raised"))
    }

    /// Text that looks like furniture somewhere: each line named stays, run
    /// through the stage with a survey of the whole input as `emend` runs it.
    @Test(arguments: [
        // Closings, stage directions and refrains that end sections apart.
        (String(repeating: "The night is cold.\n\nYour loving son,\n\nJohn\n\n\n", count: 3), ["Your loving son,", "John"]),
        (String(repeating: "The night is wet.\n\nExeunt.\n\n\n", count: 3), ["Exeunt."]),
        (String(repeating: "The night is dark.\n\nGlory, glory, hallelujah!\n\n\n", count: 3), ["Glory, glory, hallelujah!"]),
        // Numbered titles of short sections, a collection's title.
        ("SONNETS\n\n\nSonnet 1\n\nFrom fairest creatures.\n\n\nSonnet 2\n\nWhen forty winters.\n\n\nSonnet 3\n\nLook in thy glass.\n",
         ["SONNETS", "Sonnet 1", "Sonnet 2", "Sonnet 3"]),
        ("DOCUMENTS\n\n\nDocument 1\n\nThe first text.\n\n\nDocument 2\n\nThe second text.\n\n\nDocument 3\n\nThe third text.\n",
         ["DOCUMENTS"]),
        // Numbers at page edges that are a table's, an index's, a note's, a year.
        ("Text one.\n\n11\n\u{0C}First Regiment\n\n42\n\nSecond Regiment\n\n17\n\n12\n\u{0C}Text three.\n\n13\n\u{0C}Text four.\n\n14\n", ["17"]),
        ("Text one.\n\n11\n\u{0C}Text two.\n\nTotal 14\n\n12\n\u{0C}Text three.\n\n13\n\u{0C}Text four.\n\n14\n", ["Total 14"]),
        ("Text one.\n\n11\n\u{0C}Text two.\n\n12\n\u{0C}Text three.\n\n13\n\u{0C}Zhdanov, A. A., 47\n\nVoroshilov, K. E., 14\n",
         ["Zhdanov, A. A., 47", "Voroshilov, K. E., 14"]),
        ("Text one.\n\n11\n\u{0C}Text two.\n\n12\n\u{0C}Text three.\n\n13\n\u{0C}Text four.\n\n14 Ibid.\n\n14\n\u{0C}Text five.\n\n15\n", ["14 Ibid."]),
        ("HISTORY OF THE PARTY\n\nMOSCOW\n\n1939\n\u{0C}INTRODUCTION\n\nThe Party grew.\n\n5\n\u{0C}It grew from circles.\n\n6\n", ["1939"]),
        // A chapter's title printed like the head of its later pages; a signature at every page foot.
        ("THE RIVER CROSSING\n\nThe army came.\n\n1\n\u{0C}THE RIVER CROSSING\n\nIt rained.\n\n2\n\u{0C}THE RIVER CROSSING\n\nIt snowed.\n\n3\n", ["THE RIVER CROSSING\n\nThe army came."]),
        // The same after a page that ends in an archive's citation, no period after it: no sentence
        // runs on over the page (tesseract on a generated page-foot set of the Soviet documents).
        ("STALIN AND THE NKVD\n\nThe first document was long and it went on.\n\n1\n\u{0C}STALIN AND THE NKVD\n\nThe second page of it.\n\n"
            + "TsA FSB. F. 3-os. Op. 6. D.1. L. 1-6. Original\n\n2\n\u{0C}THE CATALOGUE OF BOOKS\n\nCATALOGUE OF BOOKS ON SALE AT REDUCED PRICES.\n\n3\n"
            + "\u{0C}THE CATALOGUE OF BOOKS\n\nA collection of English prose romances.\n\n4\n\u{0C}STALIN AND THE NKVD\n\nMore text on this page.\n\n5\n"
            + "\u{0C}THE CATALOGUE OF BOOKS\n\nMore books on sale.\n\n6\n", ["THE CATALOGUE OF BOOKS\n\nCATALOGUE OF BOOKS ON SALE"]),
        ("To Molotov. Speed up grain.\n\nJ. Stalin\n\n120\n\u{0C}To Kaganovich. I agree.\n\nJ. Stalin\n\n121\n\u{0C}To Ezhov. Review it.\n\nJ. Stalin\n\n122\n",
         ["Speed up grain.\n\nJ. Stalin", "I agree.\n\nJ. Stalin", "Review it.\n\nJ. Stalin"]),
        // A heading over its text, a table of contents.
        ("He read aloud.\n\nPsalm 23\nThe Lord is my shepherd.\n", ["Psalm 23"]),
        ("CONTENTS\n\nThe Old Mill  1\nThe River  15\n\n\nTHE OLD MILL\n\nIt was a fine morning.\n", ["The Old Mill  1", "The River  15"]),
    ])
    func textThatLooksLikeFurnitureStays(input: String, kept: [String]) throws {
        var source = MemorySource(Array(input.utf8))
        var stage = try PageStructure()
        stage.use(try surveyDocument(&source))
        let output = try stage.apply(to: input)
        for line in kept { #expect(output.contains(line), "\(line) lost from \(output)") }
    }

    /// A blank line stays between a list's entry ending in a hyphen and the
    /// next line, and before a footnote OCR garbled: only a word's halves meet.
    @Test func aBlankLineStaysWhereNoWordIsBroken() throws {
        for text in ["PREFIXES\n\nanti-\n\nagainst, opposed to.\n",
                     "that one must be on guard, whatever may come, con-\n\nj j. An English edition appeared in 1938\n",
                     "He began to say that the whole affair was a put-\n\nno, he could not say it.\n"] {
            #expect(try PageStructure().apply(to: text) == text)
        }
    }

    /// A head first met over a new paragraph stays when nothing printed it
    /// before (a chapter's own title), and goes when the page before printed
    /// it as part of a title; a contents list pages back is no such title.
    @Test func aHeadFirstMetGoesWhenItsTitleWasPrintedJustBefore() throws {
        func run(_ text: String) throws -> String {
            var source = MemorySource(Array(text.utf8))
            var stage = try PageStructure()
            stage.use(try surveyDocument(&source))
            return try stage.apply(to: text)
        }
        var pages = ["Document 1. The River Crossing\n\nThe army came to the river in the spring.\n\n1"]
        for page in 2...6 { pages.append("THE RIVER CROSSING\n\nIt rained on the \(page)th day of the march.\n\n\(page)") }
        let withTitle = try run(pages.joined(separator: "\n\u{0C}") + "\n")
        #expect(!withTitle.contains("THE RIVER CROSSING"))
        #expect(withTitle.hasPrefix("Document 1. The River Crossing"))
        var contents = ["CONTENTS\n\nThe River Crossing  5\n\nOther Matters  9\n\n1"]
        contents += (2...3).map { "Some other text of the front matter on page \($0).\n\n\($0)" }
        contents.append("THE RIVER CROSSING\n\nThe army came to the river in the spring.\n\n4")
        for page in 5...9 { contents.append("THE RIVER CROSSING\n\nIt rained on the \(page)th day.\n\n\(page)") }
        let afterContents = try run(contents.joined(separator: "\n\u{0C}") + "\n")
        #expect(afterContents.contains("3\nTHE RIVER CROSSING\n\nThe army came") || afterContents.contains("THE RIVER CROSSING\n\nThe army came"))
        #expect(afterContents.components(separatedBy: "THE RIVER CROSSING").count == 2)
    }
}

/// `EdgeLine.distance` in its rows of one temporary allocation gives what
/// its first version gave (two arrays per call, kept here as the reference),
/// and what a plain full edit distance gives within the limit, on the keys
/// of the gold pages' short lines and on made-up keys.
@Suite struct EdgeLineDistanceTests {
    private static func reference(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
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

    /// Levenshtein over the whole table, then the limit.
    private static func plain(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        var row = [Int](0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var next = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                next[j] = min(row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), row[j] + 1, next[j - 1] + 1)
            }
            row = next
        }
        return row[b.count] <= limit ? row[b.count] : nil
    }

    @Test func measuresTheGoldPagesKeysAsTheReferenceDoes() throws {
        let keys = try GoldPage.allRawLines().filter { $0.count <= 60 }.map(EdgeLine.key(of:)).filter { !$0.isEmpty }
        var near = 0
        for (index, a) in keys.enumerated() {
            for b in keys[index..<min(keys.count, index + 40)] {
                for limit in [0, 1, 2, 4] {
                    let expected = Self.reference(a, b, limit: limit)
                    if expected != nil && a != b { near += 1 }
                    #expect(EdgeLine.distance(a, b, limit: limit) == expected)
                }
            }
        }
        #expect(near > 20)
    }

    /// The count of bytes apart that lets `distance` pass a pair by is never
    /// above the edits between them, and passes many of the gold pages' pairs by.
    @Test func countsNoMoreBytesApartThanEdits() throws {
        let keys = try GoldPage.allRawLines().filter { $0.count <= 60 }.map(EdgeLine.key(of:)).filter { !$0.isEmpty }
        var passedBy = 0, pairs = 0
        for (index, a) in keys.enumerated() {
            for b in keys[index..<min(keys.count, index + 40)] {
                let apart = EdgeLine.bytesApart(a, b)
                #expect(apart <= Self.plain(a, b, limit: Int.max)!, "\(a) \(b)")
                #expect(apart == EdgeLine.bytesApart(b, a))
                pairs += 1
                if apart > 3 && abs(a.count - b.count) <= 3 { passedBy += 1 }
            }
        }
        #expect(EdgeLine.bytesApart(Array("abc".utf8), Array("cab".utf8)) == 0)
        #expect(EdgeLine.bytesApart(Array("aab".utf8), Array("abb".utf8)) == 1)
        #expect(EdgeLine.bytesApart(Array("abcd".utf8), Array("x".utf8)) == 4)
        #expect(passedBy * 8 > pairs)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func measuresMadeUpKeysAsTheReferenceDoes(seed: UInt64) {
        var draw = PieceDraw(seed: seed)
        let letters: [UInt8] = Array("abcde1".utf8)
        var found = 0
        for _ in 0..<4_000 {
            let a = (0..<draw.next(14)).map { _ in letters[draw.next(letters.count)] }
            var b = a
            for _ in 0..<draw.next(5) {
                switch draw.next(3) {
                case 0 where !b.isEmpty: b.remove(at: draw.next(b.count))
                case 1: b.insert(letters[draw.next(letters.count)], at: draw.next(b.count + 1))
                default: if !b.isEmpty { b[draw.next(b.count)] = letters[draw.next(letters.count)] }
                }
            }
            let limit = draw.next(5)
            let expected = Self.reference(a, b, limit: limit)
            if expected != nil { found += 1 }
            #expect(EdgeLine.distance(a, b, limit: limit) == expected, "\(a) \(b) \(limit)")
            #expect(EdgeLine.distance(a, b, limit: limit) == Self.plain(a, b, limit: limit), "\(a) \(b) \(limit)")
        }
        #expect(found > 1000)
    }
}
