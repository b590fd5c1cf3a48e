import Foundation
import Yams

/// Removes the page furniture that OCR carries into the text, and joins what a
/// page break split.
///
/// Changes: running heads and feet, lone page numbers (folios), page
/// separator lines and continuation headers ("Document 153 continued") are
/// removed; a page break (a form feed, two or more blank lines, or blank lines
/// around furniture) becomes one blank line when a new paragraph follows, and
/// nothing when the paragraph goes on, so its halves meet again.
///
/// A driver of four parts, each a type of its own, in this order for each
/// pending line whose look-ahead is in:
/// 1. `FurnitureFinder` learns the book's heads and folios from the survey
///    of its page edges (`PageSurvey`, handed by `use(_:)` or counted over
///    the lines seen so far);
/// 2. `PageSegmentation` says which page the line is on, and whether it
///    opens a zone of blank lines and furniture (`PageBreakZone`, the
///    furniture judged by `FurnitureFinder`) or is text, written as it is;
/// 3. a zone that is a page break loses its furniture, and `ParagraphJoining`
///    says which of its blank lines stay (one where a new paragraph starts);
///    one that is none keeps its blank lines, but for one between a broken
///    word's halves;
/// 4. every line written passes through `FootnoteHold`: footnote blocks at
///    page bottoms stay (the default), move after their paragraph or go.
///
/// Never touches: the text of any other line, footnotes (kept where they are
/// by default), a chapter's or a document's own title, single blank lines
/// between paragraphs. Every removed line is reported as a change. Holds back
/// the lines of one page break and six lines after it (at most `window`
/// lines), and, when no survey was handed to it, the `look-ahead` lines it
/// counts before deciding.
public struct PageStructure: SurveyingStage, RegisteredStage {
    public struct Configuration: Sendable, Equatable {
        /// The most lines held while a page break is decided.
        public var window = 64
        /// Where footnote blocks go.
        public var footnotes: FootnotePlacement = .keepInPlace
        /// A rule file of furniture patterns added to the built-in ones.
        public var furniture: String?
        /// A directory of rule files that override the built-in ones.
        public var rulesDirectory: String?
        /// Without a survey of the whole document, the lines counted ahead of
        /// each decision, so the heads of the next pages are known.
        public var lookAhead = 200

        public init(window: Int = 64, footnotes: FootnotePlacement = .keepInPlace, furniture: String? = nil,
                    rulesDirectory: String? = nil, lookAhead: Int = 200) {
            self.window = window
            self.footnotes = footnotes
            self.furniture = furniture
            self.rulesDirectory = rulesDirectory
            self.lookAhead = lookAhead
        }
    }

    /// Where the footnote blocks at page bottoms go.
    public enum FootnotePlacement: String, Sendable, CaseIterable {
        /// They stay where the page put them (the default).
        case keepInPlace = "keep-in-place"
        /// They follow the end of the paragraph the page break interrupted, whose halves then meet.
        case moveToParagraphEnd = "move-to-paragraph-end"
        /// They are removed, each line reported.
        case drop
    }

    public static let descriptor = StageDescriptor(
        name: "page-structure",
        summary: "removes running heads, page numbers and continuation headers; joins paragraphs a page break split",
        options: [
            OptionSpec("window", .integer(8...10_000), default: .integer(64),
                       "the most lines held while a page break is decided"),
            OptionSpec("furniture", .string, default: .string(""),
                       "a rule file of running-head and continuation-header patterns for one book"),
            OptionSpec("footnotes", .choice(FootnotePlacement.allCases.map(\.rawValue)), default: .string("keep-in-place"),
                       "footnote blocks at page bottoms stay, move after their paragraph, or are dropped"),
            OptionSpec("rules", .string, default: .string(""),
                       "a directory of rule files that override the built-in ones (same layout as rules/)"),
            OptionSpec("look-ahead", .integer(0...100_000), default: .integer(200),
                       "when the document is not surveyed first (a pipe run with --look-ahead, the library), the lines counted ahead"),
        ],
        make: { options in
            return try PageStructure(configuration: Configuration(
                window: options.integer("window"),
                footnotes: FootnotePlacement(rawValue: options.string("footnotes")) ?? .keepInPlace,
                furniture: options.path("furniture"), rulesDirectory: options.path("rules"),
                lookAhead: options.integer("look-ahead")))
        }
    )

    public let configuration: Configuration
    public var name: String { Self.descriptor.name }
    public var maximumHeldLines: Int { configuration.window + (furniture.surveyIsHanded ? 0 : configuration.lookAhead) }

