import Foundation
import Yams

/// Removes the page furniture that OCR carries into the text, and joins what a
/// page break split.
///
/// Changes: running heads with a page number ("Repression andLegality 109",
/// "128 Closing Ranks"), lone page numbers and continuation headers ("Document
/// 153 continued") are removed; a page break (two or more blank lines, a form
/// feed, or blank lines around furniture) becomes one blank line when a new
/// paragraph follows, and nothing when the paragraph goes on, so its halves
/// meet again. A running head is known by its shape (a short title and a
/// number at one end) and by its number, which must follow the page numbers
/// seen before (or, for the first, stand against a page break); a title once
/// seen with a number is known again with any later number.
/// Never touches: the text of any other line, footnotes (kept where they are),
/// single blank lines between paragraphs, headings without a page number.
/// Every removed line is reported as a change. Holds back the lines of one
/// page break and the line after it (at most `window` lines).
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

        public init(window: Int = 64, footnotes: FootnotePlacement = .keepInPlace, furniture: String? = nil,
                    rulesDirectory: String? = nil) {
            self.window = window
            self.footnotes = footnotes
            self.furniture = furniture
            self.rulesDirectory = rulesDirectory
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
        ],
        make: { options in
            return try PageStructure(configuration: Configuration(
                window: options.integer("window"),
                footnotes: FootnotePlacement(rawValue: options.string("footnotes")) ?? .keepInPlace,
                furniture: options.path("furniture"), rulesDirectory: options.path("rules")))
        }
    )

    public let configuration: Configuration
    public var name: String { Self.descriptor.name }
    public var maximumHeldLines: Int { configuration.window }

    private let rules: FurnitureRules
    /// The first and the last page number accepted, with their input lines:
    /// together they give the book's pages per line.
    private var firstFolio: (number: Int, line: Int)?
    private var lastFolio: (number: Int, line: Int)?
    private var knownTitles = Set<String>()
    /// The last line written that is not blank: decides whether a break ends a paragraph.
    private var lastText: [UInt8] = []
    private var lastTextIsFootnote = false
    private var lastWasBlank = true
    /// A blank line not written yet: it may open a footnote block (not keep-in-place).
    private var pendingBlank: Line?
    /// A possible footnote block, the blank line before it first, held until a page break confirms it.
    private var heldFootnotes: [Line] = []
    /// The number of the last footnote in the held block.
    private var heldNumber = 0
    /// Confirmed footnotes waiting for the end of their paragraph (move-to-paragraph-end).
    private var deferredFootnotes: [Line] = []
    /// Footnote reference numbers seen glued to the text ("Zhdanov.9"), with their lines.
    private var markers: [(number: Int, line: Int)] = []
    /// The page edges of the whole document (handed by `use(_:)`), or of the lines seen so far.
    private var pageSurvey = PageSurvey()
    private var surveyIsHanded = false
    /// Pending lines already counted into `pageSurvey` (not handed one).
    private var countedPending = 0
    /// The heads and folios learned from `pageSurvey`, and the separators counted when they were.
    private var learned = LearnedFurniture()
    private var learnedAtSeparators = -1
    /// The page of the next line to decide.
    private var position = PagePosition()
    /// Pages before the current one whose top edge held furniture, and the last of them.
    private var pagesWithTopFurniture = 0
    private var lastPageWithTopFurniture = -1
    private var inputEnded = false

    public init(configuration: Configuration = Configuration()) throws {
        self.configuration = configuration
        let library = RuleLibrary(directory: configuration.rulesDirectory)
        var rules = try FurnitureRules(library: library)
        if let extra = configuration.furniture { try rules.add(path: extra) }
        self.rules = rules
    }

    public mutating func use(_ survey: DocumentSurvey) {
        surveyIsHanded = true
        if survey.pages.separators >= 2 {
            pageSurvey = survey.pages
        } else {
            pageSurvey = survey.blankRunPages
            position.byBlankRuns = true
        }
        learned = LearnedFurniture(pageSurvey)
    }

    public mutating func consume(_ pending: inout [Line], into output: inout StageOutput) throws {
        try run(&pending, into: &output, atEnd: false)
    }

    /// Without a survey of the whole document, the page edges seen so far
    /// teach the heads: learned again at each of the first pages, then every 32.
    private mutating func learnFromPending(_ pending: [Line], atEnd: Bool) {
        guard !surveyIsHanded else { return }
        for index in countedPending..<pending.count {
            pending[index].bytes.withUnsafeBufferPointer { pageSurvey.add(line: $0) }
        }
        countedPending = pending.count
        let separators = pageSurvey.separators
        if separators != learnedAtSeparators && (separators < 32 || separators % 32 == 0) {
            learned = LearnedFurniture(pageSurvey)
            learnedAtSeparators = separators
        }
    }

    public mutating func finish(_ pending: inout [Line], into output: inout StageOutput) throws {
        try run(&pending, into: &output, atEnd: true)
    }

    private mutating func run(_ pending: inout [Line], into output: inout StageOutput, atEnd: Bool) throws {
        // Every decision looks up to two lines ahead (are blank lines after it?),
        // so the last two lines wait for the next block unless the input has ended.
        learnFromPending(pending, atEnd: atEnd)
        inputEnded = atEnd
        let limit = atEnd ? pending.count : pending.count - Self.lookahead
        var index = 0
        while index < limit {
            let line = pending[index]
            let blank = Self.isBlank(line)
            let formFeed = line.bytes.first == 0x0C
            guard blank || formFeed || furniture(pending, index, position: position.entering(line), zoneStart: index) != nil else {
                emit(line, into: &output)
                position.pass(line, isText: true)
                index += 1
                continue
            }
            // A zone: blank lines and furniture, up to the next line of text.
            var end = index
            var blanks = 0
            var furnitureLines: [(Int, FurnitureKind)] = []
            var topFurniturePage: Int?
            var sawFormFeed = false
            var zoneFolio: (number: Int, line: Int)?  // at most one page number a zone, rising
            var zonePosition = position
            // A zone is at most `window` lines: a longer run is decided in pieces of that
            // size, wherever the reads fell, so the output does not depend on them.
            while end < limit, end - index < configuration.window - Self.lookahead - 1 {
                zonePosition = zonePosition.entering(pending[end])
                if Self.isBlank(pending[end]) {
                    blanks += 1
                    sawFormFeed = sawFormFeed || pending[end].bytes.contains(0x0C)
                } else if let kind = furniture(pending, end, position: zonePosition, zoneStart: index, after: zoneFolio) {
                    furnitureLines.append((end, kind))
                    if zonePosition.textLines == 0 { topFurniturePage = zonePosition.index }
                    if let number = kind.pageNumber { zoneFolio = (number, pending[end].number) }
                } else {
                    break
                }
                end += 1
            }
            let zoneIsFull = end - index >= configuration.window - Self.lookahead - 1
            if end == limit && !atEnd && !zoneIsFull {
                break  // the zone may go on: wait for the line after it
            }
            if zoneIsFull {  // a run of blank lines longer than a page: left as it is
                for zoneLine in pending[index..<end] {
                    emit(zoneLine, into: &output)
                    position.pass(zoneLine, isText: false)
                }
                index = end
                continue
            }
            let nextStartsWithFormFeed = end < pending.count && pending[end].bytes.first == 0x0C
            let isPageBreak = blanks >= 2 || !furnitureLines.isEmpty || sawFormFeed || nextStartsWithFormFeed
            for zoneLine in pending[index..<end] { position.pass(zoneLine, isText: false) }
            guard isPageBreak else {
                for blankLine in pending[index..<end] { emit(blankLine, into: &output) }
                index = end
                continue
            }
            for (position, kind) in furnitureLines { accept(pending[position], kind) }
            if let page = topFurniturePage, page != lastPageWithTopFurniture {
                pagesWithTopFurniture += 1
                lastPageWithTopFurniture = page
            }
            confirmHeldFootnotes(into: &output)
            let next = end < pending.count ? pending[end] : nil
            // Blank lines before the first text or after the last separate nothing: they stay.
            let atEdge = next == nil || lastText.isEmpty
            let keepBlank = atEdge || Self.startsNewParagraph(after: lastText, lastIsFootnote: lastTextIsFootnote, next: next!)
            var keptBlank = false
            for position in index..<end {
                let zoneLine = pending[position]
                let kind = furnitureLines.first { $0.0 == position }?.1
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
            if nextStartsWithFormFeed, var nextLine = next {
                position = position.entering(nextLine)  // the page starts here, though its form feed goes
                nextLine.bytes.removeAll { $0 == 0x0C }
                output.recordRewrite(of: pending[end], to: nextLine.bytes, stage: name, rule: "page-structure:form-feed")
                pending[end] = nextLine
            }
            index = end
        }
        pending.removeSubrange(0..<index)
        countedPending = max(0, countedPending - index)
        if atEnd {
            for line in pending { emit(line, into: &output) }
            pending.removeAll()
            releaseHeldFootnotes(into: &output)
            if let blank = pendingBlank { pendingBlank = nil; write(blank, into: &output) }
            for line in deferredFootnotes { write(line, into: &output) }
            deferredFootnotes.removeAll()
        }
    }

    /// Passes a decided line on; with footnotes moved or dropped, first through
    /// the footnote hold.
    private mutating func emit(_ line: Line, into output: inout StageOutput) {
        guard configuration.footnotes != .keepInPlace else { return write(line, into: &output) }
        let blank = Self.isBlank(line)
        if !heldFootnotes.isEmpty {
            // After a blank line inside the block, only the next footnote may follow.
            if !blank, let last = heldFootnotes.last, Self.isBlank(last) {
                guard let number = FootnoteShape.number(line.bytes), number == heldNumber + 1 else {
                    releaseHeldFootnotes(into: &output)
                    return emit(line, into: &output)
                }
                heldNumber = number
            } else if !blank, let number = FootnoteShape.number(line.bytes) {
                heldNumber = number
            }
            heldFootnotes.append(line)
            if heldFootnotes.count > configuration.window / 2 { releaseHeldFootnotes(into: &output) }
            return
        }
        if blank {
            if let earlier = pendingBlank { write(earlier, into: &output) }
            pendingBlank = line
            return
        }
        if let opening = pendingBlank, isFootnoteBlockStart(line) {
            pendingBlank = nil
            heldFootnotes = [opening, line]
            heldNumber = FootnoteShape.number(line.bytes) ?? 0
            return
        }
        if let earlier = pendingBlank {
            pendingBlank = nil
            write(earlier, into: &output)
        }
        write(line, into: &output)
    }

    /// A footnote opens with its number, one the text before it referred to.
    private func isFootnoteBlockStart(_ line: Line) -> Bool {
        guard let number = FootnoteShape.number(line.bytes) else { return false }
        return markers.contains { $0.number == number }
    }

    /// A page break after a held block: it was footnotes.
    private mutating func confirmHeldFootnotes(into output: inout StageOutput) {
        guard !heldFootnotes.isEmpty else { return }
        switch configuration.footnotes {
        case .drop:
            if output.recordsChanges {
                for line in heldFootnotes {
                    output.changes.append(Change(kind: .removedLine, stage: name, rule: "page-structure:footnote",
                                                 line: line.number, column: 1, before: line.text, after: ""))
                }
            }
        case .moveToParagraphEnd:
            if output.recordsChanges {
                for line in heldFootnotes {
                    output.changes.append(Change(kind: .moved, stage: name, rule: "page-structure:footnote-moved",
                                                 line: line.number, column: 1, before: line.text, after: line.text))
                }
            }
            deferredFootnotes += heldFootnotes
            if deferredFootnotes.count > configuration.window {  // no paragraph end in sight: bounded memory first
                output.lines.append(contentsOf: deferredFootnotes)
                deferredFootnotes.removeAll()
            }
        case .keepInPlace:
            break
        }
        heldFootnotes.removeAll()
    }

    /// No page break came: the held lines were text, written as they were.
    private mutating func releaseHeldFootnotes(into output: inout StageOutput) {
        var lines = heldFootnotes
        heldFootnotes.removeAll()
        // A blank line at the end may open a block of its own: it waits again.
        let trailingBlank = lines.last.map(Self.isBlank) == true ? lines.removeLast() : nil
        for line in lines { write(line, into: &output) }
        if let trailingBlank { pendingBlank = trailingBlank }
    }

    /// Writes a line out and remembers what the text so far looks like. A blank
    /// line after text ends a paragraph: footnotes moved there follow it.
    private mutating func write(_ line: Line, into output: inout StageOutput) {
        if Self.isBlank(line), !lastWasBlank, !deferredFootnotes.isEmpty {
            let footnotes = deferredFootnotes
            deferredFootnotes.removeAll()
            output.lines.append(contentsOf: footnotes)  // they begin with their own blank line
        }
        if !Self.isBlank(line) && configuration.footnotes != .keepInPlace { noteMarkers(in: line) }
        output.lines.append(line)
        if Self.isBlank(line) {
            lastWasBlank = true
        } else {
            // A footnote runs on over the lines after its number, until a blank line.
            lastTextIsFootnote = FootnoteShape.isFootnoteStart(line.bytes) || (lastTextIsFootnote && !lastWasBlank)
            lastWasBlank = false
            lastText = line.bytes
        }
    }

    /// Remembers footnote references glued to the text ("Zhdanov.9", "accused.\"36"):
    /// one to three digits right after closing punctuation (after a letter, digits
    /// are more often OCR noise: "l3", "VKPb2"). A reference counts for 100 lines, a page.
    private mutating func noteMarkers(in line: Line) {
        let bytes = line.bytes
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        var index = 1
        while index < bytes.count {
            let before = bytes[index - 1]
            let glue = ".,;:\"')]".utf8.contains(before) && index >= 2 && DocumentVocabulary.isLetter(bytes[index - 2])
                || ".,;:\"')]".utf8.contains(before) && index >= 3 && ".\"')".utf8.contains(bytes[index - 2])
            if isDigit(bytes[index]) && glue && !(index >= 2 && isDigit(bytes[index - 2]) && before == UInt8(ascii: ".")) {
                var end = index
                while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                if end - index <= 3, end == bytes.count || !DocumentVocabulary.isLetter(bytes[end]),
                   let number = Int(String(decoding: bytes[index..<end], as: UTF8.self)) {
                    markers.append((number, line.number))
                }
                index = end
            } else {
                index += 1
            }
        }
        markers.removeAll { line.number - $0.line > 100 }
        if markers.count > 64 { markers.removeFirst(markers.count - 64) }
    }

    // MARK: Furniture

    enum FurnitureKind: Equatable {
        case runningHead(number: Int, title: String)
        /// A head or foot without a folio, known because the book's pages repeat it.
        case learnedHead(title: String)
        case folio(Int)
        case continuation
        /// A page separator line (`-----File: 001.png---`).
        case pageSeparator

        var pageNumber: Int? {
            switch self {
            case .runningHead(let number, _), .folio(let number): return number
            case .continuation, .learnedHead, .pageSeparator: return nil
            }
        }

        var rule: String {
            switch self {
            case .runningHead: return "page-structure:running-head"
            case .learnedHead: return "page-structure:learned-head"
            case .folio: return "page-structure:folio"
            case .continuation: return "page-structure:continuation-header"
            case .pageSeparator: return "page-structure:page-separator"
            }
        }
    }

    /// What furniture the line at `index` is, judged with its neighbours and
    /// its place on the page (`position`, its own); `zoneStart` is where the
    /// run of blank lines and furniture it belongs to began, and `zoneFolio`
    /// a page number already accepted in it.
    private func furniture(_ lines: [Line], _ index: Int, position: PagePosition, zoneStart: Int,
                           after zoneFolio: (number: Int, line: Int)? = nil) -> FurnitureKind? {
        let line = lines[index]
        guard line.bytes.count <= 120, line.ending != .split, !line.isContinuation else { return nil }
        if line.bytes.first == UInt8(ascii: "-"), PageSurvey.isProofreadersSeparator(line.bytes) { return .pageSeparator }
        if learned.marksPages, let kind = edgeFurniture(lines, index, position: position, zoneStart: zoneStart) {
            return kind
        }
        guard let shape = Self.candidateShape(line.bytes) else { return nil }
        let mayBeContinuation = shape.mayContinue && (shape.saysCont || !rules.continuationPatternsSayCont)
        guard mayBeContinuation || shape.hasNumberAtAnEnd else { return nil }
        let text = Self.trimmedText(line.bytes)
        if mayBeContinuation, rules.isContinuationHeader(text) {
            return .continuation
        }
        guard shape.hasNumberAtAnEnd else { return nil }
        let looksLikeHead = rules.runningHead(text) != nil || (Int(text) != nil && text.count <= 4)
        guard looksLikeHead, !rules.isHeading(text) else { return nil }
        let blankBefore = index == 0 ? lastWasBlank : Self.isBlank(lines[index - 1])
        let blankAfter = index + 1 < lines.count && Self.isBlank(lines[index + 1])
        let previous = zoneFolio ?? lastFolio
        if let number = Int(text), text.count <= 4, !(1700...2099).contains(number) {
            // A lone page number stands at a page's foot or head, after a blank line
            // (an index entry's page reference runs on from the text above it), and
            // not among other numbers (a table's column).
            guard blankBefore, number > 0, !Self.standsAmongNumbers(lines, index) else { return nil }
            // With no count yet, the first page number needs a page break of its own beside it.
            if previous == nil && !(Self.blankRun(lines, before: index) >= 2 || Self.blankRun(lines, after: index) >= 2) { return nil }
            return isPlausibleFolio(number, at: line.number, after: previous, strongContext: true) ? .folio(number) : nil
        }
        guard let (number, title) = rules.runningHead(text) else { return nil }
        let known = knownTitles.contains(FurnitureRules.titleKey(title))
        return isPlausibleFolio(number, at: line.number, after: previous, strongContext: blankBefore || blankAfter || known)
            ? .runningHead(number: number, title: title) : nil
    }

    /// Furniture at a page's edge in a document that marks its pages: a line
    /// before any text of its page, or with only blank lines (and one more
    /// short line) between it and the next page, that stands apart from the
    /// text on its inner side, and that the book's learned heads and folios
    /// (`LearnedFurniture`) recognise. Content headings ("Document 37") stay.
    private func edgeFurniture(_ lines: [Line], _ index: Int, position: PagePosition, zoneStart: Int) -> FurnitureKind? {
        let line = lines[index]
        let atTop = position.textLines == 0
        guard atTop || isNearPageEnd(lines, index) else { return nil }
        let bytes = line.bytes.contains(0x0C) ? line.bytes.filter { $0 != 0x0C } : line.bytes
        guard let edge = EdgeLine.read(bytes) else { return nil }
        if atTop {
            // Apart from the text below: a blank line, the next page or the end follows.
            guard index + 1 < lines.count ? Self.isBlank(lines[index + 1]) || PagePosition.startsPage(lines[index + 1])
                                          : inputEnded else { return nil }
        } else {
            // Apart from the text above: a blank line or furniture before it.
            let before = index > zoneStart || (index == 0 ? lastWasBlank : Self.isBlank(lines[index - 1]))
            guard before else { return nil }
        }
        let text = Self.trimmedText(bytes)
        // A footnote ("38. RTsKhIDNI, f. 17") and a content heading ("Document 37") stay.
        guard !rules.isHeading(text), edge.isLoneFolio || !FootnoteShape.isFootnoteStart(bytes) else { return nil }
        if let kind = learned.furniture(edge, page: position.index, goesOn: { Self.pageGoesOnMidSentence(lines, after: index) }) {
            return kind
        }
        // A lone folio where the book's folios are not known yet: it must follow the last one seen.
        if edge.isLoneFolio, edge.folioIsExact, learned.folioOffset == nil, let number = edge.folio,
           !Self.standsAmongNumbers(lines, index), isPlausibleFolio(number, at: line.number, after: lastFolio, strongContext: true) {
            return .folio(number)
        }
        if atTop, !edge.key.isEmpty, headsEveryPage(before: position.index), rules.looksLikeTitle(text),
           Self.pageGoesOnMidSentence(lines, after: index) {
            return .learnedHead(title: String(decoding: edge.key, as: UTF8.self))
        }
        return nil
    }

    /// True when at least four fifths of the pages before `page` (four or
    /// more) had furniture at their top: the book heads every page, so a
    /// title at the top of this one is its head, though seen only here (the
    /// head of a short chapter).
    private func headsEveryPage(before page: Int) -> Bool {
        let pages = page - (lastPageWithTopFurniture == page ? 1 : 0)
        return page >= 4 && pagesWithTopFurniture * 5 >= pages * 4
    }

    /// True when the first line of text after the line at `index` starts in
    /// lower case: the page goes on with a sentence, so no chapter or section
    /// title stands between.
    static func pageGoesOnMidSentence(_ lines: [Line], after index: Int) -> Bool {
        for next in (index + 1)..<min(lines.count, index + lookahead + 1) where !isBlank(lines[next]) {
            guard let first = lines[next].bytes.first(where: { $0 != 0x20 && $0 != 0x0C }) else { return false }
            return first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")
        }
        return false
    }

    /// True when only blank lines, and at most one other short line, stand
    /// between the line at `index` and the next page (or the end of the input).
    private func isNearPageEnd(_ lines: [Line], _ index: Int) -> Bool {
        var others = 0
        var blanks = 0
        for next in (index + 1)..<min(lines.count, index + Self.lookahead + 1) {
            if PagePosition.startsPage(lines[next]) { return true }
            if Self.isBlank(lines[next]) {
                blanks += 1
                if position.byBlankRuns && blanks == 2 { return true }
                continue
            }
            blanks = 0
            others += 1
            if others > 1 || lines[next].bytes.count > EdgeLine.maximumBytes { return false }
        }
        return inputEnded && index + Self.lookahead + 1 >= lines.count
    }

    /// A page number must follow the one before it by about the pages the lines
    /// between fill: once two are known, the book's own pages per line give the
    /// expected number (within 3 pages or 35%); before that, the bound is loose.
    /// The first page number needs a page break beside it.
    private func isPlausibleFolio(_ number: Int, at line: Int, after previous: (number: Int, line: Int)?,
                                  strongContext: Bool) -> Bool {
        guard let previous else { return strongContext && number < 2000 }
        let expired = line - previous.line > Self.chainExpiry && strongContext && number < 2000
        guard number > previous.number else { return expired }
        let lines = Double(max(0, line - previous.line))
        if let first = firstFolio, previous.line - first.line >= 200, previous.number > first.number {
            let pagesPerLine = Double(previous.number - first.number) / Double(previous.line - first.line)
            let advance = lines * pagesPerLine
            return abs(Double(number - previous.number) - advance) <= max(3, 0.35 * advance) || expired
        }
        return number <= previous.number + Int(lines) / 20 + 3 || expired
    }

    /// Lines (about 120 pages) after which a page number that does not fit the
    /// count may start a new one (with a page break beside it), so that one wrong
    /// number cannot mislead the rest of a book.
    static let chainExpiry = 6000

    private mutating func accept(_ line: Line, _ kind: FurnitureKind) {
        if let number = kind.pageNumber {
            if let last = lastFolio, line.number - last.line > Self.chainExpiry || number <= last.number { firstFolio = nil }
            if firstFolio == nil { firstFolio = (number, line.number) }
            lastFolio = (number, line.number)
        }
        if case .runningHead(_, let title) = kind { knownTitles.insert(FurnitureRules.titleKey(title)) }
    }

    // MARK: Paragraphs

    /// What a line could be, read off its bytes before any String or pattern
    /// work (most lines are neither): furniture is short, and a page number
    /// stands at one end of its line.
    struct CandidateShape {
        var hasNumberAtAnEnd: Bool
        /// Short and holding a digit or "cont": could be a continuation header.
        var mayContinue: Bool
        /// Holds "cont" (the built-in continuation patterns all need it).
        var saysCont: Bool
    }

    /// A line's text without form feeds and without the white space around it
    /// (Foundation's `.whitespaces`: cut on the bytes when it is ASCII).
    static func trimmedText(_ bytes: [UInt8]) -> String {
        let kept = bytes.contains(0x0C) ? bytes.filter { $0 != 0x0C } : bytes
        var first = kept.startIndex, last = kept.endIndex
        while first < last, kept[first] == 0x20 || kept[first] == 0x09 { first += 1 }
        while last > first, kept[last - 1] == 0x20 || kept[last - 1] == 0x09 { last -= 1 }
        let text = String(decoding: kept[first..<last], as: UTF8.self)
        guard first < last, kept[first] < 0x80, kept[last - 1] < 0x80 else { return text.trimmingCharacters(in: .whitespaces) }
        return text
    }

    static func candidateShape(_ bytes: [UInt8]) -> CandidateShape? {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0C }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return nil
        }
        // A running head has at most eight words; a line of text has more.
        var hasNumberAtAnEnd = isDigit(bytes[first]) || isDigit(bytes[last])
        if hasNumberAtAnEnd {
            var words = 1
            for index in first...last where bytes[index] == 0x20 && bytes[index - 1] != 0x20 { words += 1 }
            hasNumberAtAnEnd = words <= 8
        }
        let saysCont = last - first < 60 && Self.containsCont(bytes[first...last])
        let mayContinue = last - first < 60 && (saysCont || bytes[first...last].contains(where: isDigit))
        guard hasNumberAtAnEnd || mayContinue else { return nil }
        return CandidateShape(hasNumberAtAnEnd: hasNumberAtAnEnd, mayContinue: mayContinue, saysCont: saysCont)
    }

    private static func containsCont(_ bytes: ArraySlice<UInt8>) -> Bool {
        let pattern: [UInt8] = Array("cont".utf8)
        var index = bytes.startIndex
        while index + 4 <= bytes.endIndex {
            if bytes[index] | 0x20 == pattern[0] && bytes[index + 1] | 0x20 == pattern[1]
                && bytes[index + 2] | 0x20 == pattern[2] && bytes[index + 3] | 0x20 == pattern[3] { return true }
            index += 1
        }
        return false
    }

    /// True when the nearest line of text before or after (across blank lines, up
    /// to two) is itself a number: "750" in a column of figures is no page number.
    static func standsAmongNumbers(_ lines: [Line], _ index: Int) -> Bool {
        let isFigure = { (line: Line) -> Bool in
            let bytes = line.bytes.filter { $0 != 0x20 }
            return !bytes.isEmpty && bytes.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }
        }
        for step in [-1, 1] {
            var position = index + step
            var blanks = 0
            while position >= 0, position < lines.count, isBlank(lines[position]), blanks < 2 { position += step; blanks += 1 }
            if position >= 0, position < lines.count, isFigure(lines[position]) { return true }
        }
        return false
    }

    /// Lines a decision may look ahead: a first page number needs two blank
    /// lines after it, a running foot the next page within six lines.
    static let lookahead = 6

    /// How many blank lines stand right before (or after) the line at `index`.
    static func blankRun(_ lines: [Line], before index: Int) -> Int {
        var count = 0
        while index - count - 1 >= 0, isBlank(lines[index - count - 1]) { count += 1 }
        return count
    }

    static func blankRun(_ lines: [Line], after index: Int) -> Int {
        var count = 0
        while count < lookahead, index + count + 1 < lines.count, isBlank(lines[index + count + 1]) { count += 1 }
        return count
    }

    /// A whole line of nothing but spaces (a segment of a cut line is never blank).
    static func isBlank(_ line: Line) -> Bool {
        line.ending != .split && !line.isContinuation && line.bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0C }
    }

    /// After a page break, does a new paragraph begin? Yes after a footnote, or
    /// when the text before ends a sentence and the text after starts with a
    /// capital (or is a footnote); no when the sentence runs on.
    static func startsNewParagraph(after previous: [UInt8], lastIsFootnote: Bool, next: Line) -> Bool {
        if previous.isEmpty || lastIsFootnote || FootnoteShape.isFootnoteStart(next.bytes) { return true }
        guard let first = next.bytes.first(where: { $0 != 0x20 && $0 != 0x0C }) else { return true }
        if first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") { return false }
        return endsSentence(previous)
    }

    /// True when a line ends a sentence: . ? ! or : last, after closing quotes,
    /// brackets and a glued footnote number ("accused.\"36"); or when it is short
    /// and ends in no comma or hyphen (a heading, a signature).
    static func endsSentence(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        let length = end
        while end > 0, (bytes[end - 1] >= UInt8(ascii: "0") && bytes[end - 1] <= UInt8(ascii: "9")) { end -= 1 }
        while end > 0, [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "]")].contains(bytes[end - 1]) { end -= 1 }
        guard end > 0 else { return true }
        let last = bytes[end - 1]
        if [UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: ":")].contains(last) { return true }
        return length < 35 && last != UInt8(ascii: ",") && last != UInt8(ascii: "-")
    }
}

