/// Furniture finding: which lines at a page's edge are page furniture (a
/// running head or foot, a lone folio, a continuation header, a page
/// separator line), judged from what the book's own page edges repeat
/// (`LearnedFurniture`, learned from a `PageSurvey`), from the patterns of the
/// rule files (`FurnitureRules`) and from the rising sequence of page numbers.
///
/// Keeps the evidence of the furniture accepted so far (the folios, the
/// titles, the heads met at page tops). Changes no line: the driver removes
/// the lines it finds and reports them. Never takes a line longer than 120
/// bytes or a piece of a cut line, and never takes a content heading the
/// rule files name ("Document 37") for a head or a folio.
struct FurnitureFinder {
    private let rules: FurnitureRules
    /// The page edges of the whole document (handed by `learn(from:)`), or of the lines seen so far.
    private var pageSurvey = PageSurvey()
    private(set) var surveyIsHanded = false
    /// Pending lines already counted into `pageSurvey` (not handed one).
    private var countedPending = 0
    /// The heads and folios learned from `pageSurvey`, and the separators counted when they were.
    private(set) var learned = LearnedFurniture()
    private var learnedAtSeparators = -1
    /// The first and the last page number accepted, with their input lines:
    /// together they give the book's pages per line.
    private var firstFolio: (number: Int, line: Int)?
    private var lastFolio: (number: Int, line: Int)?
    private var knownTitles = Set<String>()
    /// Pages before the current one whose top edge held furniture, and the last of them.
    private var pagesWithTopFurniture = 0
    private var lastPageWithTopFurniture = -1
    /// Learned heads met at a page's top so far (`noteHeadSighting`).
    private(set) var seenHeads = Set<ByteKey>()
    /// Keys of the last titles printed near page tops, and of the block of lines in progress.
    private(set) var recentTitles: [(page: Int, key: [UInt8])] = []
    private(set) var topBlock: [UInt8] = []

    /// The built-in furniture patterns, or those of `rulesDirectory`, and those of the rule file `extra`.
    init(rulesDirectory: String?, extra: String?) throws {
        var rules = try FurnitureRules(library: try RuleLibrary(checking: rulesDirectory))
        if let extra { try rules.add(path: extra) }
        self.rules = rules
    }

    /// Learns the book's heads and folios from the survey of the whole document.
    mutating func learn(from survey: PageSurvey) {
        surveyIsHanded = true
        pageSurvey = survey
        learned = LearnedFurniture(pageSurvey, isContent: isContentHeading)
    }