    /// Where pages begin and end, and the page of the next line to decide.
    private var pages = PageSegmentation()
    /// Which lines at page edges are furniture, and what the book's furniture is.
    private var furniture: FurnitureFinder
    /// Where footnote blocks at page bottoms go.
    private var footnotes: FootnoteHold
    /// Whether a paragraph goes on across a page break.
    private let paragraphs = ParagraphJoining()
    /// What the text written so far looks like: decides whether a break ends a paragraph.
    private var written = WrittenText()
    /// True when the line after a lone blank line, judged no furniture as its
    /// zone ended, is not judged again (`run`). Off only to test that it decides the same.
    var reusesZoneJudgement = true

    public init(configuration: Configuration = Configuration()) throws {
        self.configuration = configuration
        self.furniture = try FurnitureFinder(rulesDirectory: configuration.rulesDirectory, extra: configuration.furniture)
        self.footnotes = FootnoteHold(placement: configuration.footnotes, window: configuration.window,
                                      stage: Self.descriptor.name)
    }

    /// Only the survey's pages are read.
    public var surveyParts: SurveyParts { .pages }

    public mutating func use(_ survey: DocumentSurvey) {
        // Pages marked by form feeds or separator lines; else ended by runs of blank lines.
        let marked = survey.pages.separators >= 2
        if !marked { pages.position.byBlankRuns = true }
        furniture.learn(from: marked ? survey.pages : survey.blankRunPages)
    }

    public mutating func consume(_ pending: inout [Line], into output: inout StageOutput) throws {
        try run(&pending, into: &output, atEnd: false)
    }

    public mutating func finish(_ pending: inout [Line], into output: inout StageOutput) throws {
        try run(&pending, into: &output, atEnd: true)
    }

    /// Decides the pending lines whose look-ahead is in, in the order the
    /// type's comment gives, and removes them from `pending`.
    private mutating func run(_ pending: inout [Line], into output: inout StageOutput, atEnd: Bool) throws {
        furniture.learn(fromPending: pending)
        pages.inputEnded = atEnd
        // Alone, the stage decides a line once the look-ahead after it is counted.
        // (Fewer lines when they are long, never fewer than a decision reads: `LookAhead`.
        // Every look-ahead stops at the first line of text longer than a page's edge
        // line: none reads past it.) Unless the input has ended, the last lines wait.
        let lookahead = PageSegmentation.lookahead
        let ahead = furniture.surveyIsHanded ? lookahead : max(lookahead, configuration.lookAhead)
        let limit = LookAhead.readyCount(in: pending, lines: ahead, minimumLines: lookahead, atEnd: atEnd,
                                         barrier: { $0.bytes.count > EdgeLine.maximumBytes && !PageSegmentation.isBlank($0) })
        var index = 0
        // The line after the last written here as text: the line above it is one of text.
        var afterText = -1
        // The line after a lone blank line that is no page break, judged no furniture as its
        // zone ended: judged again, with all it reads the same, it is none again (`reusesZoneJudgement`).
        var judgedText = -1
        while index < limit {
            let line = pending[index]
            let position = pages.position.entering(line)
            // Most lines are plain text, known without the whole judgement (`isPlainText`);
            // the shape it read is not read again by the judgement.
            var shape: CandidateShape?? = .none
            guard PageSegmentation.isBlank(line) || line.bytes.first == 0x0C
                    || index != judgedText && !furniture.isPlainText(line, textAbove: index == afterText, position: position, shape: &shape)
                    && furniture.kind(pending, index, position: position, zoneStart: index, written: written, pages: pages,
                                      shape: shape) != nil else {
                furniture.noteHeadSighting(line, position: position)
                pages.position = position  // the line's own, entered above
                pages.position.countText(line)
                emit(line, into: &output)  // its last use here: moved into the hold
                index += 1
                afterText = index
                continue
            }
            let zone = furniture.zone(of: pending, from: index, limit: limit, maximumLines: configuration.window - lookahead - 1,
                                      written: written, pages: pages)
            if zone.end == limit && !atEnd && !zone.isFull {
                break  // the zone may go on: wait for the line after it
            }
            if zone.isFull {  // a run of blank lines longer than a page: left as it is
                for zoneLine in pending[index..<zone.end] {
                    emit(zoneLine, into: &output)
                    pages.position.pass(zoneLine, isText: false)
                }
            } else {
                for zoneLine in pending[index..<zone.end] { pages.position.pass(zoneLine, isText: false) }
                if zone.isPageBreak {
                    writePageBreak(zone, &pending, into: &output)
                } else {
                    writeBlankLines(zone, pending, into: &output)
                    // One blank line, no furniture: the zone's judgement of the next line stands.
                    // It was made with the zone's start and the page position and text written
                    // before the blank line; judged afresh the line would get the blank line as its
                    // zone and the blank written (or, joining a broken word, nothing written). The
                    // answers agree because `kind` reads the text written and the line above only
                    // for a page's first line, and finds the line apart from the text before it
                    // either way; with the footnotes kept in place the hold writes nothing else.
                    // `PageJudgementReuseTests` compares the two on every test document.
                    if reusesZoneJudgement, zone.endsAtText, zone.blanks == 1, zone.end == zone.start + 1,
                       configuration.footnotes == .keepInPlace {
                        judgedText = zone.end
                    }
                }
            }
            index = zone.end
        }
        if let error = furniture.overrunError(in: pending, stage: name) { throw error }
        pending.removeSubrange(0..<index)
        furniture.forget(decided: index)
        if atEnd {
            for line in pending { emit(line, into: &output) }
            pending.removeAll()
            footnotes.finish(into: &output, written: &written)
        }
    }

