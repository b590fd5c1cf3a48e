import Foundation
import Testing
@testable import Emend

/// The garbles stage decides from evidence that holds on any book: the whole
/// document's counts, common words, and the document's own habits.
@Suite struct GarbleEvidenceTests {
    /// Runs garbles as `emend` does: the whole text surveyed first.
    private func clean(_ text: String) throws -> String {
        let stage = Pipeline(stages: [try GarbleRepair()]).surveyed(Array(text.utf8))
        return try stage.apply(to: text)
    }

    private func occurrences(of word: String, in text: String) -> Int {
        text.split(whereSeparator: { !$0.isLetter }).filter { $0 == word }.count
    }

    /// A confusion undone at each place it could have happened, in order,
    /// whether the letters meant are more, fewer or none.
    @Test func aConfusionIsUndoneAtEachPlaceInTurn() {
        let cases: [(read: String, meant: String, word: String, candidates: [String])] = [
            ("ii", "u", "iiii", ["uii", "iui", "iiu"]),
            ("rn", "m", "Conceming", []),
            ("m", "rn", "Conceming", ["Concerning"]),
            ("l", "", "all", ["al", "al"]),
            ("all", "I", "all", ["I"]),
            ("ally", "I", "all", []),
        ]
        for (read, meant, word, expected) in cases {
            let confusion = GarbleRules.Confusion(read: Array(read.utf8), meant: Array(meant.utf8), rule: "test")
            let made = confusion.candidates(undoingIn: Array(word.utf8)).map { String(decoding: $0, as: UTF8.self) }
            #expect(made == expected, "\(read) read for \(meant) in \(word)")
        }
    }

    /// The common words read from the prebuilt English table by their tier
    /// are those a table built from the list's text gives.
    @Test func commonWordsAreTheSameFromEitherTable() throws {
        let built = EnglishWordList(text: try Fixtures.text("rules/lexicon/english-words.txt"))
        let fromText = CommonWords(english: built).words
        #expect(CommonWords.shared.words == fromText)
        #expect(fromText.count > 1000 && fromText.contains(Array("the".utf8)) && !fromText.contains(Array("The".utf8)))
    }

    /// An 1858 chapbook (ICDAR 2017, public domain): old spellings are its words.
    @Test func oldSpellingsOfAnOldBookStay() throws {
        let page = try Fixtures.text("Tests/EmendTests/Fixtures/dev/icdar-1858-frier-rush.txt")
        let cleaned = try clean(page)
        for word in ["hee", "cardes", "cheare", "houre", "cleane", "downe", "dranke", "tooke", "necke", "halfe", "speede", "FRIER"] {
            #expect(occurrences(of: word, in: cleaned) == occurrences(of: word, in: page), "\(word)")
        }
    }

