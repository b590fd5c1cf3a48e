/// The furniture of one book, learned from what its page edges repeat
/// (`PageSurvey`): the title keys of its running heads and feet, and the
/// offset that turns a page's index into its folio.
///
/// Decides one line at a page edge; the stage says where the edges are.
/// Changes nothing itself.
struct LearnedFurniture {
    /// Title keys that stand at the edges of at least three pages.
    private var heads: Set<[UInt8]> = []
    private var headList: [[UInt8]] = []
    /// Learned heads the book prints without a folio, on three pages or more
    /// and on at least half the pages that carry them.
    private var headsWithoutFolio: Set<[UInt8]> = []
    /// Folio minus page index, when the pages agree on it.
    private(set) var folioOffset: Int?
    /// True when the stage should look for furniture at page edges: the
    /// document marks its pages (form feeds, page separator lines), or, for
    /// pages that end at runs of blank lines, their edges repeat a head.
    private(set) var marksPages = false

    /// Pages a title must head (or foot) before it is taken for furniture.
    static let minimumPages = 3

    init() {}

    init(_ survey: PageSurvey) {
        headList = survey.learnedHeads(minimumPages: Self.minimumPages)
        heads = Set(headList)
        headsWithoutFolio = Set(headList.filter { key in
            let without = survey.pagesWithoutFolio(key)
            return without >= Self.minimumPages && without * 2 >= survey.pages(of: key)
        })
        folioOffset = survey.folioOffset
        marksPages = survey.pagesEndAtBlankRuns ? !headList.isEmpty : survey.separators >= 2
    }

    /// The learned head `key` is, or OCR's variant of, if any.
    func head(_ key: [UInt8]) -> [UInt8]? {
        guard key.count >= 3 else { return nil }
        if heads.contains(key) { return key }
        let tolerance = PageSurvey.tolerance(key.count)
        guard tolerance > 0 else { return nil }
        return headList.first { EdgeLine.distance($0, key, limit: tolerance) != nil }
    }

    /// True when `key` is a learned head with one to three letters more at
    /// its start or end: a folio OCR read as letters, where a chapter's
    /// title, printed like its head, has none.
    func headWithGarbledFolio(_ key: [UInt8]) -> Bool {
        for extra in 1...3 where key.count - extra >= 3 {
            for trimmed in [Array(key.dropFirst(extra)), Array(key.dropLast(extra))] {
                guard let head = head(trimmed) else { continue }
                // The letters cut off must bring the key nearer its head: "ppendix..." is no head with a folio.
                let limit = PageSurvey.tolerance(head.count) + extra
                let whole = EdgeLine.distance(head, key, limit: limit) ?? limit + 1
                if (EdgeLine.distance(head, trimmed, limit: limit) ?? limit + 1) < whole { return true }
            }
        }
        return false
    }

    /// The folio page `index` should carry, when the book's folios are known.
    func expectedFolio(page index: Int) -> Int? { folioOffset.map { index + $0 } }

    /// What a line standing apart at a page's edge is: a folio the page
    /// expects (also misread: "l6"), a title the book's pages repeat (with
    /// its folio; without one where the book prints it so, or where the page
    /// `goesOn` mid-sentence, for a chapter's title stands once without a
    /// folio before its heads), or a short title with the expected folio; nil
    /// when none of these holds (the stage's other tests still apply).
    func furniture(_ edge: EdgeLine, page index: Int, goesOn: () -> Bool) -> PageStructure.FurnitureKind? {
        let expected = expectedFolio(page: index)
        let title = String(decoding: edge.key, as: UTF8.self)
        if edge.isLoneFolio {
            guard let folio = edge.folio, let expected else { return nil }
            return edge.folioMatches(expected) ? .folio(folio) : nil
        }
        if let head = head(edge.key) {
            if let folio = edge.folio { return .runningHead(number: folio, title: title) }
            if headsWithoutFolio.contains(head) || goesOn() { return .learnedHead(title: title) }
        }
        // A folio OCR read as letters ("Infancy and Schooldays B", "av My Life as an Author").
        if edge.folio == nil, headWithGarbledFolio(edge.key) { return .learnedHead(title: title) }
        if edge.folio == nil { return nil }
        if let folio = edge.folio, let expected, edge.folioMatches(expected), edge.folioText.count == String(expected).count {
            return .runningHead(number: folio, title: title)
        }
        return nil
    }
}

/// Where the stage stands in the document's pages: the page's index (page
/// separators passed) and the lines of text decided on it so far.
struct PagePosition {
    var index = 0
    var textLines = 0
    /// True when a run of two blank lines also starts a page (a document whose pages are not marked).
    var byBlankRuns = false
    /// Blank lines right before (and including) this one.
    var blankRun = 0

    /// The position of `line` itself: a line with a form feed or a page
    /// separator starts a page, and so, by blank runs, a second blank line in a row.
    func entering(_ line: Line) -> PagePosition {
        var next = self
        if Self.startsPage(line) {
            (next.index, next.textLines) = (index + 1, 0)
        }
        guard byBlankRuns else { return next }
        if PageStructure.isBlank(line) {
            next.blankRun += 1
            if next.blankRun == 2 { (next.index, next.textLines) = (index + 1, 0) }
        } else {
            next.blankRun = 0
        }
        return next
    }

    /// Moves past `line`, decided as text or not. A line without a letter or
    /// a digit (a rule OCR read as "—") leaves the page's top edge where it was.
    mutating func pass(_ line: Line, isText: Bool) {
        self = entering(line)
        if isText && Self.holdsLetterOrDigit(line.bytes) { textLines += 1 }
    }

    static func holdsLetterOrDigit(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(where: { ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }) { return true }
        guard bytes.contains(where: { $0 >= 0x80 }) else { return false }
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.contains {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }
    }

    static func startsPage(_ line: Line) -> Bool {
        line.bytes.withUnsafeBufferPointer(PageSurvey.containsFormFeed)
            || (line.bytes.first == UInt8(ascii: "-") && PageSurvey.isProofreadersSeparator(line.bytes))
    }
}
