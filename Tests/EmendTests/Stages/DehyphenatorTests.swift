import Emend
import Testing

@Suite struct DehyphenatorTests {
    @Test func goldPages() throws {
        let pipeline = Pipeline(stages: [try PageStructure(), try Dehyphenator()])
        let score = try DehyphenationScore.measure(pipeline, on: GoldPage.all())
        print("dehyphenate on the gold pages: \(score)")
        print(score.mistakes.joined(separator: "\n"))
        print("left for review:", score.left)
        #expect(score.joinsWrong == 0)
        #expect(score.compoundsWrong == 0)
        #expect(score.dashesWrong == 0)
    }
}

@Suite struct DehyphenatorCasesTests {
    private func run(_ text: String) throws -> String { try Dehyphenator().apply(to: text) }

    /// Line pairs of the 1999 scan and what they become.
    @Test(arguments: [
        ("lessly. During the period of dekulakization and collectivization, law- \nlessness was the rule. Squads of party officials, police, village au- \nthorities, and volunteers\n",
         "lessly. During the period of dekulakization and collectivization, lawlessness\nwas the rule. Squads of party officials, police, village authorities,\nand volunteers\n"),
        ("most active anti- \nSoviet elements\n", "most active anti-Soviet\nelements\n"),
        ("the non- \nRussian republics\n", "the non-Russian\nrepublics\n"),
        ("a self- \nserving account\n", "a self-serving\naccount\n"),
        ("the doctrine of Marxism- \nLeninism.\n", "the doctrine of Marxism-Leninism.\n"),
        ("he would express it in the party- \nhe would not\n", "he would express it in the party- \nhe would not\n"),
        ("numbers of - \nbooks would be removed\n", "numbers of - \nbooks would be removed\n"),
        ("it was the only time- \nMolotov: Yes.\n", "it was the only time- \nMolotov: Yes.\n"),
        // A number word is never broken after its last letter: the hyphen is the compound's.
        ("woodcuts, fifty-\nsix of them\n", "woodcuts, fifty-six\nof them\n"),
        ("Forty-\neight men\n", "Forty-eight\nmen\n"),
        // A typewriter face's hyphen read as a dash (tesseract on a typescript page in Nimbus Mono):
        // a break where the first half is no word and the halves join as one; else a dash.
        ("the men leading posi—\ntions in the NKVD\n", "the men leading positions\nin the NKVD\n"),
        ("from the func-—\ntions of protecting\n", "from the functions\nof protecting\n"),
        ("he said—\nthen left\n", "he said—\nthen left\n"),
        ("the abc—\nxyz of it\n", "the abc—\nxyz of it\n"),
        // A colon after a second half in small letters is no speaker's (tesseract on a typeset page).
        ("the Politburo of the CPSU(b) de-\ncides: to do it now.\n", "the Politburo of the CPSU(b) decides:\nto do it now.\n"),
        // Tesseract on a typeset page: the break's hyphen read again at the next line's start.
        ("that lobsters, surrepti-\n- tiously obtained from out-of-bounds\n", "that lobsters, surreptitiously\nobtained from out-of-bounds\n"),
        ("an item-\n- A list item\n", "an item-\n- A list item\n"),
        // A quotation mark before the broken word is no letter of it.
        ("stopped because of an “un-\nknown word” in the tree\n", "stopped because of an “unknown\nword” in the tree\n"),
        ("the republic of Leningrad- \nskaia oblast\n", "the republic of Leningradskaia\noblast\n"),
        // A typographic apostrophe or quote after the second half is no letter of it, as the
        // ASCII apostrophe is none (tesseract on a typeset page of Tupper's "My Life as an Author", 1886).
        ("the gar-\ndener’s cottage\n", "the gardener’s\ncottage\n"),
        ("of summer morn-\nings’ walks\n", "of summer mornings’\nwalks\n"),
        ("the gar-\ndener's cottage\n", "the gardener's\ncottage\n"),
        // A speck OCR read beside the margin, after the hyphen or before the second half, goes
        // where the halves join as a listed word (tesseract on typeset pages of the development set).
        ("in all the organiza- -\ntional connections\n", "in all the organizational\nconnections\n"),
        ("a Statistical Lan- ©\nguage Model\n", "a Statistical Language\nModel\n"),
        ("and so togeth-\n. er, and then\n", "and so together,\nand then\n"),
        ("he would express it in the party- .\nhe would not\n", "he would express it in the party- .\nhe would not\n"),
        ("the three- *\nyear plan\n", "the three- *\nyear plan\n"),
    ])
    func decidesLikeAnEditor(raw: String, expected: String) throws {
        #expect(try run(raw) == expected)
    }