    /// A final "a" is a lost space only in a document that loses its spaces:
    /// elsewhere it ends a Latin or Romance word, or a word a stray space cut.
    @Test func aFinalSingleLetterIsALostSpaceOnlyWhereSpacesAreLost() throws {
        for text in ["the litera scripta in printer's ink remains\n", "by an intimate acquainta ce with that class of Irish\n",
                     "La structure des phrases simplea en francais\n"] {
            #expect(try clean(text) == text)
        }
        // After a verb form an article is the usual word: the 1999 scan's gold pages.
        #expect(try clean("The Central Committee has issueda stern warning in its letter\n")
            == "The Central Committee has issued a stern warning in its letter\n")
        // A document that writes the pieces apart more often than run together.
        let apart = "It was such a plan, and such a time.\nThere was sucha meeting.\n"
        #expect(try clean(apart).hasSuffix("There was such a meeting.\n"))
    }

    /// "ll" read as "U" (an 1858 chapbook's OCR, ICDAR 2017): a capital that
    /// ends a word after a small letter is no spelling of any word, so the
    /// repair holds however often the page repeats the token, and in two letters.
    @Test func aCapitalUReadForDoubleLIsUndoneHoweverOften() throws {
        let text = "the Devill came; he went to take his rest aU night, and thou shaU go; shaU I? weU, I shaU, quoth the DeviU\n"
        #expect(try clean(text) == "the Devill came; he went to take his rest all night, and thou shall go; shall I? well, I shall, quoth the Devill\n")
        // "il" read as "d" in the same books.
        #expect(try clean("I wdl go untd the vdlage is stdl.\n") == "I will go until the village is still.\n")
        // A short repair of such a token need not be one of the commonest words.
        #expect(try clean("he did dweU by the beU of the church.\n") == "he did dwell by the bell of the church.\n")
        // "H" is no misread "ll": it ends the formulas of hydrides ("FeH", "TiH", "CaH" bands of a star's spectrum).
        #expect(try clean("the FeH and TiH bands, and the pH of the water\n") == "the FeH and TiH bands, and the pH of the water\n")
        // The word list knows no word spelled with a capital after a small letter.
        #expect(EnglishWordList.builtIn.contains("Au") && EnglishWordList.builtIn.contains("AU") && !EnglishWordList.builtIn.contains("aU"))
        #expect(try clean("the PhD and the iPhone of the McCarthy era\n") == "the PhD and the iPhone of the McCarthy era\n")
    }

    /// Letters spaced out with the gaps between words lost, as text taken
    /// from a letter-spaced setting gives them ("w i t h t h e s t a t e"), are
    /// cut into the words English frequencies read them as. Letters no cut
    /// reads ("a b c d"), letters beside fragments of a word ("s ta t i s t i
    /// ca l") and letters set off by wider spaces (one damaged word, "a d n o
    /// t" for "and not") are not cut.
    @Test func aLetterSpacedStretchIsCutIntoItsWords() throws {
        let text = """
            The grammar associates w i t h t h e s t a t e of the configuration.
            W h e t h e r j u s t o n e t r a n s i t i o n is taken, see t h e r e s u l t s, and more.
            the points a b c d lie on p q r s and x y z w.
            in accordance with the substance a d n o t  the form of it.
            Similar s ta t i s t i ca l relations hold.

            """
        let stage = Pipeline(stages: [try GarbleRepair()]).surveyed(Array(text.utf8))
        let (output, changes) = try stage.applyReportingChanges(to: text)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "The grammar associates with the state of the configuration.")
        #expect(lines[1] == "Whether just one transition is taken, see the results, and more.")
        // Each stretch is reported whole and word by word.
        let cut = changes.filter { $0.rule == "garbles:letter-spaced-phrase" }
        #expect(cut.map(\.after) == ["with the state", "with", "the", "state", "Whether just one transition", "Whether", "just", "one",
                                      "transition", "the results,", "the", "results,"])
        #expect(cut.allSatisfy { $0.line <= 2 })
    }

    /// Real OCR: a sentence of the ACL benchmark's development split (Hertel
    /// and Bast, "Tokenization Repair in the Presence of Spelling Errors",
    /// CoNLL 2021, repository ad-freiburg/tokenization-repair, Apache-2.0),
    /// its raw text as given; its gold reads "represents the above
    /// distinctions in its representations. If the reader is not as yet
    /// familiar with Junction Grammar".
    @Test func theLetterSpacedPhrasesOfAnACLPaperAreCut() throws {
        let raw = "represents t h e above d i s t i n c t i o n s i n its r e p r e s e n t a t i o n s . "
            + "If the r e a d e r i s n o t as y e t familiar with Junc t ion Grammar\n"
        // The spaced period stays: a document this short never shows that it closes the mark up.
        #expect(try clean(raw) == "represents the above distinctions in its representations . "
            + "If the reader is not as yet familiar with Junction Grammar\n")
    }

    /// No cut where a rare word reads the letters as well ("headwaters" is no
    /// "head waters"), where the document writes the letters as one word,
    /// where the letters are three with marks on both sides ("(o f a)"), or
    /// beside specks beyond ASCII ("■", "•").
    @Test func aLetterSpacedStretchARareOrTheDocumentsWordReadsIsNotCut() throws {
        for text in ["the h e a d w a t e r s of the river\n", "a workflow, and the w o r k f l o w again\n", "He said (o f a) thing, x y z.\n",
                     "a \u{25A0} w i t h t h e s t a t e \u{2022} and\n"] {
            let stage = Pipeline(stages: [try GarbleRepair()]).surveyed(Array(text.utf8))
            let changes = try stage.applyReportingChanges(to: text).changes
            #expect(!changes.contains { $0.rule == "garbles:letter-spaced-phrase" }, "\(text)")
        }
    }

    /// A repeated token is its own word ("hee" is no "bee"), but a misreading
    /// the document repeats less often than the right word is still undone.
    @Test func aRepeatedTokenChangesOnlyIntoAMoreFrequentForm() throws {
        #expect(try clean("hee said that hee would come, and hee came\n") == "hee said that hee would come, and hee came\n")
        let text = "Conceming the plan. Concerning the men. Concerning the others.\nConceming the last. Concerning all.\n"
        #expect(try clean(text) == "Concerning the plan. Concerning the men. Concerning the others.\nConcerning the last. Concerning all.\n")
        // Used as often as the repair: the document's spelling, left for a human.
        let even = "Conceming the plan. Concerning the men.\nConceming the last. Concerning all.\n"
        #expect(try clean(even) == even)
    }

    /// An acronym a stray space split is closed where the document writes it
    /// whole more often and never uses the parts alone (tesseract on a
    /// typeset page of the Soviet documents: "NK VD" beside "NKVD").
    @Test func aSplitAcronymIsClosedByTheDocumentsOwnCounts() throws {
        let whole = "The NKVD of the USSR wrote to the NKVD of Ukraine, and the NKVD answered. "
        #expect(try clean(whole + "The leadership of the NK VD in the person of com. Ezhov.\n")
            == whole + "The leadership of the NKVD in the person of com. Ezhov.\n")
        #expect(try clean(whole + "(NK VD), and so on.\n") == whole + "(NKVD), and so on.\n")
        // A part the document uses alone stays apart ("NK" in a list of initials).
        let alone = whole + "Signed NK and VD. The NK VD in the person of com. Ezhov.\n"
        #expect(try clean(alone) == alone)
        // So does a split the document writes as often as the whole.
        let often = "The NKVD said. The NK VD said. The NK VD said.\n"
        #expect(try clean(often) == often)
    }

    /// An underscore or a broken bar standing alone is a speck (tesseract on
    /// typeset pages of the Soviet documents, a newspaper's OCR); beside or
    /// inside a token, or alone on its line, it stays.
    @Test func aLoneSpeckGoes() throws {
        #expect(try clean("the ¦ General Assembly met\n") == "the General Assembly met\n")
        #expect(try clean("_ USSR did not comply with\n") == "USSR did not comply with\n")
        #expect(try clean("Central Committee of the _\n") == "Central Committee of the\n")
        for kept in ["_\n", "a_b and __ and _x\n", "the ~ sign\n"] { #expect(try clean(kept) == kept) }
        // A speck of the rule file is one character that is no letter, digit or space.
        for bad in ["lone-specks: [ab]", "lone-specks: [x]", "lone-specks: _"] {
            var rules = GarbleRules()
            #expect(throws: RuleFileError.self) { try rules.add(text: bad, file: "specks.yaml") }
        }
    }

    /// A scholarly paper (ACL, Apache-2.0): a CamelCase name stays whole.
    @Test func aCamelCaseNameStays() throws {
        let line = try Fixtures.text("Tests/EmendTests/Fixtures/dev/acl-078-wordnet.txt")
        #expect(try clean(line).contains("WordNet synsets"))
        #expect(try clean("Speech ConcemingComradeYenukidze to the plenum\n") == "Speech Concerning Comrade Yenukidze to the plenum\n")
        #expect(try clean("he lived inMoscow then\n") == "he lived in Moscow then\n")
    }

    @Test func markupAndAddressesAreNotTouched() throws {
        for text in ["<rdf:resource=\"Conceming\"/> and {inMoscow}\n", "see a/inMoscow and x=purgingof\n"] {
            #expect(try clean(text) == text)
        }
    }

    /// A text that spaces its marks keeps them; one that closes them up has a stray space closed.
    @Test func spaceBeforeAMarkFollowsTheTextsOwnHabit() throws {
        let spaced = "Il dit : oui ; non ! Bien ?\nEt puis : rien ; tout ?\n"
        #expect(try clean(spaced) == spaced)
        let closed = "one, two; three, four: five, six, seven, eight , nine\n"
        #expect(try clean(closed) == "one, two; three, four: five, six, seven, eight, nine\n")
        // A period before a small letter is a speck of the scan, not a sentence's end.
        let sentences = "It ended. Then it began. So it went. We saw. They came. All left. None stayed. It rained. "
        let speck = sentences + "Fighting continues . vigorously. The end .\n"
        #expect(try clean(speck) == sentences + "Fighting continues . vigorously. The end.\n")
        // So is one at a line's end over a line that starts with a small letter.
        let acrossLines = sentences + sentences + "The men would not .\nhave gone home. The end .\nThe next day .\n\nIt rained.\n"
        #expect(try clean(acrossLines) == sentences + sentences + "The men would not .\nhave gone home. The end.\nThe next day.\n\nIt rained.\n")
        // And one after a word no sentence ends in, whatever follows ("with ." over "The": a speck
        // tesseract read on a typeset page).
        // Or at the start of the line after a blank one: the scanner broke the paragraph
        // there (a heavily degraded tesseract page: "would have ." over "spoyled the flesh").
        let overABlank = sentences + sentences + "beasts had done they would have .\n\nspoyled the flesh. The end .\n\nThe next day .\n"
        #expect(try clean(overABlank) == sentences + sentences + "beasts had done they would have .\n\nspoyled the flesh. The end.\n\nThe next day.\n")
        // A colon or semicolon alone at a line's end over a line in small letters may be a
        // speck at the margin (tesseract on a typeset page of the ACL development split,
        // Apache-2.0: "learning the semantics :" over "to associate"); before a capital it closes up.
        let closedMarks = String(repeating: "one: two; three: four; ", count: 5)
        let margin = closedMarks + "\nand learning the semantics :\nto associate with these\nas it follows :\nThe end\n"
        #expect(try clean(margin) == closedMarks + "\nand learning the semantics :\nto associate with these\nas it follows:\nThe end\n")
        let afterWith = sentences + "He came with .\nThe end .\n"
        #expect(try clean(afterWith) == sentences + "He came with .\nThe end.\n")
    }

    /// A colon or semicolon alone after a sentence's period, before a new
    /// sentence or at a paragraph's end, is a speck (tesseract on typeset
    /// pages of the development set); after an abbreviation, or before small
    /// letters, it stays.
    @Test(arguments: [
        ("the opening of the Croton Aqueduct. : But there is no\n", "the opening of the Croton Aqueduct. But there is no\n"),
        ("present universally so accepted. ;\n\nIt is hopeless\n", "present universally so accepted.\n\nIt is hopeless\n"),
        ("the grammar is complex. : In Korean, the\n", "the grammar is complex. In Korean, the\n"),
        ("the books, papers, etc. : The list\n", "the books, papers, etc. : The list\n"),
        ("as it follows. : and then\n", "as it follows. : and then\n"),
        ("the grammar is complex.: In Korean\n", "the grammar is complex.: In Korean\n"),
    ])
    func aMarkAloneAfterASentenceIsASpeck(raw: String, expected: String) throws {
        #expect(try clean(raw) == expected)
    }

    /// A single-letter confusion is undone only where the document makes it in its commonest words.
    @Test func aLearnedConfusionNeedsTheDocumentsEvidence() throws {
        let once = "the house was near the river and the houre was late\n"
        #expect(try clean(once) == once)
        // "houre" twice and never "house": the book's spelling, no evidence that it reads s as r.
        let spelled = "the houre came and the houre went, as the Frier said\n"
        #expect(try clean(spelled) == spelled)
        // Newspaper OCR that reads "e" as "o" in its commonest words.
        let damaged = String(repeating: "tho man and tho dog saw thom at tho door; the end of whon we were, when they met them. ", count: 3) + "And thoy left.\n"
        let cleaned = try clean(damaged)
        #expect(!cleaned.contains("thom") && !cleaned.contains("whon"))
        #expect(cleaned.contains("they left"))
        // There a rare listed word the confusion explains goes too, where the
        // document also writes the repair right: "tho" beside "the".
        let beside = "tho man and tho dog saw thom at tho door; the end of whon we were, when they met them.\n"
        #expect(try clean(beside).hasPrefix("the man and the dog saw them at the door"))
        // Where it never does, a word in small letters goes only if English and
        // the document's damage make the repair a hundred times likelier: "the"
        // is some two thousand times as common as "tho", and the page damages
        // half the uses it could. A capitalised word there may be a name.
        let never = "tho man and tho dog saw thom at tho door; whon it was, when they met them at Wing Wo and Wing Wo.\n"
        #expect(try clean(never) == "the man and the dog saw them at the door; when it was, when they met them at Wing Wo and Wing Wo.\n")
        // A word seen once goes though the document never writes its repair:
        // "wo" once, and no "we".
        let seenOnce = "tho man and tho dog saw thom at tho door; the end of whon it was, when they met them; so wo said.\n"
        #expect(try clean(seenOnce).hasSuffix("so we said.\n"))
        // A repeated word goes too where English and the document's damage make
        // its repair a hundred times likelier: "we" is used some 700 times as
        // often as "wo", and this page damages half the uses it could.
        let twice = "tho man and tho dog saw thom at tho door; the end of whon wo said, when they met them; so wo said.\n"
        #expect(try clean(twice).hasSuffix("so we said.\n"))
        // Not where the document writes those words right nine times in ten:
        // there a repeated "wo" is its own word.
        let rightMostly = String(repeating: "the man and the dog saw them at the door; the end of when we were, when they met them. ", count: 6)
        let rarelyDamaged = rightMostly + "tho man and tho dog saw thom; so wo said, and wo said.\n"
        #expect(try clean(rarelyDamaged).hasSuffix("so wo said, and wo said.\n"))
        // Nor a word English uses nearly as often as its repair ("bad", "had").
        let readsBForH = String(repeating: "tbe man and tbe dog saw tbat at tbe door; the end of wbich we were, when they had it. ", count: 3)
        #expect(try clean(readsBForH + "it was bad.\n").hasSuffix("it was bad.\n"))
        #expect(try clean(readsBForH + "it was bis.\n").hasSuffix("it was his.\n"))
    }

    /// The likelihood test alone: English's frequencies of the repair and the
    /// word as written, and the share of uses the document damages.
    @Test func aRepairMustBeFarLikelierThanTheWordAsWritten() {
        let likelier = GarbleRepair.RareWordConfusions.isLikelier
        #expect(likelier(Array("we".utf8), Array("wo".utf8), 0.5))
        #expect(!likelier(Array("we".utf8), Array("wo".utf8), 0.05))
        #expect(!likelier(Array("had".utf8), Array("bad".utf8), 1))
        #expect(!likelier(Array("meat".utf8), Array("moat".utf8), 1))
        #expect(likelier(Array("their".utf8), Array("thoir".utf8), 0.3))
        #expect(!likelier(Array("we".utf8), Array("wo".utf8), 0))
    }

    /// Words run together are split in a document that runs its commonest pairs
    /// together; in one that does not, only a function word beside a common word.
    @Test func wordsRunTogetherSplitWhereTheDocumentLosesSpaces() throws {
        let line = "it is,thehighest form of struggle inthecountry\n"
        #expect(try clean(line) == "it is, the highest form of struggle inthecountry\n")
        let losing = String(repeating: "of the men in the plan to the end and the rest; ofthe men inthe plan; ", count: 4) + "\n" + line
        #expect(try clean(losing).hasSuffix("it is, the highest form of struggle in the country\n"))
        #expect(try clean("he bought amachine of old\n") == "he bought a machine of old\n")
        #expect(try clean("those strange oncomings, and\n") == "those strange oncomings, and\n")
        let oldBook = "and soone after hee came to the doore, and soone the houre was late\n"
        #expect(try clean(oldBook) == oldBook)
    }

    /// Two splits into as few words ("we recommend", "were commend"): the one
    /// English word frequencies make ten times likelier or more is taken; a
    /// token English itself writes often ("athens", Zipf 3.9) stays whole where
    /// its split ("at hens") is no likelier.
    @Test func wordFrequenciesChooseBetweenSplits() throws {
        let losing = String(repeating: "of the men in the plan to the end and the rest; ofthe men inthe plan; ", count: 4) + "\n"
        let text = losing + "so we recommend the plan, and werecommend it to all\n"
        #expect(try clean(text).hasSuffix("so we recommend the plan, and we recommend it to all\n"))
        let whole = losing + "the hens at athens\n"
        #expect(try clean(whole).hasSuffix("the hens at athens\n"))
    }

    /// Lines of ACL papers (Apache-2.0): a word broken by a hyphen or by
    /// spaces inside a line is joined; compounds and words keep theirs.
    @Test func wordsBrokenInsideALineAreJoined() throws {
        let broken = "The larger num-ber of different words per speaker; the number grows\n"
        #expect(try clean(broken) == "The larger number of different words per speaker; the number grows\n")
        // Without the joined word elsewhere, the hyphen may be a printed line break a transcription keeps.
        let kept = "The larger num-ber of different words per speaker\n"
        #expect(try clean(kept) == kept)
        #expect(try clean("which of the words in the descr ip t ion to use\n") == "which of the words in the description to use\n")
        for kept in ["a well-known re-election of the non-party pro-cess; a process and an election\n", "the part-of-speech tags and one-place predicates\n",
                     "we saw it at a t ion of the\n"] {
            #expect(try clean(kept) == kept)
        }
    }

    /// The confusion test's tallies come out the same whichever way they are
    /// found (a page's few words looked up among the common words' forms, or
    /// read back through each confusion, or the forms looked up in a book's
    /// counts), on a document that makes "e" read as "o" and "l" read as "I",
    /// one that reads "ll" as "U", one with letters that were never there, and on one that makes none.
    @Test func confusionTalliesAreTheSameEitherWayRound() throws {
        var rules = GarbleRules()
        try rules.add(text: try #require(EmbeddedRules.files["garbles/default.yaml"]), file: "garbles/default.yaml")
        #expect(rules.learnedConfusions.count >= 10)
        // The learned confusions (l read as I, I as l), one of a capital for two
        // letters (U for ll), and one of a letter read where none was (x).
        let confusions = rules.learnedConfusions + [GarbleRules.Confusion(read: Array("U".utf8), meant: Array("ll".utf8), rule: "test"),
                                                    GarbleRules.Confusion(read: Array("x".utf8), meant: [], rule: "test")]
        let index = ConfusionIndex(confusions: confusions, english: .builtIn, names: .prebuilt(CompactLexicons.nameSpellings))
        let document = try Fixtures.text("Tests/EmendTests/Fixtures/documents/ezhov-dismissal-1939.txt")
        let damaged = document.replacingOccurrences(of: "the ", with: "tho ").replacingOccurrences(of: " l", with: " I")
        let capitals = document.replacingOccurrences(of: "all ", with: "aU ").replacingOccurrences(of: "will", with: "wiU")
        let inserted = document.replacingOccurrences(of: "the ", with: "thxe ").replacingOccurrences(of: " and", with: " xand")
        for text in [document, damaged, capitals, inserted, document + damaged + "lIl lil Iil iil thee thoe theo tho tho\n"] {
            var survey = DocumentSurvey()
            Array(text.utf8).withUnsafeBytes { survey.add(block: $0) }
            survey.finish()
            let fromTheDocument = index.talliesFromTheDocument(survey), fromTheWords = index.talliesFromTheWords(survey)
            #expect(fromTheDocument == fromTheWords)
            #expect(index.talliesReadBack(survey) == fromTheWords)
            #expect(fromTheWords.contains { $0.uses > 100 })
        }
        var survey = DocumentSurvey()
        Array(damaged.utf8).withUnsafeBytes { survey.add(block: $0) }
        survey.finish()
        // The damaged document makes the e/o confusion: some tally says so.
        #expect(index.tallies(in: survey).contains(where: ConfusionEvidence.isSystematic))
    }

    /// The tallies made with no table of forms (each form counted before the
    /// lists are asked) and the space-loss test that counts the joined forms
    /// first agree with the table's tallies and the whole test, on the gold
    /// pages, the documents, damaged copies of them, and made-up edge cases
    /// (no text, one word, one damaged form, pairs run together).
    @Test func shortcutsOfTheEvidenceAgreeWithTheWholeCount() throws {
        var rules = GarbleRules()
        try rules.add(text: try #require(EmbeddedRules.files["garbles/default.yaml"]), file: "garbles/default.yaml")
        let confusions = rules.learnedConfusions + [GarbleRules.Confusion(read: Array("U".utf8), meant: Array("ll".utf8), rule: "test"),
                                                    GarbleRules.Confusion(read: Array("x".utf8), meant: [], rule: "test")]
        let index = ConfusionIndex(confusions: confusions, english: .builtIn, names: .prebuilt(CompactLexicons.nameSpellings))
        let pairs = SpaceLossEvidence.pairs(functionWords: rules.functionWordList, english: .builtIn)
        let joined = SpaceLossEvidence.Pairs(pairs)
        var texts = ["", "the", "tho", "tho tho the", "ofthe ofthe inthe of the in the\n", "wiIl wilI will\n"]
        texts += try GoldPage.all().map(\.raw)
        for name in ["ezhov-dismissal-1939", "plenum-resolution-1937", "stalin-on-the-nkvd-1938"] {
            let document = try Fixtures.text("Tests/EmendTests/Fixtures/documents/\(name).txt")
            texts += [document, document.replacingOccurrences(of: "the ", with: "tho "),
                      document.replacingOccurrences(of: "of the", with: "ofthe").replacingOccurrences(of: "in the", with: "inthe")]
        }
        var made = 0
        for text in texts {
            var survey = DocumentSurvey()
            Array(text.utf8).withUnsafeBytes { survey.add(block: $0) }
            survey.finish()
            let fromTheWords = index.talliesFromTheWords(survey)
            #expect(index.talliesCountingFormsFirst(survey) == fromTheWords)
            #expect(index.talliesReadBack(survey) == fromTheWords)
            let tally = SpaceLossEvidence.tally(in: survey, pairs: pairs)
            #expect(SpaceLossEvidence.damagedUsesReadingTheDocument(survey, pairs: joined) == tally.damaged)
            #expect(SpaceLossEvidence.damagedUsesReadingThePairs(survey, pairs: joined) == tally.damaged)
            #expect(SpaceLossEvidence.damagedUsesCuttingTheWords(survey, functionWords: rules.functionWordList, english: .builtIn) == tally.damaged)
            let whole = ConfusionEvidence.isSystematic(tally)
            #expect(SpaceLossEvidence.isMade(in: survey, pairs: joined) == whole)
            if whole { made += 1 }
        }
        // Some text loses its spaces, so the shortcut is tried both ways.
        #expect(made > 0)
    }

    /// In a document that reads "e" as "o", a rare word the confusion explains
    /// ("tho" for "the") is repaired, but never a word of the book's vocabulary
    /// (a book that writes "tho" for "though"), by the shortcuts or without them.
    @Test func aVocabularyWordIsNeverTakenForAConfusion() throws {
        let text = "tho man and tho dog saw thom at tho door; the end of whon we were, when they met them.\n"
        let file = Scratch.root.appendingPathComponent("emend-vocab-\(UUID().uuidString).vocab")
        try "tho\t12\n".write(to: file, atomically: true, encoding: .utf8)
        for shortcuts in [true, false] {
            var plain = try GarbleRepair()
            plain.usesShortcuts = shortcuts
            #expect(try Pipeline(stages: [plain]).surveyed(Array(text.utf8)).apply(to: text).hasPrefix("the man and the dog saw them"))
            var withVocabulary = try GarbleRepair(configuration: .init(vocabulary: file.path))
            withVocabulary.usesShortcuts = shortcuts
            let cleaned = try Pipeline(stages: [withVocabulary]).surveyed(Array(text.utf8)).apply(to: text)
            #expect(cleaned.hasPrefix("tho man and tho dog saw them at tho door"), "shortcuts \(shortcuts): \(cleaned)")
        }
    }

    @Test func thePoissonTailIsRight() {
        #expect(ConfusionEvidence.poissonTail(atLeast: 0, mean: 3) == 1)
        #expect(abs(ConfusionEvidence.poissonTail(atLeast: 1, mean: 2) - (1 - 0.1353352832)) < 1e-9)
        #expect(ConfusionEvidence.poissonTail(atLeast: 5, mean: 0.01) < 1e-10)
    }
}