/// The shape of a footnote's first line: a number of one to three digits, a
/// period, a space ("38. RTsKhIDNI, f. 17"), also as OCR spaces it out ("4 5 .  XVII").
enum FootnoteShape {
    /// The footnote's number, when the line starts like a footnote.
    static func number(_ bytes: [UInt8]) -> Int? {
        guard isFootnoteStart(bytes) else { return nil }
        let digits = bytes.prefix { $0 != UInt8(ascii: ".") }.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    static func isFootnoteStart(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        var digits = 0
        while index < bytes.count {
            if bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
                digits += 1
                index += 1
            } else if bytes[index] == 0x20 && digits > 0 && digits < 3 && index + 1 < bytes.count
                        && bytes[index + 1] >= UInt8(ascii: "0") && bytes[index + 1] <= UInt8(ascii: "9") {
                index += 1
            } else {
                break
            }
        }
        guard digits >= 1 && digits <= 3 else { return false }
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        return index + 1 < bytes.count && bytes[index] == UInt8(ascii: ".") && bytes[index + 1] == 0x20
    }
}

/// The patterns that recognise page furniture, from `rules/page-structure/furniture.yaml`.
struct FurnitureRules {
    private var continuation: [NSRegularExpression] = []
    /// True while every continuation pattern holds the letters "cont", so a line without them needs no matching.
    private(set) var continuationPatternsSayCont = true
    private var runningHeads: [NSRegularExpression] = []
    private var headings: [NSRegularExpression] = []
    private var smallWords = Set<String>()
    private var monthNames = Set<String>()