    /// Blank lines that are no page break part paragraphs and stay, but for
    /// one blank line OCR put inside a paragraph, between a word's halves
    /// ("propri-", "etor's"): no paragraph ends in a broken word, so the halves meet again.
    private mutating func writeBlankLines(_ zone: PageBreakZone, _ pending: [Line], into output: inout StageOutput) {
        if zone.blanks == 1, zone.end < pending.count, paragraphs.joinsBrokenWord(after: written, next: pending[zone.end]) {
            if output.recordsChanges {
                output.changes.append(Change(kind: .removedLine, stage: name, rule: "page-structure:blank-inside-word",
                                             line: pending[zone.start].number, column: 1, before: pending[zone.start].text, after: ""))
            }
        } else {
            for blankLine in pending[zone.start..<zone.end] { emit(blankLine, into: &output) }
        }
    }

    /// A page break: its furniture goes, and so do its blank lines but those
    /// `ParagraphJoining` keeps (each removed line reported); a held footnote
    /// block is confirmed; the form feed of the next page's first line goes,
    /// and where no blank line stands before it, a paragraph that ends at the
    /// page's foot is parted from the next page's by one.
    private mutating func writePageBreak(_ zone: PageBreakZone, _ pending: inout [Line], into output: inout StageOutput) {
        furniture.accept(zone, of: pending)
        footnotes.confirm(into: &output)
        let next = zone.end < pending.count ? pending[zone.end] : nil
        let kept = paragraphs.blanksKept(atBreakAfter: written, next: next)
        var keptBlank = false
        for index in zone.start..<zone.end {
            let zoneLine = pending[index]
            let kind = zone.furnitureKind(at: index)
            if kind == nil, kept == .all || (kept == .one && !keptBlank && !written.lastWasBlank) {
                var blankLine = zoneLine
                if blankLine.bytes.contains(0x0C) {
                    blankLine.bytes.removeAll { $0 == 0x0C }
                    output.recordRewrite(of: zoneLine, to: blankLine.bytes, stage: name, rule: "page-structure:form-feed")
                }
                emit(blankLine, into: &output)
                keptBlank = true
                continue
            }
            if output.recordsChanges {
                output.changes.append(Change(kind: .removedLine, stage: name, rule: kind?.rule ?? "page-structure:page-break",
                                             line: zoneLine.number, column: 1, before: zoneLine.text, after: ""))
            }
        }
        guard zone.nextStartsWithFormFeed, var nextLine = next else { return }
        let partsParagraphs = zone.end == zone.start && kept == .one && !written.lastWasBlank
            && paragraphs.endsParagraphAtPageFoot(after: written, next: nextLine)
        if partsParagraphs {
            emit(Line(bytes: [], ending: nextLine.ending == .crlf ? .crlf : .lf, number: nextLine.number), into: &output)
        }
        pages.position = pages.position.entering(nextLine)  // the page starts here, though its form feed goes
        nextLine.bytes.removeAll { $0 == 0x0C }
        output.recordRewrite(of: pending[zone.end], to: nextLine.bytes, stage: name,
                             rule: partsParagraphs ? "page-structure:paragraph-at-page-break" : "page-structure:form-feed")
        pending[zone.end] = nextLine
    }

    /// Passes a decided line on, through the footnote hold.
    private mutating func emit(_ line: consuming Line, into output: inout StageOutput) {
        footnotes.emit(line, into: &output, written: &written)
    }
}
