import Foundation
import Testing
@testable import Emend

/// The document survey: raw counts of words and pairs, bounded.
@Suite struct DocumentSurveyTests {
    private func survey(_ text: String, limit: Int = DocumentSurvey.defaultLimit) -> DocumentSurvey {
        var survey = DocumentSurvey(limit: limit)
        Array(text.utf8).withUnsafeBytes { survey.add(block: $0) }
        survey.finish()
        return survey
    }

    @Test func countsWordsInAnyCaseAndPossessivesForTheirWord() {
        let counted = survey("The hee and Hee, HEE's;\nStalin's men and Stalin\n")
        #expect(counted.count(of: "hee") == 3)
        #expect(counted.count(of: "HEE") == 3)
        #expect(counted.count(of: "stalin") == 2)
        #expect(counted.count(of: "the") == 1 && counted.count(of: "a") == 0)
        #expect(counted.isComplete)
    }

    @Test func pairsAreWordsSideBySide() {
        let counted = survey("of the book, of the men\nof\nthe end. The end\n\nthe\nend\n")
        #expect(counted.pairCount("of", "the") == 3)  // across one line break too
        #expect(counted.pairCount("book", "of") == 0)  // a comma between
        #expect(counted.pairCount("end", "the") == 0)  // a period between
        #expect(counted.pairCount("the", "end") == 3)
        #expect(counted.pairCount("men", "of") == 1)
    }

    @Test func aBlankLineEndsThePairs() {
        let counted = survey("the\n\nend\n")
        #expect(counted.pairCount("the", "end") == 0)
    }

    @Test func aWordBrokenAtTheLineEndIsNotCounted() {
        let counted = survey("the opposi-\ntion was here\n")
        #expect(counted.count(of: "opposi") == 0 && counted.count(of: "tion") == 0)
        #expect(counted.count(of: "was") == 1)
        #expect(counted.pairCount("tion", "was") == 0)
    }

    @Test func curlyQuotesAndDashesAreNoLetters() {
        let counted = survey("“Yezhov”—the ‘commissar’ «Ежов»\n")
        #expect(counted.count(of: "yezhov") == 1)
        #expect(counted.count(of: "commissar") == 1)
        #expect(counted.count(of: "Ежов") == 1)
    }

    @Test func linesMayRunAcrossBlocks() {
        var counted = DocumentSurvey()
        for piece in ["of t", "he bo", "ok\nof the", " end"] { Array(piece.utf8).withUnsafeBytes { counted.add(block: $0) } }
        counted.finish()
        #expect(counted.pairCount("of", "the") == 2)
        #expect(counted.count(of: "book") == 1)
    }

    @Test func marksAreCountedSpacedAndClosed() {
        let counted = survey("one ; two; three;\n4 , 5,\n")
        #expect(counted.spacing(of: UInt8(ascii: ";")) == (spaced: 1, closed: 2))
        #expect(counted.spacing(of: UInt8(ascii: ",")) == (spaced: 1, closed: 1))
    }

