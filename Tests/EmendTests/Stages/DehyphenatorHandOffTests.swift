@testable import Emend
import Testing

/// The dehyphenator takes each line out of the lines it is handed as it reads
/// it, so that a join changes the only copy of its bytes. What it writes must
/// not depend on that: whatever the pieces the lines come in, whether the
/// caller keeps copies of them or not, the caller's copies stay as they were,
/// and no text is lost or made up (a join takes out only hyphens, spaces and
/// line ends).
@Suite struct DehyphenatorHandOffTests {
    struct Run: Equatable {
        var lines: [Line]
        var changes: [Change]
    }

    /// `lines` through `stage`, handed over `piece` lines at a time; with
    /// `keepsCopies` the caller holds on to every line it hands over.
    static func run(_ stage: Dehyphenator, _ lines: [Line], piece: Int, keepsCopies: Bool, recordsChanges: Bool = true) throws -> Run {
        var stage = stage
        var pending: [Line] = []
        var output = StageOutput(recordsChanges: recordsChanges)
        var start = 0
        repeat {
            let end = min(lines.count, start + piece)
            if keepsCopies {
                pending.append(contentsOf: lines[start..<end])
            } else {
                // Each line's bytes made afresh, held by the stage alone.
                for line in lines[start..<end] {
                    pending.append(Line(bytes: Array(line.bytes), ending: line.ending, number: line.number, isContinuation: line.isContinuation))
                }
            }
            if end == lines.count { try stage.finish(&pending, into: &output) } else { try stage.consume(&pending, into: &output) }
            #expect(pending.count <= stage.maximumHeldLines)
            start = end
        } while start < lines.count
        return Run(lines: output.lines, changes: output.changes)
    }

    static func lines(_ text: String) -> [Line] {
        var lines: [Line] = []
        var splitter = LineSplitter()
        var raw: [RawLine] = []
        Array(text.utf8).withUnsafeBytes { splitter.split($0, into: &raw) }
        splitter.finish(into: &raw)
        for line in raw { lines.append(Line(bytes: line.bytes, ending: line.ending, number: line.number)) }
        return lines
    }

    /// The bytes that no join takes out, in order.
    static func text(_ lines: [Line]) -> [UInt8] {
        lines.flatMap { $0.bytes.filter { $0 != 0x20 && $0 != UInt8(ascii: "-") } }
    }

    static func check(_ text: String, _ stage: Dehyphenator) throws -> Run {
        let lines = Self.lines(text)
        let whole = try Self.run(stage, lines, piece: max(1, lines.count), keepsCopies: false)
        #expect(Self.text(whole.lines) == Self.text(lines))
        for piece in [1, 2, 3, 5] {
            for keepsCopies in [false, true] {
                let copies = lines
                #expect(try Self.run(stage, lines, piece: piece, keepsCopies: keepsCopies) == whole, "pieces of \(piece)")
                #expect(lines == copies)
            }
        }
        return whole
    }

    @Test func goldPagesGiveTheSameWhateverTheHandOff() throws {
        let stage = try Dehyphenator()
        for page in try GoldPage.all() {
            let whole = try Self.check(page.raw, stage)
            #expect(!whole.lines.isEmpty, "\(page.name)")
        }
    }

    @Test(arguments: [
        ("the co- \nop- \neration here\nand then\n", "the cooperation\nhere\nand then\n"),
        ("the offi- \ncial language\n", "the official\nlanguage\n"),
        ("the clergy- \n- man came\n", "the clergyman\ncame\n"),
        ("a worthy suc\ncessor of Mr Smith\n", "a worthy successor\nof Mr Smith\n"),
        ("the offi- \ncial\n", "the official\n"),
        ("the offi-", "the offi-"),
        ("word-\n\nnext\n", "word-\n\nnext\n"),
        ("", ""),
    ])
    func madeUpLinesGiveTheSameWhateverTheHandOff(input: String, expected: String) throws {
        let whole = try Self.check(input, try Dehyphenator())
        #expect(String(decoding: whole.lines.flatMap { $0.bytes + $0.ending.bytes }, as: UTF8.self) == expected)
    }

    /// A stage given the survey of `text`, as a run that surveys first.
    static func surveyed(_ text: String, lineByLine: Bool) throws -> Dehyphenator {
        var survey = DocumentSurvey(parts: .words)
        Array(text.utf8).withUnsafeBytes { survey.add(block: $0) }
        survey.finish()
        var stage = try Dehyphenator()
        stage.use(survey)
        stage.decidesLineByLine = lineByLine
        return stage
    }

    /// With a survey, the lines are decided where they stand in the lines
    /// handed over (a join changing them there, a line it emptied dropped):
    /// the lines and changes are those of the lines taken out and handed on
    /// one at a time, in every size of piece, with and without a report.
    static func checkInPlace(_ text: String) throws {
        let lines = Self.lines(text)
        let inPlace = try Self.surveyed(text, lineByLine: false), lineByLine = try Self.surveyed(text, lineByLine: true)
        for piece in [1, 2, 3, 5, 8, max(1, lines.count)] {
            for recordsChanges in [true, false] {
                let copies = lines
                let expected = try Self.run(lineByLine, lines, piece: piece, keepsCopies: false, recordsChanges: recordsChanges)
                #expect(try Self.run(inPlace, lines, piece: piece, keepsCopies: false, recordsChanges: recordsChanges) == expected,
                        "pieces of \(piece)")
                #expect(try Self.run(inPlace, lines, piece: piece, keepsCopies: true, recordsChanges: recordsChanges) == expected,
                        "pieces of \(piece), copies kept")
                #expect(lines == copies)
            }
        }
    }

    @Test func goldPagesDecidedInPlaceGiveTheSameAsLineByLine() throws {
        for page in try GoldPage.all() { try Self.checkInPlace(page.raw) }
    }

    @Test(arguments: [
        // Joins that empty the next line, one after another, at the start, the middle and the end.
        "the co- \nop- \neration\nhere and\n",
        "a worthy suc\ncessor\nof the offi- \ncial\nlanguage-\nwise\n",
        "the offi- \ncial\n", "the offi-", "the offi- \n", "a worthy suc\ncessor",
        "the clergy- \n- man came\nand the clergy- \n- man\n",
        "word-\n\nnext\n", "", "\n\n", "one\ntwo\nthree\n",
        "anti- \nSoviet elements\nthe party- \nhe would\nself- \ncriticism\n",
        "the law- \nlessness was the rule; the law- \nlessness of it\n",
    ])
    func madeUpLinesDecidedInPlaceGiveTheSameAsLineByLine(input: String) throws {
        try Self.checkInPlace(input)
    }
}
