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
/// Furniture is found two ways. Learned: in a document whose pages are marked
/// (form feeds, separator lines) or end at runs of blank lines, the survey of
/// the whole document (`PageSurvey`) tells which titles its page edges repeat
/// and which folio each page carries; a line at a page's top or bottom edge,
/// apart from the text, is removed when it is such a title or folio, also as
/// OCR damaged it (`LearnedFurniture`). By shape: a short title with a number
/// at one end, whose number follows the page numbers seen before.
/// Footnote blocks at page bottoms stay, move after their paragraph or go
/// (`FootnoteHold`).
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
    public var maximumHeldLines: Int { configuration.window + (surveyIsHanded ? 0 : configuration.lookAhead) }

    let rules: FurnitureRules
    /// Whether a paragraph goes on across a page break.
    let paragraphs = ParagraphJoining()
    /// The first and the last page number accepted, with their input lines:
    /// together they give the book's pages per line.
    var firstFolio: (number: Int, line: Int)?
    var lastFolio: (number: Int, line: Int)?
    var knownTitles = Set<String>()
    /// What the text written so far looks like: decides whether a break ends a paragraph.
    var written = WrittenText()
    var lastText: [UInt8] { written.lastText }
    var lastTextIsFootnote: Bool { written.lastIsFootnote }
    var lastWasBlank: Bool { written.lastWasBlank }
    /// Where footnote blocks at page bottoms go.
    var footnotes: FootnoteHold
    /// The page edges of the whole document (handed by `use(_:)`), or of the lines seen so far.
    var pageSurvey = PageSurvey()
    var surveyIsHanded = false
    /// Pending lines already counted into `pageSurvey` (not handed one).
    var countedPending = 0
    /// The heads and folios learned from `pageSurvey`, and the separators counted when they were.
    var learned = LearnedFurniture()
    var learnedAtSeparators = -1
    /// Where pages begin and end, and the page of the next line to decide.
    var pages = PageSegmentation()
    /// Pages before the current one whose top edge held furniture, and the last of them.
    var pagesWithTopFurniture = 0
    /// Learned heads met at a page's top so far (`noteHeadSighting`).
    var seenHeads = Set<[UInt8]>()
    /// Keys of the last titles printed near page tops, and of the block of lines in progress.
    var recentTitles: [(page: Int, key: [UInt8])] = []
    var topBlock: [UInt8] = []
    var lastPageWithTopFurniture = -1

    public init(configuration: Configuration = Configuration()) throws {
        self.configuration = configuration
        let library = RuleLibrary(directory: configuration.rulesDirectory)
        var rules = try FurnitureRules(library: library)
        if let extra = configuration.furniture { try rules.add(path: extra) }
        self.rules = rules
        self.footnotes = FootnoteHold(placement: configuration.footnotes, window: configuration.window,
                                      stage: Self.descriptor.name)
    }

    public mutating func use(_ survey: DocumentSurvey) {
        surveyIsHanded = true
        if survey.pages.separators >= 2 {
            pageSurvey = survey.pages
        } else {
            pageSurvey = survey.blankRunPages
            pages.position.byBlankRuns = true
        }
        learned = LearnedFurniture(pageSurvey, isContent: isContentHeading)
    }

    public mutating func consume(_ pending: inout [Line], into output: inout StageOutput) throws {
        try run(&pending, into: &output, atEnd: false)
    }

    /// Without a survey of the whole document, the page edges seen so far
    /// teach the heads: learned again at each of the first pages, then every 32.
    mutating func learnFromPending(_ pending: [Line], atEnd: Bool) {
        guard !surveyIsHanded else { return }
        for index in countedPending..<pending.count {
            pending[index].bytes.withUnsafeBufferPointer { pageSurvey.add(line: $0) }
        }
        countedPending = pending.count
        let separators = pageSurvey.separators
        if separators != learnedAtSeparators && (separators < 32 || separators % 32 == 0) {
            learned = LearnedFurniture(pageSurvey, isContent: isContentHeading)
            learnedAtSeparators = separators
        }
    }

    public mutating func finish(_ pending: inout [Line], into output: inout StageOutput) throws {
        try run(&pending, into: &output, atEnd: true)
    }

    mutating func run(_ pending: inout [Line], into output: inout StageOutput, atEnd: Bool) throws {
        // Every decision looks up to two lines ahead (are blank lines after it?),
        // so the last two lines wait for the next block unless the input has ended.
        learnFromPending(pending, atEnd: atEnd)
        pages.inputEnded = atEnd
        // Alone, the stage decides a line once the look-ahead after it is counted.
        // (Fewer lines when they are long, never fewer than a decision reads: `LookAhead`.
        // Every look-ahead stops at the first line of text longer than a page's edge
        // line: none reads past it.)
        let ahead = surveyIsHanded ? PageSegmentation.lookahead : max(PageSegmentation.lookahead, configuration.lookAhead)
        let limit = LookAhead.readyCount(in: pending, lines: ahead, minimumLines: PageSegmentation.lookahead, atEnd: atEnd,
                                         barrier: { $0.bytes.count > EdgeLine.maximumBytes && !PageSegmentation.isBlank($0) })
        var index = 0
        while index < limit {
            let line = pending[index]
            let blank = PageSegmentation.isBlank(line)
            let formFeed = line.bytes.first == 0x0C
            guard blank || formFeed || furniture(pending, index, position: pages.position.entering(line), zoneStart: index) != nil else {
                noteHeadSighting(line, position: pages.position.entering(line))
                emit(line, into: &output)
                pages.position.pass(line, isText: true)
                index += 1
                continue
            }
            // A zone: blank lines and furniture, up to the next line of text; at most one page number, rising.
            var zoneFolio: (number: Int, line: Int)?
            let zone = pages.zone(in: pending, from: index, limit: limit,
                                  maximumLines: configuration.window - PageSegmentation.lookahead - 1) { end, zonePosition in
                guard let kind = furniture(pending, end, position: zonePosition, zoneStart: index, after: zoneFolio) else { return nil }
                if let number = kind.pageNumber { zoneFolio = (number, pending[end].number) }
                return kind
            }
            let end = zone.end
            if end == limit && !atEnd && !zone.isFull {
                break  // the zone may go on: wait for the line after it
            }
            if zone.isFull {  // a run of blank lines longer than a page: left as it is
                for zoneLine in pending[index..<end] {
                    emit(zoneLine, into: &output)
                    pages.position.pass(zoneLine, isText: false)
                }
                index = end
                continue
            }
            let nextStartsWithFormFeed = zone.nextStartsWithFormFeed
            for zoneLine in pending[index..<end] { pages.position.pass(zoneLine, isText: false) }
            guard zone.isPageBreak else {
                // One blank line OCR put inside a paragraph, between a word's halves ("propri-", "etor's"):
                // no paragraph ends in a broken word, so the halves meet again.
                if zone.blanks == 1, end < pending.count, paragraphs.joinsBrokenWord(after: written, next: pending[end]) {
                    if output.recordsChanges {
                        output.changes.append(Change(kind: .removedLine, stage: name, rule: "page-structure:blank-inside-word",
                                                     line: pending[index].number, column: 1, before: pending[index].text, after: ""))
                    }
                } else {
                    for blankLine in pending[index..<end] { emit(blankLine, into: &output) }
                }
                index = end
                continue
            }
            for (position, kind) in zone.furniture { accept(pending[position], kind) }
            if let page = zone.topFurniturePage, page != lastPageWithTopFurniture {
                pagesWithTopFurniture += 1
                lastPageWithTopFurniture = page
            }
            footnotes.confirm(into: &output)
            let next = end < pending.count ? pending[end] : nil
            // Blank lines before the first text or after the last separate nothing: they stay.
            let atEdge = next == nil || lastText.isEmpty
            let keepBlank = atEdge || ParagraphJoining.startsNewParagraph(after: lastText, lastIsFootnote: lastTextIsFootnote, next: next!)
            var keptBlank = false
            for position in index..<end {
                let zoneLine = pending[position]
                let kind = zone.furnitureKind(at: position)
                if kind == nil, atEdge || (keepBlank && !keptBlank && !lastWasBlank) {
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
            // No blank line before the form feed: a paragraph that ends at the page's foot is
            // parted from the next page's by the blank line the form feed becomes.
            let partsParagraphs = end == index && nextStartsWithFormFeed && keepBlank && !atEdge && !lastWasBlank
                && ParagraphJoining.endsParagraphAtPageBreak(lastText, typicalLength: written.typicalLength, next: next!)
            if partsParagraphs, let nextLine = next {
                emit(Line(bytes: [], ending: nextLine.ending == .crlf ? .crlf : .lf, number: nextLine.number), into: &output)
            }
            if nextStartsWithFormFeed, var nextLine = next {
                pages.position = pages.position.entering(nextLine)  // the page starts here, though its form feed goes
                nextLine.bytes.removeAll { $0 == 0x0C }
                output.recordRewrite(of: pending[end], to: nextLine.bytes, stage: name,
                                     rule: partsParagraphs ? "page-structure:paragraph-at-page-break" : "page-structure:form-feed")
                pending[end] = nextLine
            }
            index = end
        }
        if let overrun = rules.overrun.take() {
            let line = pending.first { Self.trimmedText($0.bytes).contains(overrun.text) }?.number ?? 0
            throw StageError.ruleTooSlow(stage: name, rule: overrun.rule, line: line, seconds: TimedRegexSearch.timeLimit)
        }
        pending.removeSubrange(0..<index)
        countedPending = max(0, countedPending - index)
        if atEnd {
            for line in pending { emit(line, into: &output) }
            pending.removeAll()
            footnotes.finish(into: &output, written: &written)
        }
    }

    /// Passes a decided line on, through the footnote hold.
    mutating func emit(_ line: Line, into output: inout StageOutput) {
        footnotes.emit(line, into: &output, written: &written)
    }

    /// True when a learned title key is a heading's word that the rule file
    /// keeps as content: "Document 1", "Document 2" teach the key "document".
    func isContentHeading(_ key: [UInt8]) -> Bool {
        rules.isHeading(String(decoding: key, as: UTF8.self) + " 1")
    }
}