    /// Without a survey of the whole document, the page edges seen so far
    /// teach the heads: learned again at each of the first pages, then every 32.
    mutating func learn(fromPending pending: [Line]) {
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

    /// The first `count` pending lines are decided and gone.
    mutating func forget(decided count: Int) {
        countedPending = max(0, countedPending - count)
    }

    /// True when a learned title key is a heading's word that the rule file
    /// keeps as content: "Document 1", "Document 2" teach the key "document".
    private func isContentHeading(_ key: [UInt8]) -> Bool {
        rules.isHeading(String(decoding: key, as: UTF8.self) + " 1")
    }

    /// The error for a furniture pattern that ran over its time limit while
    /// the lines of `pending` were decided, naming the input line it searched.
    func overrunError(in pending: [Line], stage: String) -> StageError? {
        guard let overrun = rules.overrun.take() else { return nil }
        let line = pending.first { Self.trimmedText($0.bytes).contains(overrun.text) }?.number ?? 0
        return StageError.ruleTooSlow(stage: stage, rule: overrun.rule, line: line, seconds: TimedRegexSearch.timeLimit)
    }

    /// What furniture the line at `index` is, judged with its neighbours and
    /// its place on the page (`position`, its own); `zoneStart` is where the
    /// run of blank lines and furniture it belongs to began, `zoneFolio` a
    /// page number already accepted in it, and `written` the text before `lines`.
    /// `shape`, when given, is the line's `CandidateShape` read already
    /// (`isPlainText`): the same answer, the line's bytes not read for it again.
    func kind(_ lines: [Line], _ index: Int, position: PagePosition, zoneStart: Int,
              after zoneFolio: (number: Int, line: Int)? = nil,
              written: WrittenText, pages: PageSegmentation, shape knownShape: CandidateShape?? = .none) -> FurnitureKind? {
        guard lines[index].bytes.count <= 120, lines[index].ending != .split, !lines[index].isContinuation else { return nil }
        if PageSurvey.isProofreadersSeparator(lines[index].bytes) { return .pageSeparator }
        if learned.marksPages, let kind = edgeFurniture(lines, index, position: position, zoneStart: zoneStart, written: written, pages: pages) {
            return kind
        }
        guard let shape = knownShape ?? CandidateShape(lines[index].bytes) else { return nil }
        let mayBeContinuation = shape.mayContinue && (shape.saysCont || !rules.continuationPatternsSayCont)
        guard mayBeContinuation || shape.hasNumberAtAnEnd else { return nil }
        let text = Self.trimmedText(lines[index].bytes)
        if mayBeContinuation, rules.isContinuationHeader(text) {
            return .continuation
        }
        // Where the pages are marked and their folios known, the learned furniture alone decides.
        guard shape.hasNumberAtAnEnd, !(learned.marksPages && learned.folioOffset != nil) else {
            return nil
        }
        // Read once: the shape of a running head is asked again below.
        let runningHead = rules.runningHead(text)
        let looksLikeHead = runningHead != nil || (Int(text) != nil && text.count <= 4)
        guard looksLikeHead, !rules.isHeading(text) else { return nil }
        let blankBefore = index == 0 ? written.lastWasBlank : PageSegmentation.isBlank(lines[index - 1])
        let blankAfter = index + 1 < lines.count && PageSegmentation.isBlank(lines[index + 1])
        let previous = zoneFolio ?? lastFolio
        if let number = Int(text), text.count <= 4, !(1700...2099).contains(number) {
            // A lone page number stands at a page's foot or head, after a blank line
            // (an index entry's page reference runs on from the text above it), and
            // not among other numbers (a table's column).
            guard blankBefore, number > 0, !Self.standsAmongNumbers(lines, index) else { return nil }
            // With no count yet, the first page number needs a page break of its own beside it.
            if previous == nil && !(PageSegmentation.blankRun(lines, before: index) >= 2 || PageSegmentation.blankRun(lines, after: index) >= 2) { return nil }
            return isPlausibleFolio(number, at: lines[index].number, after: previous, strongContext: true) ? .folio(number) : nil
        }
        guard let (number, title) = runningHead else { return nil }
        let known = knownTitles.contains(FurnitureRules.titleKey(title))
        // The first running head stands apart from the text below it, or beside a page break (two
        // blank lines, a form feed, the start of the text): "Psalm 23" over its psalm is a heading.
        let atDocumentStart = written.lastText.isEmpty && index == 0 && blankAfter
        let pageBreakBeside = PageSegmentation.blankRun(lines, before: index) >= 2 || PageSegmentation.blankRun(lines, after: index) >= 2
            || lines[index].bytes.first == 0x0C || (index + 1 < lines.count && lines[index + 1].bytes.first == 0x0C) || atDocumentStart
        if previous == nil && !known && (!(pageBreakBeside || blankAfter) || number < 2 || learned.blankRunsPartSections) { return nil }
        // A line of a table of contents or an index: the line right above or below ends in a number too.
        if Self.touchesLineEndingInNumber(lines, index, before: index == 0 && !written.lastWasBlank ? written.lastText : nil) { return nil }
        return isPlausibleFolio(number, at: lines[index].number, after: previous, strongContext: blankBefore || blankAfter || known)
            ? .runningHead(number: number, title: title) : nil
    }

    /// True when `kind` of `line`, the first of its zone, is nil for certain
    /// (most lines of a page's body): too long, or a piece of a cut line; or no
    /// page separator, of no `CandidateShape`, and, in a document that marks its
    /// pages, below text of its page with a line of text right above it
    /// (`textAbove`: `edgeFurniture` takes none such). Decides nothing `kind`
    /// would not; reads no line but this one.
    @inline(__always)
    func isPlainText(_ line: Line, textAbove: Bool, position: PagePosition) -> Bool {
        var shape: CandidateShape?? = .none
        return isPlainText(line, textAbove: textAbove, position: position, shape: &shape)
    }

    /// `isPlainText`, handing back the line's `CandidateShape` when it was
    /// read (`shape` is left `.none` when it was not), for `kind` to take.
    @inline(__always)
    func isPlainText(_ line: Line, textAbove: Bool, position: PagePosition, shape: inout CandidateShape??) -> Bool {
        if line.bytes.count > 120 || line.ending == .split || line.isContinuation { return true }
        if learned.marksPages && !(position.textLines > 0 && textAbove) { return false }
        if PageSurvey.isProofreadersSeparator(line.bytes) { return false }
        let read = CandidateShape(line.bytes)
        shape = .some(read)
        return read == nil
    }

    /// The zone of blank lines and furniture that starts at `lines[start]`
    /// (`PageSegmentation.zone`), each line judged by `kind`, up to the next
    /// line of text; at most one page number, rising. (The finder is handed
    /// to the judging closure, not captured by it: a closure that captured
    /// it copied the whole finder, its every table retained, for each zone.)
    func zone(of lines: [Line], from start: Int, limit: Int, maximumLines: Int,
              written: WrittenText, pages: PageSegmentation) -> PageBreakZone {
        var zoneFolio: (number: Int, line: Int)?
        return pages.zone(in: lines, from: start, limit: limit, maximumLines: maximumLines, judge: self) { finder, end, zonePosition in
            guard let kind = finder.kind(lines, end, position: zonePosition, zoneStart: start, after: zoneFolio,
                                         written: written, pages: pages) else { return nil }
            if let number = kind.pageNumber { zoneFolio = (number, lines[end].number) }
            return kind
        }
    }

    /// Furniture at a page's edge in a document that marks its pages: a line
    /// before any text of its page, or with only blank lines (and one more
    /// short line) between it and the next page, that stands apart from the
    /// text on its inner side, and that the book's learned heads and folios
    /// (`LearnedFurniture`) recognise. Content headings ("Document 37") stay.
    private func edgeFurniture(_ lines: [Line], _ index: Int, position: PagePosition, zoneStart: Int,
                               written: WrittenText, pages: PageSegmentation) -> FurnitureKind? {
        // Apart from the line before it: a blank line or furniture before it.
        let apartBefore = index > zoneStart || (index == 0 ? written.lastWasBlank : PageSegmentation.isBlank(lines[index - 1]))
        let line = lines[index]
        // Below text of its page and right under more of it (most lines): no edge, unless it is
        // the page's last line with a digit near an end (`touchesText`). Asked before any byte of
        // the line is read but its length and those near its ends; the guards below say the same.
        if position.textLines > 0 && !apartBefore && !(Self.mayTouchWithFolio(line)
            && (Self.endsPage(lines, index) || index + 1 == lines.count && pages.inputEnded)) {
            return nil
        }
        guard line.bytes.count <= EdgeLine.maximumBytes + 1 else { return nil }
        // At the top, apart from the text below it: a blank line, the next page or the end follows;
        // before any text of its page, or below only a scrap OCR made of the page's edge, where it
        // is a head the book's pages repeat.
        let apartAfter = index + 1 < lines.count ? PageSegmentation.isBlank(lines[index + 1]) || PagePosition.startsPage(lines[index + 1]) : pages.inputEnded
        // OCR that sets no blank line between a page's edge and its text (tesseract's `--psm 6`):
        // the page's first line right over text, or its last right under text. Taken only as a
        // head or foot with the folio the book's count expects of the page (below).
        let touchesText = position.textLines == 0 ? !apartAfter : !apartBefore
        // A head without a folio over the text: only in a book that prints its heads so.
        let touchesWithoutFolio = touchesText && position.textLines == 0 && learned.printsHeadsWithoutFolio
        if touchesText && !touchesWithoutFolio
            && !(learned.expectedFolio(page: position.index) != nil && Self.mayTouchWithFolio(line)) { return nil }
        var atTop = position.textLines == 0
        if !atTop {
            // At the foot, below text of its page.
            guard position.textLines > 0 else { return nil }
            if position.textLines == 1, position.firstLineIsScrap, apartAfter {
                atTop = EdgeLine.read(Self.withoutFormFeeds(line.bytes)).map { self.learned.head($0.key) != nil } ?? false
            }
            guard atTop || pages.isNearPageEnd(lines, index) else { return nil }
        }
        // Read without its form feeds once the line may be at an edge (most lines are not).
        let bytes = Self.withoutFormFeeds(line.bytes)
        guard let edge = EdgeLine.read(bytes) else { return nil }
        let text = Self.trimmedText(bytes)
        // The closures below capture these parts alone: a closure that captured `self`
        // copied the whole finder, each of its arrays and tables retained, on every edge line.
        let rules = self.rules, learned = self.learned, seenHeads = self.seenHeads, recentTitles = self.recentTitles
        // A footnote ("38. RTsKhIDNI, f. 17"), a content heading ("Document 37") and a date stay
        // (tested once a rule below would take the line: most edge lines are text).
        let isContent = { rules.isHeading(text) || rules.isDate(text)
            || (!edge.isLoneFolio && FootnoteShape.isFootnoteStart(bytes) && !learned.isHeadWithItsFolio(edge, page: position.index)) }
        // Last on its page: after it at most a scrap OCR made of the page's edge ("ee, err"), no number.
        let lastOnPage = !atTop && pages.isNearPageEnd(lines, index, allowingOthers: 1, otherBytes: 12)
        let amongNumbers = Self.standsAmongNumbers(lines, index)
        let context = LearnedFurniture.Context(
            atTop: atTop, lastOnPage: lastOnPage, amongNumbers: amongNumbers,
            titleLike: { rules.looksLikeTitle(text) && !FurnitureRules.endsLikeIndexEntry(text) },
            headsEveryPage: headsEveryPage(before: position.index),
            goesOn: { Self.pageGoesOnMidSentence(lines, after: index) },
            previousPageRunsOn: !written.lastText.isEmpty && !written.lastIsFootnote && !ParagraphJoining.endsSentence(written.lastText)
                && ParagraphJoining.endsMidSentence(written.lastText),
            firstSighting: { !seenHeads.contains(ByteKey($0)) && !Self.titlePrintedBefore($0, page: position.index, in: recentTitles) },
            lastLineOfPage: !atTop && pages.isNearPageEnd(lines, index, allowingOthers: 0))
        if touchesText && edge.folio == nil {
            // A head the book prints without a folio on a quarter of its pages or more, learned from
            // them, at a page's top over its text: as `learned.furniture` takes such a head apart.
            guard touchesWithoutFolio, let head = learned.head(edge.key), learned.printsWithoutFolio(head),
                  case .learnedHead? = learned.furniture(edge, page: position.index, context) else { return nil }
            return isContent() ? nil : .learnedHead(title: String(decoding: edge.key, as: UTF8.self))
        }
        if touchesText {
            // No blank line parts it from the text: only the page's folio alone, a head the book's
            // pages repeat (learned from them, not from one page), or a title (a capital first, no
            // sentence's end) with its folio after it, each with its page's folio. A line of text that
            // ends in the page's number ("which he did on May 14.", "of the Guard 18") stays.
            let startsWithCapital = text.unicodeScalars.first { $0.properties.isAlphabetic }?.properties.isUppercase ?? false
            guard let expected = learned.expectedFolio(page: position.index), edge.folioMatches(expected),
                  edge.isLoneFolio || learned.head(edge.key) != nil
                    || !edge.folioMayBeAReference && startsWithCapital && context.titleLike(),
                  let kind = learned.furniture(edge, page: position.index, context), kind.pageNumber != nil else { return nil }
            return isContent() ? nil : kind
        }
        if let kind = learned.furniture(edge, page: position.index, context) { return isContent() ? nil : kind }
        // A lone folio where the book's folios are not known yet: it must follow the last one seen.
        if edge.isLoneFolio, edge.folioIsExact, learned.folioOffset == nil, let number = edge.folio, atTop || lastOnPage,
           !amongNumbers, isPlausibleFolio(number, at: line.number, after: lastFolio, strongContext: true), !isContent() {
            return .folio(number)
        }
        if atTop, !edge.key.isEmpty, headsEveryPage(before: position.index), rules.looksLikeTitle(text),
           Self.pageGoesOnMidSentence(lines, after: index), !isContent() {
            return .learnedHead(title: String(decoding: edge.key, as: UTF8.self))
        }
        return nil
    }

    /// The line's bytes without its form feeds (the same array when it has
    /// none, found by `memchr`: most lines have none).
    private static func withoutFormFeeds(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer(PageSurvey.containsFormFeed) ? bytes.filter { $0 != 0x0C } : bytes
    }

    /// A line's text without form feeds and without the white space around it
    /// (Foundation's `.whitespaces`: cut on the bytes when it is ASCII).
    private static func trimmedText(_ bytes: [UInt8]) -> String {
        let kept = withoutFormFeeds(bytes)
        var first = kept.startIndex, last = kept.endIndex
        while first < last, kept[first] == 0x20 || kept[first] == 0x09 { first += 1 }
        while last > first, kept[last - 1] == 0x20 || kept[last - 1] == 0x09 { last -= 1 }
        let text = String(decoding: kept[first..<last], as: UTF8.self)
        guard first < last, kept[first] < 0x80, kept[last - 1] < 0x80 else { return text.trimmingCharacters(in: .whitespaces) }
        return text
    }

    /// True when `line` is short enough for furniture and has a digit near an
    /// end (`PageSurvey.hasDigitNearAnEnd`): it may be a head or foot with its
    /// folio that no blank line parts from the text.
    private static func mayTouchWithFolio(_ line: Line) -> Bool {
        line.bytes.count <= EdgeLine.maximumBytes + 1 && line.bytes.withUnsafeBufferPointer(PageSurvey.hasDigitNearAnEnd)
    }

    /// True when the line after the one at `index` starts the next page: a
    /// form feed glued to it (as tesseract joins pages) or a separator line.
    private static func endsPage(_ lines: [Line], _ index: Int) -> Bool {
        index + 1 < lines.count && PagePosition.startsPage(lines[index + 1])
    }

    /// True when at least two thirds of the pages before `page` (four or
    /// more) had furniture at their top: the book heads every page, so a
    /// title at the top of this one is its head, though seen only here (the
    /// head of a short chapter).
    private func headsEveryPage(before page: Int) -> Bool {
        let pages = page - (lastPageWithTopFurniture == page ? 1 : 0)
        return page >= 4 && pagesWithTopFurniture * 3 >= pages * 2
    }

    /// True when the first line of text after the line at `index` starts in
    /// lower case: the page goes on with a sentence, so no chapter or section
    /// title stands between.
    private static func pageGoesOnMidSentence(_ lines: [Line], after index: Int) -> Bool {
        for next in (index + 1)..<min(lines.count, index + PageSegmentation.lookahead + 1) where !PageSegmentation.isBlank(lines[next]) {
            // A line of running text: a title page's "of the" is none.
            guard lines[next].bytes.count >= 40, let first = lines[next].bytes.first(where: { $0 != 0x20 && $0 != 0x0C }) else {
                return false
            }
            return first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")
        }
        return false
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

    /// True when the line right before or after the one at `index` (no blank
    /// line between) ends in a digit: "The River  15" under "The Old Mill  1".
    /// `before` is the line written just before when it is no longer among `lines`.
    private static func touchesLineEndingInNumber(_ lines: [Line], _ index: Int, before: [UInt8]? = nil) -> Bool {
        let endsInDigit = { (bytes: [UInt8]) -> Bool in
            guard let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
            return bytes[last] >= UInt8(ascii: "0") && bytes[last] <= UInt8(ascii: "9")
        }
        return (index > 0 ? endsInDigit(lines[index - 1].bytes) : before.map(endsInDigit) ?? false)
            || (index + 1 < lines.count && endsInDigit(lines[index + 1].bytes))
    }

    /// Lines (about 120 pages) after which a page number that does not fit the
    /// count may start a new one (with a page break beside it), so that one wrong
    /// number cannot mislead the rest of a book.
    private static let chainExpiry = 6000

    /// Remembers a learned head met at the top of a page, kept as text (a
    /// chapter's title printed like its head) or removed: the next time it is a head.
    ///
    /// Also keeps the titles printed near page tops (the lines of one block
    /// joined: "Document 1. Resolution of the / Central Committee Plenum"): a
    /// head met for the first time whose title such a line held with more
    /// ("Document 1.") on one of the last three pages is a head, the title
    /// having been printed before it (a table of contents is further back).
    @inline(__always)
    mutating func noteHeadSighting(_ line: Line, position: PagePosition) {
        // Below a page's first lines, no block of them in progress (most lines): nothing to note.
        guard learned.marksPages, position.textLines < 4 || !topBlock.isEmpty else { return }
        noteTopLine(line, position: position)
    }

    /// `noteHeadSighting` of a line near a page's top, or of the first one below its top block.
    mutating func noteTopLine(_ line: Line, position: PagePosition) {
        if position.textLines < 4, line.bytes.count <= EdgeLine.maximumBytes + 1 {
            EdgeLine.appendKey(of: line.bytes, to: &topBlock)
            recentTitles.removeAll { $0.page < position.index - 2 }
            if recentTitles.count >= 64 { recentTitles.removeFirst() }
            recentTitles.append((position.index, topBlock))
        } else if !topBlock.isEmpty {
            topBlock.removeAll()
        }
        guard position.textLines == 0, line.bytes.count <= EdgeLine.maximumBytes + 1,
              let edge = EdgeLine.read(line.bytes, without: { $0 == 0x0C }), let head = learned.head(edge.key) else { return }
        seenHeads.insert(ByteKey(head))
    }

    /// True when a title printed near the top of one of the last three pages held `head` and more.
    private static func titlePrintedBefore(_ head: [UInt8], page: Int, in recentTitles: [(page: Int, key: [UInt8])]) -> Bool {
        recentTitles.contains { printedOn, title in
            printedOn >= page - 2 &&
            title.count > head.count && title.indices.dropLast(head.count - 1).contains { title[$0...].starts(with: head) }
        }
    }

    /// Takes the furniture of a page break's zone as the book's: its folios
    /// continue the count, its titles and heads are known from now on.
    mutating func accept(_ zone: PageBreakZone, of lines: [Line]) {
        for (index, kind) in zone.furniture { accept(lines[index], kind) }
        if let page = zone.topFurniturePage, page != lastPageWithTopFurniture {
            pagesWithTopFurniture += 1
            lastPageWithTopFurniture = page
        }
    }

    private mutating func accept(_ line: Line, _ kind: FurnitureKind) {
        if let number = kind.pageNumber {
            if let last = lastFolio, line.number - last.line > Self.chainExpiry || number <= last.number { firstFolio = nil }
            if firstFolio == nil { firstFolio = (number, line.number) }
            lastFolio = (number, line.number)
        }
        if case .runningHead(_, let title) = kind { knownTitles.insert(FurnitureRules.titleKey(title)) }
        if learned.marksPages, line.bytes.count <= EdgeLine.maximumBytes + 1,
           let edge = EdgeLine.read(line.bytes, without: { $0 == 0x0C }), let head = learned.head(edge.key) {
            seenHeads.insert(ByteKey(head))
        }
    }

    /// True when the nearest line of text before or after (across blank lines, up
    /// to two) is itself a number: "750" in a column of figures is no page number.
    private static func standsAmongNumbers(_ lines: [Line], _ index: Int) -> Bool {
        // Digits, commas and points alone, besides spaces, and at least one of them (read in place, no copy made).
        let isFigure = { (line: Line) -> Bool in
            var holdsOne = false
            for byte in line.bytes where byte != 0x20 {
                guard (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") else {
                    return false
                }
                holdsOne = true
            }
            return holdsOne
        }
        for step in [-1, 1] {
            var position = index + step
            var blanks = 0
            while position >= 0, position < lines.count, PageSegmentation.isBlank(lines[position]), blanks < 2 { position += step; blanks += 1 }
            if position >= 0, position < lines.count, isFigure(lines[position]) { return true }
        }
        return false
    }
}

/// What a line of page furniture is, and the rule its removal is reported under.
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