    @Test func theDocumentsOwnSpellingDecides() throws {
        // "above-mentioned" seen whole earlier: the broken one keeps its hyphen.
        let text = "the above-mentioned decree\nand the above- \nmentioned order\n"
        #expect(try run(text) == "the above-mentioned decree\nand the above-mentioned\norder\n")
        let joined = "the antiparty group\nand the anti- \nparty elements\n"
        #expect(try run(joined) == "the antiparty group\nand the antiparty\nelements\n")
    }

    /// Newspaper OCR drops the hyphen of a line-end break ("suc" | "cessor"):
    /// joined when the next line starts with small letters that are no word
    /// and the two make a common word.
    @Test(arguments: [
        ("General Porter, a worthy suc\ncessor of Mr. Reid, is a\n", "General Porter, a worthy successor\nof Mr. Reid, is a\n"),
        ("the repre\nsentative at the principal courts\n", "the representative\nat the principal courts\n"),
        ("it was men\ntioned,\nand then\n", "it was mentioned,\nand then\n"),
    ])
    func aBreakWhoseHyphenWasLostIsJoined(raw: String, expected: String) throws {
        #expect(try run(raw) == expected)
        #expect(try Dehyphenator().applyReportingChanges(to: raw).1.first?.rule == "dehyphenate:join:lost-hyphen")
    }

    /// A next line that starts with a word, a capital, no letter; a line that
    /// ends in a mark or capitals alone; halves that make no common word; a
    /// second half the document uses as a word of its own after a first half
    /// that is a word.
    @Test(arguments: [
        "the old\nman came home\n",
        "a worthy suc\nCessor of Mr. Reid\n",
        "a worthy suc,\ncessor of Mr. Reid\n",
        "THE SUC\ncessor of Mr. Reid\n",
        "the plan of Mr. Krest\nvinsky was read\n",
        "the tention and the tention met.\nthe in\ntention came\n",
        "a worthy suc\n\ncessor came\n",
    ])
    func linesWithoutEvidenceOfALostHyphenStay(text: String) throws {
        #expect(try run(text) == text)
    }

    /// A lost hyphen after a first half that is no word: joined when the two
    /// make a word of the English list, even where the second half is a word
    /// ("poses", "sing") or one the document repeats ("cessor").
    @Test(arguments: [
        ("for all pur\nposes of the act\n", "for all purposes\nof the act\n"),
        ("the bles\nsing of the day\n", "the blessing\nof the day\n"),
        ("the cessor and the cessor met.\na worthy suc\ncessor came\n", "the cessor and the cessor met.\na worthy successor\ncame\n"),
        ("to Great Bri\ntain and France\n", "to Great Britain\nand France\n"),
    ])
    func aBreakAfterAFirstHalfThatIsNoWordIsJoined(raw: String, expected: String) throws {
        #expect(try run(raw) == expected)
        #expect(try Dehyphenator().applyReportingChanges(to: raw).1.first?.rule == "dehyphenate:join:lost-hyphen-no-word")
    }

