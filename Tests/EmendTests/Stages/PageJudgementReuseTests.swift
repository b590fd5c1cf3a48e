@testable import Emend
import Foundation
import Testing

/// The judgements page-structure no longer makes twice decide as they did:
/// the line after a lone blank line, judged as its zone ended, is not judged
/// again (`PageStructure.reusesZoneJudgement`), and the `CandidateShape` that
/// `FurnitureFinder.isPlainText` read is handed to `FurnitureFinder.kind`.
/// Compared with the stage that judges every line afresh, on the gold pages,
/// the page fixtures, the documents and the samples, with a survey and
/// without, each footnote placement, the input read whole and in small pieces.
@Suite struct PageJudgementReuseTests {
    /// Each test document as its text.
    private static func documents() throws -> [(name: String, text: String)] {
        var texts: [(String, String)] = try pageTestTexts()
        texts.append(("made-up", Self.madeUp))
        return texts
    }

    /// Pages whose edges hold furniture after a lone blank line, and text after one that is none.
    private static let madeUp = (1...8).map { page in
        "\u{0C}The Old Mill  \(page * 2 + 10)\n\nthe miller went on with his work as the rain fell on the roof of the mill, and\n"
            + "nobody came.\n\n\(page * 2 + 11)\n\n-----File: 00\(page).png---\n\n  \(page + 40)  \n\nCHAPTER \(page)\n\n"
            + "Document \(page) continued\n\nthe rest of the text runs on and on and on and on and on and on and on and on\n\n"
            + "12 Title of It\n\nTitle of It 13\n\n750\n\n1,200\nThe Old Mill\n\nand so it went, propri-\n\netor's and all.\n\n"
    }.joined()

    /// The stage's output and changes on `text`, every line judged afresh or not.
    private static func run(_ text: String, reusing: Bool, surveyed: Bool, footnotes: PageStructure.FootnotePlacement,
                            lookAhead: Int = 200, pieceSize: Int? = nil) throws -> (text: String, changes: [String]) {
        var stage = try PageStructure(configuration: .init(footnotes: footnotes, lookAhead: lookAhead))
        stage.reusesZoneJudgement = reusing
        if surveyed {
            var source = MemorySource(Array(text.utf8))
            stage.use(try surveyDocument(&source))
        }
        if let pieceSize {
            let (bytes, _) = try Fixtures.run(stage, Array(text.utf8), pieceSize: pieceSize)
            return (String(decoding: bytes, as: UTF8.self), [])
        }
        let (output, changes) = try stage.applyReportingChanges(to: text)
        return (output, changes.map { "\($0.line):\($0.column) \($0.rule) [\($0.before)] -> [\($0.after)]" })
    }

    @Test func reusedJudgementDecidesAsAFreshOne() throws {
        var compared = 0
        for (name, text) in try Self.documents() {
            for surveyed in [true, false] {
                for footnotes in PageStructure.FootnotePlacement.allCases {
                    let fresh = try Self.run(text, reusing: false, surveyed: surveyed, footnotes: footnotes)
                    let reused = try Self.run(text, reusing: true, surveyed: surveyed, footnotes: footnotes)
                    #expect(reused.text == fresh.text, "\(name) surveyed \(surveyed) \(footnotes)")
                    #expect(reused.changes == fresh.changes, "\(name) surveyed \(surveyed) \(footnotes)")
                    compared += 1
                }
                // Read in small pieces, with a short look-ahead: the lines pending end often.
                let fresh = try Self.run(text, reusing: false, surveyed: surveyed, footnotes: .keepInPlace, lookAhead: 8, pieceSize: 301)
                let reused = try Self.run(text, reusing: true, surveyed: surveyed, footnotes: .keepInPlace, lookAhead: 8, pieceSize: 301)
                #expect(reused.text == fresh.text, "\(name) surveyed \(surveyed) in pieces")
            }
        }
        #expect(compared > 100)
    }

    /// On every line of the documents, at several places on its page: `kind`
    /// handed the shape `isPlainText` read answers as `kind` reading it itself.
    @Test func handedShapeJudgesAsTheLineItself() throws {
        var handed = 0
        for (name, text) in try Self.documents() {
            let lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().map {
                Line(bytes: Array($0.element), number: $0.offset + 1)
            }
            var survey = PageSurvey()
            for line in lines { line.bytes.withUnsafeBufferPointer { survey.add(line: $0) } }
            survey.finish()
            for learning in [true, false] {
                var finder = try FurnitureFinder(rulesDirectory: nil, extra: nil)
                if learning { finder.learn(from: survey) }
                var pages = PageSegmentation()
                pages.inputEnded = true
                for index in lines.indices where !PageSegmentation.isBlank(lines[index]) {
                    for textLines in [0, 1, 5] {
                        var position = PagePosition()
                        (position.index, position.textLines) = (3, textLines)
                        for textAbove in [true, false] {
                            var shape: CandidateShape?? = .none
                            let plain = finder.isPlainText(lines[index], textAbove: textAbove, position: position, shape: &shape)
                            #expect(plain == finder.isPlainText(lines[index], textAbove: textAbove, position: position))
                            guard !plain else { continue }
                            if case .some = shape { handed += 1 }
                            let withShape = finder.kind(lines, index, position: position, zoneStart: index, written: WrittenText(),
                                                        pages: pages, shape: shape)
                            let itself = finder.kind(lines, index, position: position, zoneStart: index, written: WrittenText(), pages: pages)
                            #expect(withShape == itself, "\(name):\(index + 1): \(lines[index].text)")
                        }
                    }
                }
            }
        }
        #expect(handed > 100)
    }
}
