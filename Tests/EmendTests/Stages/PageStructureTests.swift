import Emend
import Foundation
import Testing

@Suite struct PageStructureTests {
    /// Measured on the 20 gold pages: every running head, folio and continuation
    /// header the editor removed, no line of text removed, and the page-break
    /// decisions (one blank line, or the halves joined) as below.
    @Test func goldPages() throws {
        let score = try PageStructureScore.measure(PageStructure(), on: GoldPage.all())
        #expect(score.removedWrong == 0, "\(score.wrongLines)")
        #expect(score.removedRight >= 12)
        #expect(score.missed == 0)
        #expect(score.breaksWrong == 0, "\(score) \(score.wrongBreaks)")
        print("page-structure on the gold pages: \(score)")
    }

    private let page = """
        the Collegium of the OGPU had the right to pass death sentences 
        entirely in secret and "without the participation of the accused." 

        8. For copies of these letters and orders, see Istochnik, 1996, no. 4, 137-44. 



        Repression andLegality 109 

        During the period of dekulakization and collectivization, law- 
        lessness was the rule. 

        """

    @Test func removesARunningHeadAndKeepsOneBlankLineAfterFootnotes() throws {
        let (output, changes) = try PageStructure().applyReportingChanges(to: page)
        #expect(output == """
            the Collegium of the OGPU had the right to pass death sentences 
            entirely in secret and "without the participation of the accused." 

            8. For copies of these letters and orders, see Istochnik, 1996, no. 4, 137-44. 

            During the period of dekulakization and collectivization, law- 
            lessness was the rule. 

            """)
        #expect(changes.filter { $0.kind == .removedLine }.map(\.line) == [6, 7, 8, 9])
        #expect(changes.first { $0.rule == "page-structure:running-head" }?.before == "Repression andLegality 109 ")
    }

    @Test func joinsAParagraphThatAPageBreakSplitAndRemovesAFolioAndContinuationHeader() throws {
        let text = """
            a level worthy of the party. This includes the study of each and every antiparty 

            149 



            Document 28 continued 

            group in the history of our party, its methods of struggling against the party 

            """
        #expect(try PageStructure().apply(to: text) == """
            a level worthy of the party. This includes the study of each and every antiparty 
            group in the history of our party, its methods of struggling against the party 

            """)
    }

    @Test func keepsHeadingsThatAreContent() throws {
        let text = """
            the report of the commission. 



            Document 37 

            Speech of N. I. Yezhov to the plenum 

            EndingtheTerror. 1 9 3 8  527 

            3 September 1933 

            Closing Ranks 

            """
        let (output, changes) = try PageStructure().applyReportingChanges(to: text)
        #expect(changes.allSatisfy { $0.before.trimmingCharacters(in: .whitespaces).isEmpty })
        for kept in ["Document 37", "Speech of N. I. Yezhov", "EndingtheTerror", "3 September 1933", "Closing Ranks"] {
            #expect(output.contains(kept))
        }
    }

    @Test func aNumberThatBreaksThePageCountStays() throws {
        // A table value of 500 after page 115: more pages on than the lines between could fill.
        var lines = ["Repression andLegality 109", ""]
        for index in 0..<300 { lines.append("line \(index) of running text that fills the pages of the book") }
        lines += ["", "", "", "115 Closing Ranks", ""]
        for index in 0..<30 { lines.append("line \(index) of the next part of the book and its pages") }
        lines += ["", "500", "", "more text"]
        let (_, changes) = try PageStructure().applyReportingChanges(to: lines.joined(separator: "\n") + "\n")
        let removed = changes.filter { $0.kind == .removedLine && !$0.before.isEmpty }.map(\.before)
        #expect(removed == ["Repression andLegality 109", "115 Closing Ranks"])
    }

    @Test func aFormFeedIsAPageBreak() throws {
        let text = "the party and\n\u{0C}the state were one.\n"
        let (output, changes) = try PageStructure().applyReportingChanges(to: text)
        #expect(output == "the party and\nthe state were one.\n")
        #expect(changes.isEmpty == false)
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func sameOutputWhateverTheBlockSize(pieceSize: Int) throws {
        for page in try GoldPage.all() {
            let whole = try Fixtures.run(PageStructure(), Array(page.raw.utf8)).bytes
            #expect(try Fixtures.run(PageStructure(), Array(page.raw.utf8), pieceSize: pieceSize).bytes == whole)
        }
    }

    @Test func badInputIsHandled() throws {
        #expect(try PageStructure().apply(to: "") == "")
        #expect(try PageStructure().apply(to: "\n\n\n\n\n") == "\n\n\n\n\n")
        let footnotesOnly = "1. RTsKhIDNI, f. 17, op. 3, d. 961, l. 16.\n2. Ibid.\n"
        #expect(try PageStructure().apply(to: footnotesOnly) == footnotesOnly)
        // A page of many blank lines, more than the window: decided in pieces, nothing lost but blanks.
        let blanks = "text\n" + String(repeating: "\n", count: 500) + "more text\n"
        let output = try PageStructure(configuration: .init(window: 16)).apply(to: blanks)
        #expect(output.hasPrefix("text\n") && output.hasSuffix("more text\n"))
    }

    @Test func aPatternThatCouldRunAwayIsARuleFileError() throws {
        let file = Scratch.root.appendingPathComponent("emend-furniture-\(UUID().uuidString).yaml")
        try "running-heads:\n  - '(a+)+b'\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: RuleFileError.self) { try PageStructure(configuration: .init(furniture: file.path)) }
        do {
            _ = try PageStructure(configuration: .init(furniture: file.path))
        } catch let error as RuleFileError {
            #expect(error.description.hasPrefix("\(file.path):2:5: error: pattern refused: a repeated group holds a repetition"))
        }
        try "continuation-headers:\n  - '(unclosed'\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: RuleFileError.self) { try PageStructure(configuration: .init(furniture: file.path)) }
    }
}

/// A page whose last line ends a paragraph with no blank line before the form
/// feed (tesseract prints none when the page's text ends in a full block).
@Suite struct ParagraphAtPageBreakTests {
    private func run(_ text: String) throws -> (String, [Change]) {
        try PageStructure().applyReportingChanges(to: text)
    }

    @Test func aShortLastLineEndingASentenceEndsItsParagraph() throws {
        // "… account of / My Schooldays." at a page's foot, "Chapter III." atop the next.
        let (text, changes) = try run(try Fixtures.text("Tests/EmendTests/Fixtures/pages/paragraph-at-page-break.ocr.txt"))
        #expect(text.contains("account of\nMy Schooldays.\n\nChapter III. Young Authorship in\n"))
        #expect(changes.contains { $0.rule == "page-structure:paragraph-at-page-break" && $0.before == "\u{0C}" })
    }

    @Test func aFullLineEndingASentenceGoesOnAcrossThePageBreak() throws {
        // "… in New York for a superabundance of good nature." is a full line inside its
        // paragraph: with the next page starting at "When at Albury", the halves still meet.
        let excerpt = try Fixtures.text("Tests/EmendTests/Fixtures/pages/sentence-at-line-end.ocr.txt")
        let paged = excerpt.replacingOccurrences(of: "good nature.\nWhen at Albury", with: "good nature.\n\u{0C}When at Albury")
        #expect(paged != excerpt)
        #expect(try run(paged).0.contains("good nature.\nWhen at Albury"))
    }

    @Test func aPageStartingInLowerCaseGoesOnTheParagraph() throws {
        let excerpt = try Fixtures.text("Tests/EmendTests/Fixtures/pages/paragraph-at-page-break.ocr.txt")
        let lower = excerpt.replacingOccurrences(of: "\u{0C}Chapter III.", with: "\u{0C}chapter III.")
        #expect(try run(lower).0.contains("My Schooldays.\nchapter III."))
    }
}

@Suite struct FootnotePlacementTests {
    private func run(_ page: String, _ placement: PageStructure.FootnotePlacement) throws -> (String, [Change]) {
        let raw = try Fixtures.text("Tests/EmendTests/Gold/\(page).raw.txt")
        return try PageStructure(configuration: .init(footnotes: placement)).applyReportingChanges(to: raw)
    }

    @Test func movedFootnotesFollowTheParagraphWhoseHalvesMeet() throws {
        let (text, _) = try run("06", .moveToParagraphEnd)
        #expect(text.contains("reerists, \"to raise the level of organizational leadership.\"45 The \nvast majority"))
        let paragraphEnd = try #require(text.range(of: "from Moscow. \n\n44. P. N. Pospelov"))
        #expect(text[paragraphEnd.upperBound...].contains("4 5 .  XVII"))
        #expect(try run("06", .keepInPlace).0.contains("leadership.\"45 The \n\n44. P. N. Pospelov"))
    }

    /// Input that ends inside the paragraph the footnotes wait for: they
    /// follow its last line once, after a blank line.
    @Test func footnotesWaitingAtTheEndOfTheInputAreWrittenOnce() throws {
        let raw = try Fixtures.text("Tests/EmendTests/Gold/06.raw.txt")
        let cut = raw.split(separator: "\n", omittingEmptySubsequences: false).prefix(21).joined(separator: "\n") + "\n"
        #expect(cut.hasSuffix("fresh recruits who had entered \n"))
        let text = try PageStructure(configuration: .init(footnotes: .moveToParagraphEnd)).applyReportingChanges(to: cut).0
        #expect(text.components(separatedBy: "44. P. N. Pospelov").count == 2)
        #expect(text.components(separatedBy: "4 5 .  XVII").count == 2)
        #expect(text.contains("who had entered \n\n44. P. N. Pospelov"))
    }

    @Test func droppedFootnotesAreReportedLineByLine() throws {
        let (text, changes) = try run("03", .drop)
        #expect(!text.contains("Trevor-Raper, The European Witch-Craze"))
        #expect(text.contains("Stalinist Russia had \nbureaucratic constituencies"))
        let dropped = changes.filter { $0.rule == "page-structure:footnote" }.map(\.before)
        #expect(dropped.contains { $0.hasPrefix("4. H. R. Trevor-Raper") })
    }

    @Test func numberedPointsOfADocumentAreNeverTakenForFootnotes() throws {
        for page in ["14", "07", "12"] {
            let (_, changes) = try run(page, .drop)
            #expect(changes.filter { $0.rule == "page-structure:footnote" }.isEmpty, "page \(page)")
        }
    }

    @Test(arguments: [1, 3, 7])
    func sameOutputWhateverTheBlockSize(pieceSize: Int) throws {
        for page in try GoldPage.all() {
            for placement in [PageStructure.FootnotePlacement.moveToParagraphEnd, .drop] {
                let stage = try PageStructure(configuration: .init(footnotes: placement))
                let whole = try Fixtures.run(stage, Array(page.raw.utf8)).bytes
                #expect(try Fixtures.run(stage, Array(page.raw.utf8), pieceSize: pieceSize).bytes == whole)
            }
        }
    }
}