    /// A file counted in two halves on two threads gives the counts of one pass.
    @Test func aFileCountedInHalvesCountsAsOnePass() throws {
        var text: [UInt8] = []
        for page in try GoldPage.all() { text += Array(page.raw.utf8) + Array("\n\n".utf8) }
        let url = Scratch.root.appendingPathComponent("emend-survey-\(UUID().uuidString).txt")
        try Data(text).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let descriptor = open(url.path, O_RDONLY)
        defer { close(descriptor) }
        let cut = try #require(try paragraphCut(descriptor: descriptor, path: url.path, near: text.count / 2))
        #expect(cut > 0 && cut < text.count && text[cut - 1] == 0x0A)
        let halves = try surveyFile(descriptor: descriptor, path: url.path, size: text.count, parallelAbove: 0)
        var memory = MemorySource(text)
        let once = try surveyDocument(&memory)
        #expect(halves.entryCount == once.entryCount && halves.wordsCounted == once.wordsCounted)
        for mark in DocumentSurvey.spacedMarks { #expect(halves.spacing(of: mark) == once.spacing(of: mark)) }
        text.withUnsafeBufferPointer { bytes in
            let words = DocumentSurvey.words(in: bytes)
            for (word, next) in zip(words, words.dropFirst()) {
                let a = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[word.range])
                let b = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[next.range])
                #expect(halves.count(of: a) == once.count(of: a))
                #expect(halves.pairCount(a, b) == once.pairCount(a, b))
            }
        }
    }

    /// Halves counted side by side each keep half the bound, so the two tables
    /// together are no larger than one: the sum keeps the whole bound, in the
    /// slots one table at its bound has, and a word the text repeats survives.
    @Test func aFileCountedInHalvesStaysWithinOneTablesBound() throws {
        var text: [UInt8] = []
        for index in 0..<60_000 {
            var number = index
            text.append(contentsOf: "common ".utf8)
            repeat { text.append(UInt8(ascii: "a") + UInt8(number % 26)); number /= 26 } while number > 0
            text.append(contentsOf: index % 10 == 9 ? "\n\n".utf8 : " ".utf8)
        }
        let url = Scratch.root.appendingPathComponent("emend-survey-\(UUID().uuidString).txt")
        try Data(text).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let descriptor = open(url.path, O_RDONLY)
        defer { close(descriptor) }
        let limit = 4096
        let halves = try surveyFile(descriptor: descriptor, path: url.path, size: text.count, limit: limit, parallelAbove: 0)
        #expect(halves.limit == limit)
        #expect(halves.entryCount <= limit)
        #expect(halves.slotCount <= (limit * 4 + 2) / 3)
        #expect(halves.count(of: "common") > 10_000)
        #expect(halves.droppedBelow > 1)
    }

    /// A file counted in halves keeps the bound a survey counted in one pass
    /// keeps, clamped the same way: at least 16, and no more than one table
    /// holds (a bound past it, counted in halves, let the table grow unbounded).
    @Test func aFileCountedInHalvesKeepsTheBoundOnePassKeeps() throws {
        let text = Array(String(repeating: "the commissar signed the order.\n\n", count: 64).utf8)
        let url = Scratch.root.appendingPathComponent("emend-survey-\(UUID().uuidString).txt")
        try Data(text).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let descriptor = open(url.path, O_RDONLY)
        defer { close(descriptor) }
        for limit in [Int.max, WordCountTable.largestCount + 1, 1 << 19, 20, 5, 0] {
            let halves = try surveyFile(descriptor: descriptor, path: url.path, size: text.count, limit: limit, parallelAbove: 0)
            #expect(halves.limit == DocumentSurvey(limit: limit).limit, "\(limit)")
            #expect(halves.limit <= WordCountTable.largestCount && halves.limit >= 16)
            #expect(halves.count(of: "commissar") == 64)
        }
    }

    /// The cut between the halves looked back from each blank line for the
    /// line of text before it: 128 KB of blank lines took billions of steps.
    @Test func aCutAmongBlankLinesIsFound() throws {
        let url = Scratch.root.appendingPathComponent("emend-cut-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        func cut(_ text: String) throws -> Int? {
            try Data(text.utf8).write(to: url)
            let descriptor = open(url.path, O_RDONLY)
            defer { close(descriptor) }
            return try paragraphCut(descriptor: descriptor, path: url.path, near: text.utf8.count / 2)
        }
        let started = Date()
        let blank = String(repeating: "\n", count: 100_000)
        #expect(try cut(blank + "Text.\n" + blank) == 100_007)
        #expect(try cut(blank + "Broken-\n" + blank) == nil)
        #expect(try cut(blank + blank + blank + "Text.\n") == nil)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// A million distinct words through a table of 4,096 entries: the bound
    /// holds, and a word the text repeats survives the pruning.
    @Test func memoryStaysBoundedWhateverTheVocabulary() {
        var counted = DocumentSurvey(limit: 4096)
        var line: [UInt8] = []
        for index in 0..<1_000_000 {
            var number = index
            line.append(contentsOf: "common ".utf8)
            repeat { line.append(UInt8(ascii: "a") + UInt8(number % 26)); number /= 26 } while number > 0
            line.append(0x20)
            if index % 100 == 99 { counted.add(line: line); line.removeAll(keepingCapacity: true) }
        }
        counted.finish()
        #expect(counted.entryCount <= 4096)
        #expect(counted.count(of: "common") > 100_000)
        #expect(counted.droppedBelow > 1)
    }

    /// A survey far past its bound counts, drops and keeps exactly what a
    /// plain dictionary pruned by the documented rule does (the entries seen
    /// least often dropped, once, then twice, ... until half the bound is
    /// left), word by word and pair by pair, across lines and blank lines.
    /// Lines of up to 8 words, and of up to 400 (counted in pieces, the table
    /// pruned in the middle of a line).
    @Test(arguments: [8, 400])
    func aBoundedSurveyPrunesAsADictionaryByTheRule(wordsPerLine: Int) {
        var generator = SeededGenerator(seed: 1922)
        let common = ["the", "soviet", "central", "committee", "of", "party", "people", "commissariat"]
        let limit = 300
        var survey = DocumentSurvey(limit: limit)
        var model: [String: Int] = [:], droppedBelow = 1
        func count(_ key: String) {
            if model.count >= limit {
                repeat {
                    let threshold = droppedBelow
                    model = model.filter { $0.value > threshold }
                    droppedBelow += 1
                } while model.count > limit / 2
            }
            model[key, default: 0] += 1
        }
        var previous: String?
        for _ in 0..<(32_000 / wordsPerLine) {
            if generator.next() % 9 == 0 {
                survey.add(line: [])
                previous = nil
                continue
            }
            let words = (0..<(1 + Int(generator.next() % UInt64(wordsPerLine)))).map { _ in
                generator.next() % 3 == 0
                    ? String((0..<(1 + Int(generator.next() % 12))).map { _ in Character(UnicodeScalar(UInt8(0x61 + generator.next() % 26))) })
                    : generator.pick(common)
            }
            survey.add(line: Array(words.joined(separator: " ").utf8))
            for word in words {
                count(word)
                if let previous { count(previous + " " + word) }
                previous = word
            }
        }
        survey.finish()
        var counted: [String: Int] = [:]
        survey.forEachCount { key, count in counted[String(decoding: key, as: UTF8.self)] = count }
        #expect(droppedBelow > 2, "the test never pruned twice")
        #expect(counted == model)
        #expect(survey.droppedBelow == Int32(droppedBelow))
        #expect(survey.entryCount == model.count)
    }

    /// A run surveys only what its stages read: page-structure the pages,
    /// dehyphenate the words, garbles the words and pairs; each part as a
    /// full survey makes it.
    @Test func aSurveyOfOnePartMakesThatPartAsAFullSurveyDoes() throws {
        let text = Array(try Fixtures.text("Tests/EmendTests/Fixtures/pages/head-rule.ocr.txt").utf8)
        func surveyed(_ parts: SurveyParts) throws -> DocumentSurvey {
            var source = MemorySource(text)
            return try surveyDocument(&source, parts: parts)
        }
        let full = try surveyed(.all), pages = try surveyed(.pages), words = try surveyed(.words)
        let pairs = try surveyed([.words, .pairs])
        #expect(full.pages.pageCount > 2 && !full.pages.learnedHeads().isEmpty)
        #expect(pages.pages.pageCount == full.pages.pageCount && pages.pages.separators == full.pages.separators)
        #expect(pages.pages.learnedHeads() == full.pages.learnedHeads())
        #expect(pages.blankRunPages.pageCount == full.blankRunPages.pageCount)
        #expect(full.count(of: "the") > 10 && pages.count(of: "the") == 0 && pages.entryCount == 0)
        #expect(pairs.count(of: "the") == full.count(of: "the") && pairs.entryCount == full.entryCount)
        #expect(pairs.pages.pageCount == 0 && pairs.pages.learnedHeads().isEmpty)
        // Words alone: every word's count, and no pair, mark spacing or year.
        #expect(full.pairCount("of", "the") > 0 && words.pairCount("of", "the") == 0)
        #expect(words.entryCount < full.entryCount && words.wordsCounted == full.wordsCounted)
        #expect(full.spacing(of: UInt8(ascii: ",")).closed > 0 && words.spacing(of: UInt8(ascii: ",")) == (spaced: 0, closed: 0))
        text.withUnsafeBufferPointer { bytes in
            for word in DocumentSurvey.words(in: bytes) {
                let key = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[word.range])
                #expect(words.count(of: key) == full.count(of: key))
            }
        }

        let pageStructure = Pipeline(stages: [try PageStructure()])
        let withDehyphenate = Pipeline(stages: [try PageStructure(), try Dehyphenator()])
        #expect(pageStructure.usesSurvey && pageStructure.surveyParts == .pages)
        #expect(withDehyphenate.surveyParts == [.pages, .words])
        #expect(Pipeline(stages: [try Dehyphenator()]).surveyParts == .words)
        #expect(Pipeline(stages: [try Dehyphenator(), try GarbleRepair()]).surveyParts == [.words, .pairs])
        #expect(Pipeline(stages: [try PageStructure(), try Dehyphenator(), try GarbleRepair()]).surveyParts == .all)
    }
}
