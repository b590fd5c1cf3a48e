@testable import Emend
import Foundation
import Testing

/// `FurnitureFinder.isPlainText`, the shortcut page-structure takes before
/// judging a line, says "plain text" only where the whole judgement
/// (`FurnitureFinder.kind`) finds no furniture: on every line of the gold
/// pages, the page fixtures, the documents and the samples, each judged at
/// several places on its page, below text and below a blank line, with the
/// book's furniture learned from a survey of its pages and with none; and on
/// made-up lines at a page's edge (folios, heads, separator lines, cut lines).
@Suite struct PlainTextShortcutTests {
    /// Each test document as its lines.
    private static func documents() throws -> [(name: String, lines: [Line])] {
        var texts: [(String, String)] = try pageTestTexts()
        texts.append(("made-up", Self.madeUp))
        return texts.map { name, text in
            let lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().map {
                Line(bytes: Array($0.element), number: $0.offset + 1)
            }
            return (name, lines)
        }
    }

    /// Pages whose edges hold what furniture looks like, and lines of text that do not.
    private static let madeUp = (1...6).map { page in
        "\u{0C}The Old Mill  \(page * 2 + 10)\n\nthe miller went on with his work as the rain fell on the roof of the mill, and\n"
            + "nobody came.\n\(page * 2 + 11)\n\n-----File: 00\(page).png---\n  \(page + 40)  \nCHAPTER \(page)\n\n"
            + "Document \(page) continued\nthe rest of the text runs on and on and on and on and on and on and on and on\n"
            + "12 Title of It\nTitle of It 13\n\n\n750\n1,200\n" + String(repeating: "a", count: 121) + " 14\n"
    }.joined()

    /// The finder with the furniture a survey of `lines` teaches, or with none learned.
    private static func finder(learningFrom lines: [Line]?) throws -> FurnitureFinder {
        var finder = try FurnitureFinder(rulesDirectory: nil, extra: nil)
        if let lines {
            var survey = PageSurvey()
            for line in lines { line.bytes.withUnsafeBufferPointer { survey.add(line: $0) } }
            survey.finish()
            finder.learn(from: survey)
        }
        return finder
    }

    @Test func plainTextIsNeverFurniture() throws {
        var (plain, judged, marked) = (0, 0, 0)
        for (name, lines) in try Self.documents() {
            for learning in [true, false] {
                let finder = try Self.finder(learningFrom: learning ? lines : nil)
                var pages = PageSegmentation()
                pages.inputEnded = true
                var afterText = WrittenText()
                afterText.note(Line("text before"), isBlank: false)
                for index in lines.indices where !PageSegmentation.isBlank(lines[index]) {
                    let textAbove = index > 0 && !PageSegmentation.isBlank(lines[index - 1])
                    for textLines in [0, 1, 2, 5] {
                        var position = PagePosition()
                        (position.index, position.textLines) = (3, textLines)
                        position.firstLineIsScrap = textLines == 1
                        for written in [WrittenText(), afterText] {
                            let kind = finder.kind(lines, index, position: position, zoneStart: index, written: written, pages: pages)
                            for claimed in [textAbove, false] {
                                if finder.isPlainText(lines[index], textAbove: claimed, position: position) {
                                    plain += 1
                                    #expect(kind == nil, "\(name):\(index + 1) textLines \(textLines): \(lines[index].text)")
                                } else {
                                    judged += 1
                                    if kind != nil { marked += 1 }
                                }
                            }
                        }
                    }
                }
            }
        }
        // Most lines take the shortcut; some are judged in full, and some of those are furniture.
        #expect(plain > judged)
        #expect(marked > 100)
    }

    /// `noteHeadSighting` passes by the lines below a page's first four, no
    /// block of them in progress, without the full note (`noteTopLine`): the
    /// heads seen, the titles near page tops and the block in progress stay as
    /// the full note leaves them, line after line of every document, its pages
    /// counted as the stage counts them.
    @Test func headSightingsAreNotedAsInFull() throws {
        var (passed, noted) = (0, 0)
        for (name, lines) in try Self.documents() {
            var shortcut = try Self.finder(learningFrom: lines), full = shortcut
            var position = PagePosition()
            for line in lines {
                position = position.entering(line)
                if !PageSegmentation.isBlank(line) {
                    if position.textLines >= 4 && shortcut.topBlock.isEmpty { passed += 1 } else { noted += 1 }
                    shortcut.noteHeadSighting(line, position: position)
                    if full.learned.marksPages { full.noteTopLine(line, position: position) }
                    position.countText(line)
                }
                #expect(shortcut.seenHeads == full.seenHeads, "\(name):\(line.number)")
                #expect(shortcut.topBlock == full.topBlock, "\(name):\(line.number)")
                #expect(shortcut.recentTitles.map(\.page) == full.recentTitles.map(\.page), "\(name):\(line.number)")
                #expect(shortcut.recentTitles.map(\.key) == full.recentTitles.map(\.key), "\(name):\(line.number)")
            }
        }
        #expect(passed > noted)
        #expect(noted > 100)
    }

    /// `ParagraphJoining.isRunningText` counts the words of a line as
    /// splitting it at its spaces does (30 bytes or more, four words or more),
    /// on every line of the documents and on made-up lines of one to six
    /// words around 30 bytes, with runs of spaces at either end and inside.
    @Test func runningTextIsCountedAsSplittingCountsIt() throws {
        let reference = { (bytes: [UInt8]) in bytes.count >= 30 && bytes.split(separator: 0x20).count >= 4 }
        var lines = try Self.documents().flatMap { $0.lines.map(\.bytes) }
        let pieces = ["a", "word", "twelve-bytes", " ", "   ", "\t", "—"]
        for words in 1...6 {
            for size in 0..<pieces.count {
                for lead in ["", " ", "  "] {
                    var line = lead
                    for word in 0..<words { line += (word == 0 ? "" : pieces[(size + word) % 3 + 3]) + pieces[(size + word) % 3] }
                    for pad in 0...30 { lines.append(Array((line + String(repeating: " ", count: pad % 4) + String(repeating: "x", count: pad / 4)).utf8)) }
                }
            }
        }
        var running = 0
        for line in lines {
            #expect(ParagraphJoining.isRunningText(line) == reference(line), "\(String(decoding: line, as: UTF8.self))")
            if reference(line) { running += 1 }
        }
        #expect(running > 100 && running < lines.count)
    }

    /// A cut line's pieces and a line longer than 120 bytes are plain text, whatever they hold.
    @Test func cutAndLongLinesArePlainText() throws {
        let finder = try Self.finder(learningFrom: nil)
        let position = PagePosition()
        let lines = [
            Line(bytes: Array("-----File: 001.png---".utf8), ending: .split),
            Line(bytes: Array("12".utf8), isContinuation: true),
            Line(bytes: Array((String(repeating: "x", count: 120) + " 12").utf8)),
            Line("-----File: 002.png---"),
        ]
        for index in 0..<3 {
            #expect(finder.isPlainText(lines[index], textAbove: false, position: position))
            #expect(finder.kind(lines, index, position: position, zoneStart: index, written: WrittenText(), pages: PageSegmentation()) == nil)
        }
        #expect(!finder.isPlainText(lines[3], textAbove: true, position: position))
    }
}