    /// The first half a word ("a", "work", "over"), in capitals alone, making
    /// no listed word with the second, written again by the document, or of
    /// two letters before a word; a second half with a hyphen after it.
    @Test(arguments: [
        "it ran a\nway from home\n",
        "the work\nforce of the plant\n",
        "he will over\npower them\n",
        "the plan of Krest\nvinsky was read\n",
        "THE BRI\ntain of old\n",
        "the pur\nposes-like of it\n",
        // Abbreviations written without their period: of two letters before a word, or written again.
        "at Collins St\nand was\n",
        "Smith et al\nthough the data\n",
        "Sen Smith and Sen Jones met;\nthen the Sen\nate met\n",
    ])
    func aFirstHalfThatIsAWordKeepsItsLineBreak(text: String) throws {
        // As `emend` runs it: the whole text counted first.
        #expect(try Pipeline(stages: [Dehyphenator()]).surveyed(Array(text.utf8)).apply(to: text) == text)
    }

    @Test func reportsEachDecisionWithItsEvidence() throws {
        let (_, changes) = try Dehyphenator().applyReportingChanges(to: "the offi- \ncial language and the party- \nhe said\n")
        #expect(changes.map(\.rule) == ["dehyphenate:join:lexicon", "dehyphenate:leave:undecided"])
        #expect(changes.first?.before == "offi- | cial")
        #expect(changes.first?.after == "official")
    }

    @Test(arguments: [1, 2, 3, 7])
    func sameOutputWhateverTheBlockSize(pieceSize: Int) throws {
        for page in try GoldPage.all().prefix(8) {
            let pipeline = Pipeline(stages: [try PageStructure(), try Dehyphenator()])
            let whole = try Fixtures.run(pipeline, Array(page.raw.utf8)).bytes
            #expect(try Fixtures.run(pipeline, Array(page.raw.utf8), pieceSize: pieceSize).bytes == whole)
        }
    }

    /// A join that takes the whole next line ("op-") leaves a line that ends
    /// broken again: it is decided again with the line after, however the
    /// lines arrive.
    @Test(arguments: [1, 2, 3, 1 << 16])
    func aJoinThatEmptiesTheNextLineIsDecidedAgain(pieceSize: Int) throws {
        let text = "the co- \nop- \neration here\nand then\n"
        let output = try Fixtures.run(Pipeline(stages: [try Dehyphenator()]), Array(text.utf8), pieceSize: pieceSize).bytes
        #expect(String(decoding: output, as: UTF8.self) == "the cooperation\nhere\nand then\n")
        let (_, changes) = try Dehyphenator().applyReportingChanges(to: text)
        #expect(changes.map(\.rule) == ["dehyphenate:join:lexicon", "dehyphenate:emptied", "dehyphenate:join:lexicon"])
        #expect(changes.last?.before == "coop- | eration")
    }

    @Test func isIdempotentOnTheGoldPages() throws {
        for page in try GoldPage.all() {
            let once = try run(page.raw)
            #expect(try run(once) == once, "\(page.name)")
        }
    }

    @Test func reflowWritesEachParagraphAsOneLine() throws {
        let stage = try Dehyphenator(configuration: .init(reflowsParagraphs: true))
        let text = "During the period of dekulakization, law- \nlessness was the rule. \n\nIndeed, in 1932-34 the \nregime sent mixed signals.\n"
        let (output, changes) = try stage.applyReportingChanges(to: text)
        // Trailing spaces are left to the whitespace stage.
        #expect(output == "During the period of dekulakization, lawlessness was the rule. \n\nIndeed, in 1932-34 the regime sent mixed signals.\n")
        #expect(changes.filter { $0.rule == "dehyphenate:reflow" }.map(\.before) == ["\n", " \n"])
    }

    @Test func oddInputIsHandled() throws {
        #expect(try run("") == "")
        #expect(try run("end- ") == "end- ")                  // no newline after it: nothing to join
        #expect(try run("- \n-\n") == "- \n-\n")
        #expect(try run("word-\n\nnext\n") == "word-\n\nnext\n")  // a blank line between: a paragraph break
    }
}