    init(library: RuleLibrary) throws {
        let path = "page-structure/furniture.yaml"
        guard let text = library.text(of: path) else { return }
        try add(text: text, file: library.displayName(of: path))
    }

    mutating func add(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleFileError(file: path, message: "no such rule file '\(path)'")
        }
        try add(text: String(decoding: data, as: UTF8.self), file: path)
    }

    mutating func add(text: String, file: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func located(_ message: String, _ node: Node?) -> RuleFileError {
            RuleFileError.at(node, in: file, lines: lines, message)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw RuleFileError(file: file, message: "not valid YAML: \(error)")
        }
        guard let mapping = root?.mapping else { throw located("expected a mapping of furniture rules", root) }
        let keys = ["version", "continuation-headers", "running-heads", "headings", "title-small-words", "month-names"]
        for (key, value) in mapping {
            guard let name = key.string, keys.contains(name) else {
                throw located("unknown key '\(key.string ?? "")'; expected one of \(quotedList(keys))", key)
            }
            if name == "version" { continue }
            guard let list = value.sequence else { throw located("expected a list for '\(name)'", value) }
            for item in list {
                guard let pattern = item.string else { throw located("expected a string in '\(name)'", item) }
                switch name {
                case "title-small-words": smallWords.insert(pattern.lowercased())
                case "month-names": monthNames.insert(pattern.lowercased())
                default:
                    if let problem = RegexSafety.problem(in: pattern) { throw located("pattern refused: \(problem)", item) }
                    let regex: NSRegularExpression
                    do {
                        regex = try NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [.caseInsensitive])
                    } catch {
                        throw located("pattern does not compile: \(pattern)", item)
                    }
                    switch name {
                    case "continuation-headers":
                        continuation.append(regex)
                        if !pattern.lowercased().contains("cont") { continuationPatternsSayCont = false }
                    case "headings": headings.append(regex)
                    default: runningHeads.append(regex)
                    }
                }
            }
        }
    }

    func isContinuationHeader(_ text: String) -> Bool { Self.matches(continuation, text) }

    /// A title's shape: all capitals, or every word capitalised but the small
    /// words; at most twelve words, and no comma, semicolon or period at its end.
    func looksLikeTitle(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (1...EdgeLine.maximumWords).contains(words.count), let last = text.last, !",;.".contains(last),
              text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return false }
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
        if letters.allSatisfy({ $0.properties.isUppercase }) { return true }
        return words.allSatisfy { word in
            guard let initial = word.unicodeScalars.first(where: { $0.properties.isAlphabetic }) else { return true }
            return initial.properties.isUppercase || smallWords.contains(word.lowercased())
        }
    }

    /// A heading that is content ("Document 37"), however much it looks like a running head.
    func isHeading(_ text: String) -> Bool { Self.matches(headings, text) }

    private static func matches(_ patterns: [NSRegularExpression], _ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return patterns.contains { $0.firstMatch(in: text, range: range) != nil }
    }

    /// The page number and title of a running head ("128 Closing Ranks",
    /// "Repression andLegality 109"), when the line has that shape.
    func runningHead(_ text: String) -> (Int, String)? {
        var words = text.split(separator: " ").map(String.init)
        guard words.count >= 2, words.count <= 8 else { return nil }
        let number: Int
        if let first = Int(words[0]), words[0].count <= 4 {
            number = first
            words.removeFirst()
        } else if let last = Int(words[words.count - 1]), words[words.count - 1].count <= 4 {
            number = last
            words.removeLast()
        } else {
            return nil
        }
        let title = words.joined(separator: " ")
        // A year is no page number: "Party Discipline in 1932" is a heading.
        guard number >= 1, !(1700...2099).contains(number) else { return nil }
        if Self.matches(runningHeads, title) { return (number, title) }
        // A title: a capital first, letters and a little punctuation (no comma: "Main
        // Committee, 319" is an index entry), and at least one word of three letters.
        // A year may stand in a title ("The Storm of 1937").
        let isYear = { (word: String) in word.count == 4 && Int(word).map { (1700...2099).contains($0) } == true }
        guard title.count <= 60, let first = title.unicodeScalars.first, first.properties.isUppercase,
              words.allSatisfy({ word in isYear(word) || word.unicodeScalars.allSatisfy {
                  $0.properties.isAlphabetic || "'’-:&".unicodeScalars.contains($0) } }),
              words.contains(where: { $0.count >= 3 && !isYear($0) }) else {
            return nil
        }
        // A date ("3 September 1933") is not a title.
        if monthNames.contains(words[0].lowercased()) || monthNames.contains(words[words.count - 1].lowercased()) { return nil }
        // Every word is capitalised or a small word, also when OCR glued them ("andLegality").
        for word in words where !isYear(word) {
            guard let initial = word.unicodeScalars.first else { continue }
            if initial.properties.isUppercase { continue }
            let lower = word.lowercased()
            if smallWords.contains(lower) { continue }
            let gluedToTitleWord = smallWords.contains { small in
                lower.hasPrefix(small) && word.count > small.count
                    && word.unicodeScalars.dropFirst(small.unicodeScalars.count).first?.properties.isUppercase == true
            }
            guard gluedToTitleWord else { return nil }
        }
        return (number, title)
    }

    /// A title compared without spaces or case, so OCR's lost spaces do not matter.
    static func titleKey(_ title: String) -> String {
        String(title.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic }.map(Character.init))
    }
}

/// Refuses regular expressions from rule files that can take exponential time
/// in a backtracking matcher (ICU's): a repeated group that holds a repetition,
/// like (a+)+ or (\w*)*, or alternatives, like (a|ab)*, and back-references
/// (\1, \k<name>), with which matching is NP-hard. Bounded repetition of a
/// plain group, (ab){2}, and alternatives that are not repeated, (cont|contd),
/// stay allowed.
enum RegexSafety {
    static func problem(in pattern: String) -> String? {
        if pattern.count > 500 { return "longer than 500 characters" }
        // Per open group: holds a quantifier; holds alternatives.
        var stack: [(repeats: Bool, alternates: Bool)] = []
        var escaped = false
        var inClass = false
        let characters = Array(pattern)
        for (index, character) in characters.enumerated() {
            if escaped {
                escaped = false
                if !inClass && (character.isNumber && character != "0" || character == "k") {
                    return "a back-reference (\\\(character)), which can take exponential time"
                }
                continue
            }
            switch character {
            case "\\": escaped = true
            case "[": inClass = true
            case "]": inClass = false
            case "(" where !inClass: stack.append((false, false))
            case "|" where !inClass && !stack.isEmpty: stack[stack.count - 1].alternates = true
            case ")" where !inClass:
                let inner = stack.popLast() ?? (false, false)
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                if "*+{".contains(next) {
                    if inner.repeats { return "a repeated group holds a repetition (nested quantifier), which can run away" }
                    if inner.alternates { return "a repeated group holds alternatives ((a|ab)*), which can run away" }
                }
                if inner.repeats || "*+?{".contains(next), !stack.isEmpty { stack[stack.count - 1].repeats = true }
            case "*", "+", "{":
                if !inClass && !stack.isEmpty { stack[stack.count - 1].repeats = true }
            default: break
            }
        }
        return nil
    }
}
